"""The one-pass merge of 合并-marked cells does what the first, cell-by-cell version did."""

import random

import pytest
from docx.document import Document
from docx.oxml.ns import nsdecls, qn
from docx.oxml.parser import parse_xml
from lxml import etree

from generator.report.filters import MERGE_MARK
from generator.report.layout import keep_rows_together
from generator.report.merge import merge_marked_cells


def cell_by_cell(doc) -> None:
    """The first version: every cell of every table of the document, in Python."""
    for tbl in doc.element.body.iterchildren(qn("w:tbl")):
        above: dict = {}
        runs: dict = {}  # (column, first row) → last row of the merged cell
        for r, tr in enumerate(tbl.tr_lst):
            chain = True
            for col, tc in enumerate(tr.tc_lst):
                text = "".join(t.text or "" for t in tc.iter(qn("w:t")))
                if MERGE_MARK not in text:
                    above.pop(col, None)
                    continue
                value = text.replace(MERGE_MARK, "")
                prev = above.get(col)
                if chain and prev and prev[0] == value:
                    for cell, val in ((prev[1], "restart"), (tc, None)):
                        tcPr = cell.get_or_add_tcPr()
                        vm = tcPr.find(qn("w:vMerge"))
                        if vm is None:
                            vm = tcPr.makeelement(qn("w:vMerge"), {})
                            tcPr.append(vm)
                        if val:
                            vm.set(qn("w:val"), val)
                        elif qn("w:val") in vm.attrib:
                            del vm.attrib[qn("w:val")]
                    for t in tc.iter(qn("w:t")):
                        t.text = ""
                    runs[(col, prev[2])] = r
                else:
                    chain = False
                    above[col] = (value, tc, r)
        keep_rows_together(tbl.tr_lst, [(first, last) for (_, first), last in runs.items()])
        for t in tbl.iter(qn("w:t")):
            if t.text and MERGE_MARK in t.text:
                t.text = t.text.replace(MERGE_MARK, "")


def random_document(rng: random.Random) -> str:
    def text() -> str:
        value = rng.choice(["甲", "乙", "", "甲乙"])
        return value + (MERGE_MARK if rng.random() < 0.6 else "")

    def cell(depth: int) -> str:
        props = rng.choice(["<w:tcPr/>", '<w:tcPr><w:vMerge w:val="x"/></w:tcPr>', ""])
        runs = "".join(f"<w:r><w:t>{text()}</w:t></w:r>" for _ in range(rng.randint(1, 2)))
        inner = table(depth + 1) if depth < 1 and rng.random() < 0.15 else ""
        return f"<w:tc>{props}<w:p>{runs}</w:p>{inner}</w:tc>"

    def table(depth: int = 0) -> str:
        def row() -> str:
            cells = [cell(depth) for _ in range(rng.randint(1, 4))]
            if rng.random() < 0.3:  # something in the row that is not a cell
                cells.insert(rng.randint(0, len(cells)), '<w:bookmarkStart w:id="0" w:name="b"/>')
            return (
                "<w:tr>" + ("<w:trPr/>" if rng.random() < 0.5 else "") + "".join(cells) + "</w:tr>"
            )

        rows = "".join(row() for _ in range(rng.randint(0, 7)))
        return f"<w:tbl><w:tblGrid/>{rows}</w:tbl>"

    blocks = []
    for _ in range(rng.randint(1, 4)):
        blocks.append(
            table() if rng.random() < 0.7 else f"<w:p><w:r><w:t>{text()}</w:t></w:r></w:p>"
        )
    return f"<w:document {nsdecls('w')}><w:body>{''.join(blocks)}</w:body></w:document>"


@pytest.mark.parametrize("seed", range(200))
def test_one_pass_merge_equals_cell_by_cell(seed):
    xml = random_document(random.Random(seed))
    first, second = parse_xml(xml), parse_xml(xml)
    cell_by_cell(Document(first, None))
    merge_marked_cells(second.body)
    assert etree.tostring(second) == etree.tostring(first)


def _rows(n: int):
    xml = "".join(
        f"<w:tr><w:tc><w:p><w:r><w:t>{i}</w:t></w:r></w:p></w:tc></w:tr>" for i in range(n)
    )
    return parse_xml(f"<w:tbl {nsdecls('w')}>{xml}</w:tbl>").findall(qn("w:tr"))


def _keeps(tr) -> bool:
    return tr.find(f"{qn('w:tc')}/{qn('w:p')}/{qn('w:pPr')}/{qn('w:keepNext')}") is not None


def test_a_merged_run_that_fits_a_page_keeps_together_a_longer_one_only_keeps_rows_whole():
    from generator.report.layout import KEPT_ROWS

    rows = _rows(60)
    short, long = (2, 5), (10, 10 + KEPT_ROWS + 4)
    keep_rows_together(rows, [short, long])
    for first, last in (short, long):
        for tr in rows[first : last + 1]:
            assert tr.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None
    assert [_keeps(tr) for tr in rows[2:6]] == [True, True, True, False]
    assert not any(_keeps(tr) for tr in rows[10:40])
    assert rows[0].find(qn("w:trPr")) is None and not _keeps(rows[1])
