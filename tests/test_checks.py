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
    found = errors(unit_copy("chongqing-bishan", ('"基本支出" = 2778.36\n"项目支出" = 10228.34', '"基本支出" = 2788.36\n"项目支出" = 10228.34')))
    p = found["identity.spending"]
    assert p.key == "预算.基本支出"
    assert "基本支出 + 项目支出 = 2,788.36 + 10,228.34 = 13,016.70，而执行数 = 13,006.70，相差 10.00" in p.message
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
    found = errors(unit_copy("standard", ('"基本支出预算" = 5237.304702', '"基本支出预算" = 5237.304')))
    assert "相差 0.000702" in found["identity.budget-parts"].message


def test_net_assets(tmp_path, unit_copy):
    path = unit_copy("chongqing-bishan")
    text = path.read_text(encoding="utf-8") + '\n["资产"]\n"资产总额" = 875.39\n"负债总额" = 728.8\n"净资产" = 146.58\n'
    path.write_text(text, encoding="utf-8")
    assert "identity.net-assets" not in errors(path)  # 146.59 vs 146.58: rounding
    path.write_text(text.replace("146.58", "146.18"), encoding="utf-8")
    assert "相差 0.41" in errors(path)["identity.net-assets"].message


def test_staff_total(unit_copy):
    path = unit_copy("chongqing-bishan", ('["人员编制"]\n', '["人员编制"]\n"在职人数" = 121\n'))
    p = errors(path)["identity.staff"]
    assert "公务员 + 参公人员 + 事业单位 = 38 + 1 + 81 = 120，而在职人数 = 121" in p.message


def test_score_above_weight_and_weights_total(unit_copy):
    path = unit_copy("chongqing-bishan", ('"实际值" = "90%"\n"分值" = 10', '"实际值" = "90%"\n"分值" = 10\n"得分" = 12'))
    found = errors(path)
    assert "得分 12 高于分值 10（“生态修复有效性”）" in found["score.range"].message
    path = unit_copy("chongqing-bishan", ('"三级" = "政策知晓率"\n"指标值" = "≥95%"\n"实际值" = "95%"\n"分值" = 5', '"三级" = "政策知晓率"\n"指标值" = "≥95%"\n"实际值" = "95%"\n"分值" = 6'), name="w")
    assert "= 101，格式“chongqing-bishan”要求满分 100，相差 1" in errors(path)["score.weights-total"].message


def test_unscorable_indicator_is_an_error(unit_copy):
    found = errors(unit_copy("chongqing-bishan", ('"实际值" = "90%"', '"实际值" = "九成"')))
    assert "读不懂“九成”" in found["score.unscorable"].message


def test_unknown_reference_in_prose(unit_copy):
    found = errors(unit_copy("chongqing-bishan", ("{预算执行率}", "{预算执行律}")))
    p = found["prose.reference"]
    assert "{预算执行律}" in p.message and "是不是 {预算执行率}" in p.message
    assert p.key == "指标[1].说明[1]"
