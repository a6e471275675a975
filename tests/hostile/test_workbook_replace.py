"""`summary -o` and `export -o` replace only a workbook this tool wrote as the same kind: a filled
自评表, a summary, or anyone's workbook under that name is refused and left byte for byte."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook, load_workbook

from hostile.support import minimal_text, refused, run, write


def unit_in(tmp_path: Path) -> Path:
    return write(tmp_path, "unit.toml", minimal_text())


def filled_sheet(tmp_path: Path) -> Path:
    """An exported 自评表, filled in and saved again (as a clerk's spreadsheet program would)."""
    unit = unit_in(tmp_path)
    assert run("export", unit.name, "-o", "自评表.xlsx", cwd=tmp_path).code == 0
    book = tmp_path / "自评表.xlsx"
    wb = load_workbook(book)
    wb["自评表"]["A1"] = "手工填写的内容"
    wb.save(book)
    return book


def test_summary_does_not_replace_a_filled_sheet(tmp_path):
    book = filled_sheet(tmp_path)
    before = book.read_bytes()
    r = run("summary", "unit.toml", "-o", book.name, cwd=tmp_path)
    refused(r)
    assert "不是本工具写出的汇总表" in r.text and book.name in r.text
    assert book.read_bytes() == before


def test_summary_does_not_replace_anyone_elses_workbook(tmp_path):
    unit_in(tmp_path)
    other = tmp_path / "汇总表.xlsx"
    wb = Workbook()
    wb.active["A1"] = "别人的表"
    wb.save(other)
    before = other.read_bytes()
    refused(run("summary", "unit.toml", "-o", other.name, cwd=tmp_path))
    assert other.read_bytes() == before


def test_summary_replaces_its_own_summary(tmp_path):
    unit_in(tmp_path)
    assert run("summary", "unit.toml", "-o", "汇总表.xlsx", cwd=tmp_path).code == 0
    again = run("summary", "unit.toml", "-o", "汇总表.xlsx", cwd=tmp_path)
    assert again.code == 0, str(again)


def test_export_force_does_not_replace_a_summary_or_a_foreign_workbook(tmp_path):
    unit_in(tmp_path)
    assert run("summary", "unit.toml", "-o", "汇总表.xlsx", cwd=tmp_path).code == 0
    summary = tmp_path / "汇总表.xlsx"
    before = summary.read_bytes()
    r = run("export", "unit.toml", "-o", summary.name, "--force", cwd=tmp_path)
    refused(r)
    assert "不是本工具写出的自评表" in r.text
    assert summary.read_bytes() == before


def test_export_force_replaces_its_own_sheet_and_without_force_keeps_it(tmp_path):
    book = filled_sheet(tmp_path)
    before = book.read_bytes()
    refused(run("export", "unit.toml", "-o", book.name, cwd=tmp_path))
    assert book.read_bytes() == before
    forced = run("export", "unit.toml", "-o", book.name, "--force", cwd=tmp_path)
    assert forced.code == 0, str(forced)
    assert load_workbook(book)["自评表"]["A1"].value != "手工填写的内容"
