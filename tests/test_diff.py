"""jixiao diff: a correction's facts, and every figure, score and grade that follows from it."""

import json
import sys
from datetime import date

import pytest
from click.testing import CliRunner
from docxdump import paragraphs, tables

from generator.cli.main import cli, main
from generator.cycle.diff import compare
from generator.cycle.revision import to_docx, to_markdown
from generator.evaluate import evaluate

BEFORE = "minimal-chongqing-bishan"
CORRECTED = "chongqing-adjusted-budget-corrected"  # 调整预算 18580.25 → 16258.00


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def jixiao(capsys, monkeypatch, *args):
    """The real entry point, with its error handling: (exit code, stdout + stderr)."""
    monkeypatch.setattr(sys, "argv", ["jixiao", *map(str, args)])
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = exc.code
    out = capsys.readouterr()
    return code, out.out + out.err


def test_diff_text_lists_fact_figures_and_scores(fixture):
    new = fixture(CORRECTED)
    old = fixture(BEFORE)
    result = run("diff", old, new)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        f"原数据：{old}",
        f"新数据：{new}",
        "事实（1 项变化）：",
        "  预算.调整预算（万元）：18580.25 → 16258.00",
        "计算值（4 项变化）：",
        "  预算执行率：70.00% → 80.00%",
        "  调整预算完成率：70.00% → 80.00%",
        "  预算调整数：5,335.20 → 3,012.95",
        "  预算调整率：40.28% → 22.75%",
        "得分（10 项变化）：",
        "  1. 预算执行率：7 → 8",
        "  总分：97.00 → 98.00",
        "  扣分：3.00 → 2.00",
        "  得分率：97.00% → 98.00%",
        "  预算执行率得分：7.00 → 8.00",
        "  一级指标“预算执行”得分：7.00 → 8.00",
        "  一级指标“预算执行”得分率：70.00% → 80.00%",
        "  二级指标“预算执行率”得分：7.00 → 8.00",
        "  二级指标“预算执行率”得分率：70.00% → 80.00%",
        "  指标[1]“预算执行率”得分率：70.00% → 80.00%",
        "修订后总分 98.00 分，等级“优”（原为 97.00 分，“优”）",
    ]


def test_diff_json(fixture):
    new = fixture("chongqing-adjusted-budget-and-actual-corrected")
    result = run("diff", fixture(BEFORE), new, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["事实"] == [
        {"键": "预算.调整预算", "原值": "18580.25", "新值": "16258.00"},
        {"键": "指标[2].实际值", "原值": "90%", "新值": "85%"},
    ]
    assert {"名称": "预算执行率", "原值": "70.00%", "新值": "80.00%"} in data["计算值"]
    scores = {s["名称"]: (s["原值"], s["新值"]) for s in data["得分"]}
    assert scores["1. 预算执行率"] == ("7", "8")
    assert scores["2. 生态修复有效性"] == ("10", "9.44")  # 85% of a ≥90% target: 10 × 85 ÷ 90
    assert scores["总分"] == ("97.00", "97.44")
    assert "等级" not in scores  # 优 before and after


def test_grade_change_is_listed(fixture):
    data = compare(fixture(BEFORE), fixture("chongqing-grade-drops-to-liang")).as_json()
    scores = {s["名称"]: (s["原值"], s["新值"]) for s in data["得分"]}
    assert scores["等级"] == ("优", "良")


def test_no_change(example):
    result = run("diff", example("chongqing-bishan"), example("chongqing-bishan"))
    assert result.exit_code == 0
    assert result.output.splitlines()[-1] == "两份数据没有差别"


def test_an_old_file_with_errors_still_shows_what_it_can(fixture):
    result = run("diff", fixture("chongqing-spending-written-in-words"), fixture(BEFORE))
    assert result.exit_code == 0, result.output
    assert "注意：原数据有 1 个错误（用 jixiao check 查看），能算出的才列出" in result.output
    assert "  预算.执行数（万元）：一万三 → 13006.70" in result.output


def test_diff_against_the_last_build(fixture, tmp_path):
    source = fixture(BEFORE, copy="单位")
    out = tmp_path / "out"
    assert run("build", source, "-o", out).exit_code == 0
    fixture(CORRECTED, copy="单位")  # the same file, corrected
    result = run("diff", source, "-d", out)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].startswith("原数据：上次生成时的数据（")
    assert "  预算.调整预算（万元）：18580.25 → 16258.00" in result.output
    assert "  总分：97.00 → 98.00" in result.output


def test_diff_without_a_last_build_says_what_to_do(fixture, tmp_path, capsys, monkeypatch):
    source = fixture(BEFORE)
    code, output = jixiao(capsys, monkeypatch, "diff", source, "-d", tmp_path / "无此目录")
    assert code == 1
    assert output.splitlines() == [
        f"错误：没有找到 {source} 的上次生成记录（在 {tmp_path / '无此目录' / '.jixiao'} 中）。"
        "请用 -d 指定当时的报告输出目录，或给出两个文件：jixiao diff 旧.toml 新.toml"
    ]


