"""What render does to the filled document besides the template: the flow across pages that only
the filled document knows (merged rows, the paragraph before the 落款) and the document properties.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn

from generator.data.model import Unit
from generator.report.docx_text import XmlElement

if TYPE_CHECKING:
    from docx.document import Document
    from docx.opc.coreprops import CoreProperties

SIGNATURE_STYLE = "落款"


def _text(el: XmlElement) -> str:
    return "".join(t.text or "" for t in el.iter(qn("w:t")))


P, PPR, PSTYLE, KEEP_NEXT, VAL = (qn(f"w:{t}") for t in ("p", "pPr", "pStyle", "keepNext", "val"))
TR_PR, TBL_PR_EX, CANT_SPLIT = (qn(f"w:{t}") for t in ("trPr", "tblPrEx", "cantSplit"))


def _child(parent: XmlElement, tag: str, after: str | None = None) -> XmlElement:
    """parent's `tag` child, made if missing: first, or right after its `after` child; where
    python-docx's get_or_add puts it (written out: its search for successors is what a long
    table spends most of its time on)."""
    found = parent.find(tag)
    if found is not None:
        return found
    made = parent.makeelement(tag, {})
    first = parent[0] if len(parent) else None
    if after is not None and first is not None and first.tag == after:
        first.addnext(made)
    else:
        parent.insert(0, made)
    return made


def keep_with_next(el: XmlElement) -> None:
    """Keep a paragraph, or every paragraph of a table row, on the page of what follows."""
    paragraphs = [el] if el.tag == P else el.iter(P)
    for p in paragraphs:
        # p.get_or_add_pPr().keepNext_val = True: keepNext follows only pStyle in w:pPr
        keep = _child(_child(p, PPR), KEEP_NEXT, after=PSTYLE)
        keep.attrib.pop(VAL, None)  # on, as w:val's default


# Rows of one merged cell kept on one page at most: a longer run fills more than a page, so
# it breaks anyway, and keeping it would first move all of it to a new page, leaving a gap.
KEPT_ROWS = 20


def keep_rows_together(tr_list: Sequence[XmlElement], runs: list[tuple[int, int]]) -> None:
    """Rows first..last of each run stay on one page: none may split, each keeps with the next.

    Runs nest (a 一级 cell spans its 二级 cells): each row is marked once. A run of more than
    KEPT_ROWS rows only keeps each row whole.
    """
    for r in sorted({r for first, last in runs for r in range(first, last + 1)}):
        trPr = _child(tr_list[r], TR_PR, after=TBL_PR_EX)
        if trPr.find(CANT_SPLIT) is None:
            trPr.append(trPr.makeelement(CANT_SPLIT, {}))
    kept = [(first, last) for first, last in runs if last - first < KEPT_ROWS]
    for r in sorted({r for first, last in kept for r in range(first, last)}):
        keep_with_next(tr_list[r])


def style_names(doc: Document) -> dict[str, str]:
    """Paragraph style id → name, as python-docx names them; a template's styles are the same in
    every report, so the prepared template reads them once."""
    return {s.style_id: s.name for s in doc.styles if s.type == WD_STYLE_TYPE.PARAGRAPH}


def _style_name(styles: Mapping[str, str], p: XmlElement) -> str | None:
    ps = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return None if ps is None else styles.get(ps.get(qn("w:val")))


def keep_signature_with_text(body: XmlElement, styles: Mapping[str, str]) -> None:
    """The 落款 never stands alone on a page: the last text before it keeps with it.

    The template can mark its own blank lines, but the paragraph before them is often the last
    item of a loop, which the template cannot single out; so it is marked here, in every format.
    """
    children = list(body.iterchildren())
    first = next(
        (
            i
            for i, el in enumerate(children)
            if el.tag == qn("w:p") and _style_name(styles, el) == SIGNATURE_STYLE
        ),
        None,
    )
    if first is None:
        return
    for el in reversed(children[:first]):
        if el.tag == qn("w:tbl"):
            keep_with_next(el.findall(qn("w:tr"))[-1])
            return
        if el.tag != qn("w:p"):
            continue
        if el.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None:
            return  # a section ends here: the 落款 opens the next one
        keep_with_next(el)
        if _text(el).strip():
            return


def title_of(body: XmlElement, styles: Mapping[str, str], unit: Unit) -> str:
    """The report's title as its first page prints it: the Title paragraphs, and the Subtitle
    when the title alone does not name the unit (部门整体绩效评价报告——某某办事处（2023年度）)."""
    titles: list[str] = []
    subtitles: list[str] = []
    for el in body.iterchildren():
        if el.tag != qn("w:p"):
            break
        name = _style_name(styles, el)
        text = _text(el).strip()
        if name == "Title" and text:
            titles.append(text)
        elif name == "Subtitle" and text:
            subtitles.append(text)
        elif text:
            break
    title, subtitle = "".join(titles), "".join(subtitles)
    if not title:  # a template without a Title paragraph
        return f"{unit.name}{unit.year}年度绩效自评报告"
    named = any(n and n in title for n in (unit.name, unit.short_name))
    return title if named or not subtitle else f"{title}——{subtitle}"


def set_properties(
    props: CoreProperties,
    body: XmlElement,
    styles: Mapping[str, str],
    unit: Unit,
    stamp: datetime,
) -> None:
    """File → Properties as a reviewer expects them: the report's title, the unit as author, zh-CN.

    Fixed dates from the year keep the output byte-for-byte reproducible.
    """
    props.title = title_of(body, styles, unit)[:255]  # Word's limit; python-docx refuses longer
    author = (unit.author or unit.name)[:255]
    props.author = author
    props.last_modified_by = author
    props.language = "zh-CN"
    props.created = props.modified = stamp
    props.revision = 1
