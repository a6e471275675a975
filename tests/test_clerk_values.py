"""Values written as clerks write them are read; messages fit the field; a score the evaluator
gave is printed with its reason, never beside the rule's contrary arithmetic."""

from pathlib import Path

import pytest
from conftest import checks_of, report_of

from generator.compute.measures import ScoreError, parse_measure
from generator.data.formats import resolve
from generator.errors import FormatError
from generator.evaluate import evaluate

FIXTURES = Path(__file__).parent / "fixtures"
D = __import__("decimal").Decimal


@pytest.mark.parametrize(
    "text, value, unit",
    [
        ("1,286人次", D(1286), "人次"),
        ("≥1,200,000元", D(1200000), "元"),
        ("１２３", D(123), ""),
        ("≥９０％", D(90), "%"),
        ("90 %", D(90), "%"),
        ("≥ 95.5 %", D("95.5"), "%"),
        ("3，000人", D(3000), "人"),
    ],
)
def test_numbers_as_typed(text, value, unit):
    m = parse_measure(text)
    assert (m.value, m.unit) == (value, unit)


@pytest.mark.parametrize("word", ["明显改善", "健全", "有效", "稳步提升", "不断提高", "逐步完善"])
def test_common_qualitative_targets_are_read(word):
    assert parse_measure(word, "指标值").quality == "达成"


def test_a_bad_target_suggests_target_forms_and_a_bad_actual_actual_forms():
    with pytest.raises(ScoreError) as target:
        parse_measure("大约九成", "指标值")
    assert str(target.value) == (
        "读不懂指标值“大约九成”：应写成 ≥95%、≤12月、=100%、≥3000人次，或定性的 明显改善、健全、有效"
    )
    with pytest.raises(ScoreError) as actual:
        parse_measure("九成", "实际值")
    assert str(actual.value) == (
        "读不懂实际值“九成”：应写成 100%、12月、3000人次（数字加单位），或 达成、部分达成、未达成"
    )
    assert "达成" not in str(target.value).split("或")[0]


def test_the_fixture_scores_clerk_written_values():
    unit = evaluate(FIXTURES / "evaluator-score.toml")
    assert unit.errors == []
    scores = [s.score for s in unit.scores]
    assert scores == [D(10), D(3), D(45), D(30), D(10)]
    assert unit.scores[2].explanation == "正向：实际 1286亩 ≥ 目标 1200亩，得满分 45"
    assert unit.scores[3].rule == "定性"


def row_of(tables, name):
    return next(row for t in tables for row in t if name in row)


def test_a_given_score_that_differs_prints_the_score_and_reason_not_the_formula():
    unit, text, tables = report_of(FIXTURES / "evaluator-score.toml")
    warning = checks_of(unit)["score.rule-disagrees"]
    assert warning.key == "指标[2].得分"
    assert warning.message.startswith("给出的得分 3 与规则“反向”计算的 4 不同")
    assert '请在该指标写 "规则" = "评价人"，并在 "评分理由" 中写明理由' in warning.message
    assert unit.scores[1].explanation == "评价人评定 3 分：个别投诉涉及多个部门，办结较慢。"
    row = row_of(tables, "投诉办结时长")  # 自评表: 指标值, 实际值, 分值, 得分, 偏差原因
    assert row[-5:] == ["≤12天", "15天", "5", "3", "个别投诉涉及多个部门，办结较慢。"]
    cells = "\n".join(c for t in tables for row in t for c in row)
    assert "反向：" not in text + cells


def test_rule_evaluator_is_the_documented_way_and_silences_the_warning(tmp_path):
    text = (FIXTURES / "evaluator-score.toml").read_text(encoding="utf-8")
    text = text.replace('"偏差原因" = "个别投诉涉及多个部门，办结较慢。"\n', "").replace(
        '"得分" = 3\n', '"得分" = 3\n"规则" = "评价人"\n"评分理由" = "办结超时，酌情扣分。"\n'
    )
    path = tmp_path / "评价人.toml"
    path.write_text(text, encoding="utf-8")
    unit, report, tables = report_of(path)
    assert [p.check for p in unit.warnings] == []
    assert unit.scores[1].explanation == "评价人评定 3 分：办结超时，酌情扣分。"
    assert row_of(tables, "投诉办结时长")[-2:] == ["3", "办结超时，酌情扣分。"]
    assert "评价人" in (Path(__file__).parents[1] / "docs" / "data.md").read_text(encoding="utf-8")


def test_rule_evaluator_without_a_score_says_what_to_fill(tmp_path):
    text = (FIXTURES / "evaluator-score.toml").read_text(encoding="utf-8")
    path = tmp_path / "无得分.toml"
    path.write_text(text.replace('"得分" = 3\n', '"规则" = "评价人"\n'), encoding="utf-8")
    problem = checks_of(evaluate(path))["score.unscorable"]
    assert problem.key == "指标[2].得分"
    assert problem.message == "“投诉办结时长”：规则为“评价人”：请填写评价人给出的得分"


def _format(tmp_path, monkeypatch, extra: str):
    folder = tmp_path / "formats" / "mine"
    folder.mkdir(parents=True)
    (folder / "settings.toml").write_text(
        '"名称" = "本区"\n"地区" = "本区"\n"继承" = "standard"\n' + extra, encoding="utf-8"
    )
    monkeypatch.setenv("JIXIAO_FORMATS", str(tmp_path / "formats"))


def test_a_format_adds_its_own_qualitative_words(tmp_path, monkeypatch):
    _format(tmp_path, monkeypatch, '["定性目标"]\n"群众认可" = "达成"\n"有待加强" = "部分达成"\n')
    text = (FIXTURES / "evaluator-score.toml").read_text(encoding="utf-8")
    text = text.replace(
        '"指标值" = "明显改善"\n"实际值" = "明显改善"',
        '"指标值" = "群众认可"\n"实际值" = "有待加强"\n"得分" = 20',
    )
    path = tmp_path / "本区.toml"
    path.write_text(text, encoding="utf-8")
    assert resolve("mine").settings.qualitative == {"群众认可": "达成", "有待加强": "部分达成"}
    unit = evaluate(path, "mine")
    assert unit.scores[3].rule == "定性" and unit.scores[3].score == D(20)
    assert unit.attained[3] == "部分达成"
    # The built-in words stay: a format only adds.
    assert evaluate(FIXTURES / "evaluator-score.toml", "mine").scores[3].rule == "定性"
    standard = evaluate(path, "standard")
    assert "读不懂指标值“群众认可”" in checks_of(standard)["score.unscorable"].message


def test_a_qualitative_word_must_mean_a_verdict(tmp_path, monkeypatch):
    _format(tmp_path, monkeypatch, '["定性目标"]\n"群众认可" = "很好"\n')
    with pytest.raises(FormatError) as info:
        resolve("mine")
    assert "“群众认可”的含义应为 达成、部分达成、未达成 之一，而不是“很好”" in str(info.value)


def test_counts_of_people_add_up_exactly():
    unit = evaluate(FIXTURES / "type-errors-hide-nothing.toml")
    staff = checks_of(unit)["identity.staff"]
    assert staff.message == (
        "行政编制 + 事业编制 = 9 + 4 = 13，而在职人数 = 12，相差 1。"
        "请核对 人员编制.类别[1].实有、人员编制.类别[2].实有、人员编制.在职人数"
    )
    assert "±" not in staff.message
