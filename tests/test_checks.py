"""Each identity check reports the keys, both sides and the difference; rounding is tolerated."""

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


def test_basic_plus_project_must_equal_spending(unit_copy):
    found = errors(
        unit_copy(
            "chongqing-bishan",
            (
                '"基本支出" = 2778.36\n"项目支出" = 10228.34',
                '"基本支出" = 2788.36\n"项目支出" = 10228.34',
            ),
        )
    )
    p = found["identity.spending"]
    assert p.key == "预算.基本支出"
    assert (
        "基本支出 + 项目支出 = 2,788.36 + 10,228.34 = 13,016.70，而执行数 = 13,006.70，相差 10.00"
        in p.message
    )
    assert "允许的舍入误差 ±0.015" in p.message
    assert p.line is not None


def test_rounding_difference_is_tolerated(unit_copy):
    found = errors(unit_copy("chongqing-bishan", ('"执行数" = 13006.70', '"执行数" = 13006.71')))
    assert "identity.spending" not in found


def test_sources_must_add_up(unit_copy):
    found = errors(unit_copy("chongqing-bishan", ('"执行数" = 1769.87', '"执行数" = 1796.87')))
    assert "一般公共预算执行数 + 政府性基金执行数" in found["identity.sources"].message
    assert "政府性基金基本支出 + 政府性基金项目支出" in found["identity.source-spending"].message
    assert found["identity.source-spending"].key == "预算.来源[2].基本支出"


def test_budget_parts_must_add_up(unit_copy):
    found = errors(
        unit_copy("standard", ('"基本支出预算" = 5237.304702', '"基本支出预算" = 5237.304'))
    )
    assert "相差 0.000702" in found["identity.budget-parts"].message


def test_net_assets(tmp_path, unit_copy):
    path = unit_copy("chongqing-bishan")
    text = (
        path.read_text(encoding="utf-8")
        + '\n["资产"]\n"资产总额" = 875.39\n"负债总额" = 728.8\n"净资产" = 146.58\n'
    )
    path.write_text(text, encoding="utf-8")
    assert "identity.net-assets" not in errors(path)  # 146.59 vs 146.58: rounding
    path.write_text(text.replace("146.58", "146.18"), encoding="utf-8")
    assert "相差 0.41" in errors(path)["identity.net-assets"].message


def test_staff_total(unit_copy):
    path = unit_copy("chongqing-bishan", ('["人员编制"]\n', '["人员编制"]\n"在职人数" = 121\n'))
    p = errors(path)["identity.staff"]
    assert "公务员 + 参公人员 + 事业单位 = 38 + 1 + 81 = 120，而在职人数 = 121" in p.message


def test_score_above_weight_and_weights_total(unit_copy):
    path = unit_copy(
        "chongqing-bishan",
        ('"实际值" = "90%"\n"分值" = 10', '"实际值" = "90%"\n"分值" = 10\n"得分" = 12'),
    )
    found = errors(path)
    assert "得分 12 高于分值 10（“生态修复有效性”）" in found["score.range"].message
    path = unit_copy(
        "chongqing-bishan",
        (
            '"三级" = "政策知晓率"\n"指标值" = "≥95%"\n"实际值" = "95%"\n"分值" = 5',
            '"三级" = "政策知晓率"\n"指标值" = "≥95%"\n"实际值" = "95%"\n"分值" = 6',
        ),
        name="w",
    )
    assert (
        "= 101，格式“chongqing-bishan”要求满分 100，相差 1"
        in errors(path)["score.weights-total"].message
    )


def test_unscorable_indicator_is_an_error(unit_copy):
    found = errors(unit_copy("chongqing-bishan", ('"实际值" = "90%"', '"实际值" = "九成"')))
    assert "读不懂实际值“九成”：应写成 100%" in found["score.unscorable"].message


def test_unknown_reference_in_prose(unit_copy):
    found = errors(unit_copy("chongqing-bishan", ("{预算执行率}", "{预算执行律}")))
    p = found["prose.reference"]
    assert "{预算执行律}" in p.message and "是不是 {预算执行率}" in p.message
    assert p.key == "指标[1].说明[1]"


def test_typed_percentage_that_disagrees_is_an_error_naming_the_figure(unit_copy):
    found = errors(
        unit_copy(
            "chongqing-bishan", ("一是把预算绩效管理", "全年预算执行率75.00%。一是把预算绩效管理")
        )
    )
    p = found["prose.stale-number"]
    assert p.message.startswith(
        "文字写的“75.00%”与计算的预算执行率 70.00% 不符。请改为引用 {预算执行率}"
    )
    assert p.key == "叙述.经验做法[1].内容[1]"


def test_typed_percentage_that_agrees_is_a_warning_suggesting_the_reference(unit_copy):
    unit = evaluate(
        unit_copy("chongqing-bishan", ("一是把预算绩效管理", "全年执行率70%。一是把预算绩效管理"))
    )
    [p] = [p for p in unit.warnings if p.check == "prose.typed-number"]
    assert "文字写的“70%”与计算的预算执行率一致，建议改为引用 {预算执行率}" in p.message
    assert not unit.errors


def test_typed_indicator_score_in_its_narrative_is_checked(unit_copy):
    found = errors(
        unit_copy(
            "chongqing-bishan",
            ("全年辖区内没有发生森林火灾。", "全年辖区内没有发生森林火灾，该指标得分为9分。"),
        )
    )
    assert (
        "文字写的“9分”与计算的该指标得分（森林火灾发生次数） 10分 不符"
        in found["prose.stale-number"].message
    )


def test_amount_typed_in_yuan_is_flagged(unit_copy):
    unit = evaluate(unit_copy("chongqing-bishan", ('"收入" = 1769.87', '"收入" = 17698700')))
    [p] = [p for p in unit.warnings if p.check == "plausible.unit-slip"]
    assert p.key == "预算.来源[2].收入"
    assert "是否把元写成了万元" in p.message


def test_stated_grade_must_match_total(unit_copy):
    path = unit_copy("chongqing-bishan")
    path.write_text(
        path.read_text(encoding="utf-8") + '\n["评价"]\n"总分" = 97\n"等级" = "良"\n',
        encoding="utf-8",
    )
    found = errors(path)
    assert "score.total-stated" not in found
    assert (
        "写明的等级“良”与总分 97.00 所在的等级“优”不符（优 ≥ 90，良 ≥ 80，中 ≥ 60，差 ≥ 0）"
        in found["score.grade-stated"].message
    )


def test_unparseable_actual_points_at_the_value(unit_copy):
    found = errors(unit_copy("chongqing-bishan", ('"实际值" = "90%"', '"实际值" = "九成"')))
    assert found["score.unscorable"].key == "指标[2].实际值"
