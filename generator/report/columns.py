"""Column widths from what the filled table holds, within the width the template gave the table.

A template fixes its columns before it knows the unit's indicator names: three equal name columns
break "活动项目实际完成率" as "活动项目实际完成/率" while the 评分标准 column beside them has room
to spare. Once filled, each column gets at least its widest unbreakable word (a name or a number
is one word; a sentence breaks between characters), then what is left goes to the columns whose
text would otherwise wrap, in proportion to how much more they need (as a browser lays out an
automatic table). The table keeps its total width, never wider than the text block.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn

from generator.report.docx_text import XmlElement

if TYPE_CHECKING:
    from docx.document import Document

TBL, TR, TC, P, R, T = (qn(f"w:{t}") for t in ("tbl", "tr", "tc", "p", "r", "t"))
VAL, W_ = qn("w:val"), qn("w:w")
DEFAULT_SIZE = 21  # half-points: 五号 (10.5 pt), when neither run nor style says
DEFAULT_MARGIN = 108  # twips: Word's default left and right cell margin
TERM_EMS = 10  # a name up to this wide is one word; a longer one may take two lines
SENTENCE_EMS = 4  # narrowest column for running text
# Where running text may break: after spaces and Chinese punctuation; names have none of these.
BREAKS = re.compile(r"[\s，。、；：！？（）()“”‘’《》,;:]")
NUMBER = re.compile(r"[0-9A-Za-z.,%‰+\-–~/×]+")


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def ems(text: str) -> float:
    """Printed width of text in ems: Chinese characters one, Latin letters and digits about
    half, and the space LibreOffice and Word put between Chinese and Latin text."""
    width, previous = 0.0, None
    for ch in text:
        wide = _wide(ch)
        width += 1.0 if wide else (0.3 if ch in " .,:;'|il" else 0.55)
        if previous is not None and wide != previous and not ch.isspace():
            width += 0.25
        previous = wide
    return width


def words(text: str, header: bool = False) -> Iterator[str]:
    """The pieces a line may not break inside: the whole text when it is a name or a number,
    else numbers (100%, 13,245.05) and single characters with the punctuation after them. A
    header's name may take two lines (自评/得分), as headers are set."""
    text = text.strip()
    if not text:
        return
    if not BREAKS.search(text) and ems(text) <= TERM_EMS and not (header and len(text) > 3):
        yield text
        return
    if not BREAKS.search(text):  # a long name or a header: two lines at most
        half = math.ceil(len(text) / 2)
        yield text[:half]
        return
    for m in re.finditer(rf"{NUMBER.pattern}[，。、；：）%]?|\S[，。、；：）]?", text):
        yield m.group(0)


def _size(p: XmlElement, r: XmlElement, sizes: Mapping[str, int]) -> int:
    sz = r.find(f"{qn('w:rPr')}/{qn('w:sz')}")
    if sz is not None and sz.get(VAL, "").isdigit():
        return int(sz.get(VAL))
    style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    name = style.get(VAL) if style is not None else None
    return sizes.get(name or "", sizes.get("", DEFAULT_SIZE))


def _paragraph(p: XmlElement, sizes: Mapping[str, int], header: bool) -> tuple[float, float]:
    """(widest word, whole paragraph) in twips."""
    pieces = [
        ("".join(t.text or "" for t in r.iter(T)), _size(p, r, sizes) * 10) for r in p.iter(R)
    ]
    text = "".join(t for t, _ in pieces)
    if not text.strip():
        return 0.0, 0.0
    size = max(s for t, s in pieces if t) if any(t for t, _ in pieces) else DEFAULT_SIZE * 10
    widest = max((ems(w) for w in words(text, header)), default=0.0)
    return widest * size, ems(text.strip()) * size


def _margins(tbl: XmlElement) -> int:
    mar = tbl.find(f"{qn('w:tblPr')}/{qn('w:tblCellMar')}")
    total = 0
    for side in ("left", "right"):
        el = mar.find(qn(f"w:{side}")) if mar is not None else None
        total += int(el.get(W_)) if el is not None and el.get(W_, "").isdigit() else DEFAULT_MARGIN
    return total


def _span(tc: XmlElement) -> int:
    span = tc.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
    return int(span.get(VAL)) if span is not None and span.get(VAL, "").isdigit() else 1


