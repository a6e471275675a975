"""PDF conversion (generator/io/pdf.py), and the workbooks as LibreOffice opens and saves them.

The tests that run LibreOffice need `soffice` (with Calc for .xlsx) and `pdftotext`; without them
they are skipped, unless JIXIAO_REQUIRE_PDF is set (as in CI): then they fail.
"""

import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from conftest import EXAMPLES, built, text_of
from test_workbook_export import jixiao
from test_workbook_import import edit, exported

from generator.cycle.workbook_import import import_into
from generator.evaluate import evaluate
from generator.io import pdf
from generator.io.cells import excel_shows

SOFFICE = shutil.which("soffice")
# Debian and Ubuntu split LibreOffice: Calc (for .xlsx) is a package of its own.
CALC = SOFFICE and (
    sys.platform != "linux" or (Path(SOFFICE).resolve().parent / "libsclo.so").exists()
)
TOOLS = SOFFICE and CALC and shutil.which("pdftotext")
if not TOOLS and os.environ.get("JIXIAO_REQUIRE_PDF"):
    raise RuntimeError(
        "JIXIAO_REQUIRE_PDF is set but soffice (with Calc) or pdftotext is not installed"
    )
needs_office = pytest.mark.skipif(
    not TOOLS, reason="LibreOffice (soffice, with Calc) and pdftotext are not installed"
)
posix = pytest.mark.skipif(sys.platform == "win32", reason="a shell script stands in for soffice")


def pdf_text(path: Path) -> str:
    out = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True
    ).stdout
    return re.sub(r"\s+", "", out.decode("utf-8"))


def text_of_page(path: Path, page: int) -> str:
    out = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(path), "-"],
        check=True,
        capture_output=True,
    ).stdout
    return re.sub(r"\s+", "", out.decode("utf-8"))


def pdfinfo(path: Path) -> str:
    return subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout


def fake_soffice(tmp_path: Path, body: str) -> Path:
    script = tmp_path / "soffice"
    script.write_text("#!/bin/sh\n" + body + "\n", encoding="utf-8")
    script.chmod(0o755)
    return script


# -- without LibreOffice --------------------------------------------------------------------


def test_soffice_from_the_environment(tmp_path, monkeypatch):
    fake = fake_soffice(tmp_path, "exit 0")
    monkeypatch.setenv("JIXIAO_SOFFICE", str(fake))
    assert pdf.find_soffice() == fake
    monkeypatch.setenv("JIXIAO_SOFFICE", str(tmp_path))  # the folder holding it will do
    assert pdf.find_soffice() == fake
    monkeypatch.setenv("JIXIAO_SOFFICE", str(tmp_path / "nowhere" / "soffice"))
    assert pdf.find_soffice() is None


def test_missing_libreoffice_says_how_to_install(tmp_path, monkeypatch):
    monkeypatch.setenv("JIXIAO_SOFFICE", str(tmp_path / "nowhere"))
    out = tmp_path / "自评表.xlsx"
    result = jixiao("export", EXAMPLES / "standard.toml", "-o", out, "--pdf")
    assert out.is_file() and not out.with_suffix(".pdf").exists()  # the workbook is written anyway
    assert result.exit_code == 1
    assert f"错误：{pdf.INSTALL}" in result.output
    assert "请安装 LibreOffice" in pdf.INSTALL and "JIXIAO_SOFFICE" in pdf.INSTALL
    assert pdf.to_pdf(out).problem == pdf.INSTALL


@posix
def test_a_hung_libreoffice_is_stopped(tmp_path, monkeypatch):
    monkeypatch.setenv("JIXIAO_SOFFICE", str(fake_soffice(tmp_path, "sleep 60")))
    source = tmp_path / "a.docx"
    source.write_bytes(built(EXAMPLES / "standard.toml"))
    with pytest.raises(pdf.PdfError, match="超过 1 秒没有完成，已中止"):
        pdf.convert(source, timeout=1)
    assert not source.with_suffix(".pdf").exists()


