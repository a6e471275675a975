"""计分说明: each indicator's score in the report's language, computed with the scores; the rule's
arithmetic (评分说明) stays in `jixiao check`. A format may print the notes as an appendix."""

import pytest
from click.testing import CliRunner
from conftest import report_of

from generator.cli import cli
from generator.evaluate import evaluate
from generator.report.context import build_context

TOOL_WORDS = (
    "正向",
    "反向",
    "等于：",
    "比例：",
    "分档：",
    "得满分",
    "按上限计",
    "得分应在",
    "×",
    "÷",
)


@pytest.mark.parametrize(
    "path, label, note",
    [
        ("standard", "预算执行率", "按预算执行率100.00%计10分"),
        ("standard", "举办宣传活动次数", "实际完成2次，达到目标，计5分"),
        ("standard", "完成时限", "实际12月，控制在目标以内，计10分"),
        ("standard", "工程、服务验收合格率", "实际100%，与目标一致，计10分"),
        ("standard", "降低地区消防隐患", "定性评价为“达成”，计10分"),
        ("chongqing-bishan", "预算执行率", "按预算执行率70.00%计7分"),
        ("hebei-qiaoxi", "实际执行资金占预算资金的比率", "预算执行率100%，达到100%一档，计10分"),
        ("hebei-qiaoxi", "群众满意度", "由评价人评定，计8分"),
        ("town-summary", "预算执行率", "预算执行率超过100%，按100%计20分"),
        ("town-summary", "机关工作整体满意度", "定性评价为“良好”，评价人评定计4分"),
    ],
)
def test_each_score_is_said_in_report_language(example, path, label, note):
    unit = evaluate(example(path))
    notes = dict(zip((i.label for i in unit.report.indicators), unit.computed.notes, strict=True))
    assert notes[label] == note
    assert not [w for w in TOOL_WORDS if w in note]


@pytest.mark.parametrize(
    "case, label, note",
    [
        ("chongqing-grade-drops-to-liang", "群众满意度", "实际完成45%，未达到目标（≥90%），按比例计5分"),
        ("hebei-execution-rate-in-the-90-band", "实际执行资金占预算资金的比率", "预算执行率90.29%，达到90%一档，计9分"),
        ("chongqing-stated-score-disagrees", "森林火灾发生次数", "实际0次，控制在目标以内，评价人评定计9分"),
    ],
)  # fmt: skip
def test_short_banded_and_given_scores_say_so(fixture, case, label, note):
    unit = evaluate(fixture(case))
    notes = dict(zip((i.label for i in unit.report.indicators), unit.computed.notes, strict=True))
    assert notes[label] == note


def test_unscored_formats_have_no_notes(example):
    assert set(evaluate(example("beijing-chaoyang")).computed.notes) == {None}


def test_the_template_sees_the_note_but_not_the_tool_explanation(example):
    rows = build_context(evaluate(example("standard")))["指标"]
    assert rows[0]["计分说明"] == "按预算执行率100.00%计10分"
    assert "评分说明" not in rows[0]


def test_check_shows_the_rule_and_the_note(example):
    result = CliRunner().invoke(cli, ["check", str(example("standard"))])
    assert (
        "1. 预算执行率（分值 10）：计算 10.00 分；比例：执行率 100.00% × 分值 10 = 10\n"
        in result.output
    )
    assert "       计分说明：按预算执行率100.00%计10分\n" in result.output


@pytest.fixture
def with_appendix(tmp_path, monkeypatch):
    """A format like the standard one that prints the 计分说明 appendix."""
    folder = tmp_path / "formats" / "standard-notes"
    folder.mkdir(parents=True)
    (folder / "settings.toml").write_text(
        '"名称" = "标准格式附计分说明"\n"地区" = "通用"\n"继承" = "standard"\n\n'
        '["报告"]\n"附录计分说明" = true\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("JIXIAO_FORMATS", str(tmp_path / "formats"))
    return "standard-notes"


def test_a_format_may_print_the_notes_as_an_appendix(example, with_appendix):
    unit, text, _ = report_of(example("standard"), with_appendix)
    lines = text.splitlines()
    notes = lines[lines.index("附：指标计分说明") + 1 :]
    assert notes[:2] == [
        "1. 预算执行率：按预算执行率100.00%计10分。",
        "2. 举办宣传活动次数：实际完成2次，达到目标，计5分。",
    ]
    assert len(notes) == len(unit.report.indicators)
    assert not [w for w in TOOL_WORDS if w in "\n".join(notes)]
    _, plain, _ = report_of(example("standard"))
    assert "附：指标计分说明" not in plain