def test_revision_note_markdown_and_docx(fixture, tmp_path, capsys, monkeypatch):
    old, new = fixture(BEFORE), fixture(CORRECTED)
    d = compare(old, new)
    md = to_markdown(d, date(2024, 5, 6))
    assert "| 调整预算（万元） | 18,580.25 | 16,258.00 |" in md
    assert "| “预算执行率”得分 | 7 | 8 |" in md
    assert "更正后总分为 98.00 分，评价等级为“优”（更正前为 97.00 分，“优”）。" in md
    assert md.rstrip().endswith("重庆市璧山区人民政府璧泉街道办事处\n2024年5月6日")
    docx = to_docx(d, date(2024, 5, 6))
    text = paragraphs(docx)
    assert text[0] == "修订说明"
    assert "一、更正的数据" in text and "三、随之变化的得分和等级" in text
    assert text[-1] == "2024年5月6日"
    facts, figures, scores = tables(docx)
    assert facts == [["项目", "原为", "更正为"], ["调整预算（万元）", "18,580.25", "16,258.00"]]
    assert ["预算执行率", "70.00%", "80.00%"] in figures
    assert scores == [["指标或项目", "原为", "更正为"], ["“预算执行率”得分", "7", "8"]]
    assert "更正后总分为 98.00 分，评价等级为“优”（更正前为 97.00 分，“优”）。" in text
    # Through the command line, by the file's suffix.
    for name in ("修订说明.md", "修订说明.docx"):
        result = run("diff", old, new, "--output", tmp_path / name)
        assert result.exit_code == 0, result.output
        assert f"已写出修订说明：{tmp_path / name}" in result.output
        assert (tmp_path / name).stat().st_size > 0
    code, output = jixiao(
        capsys,
        monkeypatch,
        "diff",
        old,
        new,
        "--output",
        tmp_path / "说明.pdf",
    )
    assert code == 1
    assert output.splitlines() == ["错误：修订说明只能写成 .md 或 .docx 文件，而不是“说明.pdf”"]


def test_diff_finds_the_last_build_after_the_units_name_changed(fixture, tmp_path):
    """The report is named by the unit: a new name is a new report name, and diff still finds
    the build it compares with by the data file the record names."""
    source = fixture(BEFORE, copy="单位")
    out = tmp_path / "out"
    assert run("build", source, "-o", out).exit_code == 0
    fixture("chongqing-name-with-markup", copy="单位")  # the same file, the unit renamed
    result = run("diff", source, "-d", out)
    assert result.exit_code == 0, result.output
    assert (
        "  单位.名称：重庆市璧山区人民政府璧泉街道办事处 → 重庆市璧山区人民政府璧泉街道 <办事处> & 财政所"
        in (result.output)
    )


def test_revision_note_speaks_the_reports_language_and_says_each_change_once(fixture):
    d = compare(fixture("standard-two-sources"), fixture("standard-two-sources-corrected"))
    facts, figures, scores = tables(to_docx(d, date(2024, 5, 6)))
    assert facts[1:] == [
        ["执行数（万元）", "17,100.00", "17,210.65"],
        ["项目支出（万元）", "5,100.00", "5,210.65"],
        ["一般公共预算执行数（万元）", "14,246.15", "14,356.80"],
    ]
    assert ["一般公共预算执行率", "94.06%", "94.79%"] in figures
    names = [row[0] for table in (facts, figures, scores) for row in table[1:]]
    assert len(names) == len(set(names))
    assert not [n for n in names if "预算." in n or "来源1" in n or "[" in n]
    assert "调整预算完成率" not in names  # the same change as 预算执行率
    assert "支出合计" not in names  # the same as 执行数, and not in the report
    assert scores[1:] == [["“预算执行率”得分", "9.5", "9.56"]]
    md = to_markdown(d, date(2024, 5, 6))
    assert "17210.65" not in md and "17,210.65" in md  # the report's number format throughout


@pytest.mark.parametrize(
    "before, after",
    [
        (BEFORE, CORRECTED),
        (BEFORE, "chongqing-adjusted-budget-and-actual-corrected"),
        ("minimal-henan-pingdingshan", "henan-initial-budget-and-unit-funds-changed"),
    ],
)
def test_diff_lists_every_figure_the_two_reports_print_differently(before, after, fixture):
    old, new = evaluate(fixture(before)), evaluate(fixture(after))
    shown_old, shown_new = old.displays(), new.displays()
    differ = {
        n for n in shown_old.keys() | shown_new.keys() if shown_old.get(n) != shown_new.get(n)
    }
    d = compare(fixture(before), fixture(after))
    listed = {c.key for c in d.figures + d.scores}
    facts = {k for k in differ if k in {c.key.rpartition(".")[2] for c in d.facts}}
    assert differ - facts and differ - facts <= listed
