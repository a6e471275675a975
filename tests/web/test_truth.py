"""The page says what is true: 暂定 totals while a unit has errors, outdated reports said to be
outdated, the clerk's words (no key paths, format ids, flags, exception names or temp paths), and
the same place for reports as `jixiao build`."""

from __future__ import annotations

import os
import re

import docx
from click.testing import CliRunner

from generator.cli.main import cli
from generator.evaluate import evaluate

from .test_http import report_of, states, text

ACTUAL = '"实际值" = "90%"\n"分值" = 10\n"说明" = ["街道按年度部署推进生态修复'


def break_budget(folder):
    """Swap two digits of 项目支出: the unit has errors, its total can still be computed."""
    path = folder / "chongqing-bishan.toml"
    good = path.read_text(encoding="utf-8")
    path.write_text(
        good.replace('"项目支出" = 10228.34', '"项目支出" = 10282.34'), encoding="utf-8"
    )
    assert evaluate(path).errors
    return path, good


def test_total_and_grade_are_provisional_while_the_unit_has_errors(client, folder):
    path, good = break_budget(folder)
    unit = evaluate(path)
    total = unit.display("总分")
    row = re.search(r'data-unit="chongqing-bishan".*?</tr>', text(client.get("/")), re.S)
    assert row and total in row.group(0)
    assert row.group(0).count(">暂定<") == 2  # beside 总分 and beside 等级
    page = text(client.get("/unit/chongqing-bishan"))
    assert re.search(rf'id="total">{re.escape(total)} <span class="tag 暂定"', page)
    assert re.search(r'id="grade">[^<]+ <span class="tag 暂定"', page)
    path.write_text(good, encoding="utf-8")  # fixed: final again
    assert ">暂定<" not in text(client.get("/unit/chongqing-bishan"))
    assert ">暂定<" not in text(client.get("/"))


def test_an_outdated_report_is_not_offered_as_current(client, token, folder):
    client.post("/unit/standard/build", data={"csrf": token})
    page = text(client.get("/unit/standard"))
    assert "下载 Word（.docx）" in page and 'id="stale"' not in page
    path = folder / "standard.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("2023", "2023", 1) + "\n# 改过\n")
    page = text(client.get("/unit/standard"))
    assert states(page) == ["已过时"]
    assert "下载 Word（.docx）" not in page
    assert "下载 上次生成的（已过时） Word（.docx）" in page
    assert 'id="stale"' in page and "请先点“重新生成报告”" in page


def test_a_hand_edited_unit_never_says_it_can_be_built(client, token, folder):
    client.post("/unit/standard/build", data={"csrf": token})
    report = report_of(folder, "standard")
    doc = docx.Document(str(report))
    doc.add_paragraph("（手工补充）")
    doc.save(str(report))
    page = text(client.get("/unit/standard"))
    assert 'id="build" disabled' in page
    assert "可以生成报告" not in page
    assert "报告手工改过，网页不覆盖它" in page


def test_messages_use_the_clerks_words(client, token, folder):
    path = folder / "chongqing-bishan.toml"
    good = path.read_text(encoding="utf-8")
    assert ACTUAL in good
    path.write_text(good.replace('"实际值" = "90%"\n', "", 1), encoding="utf-8")
    page = text(client.get("/unit/chongqing-bishan"))
    assert "第 2 项指标“生态修复有效性”的实际值" in page
    assert "指标[2]" not in page and "单位.性质" not in page
    assert "chongqing-bishan</" not in page  # the format by its name
    assert "整体支出绩效自评报告（重庆市璧山区）" in page
    folder_page = text(client.get("/"))
    assert "<td>chongqing-bishan</td>" not in folder_page
    # A report edited by hand: the build's refusal names no command-line flag nor a full path.
    client.post("/unit/standard/build", data={"csrf": token})
    report = report_of(folder, "standard")
    doc = docx.Document(str(report))
    doc.add_paragraph("（手工补充）")
    doc.save(str(report))
    path = folder / "standard.toml"
    path.write_text(path.read_text(encoding="utf-8") + "\n# 改过\n", encoding="utf-8")
    client.post("/unit/standard/build", data={"csrf": token})
    page = text(client.get("/unit/standard"))
    message = re.search(r'<div class="box bad" id="message">(.*?)</div>\s*</div>', page, re.S)
    assert message and "没有覆盖" in message.group(1)
    for word in ("--force", "--keep-edited", str(folder), "jixiao build"):
        assert word not in message.group(1)
    assert "--force" not in page and "--keep-edited" not in page


def test_the_command_line_and_the_page_put_reports_in_the_same_place(client, folder, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    here = os.getcwd()
    os.chdir(elsewhere)
    try:
        result = CliRunner().invoke(cli, ["build", str(folder / "standard.toml")])
    finally:
        os.chdir(here)
    assert result.exit_code == 0, result.output
    assert not (elsewhere / "output").exists()
    assert report_of(folder, "standard").is_file()
    assert states(text(client.get("/unit/standard"))) == ["最新"]
    row = re.search(r'data-unit="standard".*?</tr>', text(client.get("/")), re.S)
    assert row and ">最新<" in row.group(0)


def test_no_temporary_paths_nor_exception_names_reach_a_message():
    from generator.web.words import plain

    said = plain("内部错误：KeyError：'名称'。/tmp/jixiao-upload-x1/自评表.xlsx 第 3 行：读不懂")
    assert "/tmp" not in said and "jixiao-upload" not in said and "KeyError" not in said
    assert "上传的文件 第 3 行：读不懂" in said


def fake_pdf(monkeypatch, delay: float = 0.0):
    """LibreOffice stood in for: a PDF written after `delay`, two official fonts replaced."""
    import time

    from generator.io import pdf

    def to_pdf(source, target=None, timeout=0):
        time.sleep(delay)
        target.write_bytes(b"%PDF-1.4 fake")
        return pdf.PdfResult(target, None, [pdf.font_warning(["方正小标宋简体", "仿宋_GB2312"])])

    monkeypatch.setattr(pdf, "to_pdf", to_pdf)


def test_the_pdf_says_which_official_fonts_were_replaced(client, token, monkeypatch):
    from urllib.parse import unquote

    fake_pdf(monkeypatch)
    client.post("/unit/standard/build", data={"csrf": token})
    got = client.get("/unit/standard/report.pdf")
    assert got.status_code == 200 and got.data.startswith(b"%PDF")
    said = unquote(got.headers["X-Jixiao-Fonts"])
    assert "“方正小标宋简体”" in said and "用其他字体代替" in said


def test_a_file_name_is_not_read_as_a_key_path():
    from generator.web.words import plain

    for name in ("空表.xlsx", "上年报告.自评表.xlsx", "璧山2023.docx"):
        assert plain(f"已读入 {name}：3 项指标") == f"已读入 {name}：3 项指标"
    assert "第 2 项指标" in plain("指标[2].实际值 应为数字")
    assert plain("预算.执行数 应为数字") == "预算的执行数 应为数字"