def allocate(least: list[float], most: list[float], room: float) -> list[float]:
    """Widths summing to `room`: each column its least, the rest by what more it wants."""
    if sum(most) <= room:
        total = sum(most) or 1.0
        return [m + (room - sum(most)) * m / total for m in most]
    if sum(least) <= room:
        want = [m - lo for lo, m in zip(least, most, strict=True)]
        total = sum(want) or 1.0
        return [lo + (room - sum(least)) * w / total for lo, w in zip(least, want, strict=True)]
    return [lo * room / sum(least) for lo in least]


def fit_table(tbl: XmlElement, text_width: int, sizes: Mapping[str, int]) -> None:
    grid = tbl.find(qn("w:tblGrid"))
    cols = grid.findall(qn("w:gridCol")) if grid is not None else []
    old = [int(c.get(W_)) if c.get(W_, "").isdigit() else 0 for c in cols]
    if len(cols) < 2 or not all(old):
        return
    least, most = [0.0] * len(cols), [0.0] * len(cols)
    rows = tbl.findall(TR)
    for tr in rows:
        col = 0
        header = tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
        for tc in tr.findall(TC):
            span = _span(tc)
            if span == 1 and col < len(cols) and tc.find(f".//{TBL}") is None:
                for p in tc.findall(P):
                    widest, whole = _paragraph(p, sizes, header)
                    least[col] = max(least[col], widest, float(_sentence_floor(p, sizes)))
                    most[col] = max(most[col], whole)
            col += span
    pad = _margins(tbl) + 20  # and the borders
    room = min(sum(old), text_width) - pad * len(cols)
    if room <= 0 or not any(most):
        return
    least = [max(lo, 1.0) for lo in least]
    most = [max(m, lo) for m, lo in zip(most, least, strict=True)]
    widths = [round(w) + pad for w in allocate(least, most, room)]
    widths[-1] += min(sum(old), text_width) - sum(widths)  # rounding
    for c, w in zip(cols, widths, strict=True):
        c.set(W_, str(w))
    for tr in rows:
        col = 0
        for tc in tr.findall(TC):
            span = _span(tc)
            tcw = tc.find(f"{qn('w:tcPr')}/{qn('w:tcW')}")
            if tcw is not None:
                tcw.set(W_, str(sum(widths[col : col + span])))
                tcw.set(qn("w:type"), "dxa")
            col += span
    tblw = tbl.find(f"{qn('w:tblPr')}/{qn('w:tblW')}")
    if tblw is not None:
        tblw.set(W_, str(sum(widths)))
        tblw.set(qn("w:type"), "dxa")


def _sentence_floor(p: XmlElement, sizes: Mapping[str, int]) -> int:
    """Running text gets a few characters' width at least, not one."""
    text = "".join(t.text or "" for t in p.iter(T)).strip()
    if not BREAKS.search(text):
        return 0
    r = next(p.iter(R), None)
    size = _size(p, r, sizes) if r is not None else DEFAULT_SIZE
    return min(SENTENCE_EMS, math.ceil(ems(text))) * size * 10


def text_width(sect: XmlElement) -> int | None:
    size, margins = sect.find(qn("w:pgSz")), sect.find(qn("w:pgMar"))
    try:
        return int(size.get(W_)) - int(margins.get(qn("w:left"))) - int(margins.get(qn("w:right")))
    except (AttributeError, TypeError, ValueError):
        return None


def fit_columns(body: XmlElement, sizes: Mapping[str, int]) -> None:
    """Every body table's columns fitted to its content, within its section's text block."""
    pending: list[XmlElement] = []
    for el in body.iterchildren():
        if el.tag == TBL:
            pending.append(el)
        sect = el.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") if el.tag == P else None
        if el.tag == qn("w:sectPr"):
            sect = el
        if sect is not None:
            width = text_width(sect)
            for tbl in pending:
                if width:
                    fit_table(tbl, width, sizes)
            pending = []


def style_sizes(doc: Document) -> dict[str, int]:
    """Paragraph style id → font size in half-points (through the styles it is based on);
    "" → the document default. A template's styles are the same in every report: read once."""
    sz = doc.styles.element.find(
        f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:sz')}"
    )
    default = int(sz.get(VAL)) if sz is not None and sz.get(VAL, "").isdigit() else DEFAULT_SIZE
    sizes = {"": default}
    for style in doc.styles:
        if style.type != WD_STYLE_TYPE.PARAGRAPH:
            continue
        found, s = None, style
        while s is not None and found is None:
            found = s.font.size
            s = s.base_style
        sizes[style.style_id] = round(found.pt * 2) if found is not None else default
    return sizes
