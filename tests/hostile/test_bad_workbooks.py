"""Hostile workbooks for `jixiao import`, round 2: bounded before parsing (zip members, unpacked
size, compression ratio, a sheet's claimed and real extent), a formula without a value said at its
cell, an import that leaves the unit with errors exits 1, a read-only data file is not written,
and click's usage errors about paths answer in Chinese, naming the path.
"""

from __future__ import annotations

import stat
import time
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from hostile.support import (
    assert_no_traceback,
    assert_unchanged,
    minimal_text,
    refused,
    run,
    snapshot,
    write,
)


def exported(tmp_path: Path) -> tuple[Path, Path]:
    """The minimal unit and its exported 自评表."""
    unit = write(tmp_path, "unit.toml", minimal_text())
    r = run("export", unit.name, "-o", "自评表.xlsx", cwd=tmp_path)
    assert r.code == 0, str(r)
    return unit, tmp_path / "自评表.xlsx"


def row_of(ws, name: str) -> int:
    return next(r for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=3).value == name)


def edited(book: Path, changes: dict[tuple[str, int], object], name: str = "edited.xlsx") -> Path:
    """The workbook with cells of the 自评表 sheet set: {(三级, column): value}."""
    wb = load_workbook(book)
    ws = wb["自评表"]
    for (three, column), value in changes.items():
        ws.cell(row=row_of(ws, three), column=column).value = value
    out = book.with_name(name)
    wb.save(out)
    return out


def quick_refusal(tmp_path: Path, book: Path, *fragments: str) -> None:
    before = snapshot(tmp_path)
    start = time.monotonic()
    r = run("import", book.name, "-o", "new.toml", cwd=tmp_path)
    assert time.monotonic() - start < 20, "the workbook was parsed before it was refused"
    refused(r, 1)
    assert book.name in r.text, str(r)
    for fragment in fragments:
        assert fragment in r.text, str(r)
    assert_unchanged(before, snapshot(tmp_path))


# -- bounded before parsing --------------------------------------------------------------------


def rewritten(book: Path, name: str, sheet_xml=None, extra: int = 0) -> Path:
    """A copy of the workbook with its first sheet's XML changed and `extra` members added."""
    out = book.with_name(name)
    with zipfile.ZipFile(book) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if sheet_xml and info.filename == "xl/worksheets/sheet1.xml":
                data = sheet_xml(data)
            dst.writestr(info.filename, data)
        for i in range(extra):
            dst.writestr(f"customXml/item{i}.xml", b"<a/>")
    return out


def test_decompression_bomb(tmp_path):
    # listed: some 40 KB unpacking to 18 MB of empty rows
    _unit, book = exported(tmp_path)
    bomb = rewritten(
        book,
        "bomb.xlsx",
        lambda x: x.replace(b"</sheetData>", b"<row/>" * 3_000_000 + b"</sheetData>"),
    )
    assert bomb.stat().st_size < 1 << 20
    quick_refusal(tmp_path, bomb, "超过导入的上限")


def test_too_many_members(tmp_path):
    # unlisted, the same category: thousands of tiny parts
    _unit, book = exported(tmp_path)
    quick_refusal(tmp_path, rewritten(book, "members.xlsx", extra=5000), "部件")


def test_dimension_claims_the_whole_sheet(tmp_path):
    # listed: 15 KB whose cells reach XFD1048576
    wb = Workbook()
    wb.active["A1"] = "三级指标"
    wb.active["XFD1048576"] = "x"
    wb.save(tmp_path / "dimension.xlsx")
    quick_refusal(tmp_path, tmp_path / "dimension.xlsx", "1,048,576 行", "16,384 列")


def test_real_extent_beyond_an_understated_dimension(tmp_path):
    # unlisted: the dimension says A1:A1, the cells go on to row 20,000 under an indicator
    # table's header (a sheet without one is not parsed at all: see test_workbook_speed.py)
    wb = Workbook()
    ws = wb.active
    ws.append(["三级指标", "指标值"])
    for r in range(2, 20_001):
        ws.cell(row=r, column=1).value = r
    wb.save(tmp_path / "rows.xlsx")
    lying = rewritten(
        tmp_path / "rows.xlsx",
        "lying.xlsx",
        lambda x: x.replace(b'<dimension ref="A1:B20000"/>', b'<dimension ref="A1:A1"/>'),
    )
    quick_refusal(tmp_path, lying, "20,000 行")


