"""Import reads only the sheets a 自评表 uses: other sheets of thousands of rows, before or after
it, cost a streaming look and nothing more; the 自评表's own sheet is walked once per cell.
(Before: a 3,000-row sheet before the 自评表 took 45–109 s; now well under a second.)"""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

from openpyxl import load_workbook

from hostile.support import minimal_text, run, write

BOUND = 8.0  # seconds of this process's CPU; a second or two on a loaded machine


def exported(tmp_path: Path) -> tuple[Path, Path]:
    unit = write(tmp_path, "unit.toml", minimal_text())
    assert run("export", unit.name, "-o", "自评表.xlsx", cwd=tmp_path).code == 0
    return unit, tmp_path / "自评表.xlsx"


def with_filler(book: Path, name: str, rows: int, index: int | None) -> Path:
    """The workbook with a sheet of `rows` rows of text and numbers (10 columns) added."""
    wb = load_workbook(book)
    ws = wb.create_sheet("说明", index)
    for r in range(1, rows + 1):
        ws.append([f"第{r}行说明", r, "备注文字", r * 1.5, "其他", "更多文字", r, "甲", "乙", "丙"])
    out = book.with_name(name)
    wb.save(out)
    return out


def timed_import(tmp_path: Path, book: Path, unit: Path):
    start = time.process_time()
    r = run("import", book.name, "--into", unit.name, "--dry-run", cwd=tmp_path)
    return r, time.process_time() - start


def test_a_long_sheet_before_the_sheet_is_not_parsed(tmp_path):
    # listed: 3,000 rows before the 自评表
    unit, book = exported(tmp_path)
    r, spent = timed_import(tmp_path, with_filler(book, "before.xlsx", 3_000, 0), unit)
    assert r.code == 0 and "没有变化" in r.text, str(r)
    assert spent < BOUND, f"{spent:.1f} s"


def test_a_damaged_sheet_after_the_sheet_is_never_parsed(tmp_path):
    # unlisted: a sheet after the 自评表 that openpyxl cannot parse (a number cell holding text)
    # does not matter, because it is not read (before: 无法读取这个工作簿)
    unit, book = exported(tmp_path)
    wb = load_workbook(book)
    wb.create_sheet("说明").append([12345])
    count = len(wb.sheetnames)
    wb.save(tmp_path / "extra.xlsx")
    damaged = tmp_path / "damaged.xlsx"
    with (
        zipfile.ZipFile(tmp_path / "extra.xlsx") as src,
        zipfile.ZipFile(damaged, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            data = src.read(info)
            if info.filename == f"xl/worksheets/sheet{count}.xml":
                assert b"<v>12345</v>" in data
                data = data.replace(b"<v>12345</v>", b"<v>not a number</v>")
            dst.writestr(info.filename, data)
    r, spent = timed_import(tmp_path, damaged, unit)
    assert r.code == 0 and "没有变化" in r.text, str(r)


def test_the_named_sheet_is_read_even_when_it_is_not_the_first(tmp_path):
    unit, book = exported(tmp_path)
    filled = with_filler(book, "named.xlsx", 10, 0)
    r = run(
        "import", filled.name, "--into", unit.name, "--sheet", "自评表", "--dry-run", cwd=tmp_path
    )
    assert r.code == 0 and "没有变化" in r.text, str(r)