@posix
def test_a_failed_conversion_says_why(tmp_path, monkeypatch):
    monkeypatch.setenv(
        "JIXIAO_SOFFICE",
        str(fake_soffice(tmp_path, "echo 'Error: source file could not be loaded' >&2")),
    )
    source = tmp_path / "a.xlsx"
    source.write_bytes(b"x")
    result = pdf.to_pdf(source)
    assert result.pdf is None
    assert "没能把 a.xlsx 转为 PDF：Error: source file could not be loaded" in result.problem
    assert "libreoffice-calc" in result.problem


def test_fonts_the_document_names(tmp_path, monkeypatch):
    docx = tmp_path / "a.docx"
    docx.write_bytes(built(EXAMPLES / "standard.toml"))
    named = pdf.fonts_named(docx)
    assert {"仿宋_GB2312", "方正小标宋简体", "黑体", "楷体_GB2312"} <= named
    assert "Courier" not in named  # in a style the report does not use
    monkeypatch.setattr(
        pdf, "installed_fonts", lambda: frozenset({"黑体", "宋体", "liberation serif"})
    )
    assert pdf.missing_fonts(docx) == ["仿宋_GB2312", "方正小标宋简体", "楷体_GB2312"]
    assert (
        pdf.font_warning(["仿宋_GB2312"])
        == "本机没有安装字体“仿宋_GB2312”，PDF 中将用其他字体代替（字形和分页可能与 Word/Excel 中不同）"
    )
    monkeypatch.setattr(pdf, "installed_fonts", lambda: None)  # no fc-list: nothing to say
    assert pdf.missing_fonts(docx) == []


# -- with LibreOffice -----------------------------------------------------------------------


PARALLEL = ("standard", "chongqing-bishan", "hebei-qiaoxi")


