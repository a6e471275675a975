"""A plain-text dump of a .docx body (paragraphs and every table cell) for golden tests."""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn

MERGED_ABOVE = "〃"  # a cell vertically merged into the one above


def _cell_text(tc) -> str:
    return "\n".join(
        "".join(t.text or "" for t in p.iter(qn("w:t"))) for p in tc.iter(qn("w:p"))
    ).strip()


def _is_continuation(tc) -> bool:
    tcPr = tc.tcPr
    if tcPr is None:
        return False
    vm = tcPr.find(qn("w:vMerge"))
    return vm is not None and vm.get(qn("w:val")) in (None, "continue")


def table_rows(tbl) -> list[list[str]]:
    """Rows of cell texts; merged-above cells read 〃, a cell spanning n columns is followed by n-1 ←."""
    rows = []
    for tr in tbl.tr_lst:
        cells = []
        for tc in tr.tc_lst:
            cells.append(MERGED_ABOVE if _is_continuation(tc) else _cell_text(tc))
            span = tc.tcPr.find(qn("w:gridSpan")) if tc.tcPr is not None else None
            if span is not None:
                cells.extend(["←"] * (int(span.get(qn("w:val"))) - 1))
        rows.append(cells)
    return rows


def dump(source: bytes | str | Path) -> str:
    doc = Document(io.BytesIO(source) if isinstance(source, bytes) else str(source))
    out = []
    body = doc.element.body
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            text = "".join(t.text or "" for t in child.iter(qn("w:t")))
            if text.strip():
                style = child.find(qn("w:pPr"))
                sid = (
                    style.find(qn("w:pStyle")).get(qn("w:val"))
                    if style is not None and style.find(qn("w:pStyle")) is not None
                    else "Normal"
                )
                out.append(f"[{doc.styles.get_by_id(sid, 1).name if sid else 'Normal'}] {text}")
        elif child.tag == qn("w:tbl"):
            out.append("<表格>")
            for row in table_rows(child):
                out.append("| " + " | ".join(c.replace("\n", " / ") for c in row) + " |")
            out.append("</表格>")
    return "\n".join(out) + "\n"


def paragraphs(source: bytes) -> list[str]:
    return [line.split("] ", 1)[1] for line in dump(source).splitlines() if line.startswith("[")]


def tables(source: bytes) -> list[list[list[str]]]:
    """The body's tables (not those nested in cells), as table_rows reads them."""
    body = Document(io.BytesIO(source)).element.body
    return [table_rows(tbl) for tbl in body.iterchildren(qn("w:tbl"))]
