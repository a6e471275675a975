"""henan-pingdingshan (seed 002): the figures of 高庄街道办事处's 2023 report, computed from its facts."""

from conftest import checks_of, report_of

from generator.evaluate import evaluate

STEM = "henan-pingdingshan"


def test_source_figures_appear_as_the_source_prints_them(example):
    unit, text, tabs = report_of(example(STEM))
    assert "2023年度平顶山市石龙区高庄街道办事处" in text
    assert "内设机构5个、下设4个事业单位" in text
    assert "实际在编在岗人数43人" in text
    assert "年初预算数552.45万元" in text
    assert "决算收入667.92万元" in text
    assert "完成年初预算数的120.90%" in text
    assert "部门决算支出共计667.92万元" in text
    assert "包括基本支出471.17万元，项目支出196.75万元" in text
    # 第四章：全部资金与决算外资金，调增额与调整率
    assert "全部资金年初预算939.45万元，其中财政拨款552.45万元、政府性基金拨款387.00万元" in text
    assert "全年实际支出994.07万元，其中财政拨款支出667.92万元、单位资金支出326.15万元" in text
    assert "预算调增115.47万元，调整率达20.90%" in text
    assert "最终得分为85.54分" in text
    assert "（平龙财〔2021〕67号），绩效评价结果等级为“良”" in text
    assert tabs[0] == [
        ["一级指标", "分值", "得分", "得分率"],
        ["管理效率", "30", "20.34", "67.80%"],
        ["履职效能", "40", "38", "95.00%"],
        ["运行成本", "5", "5", "100.00%"],
        ["社会效应", "15", "14.2", "94.67%"],
        ["可持续发展能力", "10", "8", "80.00%"],
        ["合计", "100", "85.54", "85.54%"],
    ]


def test_adjusted_budget_is_what_the_district_meant(example):
    """调整预算 = 年初 552.45 + 调增 115.47: completion of it is 100.00%, not the source's 120.90%."""
    unit, text, _ = report_of(example(STEM))
    assert "调整预算数667.92万元" in text
    assert "完成调整预算数的100.00%，完成年初预算数的120.90%" in text
    assert unit.display("预算调整数") == "115.47"
    assert unit.display("预算调整率") == "20.90%"
    assert "plausible.overspent" not in checks_of(unit)


def test_the_source_as_written_is_reported(fixture):
    """With 调整预算 = 552.45 as the source's chapter one has it, spending exceeds the budget."""
    unit = evaluate(fixture("henan-adjusted-budget-as-the-source-wrote"))
    warning = checks_of(unit)["plausible.overspent"]
    assert not warning.is_error
    assert "执行数 667.92 万元超过全年（调整）预算 552.45 万元" in warning.message
    assert "120.90%" in warning.message
    assert warning.key == "预算.调整预算"


def test_funds_outside_the_final_accounts_are_reported(example):
    unit = evaluate(example(STEM))
    warning = checks_of(unit)["plausible.outside-final"]
    assert not warning.is_error
    assert (
        "全部资金年初预算 939.45 万元（含政府性基金拨款 387.00 万元），决算年初预算只有 552.45 万元"
        in warning.message
    )
    assert (
        "全部资金支出 994.07 万元（含单位资金 326.15 万元），决算支出只有 667.92 万元"
        in warning.message
    )
    assert [p.check for p in unit.warnings] == ["plausible.outside-final", "format.unprinted"]


def test_a_changed_score_changes_table_total_and_grade(fixture):
    unit, text, tabs = report_of(fixture("henan-management-efficiency-lowered"))
    assert tabs[0][1] == ["管理效率", "30", "10.34", "34.47%"]
    assert tabs[0][-1] == ["合计", "100", "75.54", "75.54%"]
    assert "最终得分为75.54分" in text
    assert "绩效评价结果等级为“中”" in text


def test_changed_budget_facts_change_every_dependent_figure(fixture):
    _, text, _ = report_of(fixture("henan-initial-budget-and-unit-funds-changed"))
    assert "年初预算数600.00万元" in text
    assert "完成年初预算数的111.32%" in text
    assert "预算调增67.92万元，调整率达11.32%" in text
    assert "全部资金年初预算987.00万元" in text
    assert "全年实际支出967.92万元" in text
    assert "单位资金支出300.00万元" in text


def test_indicators_without_level3_are_named_by_level1(fixture):
    unit = evaluate(fixture("henan-score-above-weight"))
    [error] = [p for p in unit.errors if p.check == "score.range"]
    assert "得分 45 高于分值 40（“履职效能”）" in error.message
    assert unit.figures["总分"].formula.startswith("管理效率 + 履职效能")


def test_grade_basis_is_cited_only_when_given(fixture):
    _, text, _ = report_of(fixture("henan-without-grade-basis"))
    assert "参照" not in text
    assert "最终得分为85.54分，绩效评价结果等级为“良”" in text


def test_problems_and_suggestions_are_numbered_chapters_with_sub_items(example):
    _, text, _ = report_of(example(STEM))
    lines = text.splitlines()
    start = lines.index("四、存在问题")
    end = lines.index("五、有关建议")
    chapter = lines[start + 1 : end]
    sections = [x for x in chapter if x.startswith("（")]
    assert [s[:3] for s in sections] == ["（一）", "（二）", "（三）", "（四）", "（五）"]
    first = chapter[1 : chapter.index(sections[1])]
    assert [x[:3] for x in first] == ["1. ", "2. ", "3. "]
    assert first[0].startswith("1. 预算管理制度缺失。")
    # （三） has no sub-items: its text follows the heading without a number
    third = chapter[chapter.index(sections[2]) + 1]
    assert not third[0].isdigit()
    assert lines[-1].startswith("3. ")  # the last suggestion's third sub-item ends the report