# -- formulas without a value ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("column", "formula", "header"),
    [(5, "=1+1", "实际完成值"), (6, "=2*25", "分值")],  # listed: a text cell; unlisted: a number
)
def test_formula_without_a_value_is_said_at_its_cell(tmp_path, column, formula, header):
    unit, book = exported(tmp_path)
    changed = edited(book, {("开展培训次数", column): formula})  # saved by Python: no value
    r = run("import", changed.name, "--into", unit.name, "--dry-run", cwd=tmp_path)
    assert_no_traceback(r)
    ws = load_workbook(changed)["自评表"]
    row = row_of(ws, "开展培训次数")
    said = [line for line in r.text.splitlines() if "公式" in line and "没有计算结果" in line]
    assert len(said) == 1, str(r)
    assert "工作表“自评表”" in said[0] and f"第 {row} 行" in said[0], str(r)
    assert f"“{header}”列" in said[0] and formula in said[0], str(r)


# -- the unit after the import ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "says"),
    [
        ({("开展培训次数", 6): 51}, "满分"),  # listed: weights total 101
        ({("开展培训次数", 7): 60}, "高于分值"),  # unlisted: a score above its weight
    ],
)
def test_import_leaving_errors_exits_1(tmp_path, changes, says):
    unit, book = exported(tmp_path)
    r = run("import", edited(book, changes).name, "--into", unit.name, cwd=tmp_path)
    refused(r, 1)
    assert "个错误" in r.text and unit.name in r.text, str(r)
    check = run("check", unit.name, cwd=tmp_path)
    assert check.code == 1 and says in check.text, str(check)


def test_clean_import_exits_0(tmp_path):
    unit, book = exported(tmp_path)
    r = run(
        "import", edited(book, {("开展培训次数", 5): "3次"}).name, "--into", unit.name, cwd=tmp_path
    )
    assert r.code == 0, str(r)
    assert '"实际值" = "3次"' in unit.read_text(encoding="utf-8")


def read_only(path: Path) -> None:
    path.chmod(stat.S_IMODE(path.stat().st_mode) & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


def test_import_into_a_read_only_file_refuses(tmp_path):
    unit, book = exported(tmp_path)
    changed = edited(book, {("开展培训次数", 5): "3次"})
    read_only(unit)
    before = snapshot(tmp_path)
    r = run("import", changed.name, "--into", unit.name, cwd=tmp_path)
    refused(r, 1)
    assert "只读" in r.text and unit.name in r.text, str(r)
    assert_unchanged(before, snapshot(tmp_path))


def test_revision_note_onto_a_read_only_file_refuses(tmp_path):
    # unlisted, the same category: any command that rewrites a file the user made read-only
    old = write(tmp_path, "old.toml", minimal_text())
    new = write(
        tmp_path, "new.toml", minimal_text().replace('"实际值" = "2次"', '"实际值" = "3次"')
    )
    note = write(tmp_path, "修订说明.docx", b"kept")
    read_only(note)
    r = run("diff", old.name, new.name, "--output", note.name, "--force", cwd=tmp_path)
    assert_no_traceback(r)
    assert r.code != 0 and "只读" in r.text, str(r)
    assert note.read_bytes() == b"kept"  # --force's backup may be beside it; the file is kept


# -- usage messages about paths --------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "name"),
    [
        (("import", "book.xlsx", "--into", "missing.toml"), "missing.toml"),  # listed
        (("init", "folder", "--format", "standard"), "folder"),  # listed
        (("export", "unit.toml", "-o", "folder"), "folder"),  # listed
        (("import", "book.xlsx", "-o", "folder"), "folder"),  # unlisted
        (("diff", "missing-old.toml"), "missing-old.toml"),  # unlisted
    ],
)
def test_usage_errors_about_paths_are_chinese(tmp_path, args, name):
    write(tmp_path, "unit.toml", minimal_text())
    write(tmp_path, "book.xlsx", b"")
    (tmp_path / "folder").mkdir()
    r = run(*args, cwd=tmp_path)
    refused(r, 2)
    errors = [line for line in r.err.splitlines() if line.startswith("错误")]
    assert errors and name in errors[0], str(r)
    for english in ("File", "Path", "Directory", "does not", "is a"):
        assert english not in errors[0], str(r)
