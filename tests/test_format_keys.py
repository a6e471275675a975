"""A format knows its keys from its template: init asks for the keys the report uses and leaves
the others commented out; check warns about facts the report never prints, and stops a unit
whose report needs a figure the data can't give."""

from pathlib import Path

from click.testing import CliRunner
from conftest import checks_of, live_keys
from docx import Document

from generator.checks.printed import printed_facts
from generator.cli.main import cli
from generator.data.formats import resolve
from generator.evaluate import evaluate
from generator.template.use import template_use

FIXTURES = Path(__file__).parent / "fixtures"


def run(*args):
    return CliRunner().invoke(cli, list(map(str, args)))


def test_the_template_says_which_keys_it_reads():
    use = template_use(resolve("standard").template)
    assert {"单位.名称", "指标[].实际值", "数据.预算执行率", "预算.来源[].执行数"} <= use.printed
    assert "数值.项目执行率" in use.tested
    assert not [p for p in use.paths if p.startswith("资产")]
    printed = printed_facts(resolve("standard"))
    assert printed.prints("预算.执行数")  # through 数据.预算执行率
    assert printed.prints("指标[3].分值") and printed.prints("机构设置.内设机构[2]")
    assert not printed.prints("资产.资产总额")
    assert printed_facts(resolve("hebei-qiaoxi")).prints("资产.上年资产总额")


def test_init_asks_for_the_keys_the_format_prints_and_comments_out_the_rest(tmp_path):
    target = tmp_path / "新单位.toml"
    assert run("init", target, "--format", "standard").exit_code == 0
    text = target.read_text(encoding="utf-8")
    asked = live_keys(text)
    assert {"单位.名称", "预算.执行数", "预算.其他支出", "指标[].实际值", "问题"} <= asked
    assert not [k for k in asked if k.startswith(("资产", "评价工作组", "预算.三公经费"))]
    assert '# ["资产"]' in text and '# "资产总额" = "待填"' in text
    assert "# 本格式的报告不用这一节；需要时删去以下各行（含本节标题）行首的 # 再填写" in text
    # The evaluator's score and rule are optional: asked for by no format.
    assert '# "得分" = "待填"' in text and '# "规则" = "待填"' in text
    every = live_keys(
        "\n".join(x[2:] if x.startswith(('# "', "# [")) else x for x in text.splitlines())
    )
    assert len(asked) < 0.6 * len(every), (len(asked), len(every))
    hebei = tmp_path / "河北.toml"
    assert run("init", hebei, "--format", "hebei-qiaoxi").exit_code == 0
    assert "资产.上年资产总额" in live_keys(hebei.read_text(encoding="utf-8"))


def test_check_warns_about_filled_facts_the_format_never_prints():
    unit = evaluate(FIXTURES / "assets-for-standard.toml")
    warning = checks_of(unit)["format.unprinted"]
    assert warning.level == "警告" and warning.line == 8
    assert warning.message == (
        "格式“standard”的报告不印这些数据：单位.性质、资产.资产总额、资产.负债总额、资产.净资产。"
        "它们不出现在报告中（有的只用于核对）；本格式用不到的可以删去"
    )
    hebei = checks_of(evaluate(FIXTURES / "assets-for-standard.toml", "hebei-qiaoxi"))
    assert "资产" not in hebei["format.unprinted"].message  # that format prints them


def test_a_figure_the_report_needs_and_the_data_cannot_give_is_an_error_before_build(tmp_path):
    text = (FIXTURES / "assets-for-standard.toml").read_text(encoding="utf-8")
    path = tmp_path / "无其他支出.toml"
    path.write_text(text.replace('"其他支出" = 0\n', ""), encoding="utf-8")
    unit = evaluate(path)
    error = checks_of(unit)["format.missing"]
    assert error.key == "预算.其他支出"
    assert error.message == (
        "格式“standard”的报告要印“其他支出”（模板中的 {{ 数值.其他支出 }}），"
        "它由 预算.其他支出 算出，数据中没有 预算.其他支出。请填写（没有这项金额就写 0），否则无法生成报告"
    )
    result = run("build", path, "-o", tmp_path / "out")
    assert result.exit_code == 1 and "format.missing" not in result.output
    assert "请填写（没有这项金额就写 0）" in result.output


def test_a_new_districts_template_needs_no_code(tmp_path, monkeypatch):
    folder = tmp_path / "formats" / "mine"
    folder.mkdir(parents=True)
    (folder / "settings.toml").write_text(
        '"名称" = "本区"\n"地区" = "本区"\n"继承" = "standard"\n"模板" = "template.docx"\n',
        encoding="utf-8",
    )
    doc = Document()
    for line in (
        "{{ 单位.名称 }}{{ 单位.年度 }}年度，资产{{ 数据.资产变动率 }}。",
        "{%p for i in 指标 %}",
        "{{ i.三级 }}：{{ i.得分 }}",
        "{%p endfor %}",
        "总分{{ 数据.总分 }}",
    ):
        doc.add_paragraph(line)
    doc.save(str(folder / "template.docx"))
    monkeypatch.setenv("JIXIAO_FORMATS", str(tmp_path / "formats"))
    target = tmp_path / "新单位.toml"
    assert run("init", target, "--format", "mine").exit_code == 0
    asked = live_keys(target.read_text(encoding="utf-8"))
    assert {"资产.资产总额", "资产.上年资产总额", "指标[].三级", "指标[].实际值"} <= asked
    assert not {"预算.基本支出", "叙述.评价目的", "职责", "指标[].说明"} & asked
