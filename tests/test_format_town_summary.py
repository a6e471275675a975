"""town-summary (seed 001): staff by type, 其中 funds, capped execution rate, lost points by module."""

from conftest import text_of
from docxdump import dump

from generator.evaluate import evaluate
from generator.report.render import render

STEM = "town-summary"


def test_source_figures_appear_as_the_source_prints_them(example):
    text = text_of(example(STEM))
    for shown in (
        "财政供养实有在职人员65人，其中行政编制26人，事业编制36人，人事代理1人，聘用制2人。",
        "见习生8人，退休人员25人，劳务派遣16人，校车司机2人",
        "申请预算资金2179.77万元，其中：共同财政事权转移支付0万元（包含中央0万元、省0万元、市0万元），"
        "专项转移支付0万元（包含中央0万元、省0万元、市0万元），债券资金0万元；实际支出2183.25万元",
        "预算执行率100%。",
        "项目27个",
        "金额合计876.36万元，实际支出876.36万元，执行率为100%。",
        "本次绩效评价项目27个，涉及金额876.36万元。",
        "满分为100分，我镇得分为87分",
        "1、预算控制率模块，本年年中追加项目8个、资金364万元，年初预算为1807.76万元，预算控制率为20%，得3分",
        "2、政府采购执行率模块，",
        "得0分",
        "3、机关工作整体满意度模块，区委年度考核结果为良好，得4分。",
        "8、退役军人服务站。",
    ):
        assert shown in text, shown


def test_chapters_are_numbered_one_to_five(example):
    lines = dump(render(evaluate(example(STEM)))).splitlines()
    chapters = [line.split("] ", 1)[1] for line in lines if line.startswith("[Heading 1]")]
    paras = [line.split("] ", 1)[1] for line in lines if line.startswith("[Heading 2]")]
    assert chapters == [
        "一、部门整体概况",
        "二、绩效评价组织情况",
        "三、部门绩效管理开展的整体绩效实现情况",
        "四、存在的问题和建议",
        "五、其他需要说明的问题",
    ]
    assert "（一）部门主要职责职能及人员情况" in paras and "（二）部门预算执行情况" in paras


def test_serving_staff_total_follows_the_serving_types_only(fixture):
    text = text_of(fixture("town-one-more-civil-servant"))
    assert "实有在职人员66人，其中行政编制27人" in text
    text = text_of(fixture("town-more-dispatched-workers"))
    assert "实有在职人员65人" in text and "劳务派遣30人" in text


def test_supplement_changes_the_control_rate(fixture):
    text = text_of(fixture("town-supplement-at-10-percent"))
    # 180.78 ÷ 1807.76 = 10.0003%
    assert "资金180.78万元，年初预算为1807.76万元，预算控制率为10%，得3分" in text


def test_execution_rate_over_100_is_printed_and_scored_as_100(example):
    unit = evaluate(example(STEM))
    assert f"{unit.figures['预算执行率'].value:.4f}" == "1.0016"
    assert unit.display("预算执行率") == "100%"
    assert unit.scores[0].score == 20
    warning = [p for p in unit.warnings if p.check == "plausible.overspent"]
    assert warning and "100.16%" in warning[0].message


def test_lower_spending_lowers_rate_score_and_total(fixture):
    text = text_of(fixture("town-lower-spending"))
    # 2000 ÷ 2179.77 = 91.75% → 92%; score 20 × 0.9175 = 18.35; total 87 − 1.65 = 85.35
    assert "实际支出2000万元" in text and "预算执行率92%。" in text
    assert (
        "我镇得分为85.35分，失分原因主要体现在：1、预算执行率模块，得18.35分；2、预算控制率模块"
        in text
    )


def test_a_module_scored_full_drops_out_of_the_lost_points(fixture):
    text = text_of(fixture("town-satisfaction-scored-full"))
    assert "我镇得分为88分" in text
    assert "机关工作整体满意度模块" not in text
    assert (
        "2、政府采购执行率模块，年初没有编制政府采购计划，也没有申请政府采购预算，得0分。" in text
    )


def test_weights_add_up_to_100_and_scores_to_87(example):
    unit = evaluate(example(STEM))
    assert sum(i.weight for i in unit.report.indicators) == 100
    assert unit.figures["总分"].value == 87
    assert {p.check for p in unit.warnings} == {
        "plausible.supplement",
        "plausible.overspent",
        "format.unprinted",
        "plausible.placeholder-name",  # the source names no town: 单位.名称 is ××镇人民政府
    }


def test_other_parts_need_not_add_up_but_may_not_exceed_the_total(fixture):
    unit = evaluate(fixture("town-bond-funds-within-total"))
    assert unit.errors == []  # 500 of 2179.77: a part, not the whole
    unit = evaluate(fixture("town-bond-funds-above-total"))
    assert [p.check for p in unit.errors] == ["identity.parts-within"]
    assert "超过了调整预算 2,179.77" in unit.errors[0].message
    unit = evaluate(fixture("town-central-part-above-its-fund"))
    assert [(p.check, p.key) for p in unit.errors] == [
        ("identity.parts-within", "预算.其中[1].分级[1].预算")
    ]


def test_three_public_expenses_rate_is_computed_once_the_amounts_are_given(example, fixture):
    assert "“三公”经费变动率" not in text_of(example(STEM))  # the source states 0 without amounts
    text = text_of(fixture("town-three-public-expenses-given"))
    assert "本年“三公”经费支出12.5万元，上年12.5万元，“三公”经费变动率为0%。" in text