@needs_office
def test_reports_converted_at_once_do_not_collide_and_state_their_figures(tmp_path):
    """Three reports converted by three LibreOffice processes at the same time: each PDF is made,
    and states every figure its .docx states."""
    sources = []
    for stem in PARALLEL:
        path = tmp_path / f"{stem}.docx"
        path.write_bytes(built(EXAMPLES / f"{stem}.toml"))
        sources.append(path)
    results = {}
    threads = [
        threading.Thread(target=lambda p=p: results.__setitem__(p.stem, pdf.to_pdf(p)))
        for p in sources
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for stem in PARALLEL:
        result = results[stem]
        assert result.problem is None, result.problem
        assert result.pdf.name == f"{stem}.pdf" and result.pdf.stat().st_size > 10_000
        text = pdf_text(result.pdf)
        figures = set(re.findall(r"\d[\d,]*\.\d+%?|\d+%", text_of(EXAMPLES / f"{stem}.toml")))
        assert len(figures) > 10, stem
        assert {f for f in figures if f not in text} == set(), stem


@needs_office
def test_exported_sheet_prints_with_formulas_computed(tmp_path):
    out = tmp_path / "自评表.xlsx"
    result = jixiao("export", EXAMPLES / "chongqing-bishan.toml", "-o", out, "--pdf")
    assert result.exit_code == 0, result.output
    text = pdf_text(out.with_suffix(".pdf"))
    for piece in [
        "部门整体支出绩效自评表",
        "（2023年度）",
        "13,245.05",
        "18,580.25",
        "13,006.70",
        "70.00%",  # 执行率 = E5/D5, computed by LibreOffice
        "97.00",
        "优",
        "生态修复有效性",
        "≥90%",
    ]:
        assert piece in text, piece
    assert text.count("70.00%") >= 2  # the fund block and the 预算执行率 row (=G5)


@needs_office
def test_summary_as_libreoffice_prints_it_equals_the_figures(tmp_path, office):
    """Each column in one format, as LibreOffice prints it: the unit's exact figure, rounded."""
    out = tmp_path / "汇总表.xlsx"
    jixiao("summary", EXAMPLES, "-o", out)
    office(
        "--convert-to",
        "csv:Text - txt - csv (StarCalc):44,34,76,1",
        "--outdir",
        str(tmp_path),
        str(out),
    )
    import csv

    lines = (tmp_path / "汇总表.csv").read_text(encoding="utf-8").splitlines()[2:]  # title, date
    rows = list(csv.DictReader(lines))
    assert len(rows) == 7 and rows[-1]["序号"].startswith("合计/平均")
    for row in rows[:-1]:
        u = evaluate(EXAMPLES / row["文件"])
        for column, name, fmt in (
            ("总分", "总分", "0.00"),
            ("预算执行率", "预算执行率", "0.00%"),
            ("执行数（万元）", "执行数", "#,##0.00"),
        ):
            fig = u.figures.get(name)
            expected = excel_shows(float(fig.value), fmt) if fig is not None else ""
            assert row[column] == expected, (row["单位"], column)
    town = next(r for r in rows if r["文件"] == "town-summary.toml")
    assert town["预算执行率"] == "100.16%"


@needs_office
def test_summary_prints_titled_with_totals_and_no_paths(tmp_path, office):
    out = tmp_path / "汇总表.xlsx"
    jixiao("summary", EXAMPLES, "-o", out)
    office("--convert-to", "pdf", "--outdir", str(tmp_path), str(out))
    first = text_of_page(tmp_path / "汇总表.pdf", 1)
    assert first.startswith("部门整体支出绩效自评汇总表") and "编制日期：" in first
    assert "序号" in first and "合计/平均" in first and "93.51" in first
    assert str(EXAMPLES) not in first and "standard.toml" in first  # the file's name only
    assert "我镇" not in pdf_text(tmp_path / "汇总表.pdf")


@needs_office
def test_exported_form_prints_on_one_or_two_pages(tmp_path, office):
    """The 自评表 alone is printed; 计算值 and 指标得分 stay in the workbook, hidden."""
    books = []
    for stem in sorted(p.stem for p in EXAMPLES.glob("*.toml")):
        books.append(tmp_path / f"{stem}.xlsx")
        jixiao("export", EXAMPLES / f"{stem}.toml", "-o", books[-1])
    office("--convert-to", "pdf", "--outdir", str(tmp_path), *map(str, books))
    for book in books:
        pdf_file = book.with_suffix(".pdf")
        pages = int(re.search(r"Pages:\s+(\d+)", pdfinfo(pdf_file)).group(1))
        assert 1 <= pages <= 2, (book.stem, pages)
        text = pdf_text(pdf_file)
        assert "部门整体支出绩效自评表" in text and "计算过程" not in text, book.stem
        assert "评分说明" not in text, book.stem


@needs_office
def test_clerk_round_trip_through_libreoffice_calc(tmp_path, office):
    """The clerk edits two 实际完成值 and LibreOffice Calc saves the workbook; import reads it."""
    unit, book = exported("standard", tmp_path)
    changed = edit(book, {("举办宣传活动次数", 5): "1次", ("服务对象满意度", 5): "85%"})
    saved = tmp_path / "calc"
    office(
        "--convert-to",
        "xlsx:Calc MS Excel 2007 XML",
        "--outdir",
        str(saved),
        str(changed),
    )
    result = import_into(saved / changed.name, unit)
    # The standard example writes its amounts to six decimals: that warning is its own.
    assert [str(p) for p in result.problems if p.check != "plausible.decimals"] == []
    lines = result.diff.splitlines()[2:]
    assert lines[:3] == [
        "事实（2 项变化）：",
        "  指标[2].实际值（举办宣传活动次数）：2次 → 1次",
        "  指标[12].实际值（服务对象满意度）：90% → 85%",
    ]
    assert "  总分：100.00 → 96.94" in lines
    again = import_into(saved / changed.name, unit)  # a second import changes nothing more
    assert not again.changed
