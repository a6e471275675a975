"""Cells the 合并 filter marked: equal runs down a column become one vertically merged cell.

One pass over each table's text finds the marks; only the rows and cells holding them are
examined (the first version walked every cell of every table in Python and joined its text). What it does is unchanged; the rule is in
`merge_marked_cells`.
"""

from __future__ import annotations

from docx.oxml.ns import qn
from lxml import etree  # type: ignore[import-untyped]

from generator.report.docx_text import XmlElement
from generator.report.filters import MERGE_MARK
from generator.report.layout import keep_rows_together

TBL, TR, TC, TCPR, T, VMERGE, VAL = (
    qn(f"w:{t}") for t in ("tbl", "tr", "tc", "tcPr", "t", "vMerge", "val")
)


def merge_marked_cells(body: XmlElement) -> None:
    """Vertically merge runs of equal cells that the 合并 filter marked, column by column.

    Merging is hierarchical: a marked cell joins the one above only if every marked cell to
    its left in the same row did too, so a 二级 never runs across a change of 一级. The rows of
    a merged cell are kept on one page, so a page break never leaves it split with an empty
    half. Only the
    tables directly in the body take part, as python-docx's `Document.tables` lists them;
    the marks are then removed from their text.
    """
    for table in body.iterchildren(TBL):
        texts = [t for t in table.iter(T) if t.text and MERGE_MARK in t.text]
        if not texts:
            continue
        _merge_table(table, texts)
        for t in texts:
            if t.text and MERGE_MARK in t.text:
                t.text = t.text.replace(MERGE_MARK, "")


def _merge_table(table: XmlElement, texts: list[XmlElement]) -> None:
    rows: dict[object, list] = {}  # row → its marked cells, in order
    for t in texts:
        # The cell of the table's own row that holds the mark (a nested table's text marks
        # the cell it sits in); none if the text is in the table but not in such a cell.
        node, parent = t, t.getparent()
        while parent is not None and parent is not table:
            if node.tag == TC and parent.tag == TR and parent.getparent() is table:
                cells = rows.setdefault(parent, [])
                if not cells or cells[-1] is not node:
                    cells.append(node)
                break
            node, parent = parent, parent.getparent()
    above: dict[int, tuple[str, object, int]] = {}  # column → (value, first cell, its row)
    started: set = set()  # first cells already marked as the start of a merged run
    runs: dict[tuple[int, int], int] = {}  # (column, first row) → last row of the merged cell
    trs = list(table.iterchildren(TR))
    for r, tr in enumerate(trs):
        cells = rows.get(tr, [])
        # Each marked cell's column: the cells before it in its row.
        columns = [(sum(1 for _ in tc.itersiblings(TC, preceding=True)), tc) for tc in cells]
        keep = {col for col, _ in columns}
        if any(col not in keep for col in above):
            # An unmarked cell ends its column's run; a column the row does not reach goes on.
            width = sum(1 for _ in tr.iterchildren(TC))
            above = {col: run for col, run in above.items() if col in keep or col >= width}
        chain = True
        for col, tc in columns:
            value = "".join(t.text or "" for t in tc.iter(T)).replace(MERGE_MARK, "")
            prev = above.get(col)
            if chain and prev and prev[0] == value:
                if prev[1] not in started:  # setting it again would change nothing
                    _set_vmerge(prev[1], "restart")
                    started.add(prev[1])
                _set_vmerge(tc, None)
                for t in tc.iter(T):
                    t.text = ""
                runs[(col, prev[2])] = r
            else:
                chain = False
                above[col] = (value, tc, r)
    keep_rows_together(trs, [(first, last) for (_, first), last in runs.items()])


def _set_vmerge(tc: XmlElement, value: str | None) -> None:
    tcPr = tc.find(TCPR)
    if tcPr is None:
        tcPr = tc.get_or_add_tcPr()
    vm = tcPr.find(VMERGE)
    if vm is None:
        vm = etree.SubElement(tcPr, VMERGE)
    if value:
        vm.set(VAL, value)
    elif VAL in vm.attrib:
        del vm.attrib[VAL]
