from decimal import Decimal as D

import pytest

from generator.compute.measures import ScoreError, parse_measure
from generator.compute.scoring import grade_for, score_indicator
from generator.data.model import Indicator
from generator.data.settings import Band, Grade, Scoring
from generator.evaluate import evaluate


def rules(**kw):
    base = dict(
        execution="比例",
        cap=True,
        met=[D(80), D(100)],
        partly=[D(60), D(80)],
        unmet=[D(0), D(60)],
        bands=[Band(D(100), D(100)), Band(D(90), D(90)), Band(D(80), D(80)), Band(D(0), D(0))],
    )
    base.update(kw)
    return Scoring(**base)


def ind(target=None, actual=None, weight="10", score=None, level3="指标", rule=None):
    return Indicator(
        level1="产出",
        level3=level3,
        target=target,
        actual=actual,
        weight=D(weight),
        score=None if score is None else D(score),
        rule=rule,
    )


def test_parse_what_clerks_write():
    assert parse_measure("≥95%").op == ">=" and parse_measure("≥95%").value == D(95)
    assert parse_measure("≤12月").unit == "月"
    assert parse_measure("3000人次").op is None and parse_measure("3000人次").unit == "人次"
    assert parse_measure("90%以上").op == ">="
    assert parse_measure("好").quality == "达成"
    with pytest.raises(ScoreError, match="读不懂“大约九成”"):
        parse_measure("大约九成")


def test_at_least_target_proportional_when_short():
    s = score_indicator(ind("≥90%", "81%"), rules(), None)
    assert s.score == D(9) and s.computed
    assert "实际 81% ÷ 目标 90% × 分值 10 = 9" in s.explanation
    assert score_indicator(ind("≥90%", "95%"), rules(), None).score == D(10)


def test_at_most_target_reverse():
    assert score_indicator(ind("≤12月", "15月"), rules(), None).score == D(8)
    assert score_indicator(ind("≤0次", "0次"), rules(), None).score == D(10)


def test_never_above_weight_and_units_must_agree():
    assert score_indicator(ind("=100%", "120%"), rules(), None).score == D("10") * D(100) / D(120)
    with pytest.raises(ScoreError, match="单位不一致"):
        score_indicator(ind("≥2次", "2个"), rules(), None)


def test_execution_rate_proportional_and_capped():
    assert score_indicator(ind(level3="预算执行率"), rules(), D("0.7")).score == D(7)
    assert score_indicator(ind(level3="预算执行率"), rules(), D("1.2")).score == D(10)


def test_execution_rate_in_bands():
    s = score_indicator(ind(level3="预算执行率"), rules(execution="分档"), D("0.95"))
    assert s.score == D(9)
    assert "≥ 90%" in s.explanation


def test_qualitative_band_and_given_score():
    assert score_indicator(ind("好", "达成"), rules(), None).score == D(10)
    s = score_indicator(ind("好", "部分达成", score="7"), rules(), None)
    assert s.score == D(7) and s.disagreement is None
    s = score_indicator(ind("好", "部分达成", score="9"), rules(), None)
    assert "不在区间内" in s.disagreement
    with pytest.raises(ScoreError, match="须由评价人在区间内打分"):
        score_indicator(ind("好", "部分达成"), rules(), None)


def test_given_score_kept_and_compared_with_rule():
    s = score_indicator(ind("≥90%", "81%", score="10"), rules(), None)
    assert s.score == D(10) and not s.computed
    assert "给出的得分 10 与规则“正向”计算的 9 不同" in s.disagreement
    assert s.explanation == "评价人评定 10 分"  # never the rule's contrary arithmetic


def test_grade_bands_lower_bound_inclusive():
    grades = [Grade("优", D(90)), Grade("良", D(80)), Grade("中", D(60)), Grade("差", D(0))]
    assert [grade_for(D(x), grades) for x in ("90", "89.99", "80", "60", "59.99")] == [
        "优",
        "良",
        "良",
        "中",
        "差",
    ]


SCORED = ["chongqing-bishan", "hebei-qiaoxi", "henan-pingdingshan", "standard", "town-summary"]


@pytest.mark.parametrize("stem", SCORED)
def test_total_is_every_indicators_score_and_the_grade_is_the_totals(stem, example):
    unit = evaluate(example(stem))
    scores = [s.score for s in unit.scores]  # every indicator of these examples has a score
    assert len(scores) == len(unit.report.indicators) and scores[-1] > 0
    total = sum(scores, D(0))
    assert unit.figures["总分"].value == total
    assert (
        unit.figures["扣分"].value == sum((i.weight for i in unit.report.indicators), D(0)) - total
    )
    assert unit.figures["等级"].value == next(
        g.name for g in unit.fmt.settings.grades if total >= g.lower
    )
