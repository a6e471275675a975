"""Cells the 合并 filter marked: equal runs down a column become one vertically merged cell."""

from __future__ import annotations

from docx.oxml.ns import qn

from generator.report.filters import MERGE_MARK


def merge_marked_cells(doc) -> None:
    """Vertically merge runs of equal cells that the 合并 filter marked, column by column.

    Merging is hierarchical: a marked cell joins the one above only if every marked cell to
    its left in the same row did too, so a 二级 never runs across a change of 一级.
    """
    for table in doc.tables:
        above: dict[int, tuple[str, object]] = {}
        for tr in table._tbl.tr_lst:
            chain = True
            for col, tc in enumerate(tr.tc_lst):
                text = "".join(t.text or "" for t in tc.iter(qn("w:t")))
                if MERGE_MARK not in text:
                    above.pop(col, None)
                    continue
                value = text.replace(MERGE_MARK, "")
                prev = above.get(col)
                if chain and prev and prev[0] == value:
                    _set_vmerge(prev[1], "restart")
                    _set_vmerge(tc, None)
                    for t in tc.iter(qn("w:t")):
                        t.text = ""
                else:
                    chain = False
                    above[col] = (value, tc)
        for t in table._tbl.iter(qn("w:t")):
            if t.text and MERGE_MARK in t.text:
                t.text = t.text.replace(MERGE_MARK, "")


def _set_vmerge(tc, value: str | None) -> None:
    tcPr = tc.get_or_add_tcPr()
    vm = tcPr.find(qn("w:vMerge"))
    if vm is None:
        vm = tcPr.makeelement(qn("w:vMerge"), {})
        tcPr.append(vm)
    if value:
        vm.set(qn("w:val"), value)
    elif qn("w:val") in vm.attrib:
        del vm.attrib[qn("w:val")]
