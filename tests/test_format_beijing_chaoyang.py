"""beijing-chaoyang (seed 000): the source's figures, computed; goals by project family; no scores."""

from conftest import text_of
from docxdump import paragraphs

from generator.evaluate import evaluate
from generator.report.render import render

STEM = "beijing-chaoyang"


def test_source_figures_appear_as_the_source_prints_them(example):
    text = text_of(example(STEM))
    for shown in (
        "全年预算数39858.695473万元",
        "基本支出预算数5237.304702万元",
        "项目支出预算数34621.390771万元",
        "其他支出预算数0万元",
        "资金总体支出39858.695473万元",
        "预算执行率为100%。",
        "涉及绩效自评的项目118个，共计34621.390771万元",
        "年初预算数14559.360324万元，决算数39858.695473万元，部门预决算差异率为173.8%",
        "结转结余率为0%",
        "等7个部门，其他机构2个",
        "所属事业单位5个",
        "等10个社区",
        "（15）完成区政府交办的其他事项。",
    ):
        assert shown in text, shown


def test_headings(example):
    unit = evaluate(example(STEM))
    paras = paragraphs(render(unit))
    for heading in (
        "一、部门概况",
        "（一）机构设置及职责工作任务情况",
        "1.机构设置",
        "2.职责工作任务情况",
        "（二）部门整体绩效目标设立情况",
        "二、当年预算执行情况",
        "三、整体绩效目标实现情况",
        "（一）产出完成情况分析",
        "1.产出数量",
        "2.产出质量",
        "3.产出进度",
        "4.产出成本",
        "（二）效果实现情况分析",
        "1.社会效益",
        "2.服务对象满意度",
        "四、预算管理情况分析",
        "（一）财务管理",
        "（二）资产管理",
        "（三）绩效管理",
        "（四）结转结余率",
        "（五）部门预决算差异率",
        "五、总体评价结论",
        "（一）评价得分情况",
        "（二）存在的问题及原因分析",
        "六、措施建议",
    ):
        assert heading in paras, heading
    # the source's （2） under chapter 一 and 四 are printed as （二）
    assert not any(p.startswith("（2）部门") for p in paras)


def test_goals_list_each_family_indicator_operator_and_target(example):
    text = text_of(example(STEM))
    for line in (
        "综合治理产出数量：举办宣传活动次数≥2次",
        "日常办公产出数量：服务社区个数=9个",
        "农林水服务产出进度：完成时限≤12月",
        "环境整治活动产出进度：时限=1年",
        "党组织服务群众活动社会效益：各类活动参与人次≥3000人次",
        "日常办公服务对象满意度≥95%",
        "日常办公产出质量：保障政府正常运转维护、在职人员正常办公需求（定性：好）",
        "各项目的产出成本指标均达到年初绩效目标。",
        "各项目的社会效益指标均达到年初绩效目标，定性指标评价为“好”。",
    ):
        assert line in text, line
    # the families are read from the indicators, six of them (the source's prose names five)
    assert "日常办公等6类项目设立了绩效目标" in text
    assert "本年度36项绩效指标全部达到年初设定的目标" in text


def test_no_scores_weights_or_grade_are_printed(example):
    text = text_of(example(STEM))
    assert "分值" not in text and "总分" not in text and "等级" not in text
    unit = evaluate(example(STEM))
    assert "总分" not in unit.figures and all(s is None for s in unit.scores)


def test_changed_initial_budget_changes_the_variance_rate(fixture):
    text = text_of(fixture("beijing-initial-budget-raised"))
    # (39858.695473 − 20000) ÷ 20000 = 99.293…%
    assert "年初预算数20000万元，决算数39858.695473万元，部门预决算差异率为99.3%" in text


def test_changed_spending_changes_execution_rate_with_one_decimal(fixture):
    text = text_of(fixture("beijing-execution-rate-99.5"))
    # 39659.402 ÷ 39858.695473 = 99.500…%: one decimal kept, 100.0% would lose its zero
    assert "预算执行率为99.5%。" in text
    assert "资金总体支出39659.402万元" in text


def test_counts_follow_the_lists(fixture):
    text = text_of(fixture("beijing-office-added-community-dropped"))
    assert "等8个部门" in text and "财政所" in text
    assert "等9个社区" in text and "香榆园社区" not in text


def test_an_unmet_indicator_is_named_instead_of_the_all_met_sentence(fixture):
    text = text_of(fixture("beijing-indicator-unmet"))
    assert "综合治理“举办宣传活动次数”目标≥2次，实际1次，未达到年初绩效目标" in text
    assert "各项目的产出数量指标均达到年初绩效目标" not in text
    assert "本年度7项绩效指标中，6项达到年初设定的目标，1项未达到" in text


def test_weights_in_an_unscored_format_are_flagged_not_printed(fixture):
    unit = evaluate(fixture("beijing-weight-in-unscored-format"))
    assert unit.errors == []
    assert [p.check for p in unit.warnings] == ["indicator.unscored-weights"]
    assert "分值" not in "\n".join(paragraphs(render(unit)))


def test_an_unreadable_target_is_an_error_even_without_scoring(fixture):
    unit = evaluate(fixture("beijing-target-unreadable"))
    assert [p.check for p in unit.errors] == ["indicator.readable"]
    assert "读不懂指标值“两次以上吧”：应写成 ≥95%" in unit.errors[0].message


def test_met_indicators_are_counted_as_figures_that_check_lists(example, fixture):
    shown = evaluate(fixture("beijing-indicator-unmet")).displays()
    assert (shown["指标个数"], shown["达成指标数"], shown["未达成指标数"]) == ("7", "6", "1")
    assert (shown["部分达成指标数"], shown["未达到目标指标数"]) == ("0", "1")
    assert evaluate(example(STEM)).displays()["未达到目标指标数"] == "0"
