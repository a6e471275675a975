"""`jixiao build --pdf`: a PDF beside each report, stating the same figures; without LibreOffice the
reports are still written and one line says how to install it."""

import json
import re
from pathlib import Path

from conftest import EXAMPLES
from hostile.support import run
from test_pdf_convert import needs_office, pdf_text


def jixiao(*args, env=None):
    """The command in this process (the current folder is the test's own)."""
    return run(*args, cwd=Path.cwd(), env=env)


STANDARD = "孙河地区办事处2023年度部门整体支出绩效自评报告"  # the standard example's report name


def figures_of(path) -> dict:
    return json.loads(jixiao("check", "--json", path).out)["数据"]


@needs_office
def test_build_pdf_writes_a_pdf_with_the_reports_figures(tmp_path):
    source = EXAMPLES / "standard.toml"
    result = jixiao("build", source, "-o", tmp_path / "out", "--pdf")
    assert result.code == 0, str(result)
    docx, pdf = tmp_path / "out" / f"{STANDARD}.docx", tmp_path / "out" / f"{STANDARD}.pdf"
    assert docx.exists() and pdf.exists()
    assert f"已生成 PDF：{pdf}" in result.out
    text = re.sub(r"\s+", "", pdf_text(pdf))
    shown = figures_of(source)
    for name in ("预算执行率", "总分", "等级", "执行数"):
        assert shown[name] in text, name
    # Unchanged and with its PDF up to date: nothing to convert again.
    again = jixiao("build", source, "-o", tmp_path / "out", "--pdf")
    assert again.code == 0 and "已生成 PDF" not in again.out


def test_build_pdf_without_libreoffice_keeps_the_report(tmp_path):
    env = {"JIXIAO_SOFFICE": str(tmp_path / "没有")}
    result = jixiao("build", EXAMPLES / "standard.toml", "-o", tmp_path / "out", "--pdf", env=env)
    assert result.code == 1, str(result)
    assert (tmp_path / "out" / f"{STANDARD}.docx").exists()
    assert not (tmp_path / "out" / f"{STANDARD}.pdf").exists()
    assert "没有找到 LibreOffice" in result.err and "Traceback" not in result.text
