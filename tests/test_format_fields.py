"""A district's own facts (联系人, 预算编码) need no code: the format's settings declare them, the
unit writes them in ["扩展"], the template prints {{ 扩展.联系人 }}, init and check know them."""

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, checks_of
from docx import Document
from docxdump import paragraphs

from generator.cli.main import cli
from generator.data.formats import resolve
from generator.errors import FormatError
from generator.evaluate import evaluate
from generator.report.render import render

FIXTURES = Path(__file__).parent / "fixtures"
SETTINGS = """"名称" = "本区格式"
"地区" = "本区"
"继承" = "chongqing-bishan"

[["字段"]]
"键" = "联系人"
"说明" = "报告联系人"
"必填" = true
"示例" = "张三"

[["字段"]]
"键" = "预算编码"
"说明" = "单位预算编码"

[["字段"]]
"键" = "在编人数"
"类型" = "整数"
"单位" = "人"
"说明" = "年末在编人数"
"""


@pytest.fixture
def district(tmp_path, monkeypatch):
    folder = tmp_path / "formats" / "mine"
    folder.mkdir(parents=True)
    (folder / "settings.toml").write_text(SETTINGS, encoding="utf-8")
    doc = Document()
    for line in (
        "{{ 单位.名称 }}{{ 单位.年度 }}年度绩效自评报告",
        "联系人：{{ 扩展.联系人 }}，预算编码：{{ 扩展.预算编码 | 或('—') }}",
        "在编人数：{{ 扩展.在编人数 | 或('—') }}；总分{{ 数据.总分 }}",
    ):
        doc.add_paragraph(line)
    doc.save(str(folder / "template.docx"))
    monkeypatch.setenv("JIXIAO_FORMATS", str(tmp_path / "formats"))
    return "mine"


def unit_with(tmp_path, extra: str, name="单位"):
    text = (FIXTURES / "minimal-chongqing-bishan.toml").read_text(encoding="utf-8")
    path = tmp_path / f"{name}.toml"
    path.write_text(text + extra, encoding="utf-8")
    return path


def test_declared_fields_are_read_and_printed(district):
    unit = evaluate(FIXTURES / "district-contact-person.toml", district)
    assert unit.errors == []
    assert [(f.key, f.kind, f.required) for f in resolve(district).settings.fields] == [
        ("联系人", "文字", True),
        ("预算编码", "文字", None),
        ("在编人数", "整数", None),
    ]
    text = paragraphs(render(unit))
    assert "联系人：张三，预算编码：601001" in text
    assert "在编人数：—；总分97.00" in text  # declared, not given: the template's 或 applies


def test_a_missing_required_field_an_unknown_one_and_a_wrong_type_are_errors(tmp_path, district):
    path = unit_with(tmp_path, '\n["扩展"]\n"联系电话" = "123"\n"在编人数" = "三十"\n')
    found = {p.key: p.message for p in evaluate(path, district).errors}
    assert found == {
        "扩展.联系电话": "格式“mine”没有声明附加数据“联系电话”。是不是“联系人”？本格式的附加数据："
        '联系人、预算编码、在编人数（在格式的 settings.toml 中用 [["字段"]] 声明）',
        "扩展.在编人数": "附加数据“在编人数”（年末在编人数）应为整数，不加引号",
        "扩展.联系人": '缺少格式“mine”要求的附加数据“联系人”（报告联系人）：在数据文件中写 ["扩展"] 表，'
        '其中 "联系人" = …',
    }


def test_a_declared_field_written_elsewhere_is_pointed_to_its_table(tmp_path, district):
    text = (FIXTURES / "district-contact-person.toml").read_text(encoding="utf-8")
    path = tmp_path / "写错位置.toml"
    path.write_text(
        text.replace('"格式" = "chongqing-bishan"', '"格式" = "mine"\n"预算编码" = "601001"'),
        encoding="utf-8",
    )
    problem = checks_of(evaluate(path))["schema.unknown-key"]
    assert problem.key == "单位.预算编码"
    assert (
        problem.message
        == '“预算编码”是格式“mine”的附加数据，应写在 ["扩展"] 表中：["扩展"] "预算编码" = …'
    )


def test_another_format_rejects_the_fields(tmp_path):
    unit = evaluate(FIXTURES / "district-contact-person.toml")
    assert [p.key for p in unit.errors] == ["扩展.联系人", "扩展.预算编码"]
    assert all(p.check == "format.extra" for p in unit.errors)


def test_init_writes_the_declared_fields(tmp_path, district):
    target = tmp_path / "新单位.toml"
    result = CliRunner().invoke(cli, ["init", str(target), "--format", district])
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    tail = text[text.index('["扩展"]') :].splitlines()
    assert tail == [
        '["扩展"]',
        '# 报告联系人（文字；必填）。例："张三"',
        '"联系人" = "待填"',
        "# 单位预算编码（文字；本格式的报告用到）",
        '"预算编码" = "待填"',
        "# 年末在编人数（整数，单位：人；本格式的报告用到）",
        '"在编人数" = "待填"',
    ]
    todo = [p.key for p in evaluate(target).errors if p.key.startswith("扩展")]
    assert todo == ["扩展.联系人", "扩展.预算编码", "扩展.在编人数"]


def test_a_field_of_an_unknown_type_is_a_format_error(tmp_path, monkeypatch):
    folder = tmp_path / "formats" / "bad"
    folder.mkdir(parents=True)
    (folder / "settings.toml").write_text(
        SETTINGS.replace('"类型" = "整数"', '"类型" = "人数"'), encoding="utf-8"
    )
    monkeypatch.setenv("JIXIAO_FORMATS", str(tmp_path / "formats"))
    with pytest.raises(FormatError) as info:
        resolve("bad")
    assert (
        "附加数据“在编人数”的类型应为 文字、数字、整数、日期、true/false、文字的数组 之一，而不是“人数”"
        in str(info.value)
    )


def test_the_settings_doc_explains_fields():
    doc = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    assert "## `字段[]`" in doc and "| `键` |" in doc and "| `类型` |" in doc
