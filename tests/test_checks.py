"""Each identity check reports the keys, both sides and the difference; rounding is tolerated."""

from conftest import checks_of

from generator.checks import CATALOGUE
from generator.evaluate import evaluate


def errors(path):
    return {p.check: p for p in evaluate(path).errors}


def test_clean_examples_have_no_errors(example):
    for stem in ("chongqing-bishan", "standard"):
        assert evaluate(example(stem)).errors == []


def test_catalogue_ids_are_unique_and_levelled():
    ids = [c.id for c in CATALOGUE]
    assert len(ids) == len(set(ids))
    assert {c.level for c in CATALOGUE} <= {"错误", "警告"}


def test_basic_plus_project_must_equal_spending(fixture):
    found = errors(fixture("chongqing-basic-spending-off-by-10"))
    p = found["identity.spending"]
    assert p.key == "预算.基本支出"
    assert (
        "基本支出 + 项目支出 = 2,788.36 + 10,228.34 = 13,016.70，而执行数 = 13,006.70，相差 10.00"
        in p.message
    )
    assert "允许的舍入误差 ±0.015" in p.message
    assert p.line is not None


def test_rounding_difference_is_tolerated(fixture):
    found = errors(fixture("chongqing-spending-off-by-a-cent"))
    assert "identity.spending" not in found


def test_sources_must_add_up(fixture):
    found = errors(fixture("chongqing-fund-spending-transposed"))
    assert "一般公共预算执行数 + 政府性基金执行数" in found["identity.sources"].message
    assert "政府性基金基本支出 + 政府性基金项目支出" in found["identity.source-spending"].message
    assert found["identity.source-spending"].key == "预算.来源[2].基本支出"


def test_budget_parts_must_add_up(fixture):
    found = errors(fixture("standard-budget-parts-short"))
    assert "相差 0.000702" in found["identity.budget-parts"].message


def test_net_assets(fixture):
    # 875.39 − 728.8 = 146.59 against 146.58: rounding
    assert "identity.net-assets" not in errors(fixture("chongqing-net-assets-rounded"))
    assert (
        "相差 0.41"
        in errors(fixture("chongqing-net-assets-off-by-0.41"))["identity.net-assets"].message
    )


def test_staff_total(fixture):
    p = errors(fixture("chongqing-staff-total-off-by-one"))["identity.staff"]
    assert "公务员 + 参公人员 + 事业单位 = 38 + 1 + 81 = 120，而在职人数 = 121" in p.message


def test_score_above_weight_and_weights_total(fixture):
    found = errors(fixture("chongqing-score-above-weight"))
    assert "得分 12 高于分值 10（“生态修复有效性”）" in found["score.range"].message
    path = fixture("chongqing-weights-total-101")
    assert (
        "= 101，格式“chongqing-bishan”要求满分 100，相差 1"
        in errors(path)["score.weights-total"].message
    )


def test_unscorable_indicator_is_an_error(fixture):
    found = errors(fixture("chongqing-actual-unreadable"))
    assert "读不懂实际值“九成”：应写成 100%" in found["score.unscorable"].message


def test_unknown_reference_in_prose(fixture):
    found = errors(fixture("chongqing-reference-misspelt"))
    p = found["prose.reference"]
    assert "{预算执行律}" in p.message and "是不是 {预算执行率}" in p.message
    assert p.key == "指标[1].说明[1]"


def test_typed_percentage_that_disagrees_is_an_error_naming_the_figure(fixture):
    found = errors(fixture("chongqing-typed-rate-disagrees"))
    p = found["prose.stale-number"]
    assert p.message.startswith(
        "文字写的“75.00%”与计算的预算执行率 70.00% 不符。请改为引用 {预算执行率}"
    )
    assert p.key == "叙述.经验做法[1].内容[1]"


def test_typed_percentage_that_agrees_is_a_warning_suggesting_the_reference(fixture):
    unit = evaluate(fixture("chongqing-typed-rate-agrees"))
    [p] = [p for p in unit.warnings if p.check == "prose.typed-number"]
    assert "文字写的“70%”与计算的预算执行率一致，建议改为引用 {预算执行率}" in p.message
    assert not unit.errors


def test_typed_indicator_score_in_its_narrative_is_checked(fixture):
    found = errors(fixture("chongqing-typed-indicator-score-disagrees"))
    assert (
        "文字写的“9分”与计算的该指标得分（森林火灾发生次数） 10分 不符"
        in found["prose.stale-number"].message
    )


def test_amount_typed_in_yuan_is_flagged(fixture):
    unit = evaluate(fixture("chongqing-fund-income-in-yuan"))
    [p] = [p for p in unit.warnings if p.check == "plausible.unit-slip"]
    assert p.key == "预算.来源[2].收入"
    assert "是否把元写成了万元" in p.message


def test_stated_grade_must_match_total(fixture):
    found = errors(fixture("chongqing-stated-grade-wrong"))
    assert "score.total-stated" not in found
    assert (
        "写明的等级“良”与总分 97.00 所在的等级“优”不符（优 ≥ 90，良 ≥ 80，中 ≥ 60，差 ≥ 0）"
        in found["score.grade-stated"].message
    )


def test_unparseable_actual_points_at_the_value(fixture):
    found = errors(fixture("chongqing-actual-unreadable"))
    assert found["score.unscorable"].key == "指标[2].实际值"


def test_a_placeholder_in_the_units_name_is_a_warning(fixture):
    unit = evaluate(fixture("minimal-standard"))
    names = [p for p in unit.problems if p.check == "plausible.placeholder-name"]
    assert [p.key for p in names] == ["单位.名称"] and not names[0].is_error
    assert "“某某区某某街道办事处”中的“某某”是占位符" in names[0].message
    assert "plausible.placeholder-name" not in checks_of(
        evaluate(fixture("minimal-chongqing-bishan"))
    )


def test_outside_funds_spent_are_said_while_the_initial_budget_is_still_to_fill(tmp_path, example):
    # 年初预算 待填 leaves the 年初预算 comparison unsaid; the 支出 one does not need it.
    text = example("henan-pingdingshan").read_text(encoding="utf-8")
    assert '"年初预算" = 552.45\n' in text
    path = tmp_path / "待填.toml"
    path.write_text(text.replace('"年初预算" = 552.45\n', '"年初预算" = "待填"\n'), "utf-8")
    p = checks_of(evaluate(path))["plausible.outside-final"]
    assert (
        "全部资金支出 994.07 万元（含单位资金 326.15 万元），决算支出只有 667.92 万元" in p.message
    )
    assert "年初预算" not in p.message
