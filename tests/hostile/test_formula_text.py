"""Formula injection: a 名称 or 三级 that starts like a formula (= + - @, full-width ＝, a tab) is
text in every sheet of the exported 自评表 and the summary (hidden sheets too), and comes back from
import as the same text."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from hostile.support import minimal_text, run, set_key, write

NAME = '=HYPERLINK("http://example.com","某某街道")'
THIRDS = {
    "开展培训次数": "+1+1培训次数",
    "辖区环境改善": "@SUM(1)环境改善",
    "群众满意度": "＝1+1群众满意度",
}
DASHED = "-2+3预算执行率"  # the first indicator's 三级: a minus sign before a sum


def hostile_unit(tmp_path: Path) -> Path:
    text = set_key(minimal_text(), "单位", "名称", '"' + NAME.replace('"', '\\"') + '"')
    text = text.replace('"三级" = "预算执行率"', f'"三级" = "{DASHED}"')
    for old, new in THIRDS.items():
        text = text.replace(f'"三级" = "{old}"', f'"三级" = "{new}"')
    return write(tmp_path, "unit.toml", text)


def texts() -> list[str]:
    return [NAME, DASHED, *THIRDS.values()]


def assert_text_everywhere(book: Path, wanted: list[str]) -> None:
    """No cell of any sheet is a formula carrying the text; each text is a text cell somewhere,
    marked with Excel's quote prefix (so editing it keeps it text)."""
    wb = load_workbook(book)  # formulas as written, not their cached values
    found = set()
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if not isinstance(cell.value, str):
                    continue
                for text in wanted:
                    stem = text[1:]
                    if cell.data_type == "f":
                        assert stem not in cell.value, (ws.title, cell.coordinate, cell.value)
                    elif text in cell.value:
                        assert cell.data_type in ("s", "inlineStr"), (ws.title, cell.coordinate)
                        if cell.value.startswith(text):
                            assert cell.quotePrefix, (ws.title, cell.coordinate, cell.value)
                        found.add(text)
    assert found == set(wanted), set(wanted) - found


def test_exported_sheet_writes_formula_like_text_as_text_in_every_sheet(tmp_path):
    unit = hostile_unit(tmp_path)
    r = run("export", unit.name, "-o", "自评表.xlsx", cwd=tmp_path)
    assert r.code == 0, str(r)
    book = tmp_path / "自评表.xlsx"
    hidden = [ws.title for ws in load_workbook(book).worksheets if ws.sheet_state != "visible"]
    assert hidden, "the reference sheets are hidden"
    assert_text_everywhere(book, texts())


def test_summary_writes_formula_like_names_as_text(tmp_path):
    unit = hostile_unit(tmp_path)
    r = run("summary", unit.name, "-o", "汇总表.xlsx", cwd=tmp_path)
    assert r.code == 0, str(r)
    assert_text_everywhere(tmp_path / "汇总表.xlsx", texts())


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "＝"])
def test_import_export_round_trip_keeps_the_text(tmp_path, start):
    """Exported, then imported into the same data file: nothing changes, the text stays text."""
    third = f"{start}1+1次数"
    escaped = third.replace("\t", "\\t")
    unit = write(
        tmp_path,
        "unit.toml",
        minimal_text().replace('"三级" = "开展培训次数"', f'"三级" = "{escaped}"'),
    )
    before = unit.read_bytes()
    assert run("export", unit.name, "-o", "自评表.xlsx", cwd=tmp_path).code == 0
    r = run("import", "自评表.xlsx", "--into", unit.name, cwd=tmp_path)
    assert r.code == 0, str(r)
    assert unit.read_bytes() == before
    again = run("export", unit.name, "-o", "again.xlsx", cwd=tmp_path)
    assert again.code == 0, str(again)
    assert_text_everywhere(tmp_path / "again.xlsx", [third])


def test_a_tab_before_a_formula_is_text_too(tmp_path):
    """A tab (or CR) before "=": some programs drop it and then see a formula. (Import trims the
    whitespace at a cell's ends, as it does for every cell, and lists that as a change.)"""
    unit = write(
        tmp_path,
        "unit.toml",
        minimal_text().replace('"三级" = "开展培训次数"', '"三级" = "\\t=1+1次数"'),
    )
    assert run("export", unit.name, "-o", "自评表.xlsx", cwd=tmp_path).code == 0
    assert_text_everywhere(tmp_path / "自评表.xlsx", ["\t=1+1次数"])
