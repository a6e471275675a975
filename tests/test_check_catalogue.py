"""Every check in the catalogue is planted once in a copy of an example and must be reported.

Removing a check from the catalogue makes its plant go unreported and this test fail; adding a
check without a plant fails `test_every_check_has_a_plant`.
"""

import pytest

from generator.checks import CATALOGUE
from generator.evaluate import evaluate

CQ = "chongqing-bishan"
EVALUATION = '\n["评价"]\n'
PLANTS = {
    "identity.spending": (
        CQ,
        [
            (
                '"基本支出" = 2778.36\n"项目支出" = 10228.34',
                '"基本支出" = 2788.36\n"项目支出" = 10228.34',
            )
        ],
        "",
    ),
    "identity.budget-parts": (
        "standard",
        [('"基本支出预算" = 5237.304702', '"基本支出预算" = 5237.31')],
        "",
    ),
    "identity.sources": (
        CQ,
        [('"收入" = 1769.87\n"执行数" = 1769.87', '"收入" = 1769.87\n"执行数" = 1796.87')],
        "",
    ),
    "identity.source-spending": (
        CQ,
        [('"基本支出" = 0\n"项目支出" = 1769.87', '"基本支出" = 0\n"项目支出" = 1796.87')],
        "",
    ),
    "identity.net-assets": (
        CQ,
        [],
        '\n["资产"]\n"资产总额" = 875.39\n"负债总额" = 728.8\n"净资产" = 140\n',
    ),
    "identity.staff": (CQ, [('["人员编制"]\n', '["人员编制"]\n"在职人数" = 121\n')], ""),
    "score.unscorable": (CQ, [('"实际值" = "90%"', '"实际值" = "九成"')], ""),
    "score.range": (CQ, [('"实际值" = "0次"', '"实际值" = "0次"\n"得分" = 12')], ""),
    "score.weights-total": (
        CQ,
        [('"实际值" = "95%"\n"分值" = 5', '"实际值" = "95%"\n"分值" = 6')],
        "",
    ),
    "score.rule-disagrees": (CQ, [('"实际值" = "0次"', '"实际值" = "0次"\n"得分" = 9')], ""),
    "score.level-weights": (
        "standard",
        [
            ('"实际值" = "2次"\n"分值" = 5', '"实际值" = "2次"\n"分值" = 10'),
            ('"实际值" = "达成"\n"分值" = 10', '"实际值" = "达成"\n"分值" = 5'),
        ],
        "",
    ),
    "score.total-stated": (CQ, [], EVALUATION + '"总分" = 96\n'),
    "score.grade-stated": (CQ, [], EVALUATION + '"等级" = "良"\n'),
    "plausible.overspent": (CQ, [('"调整预算" = 18580.25', '"调整预算" = 13000')], ""),
    "plausible.supplement": (
        CQ,
        [('"调整预算" = 18580.25', '"调整预算" = 18580.25\n"年中追加" = 5000')],
        "",
    ),
    "identity.parts-within": (
        "town-summary",
        [('"名称" = "债券资金"\n"预算" = 0', '"名称" = "债券资金"\n"预算" = 2500')],
        "",
    ),
    "indicator.unscored-weights": (
        "beijing-chaoyang",
        [('"三级" = "举办宣传活动次数"', '"三级" = "举办宣传活动次数"\n"分值" = 5')],
        "",
    ),
    "plausible.adjusted-down": (CQ, [('"年初预算" = 13245.05', '"年初预算" = 19245.05')], ""),
    "plausible.outside-final": ("henan-pingdingshan", [], ""),
    "data.date-order": (
        "hebei-qiaoxi",
        [('"结束日期" = 2023-03-25', '"结束日期" = 2023-01-25')],
        "",
    ),
    "indicator.readable": (
        "beijing-chaoyang",
        [('"指标值" = "≥2次"', '"指标值" = "两次以上吧"')],
        "",
    ),
    "plausible.low-execution": (CQ, [], ""),
    "plausible.unit-slip": (CQ, [('"收入" = 1769.87', '"收入" = 17698700')], ""),
    "plausible.staff-over": (
        CQ,
        [('"核定" = 44\n"控制" = 40\n"实有" = 38', '"核定" = 44\n"控制" = 40\n"实有" = 45')],
        "",
    ),
    "plausible.dates": (CQ, [], EVALUATION + '"开始日期" = 2023-02-21\n'),
    "plausible.no-actual": (CQ, [('"实际值" = "0次"', '"得分" = 10')], ""),
    "prose.reference": (CQ, [("{预算执行率}", "{预算执行律}")], ""),
    "prose.stale-number": (
        CQ,
        [("一是把预算绩效管理", "全年预算执行率75.00%。一是把预算绩效管理")],
        "",
    ),
    "prose.typed-number": (
        CQ,
        [("一是把预算绩效管理", "全年预算执行率70.00%。一是把预算绩效管理")],
        "",
    ),
    "format.unprinted": (CQ, [], ""),
    "format.missing": ("standard", [('"其他支出" = 0\n', "")], ""),
    "prose.unconfirmed": (CQ, [("一是把预算绩效管理", "【待核对】一是把预算绩效管理")], ""),
    "prose.year": (CQ, [("一是把预算绩效管理", "2019年以来，一是把预算绩效管理")], ""),
    "prose.stale-grade": (
        CQ,
        [("一是把预算绩效管理", "评价等级为“良”。一是把预算绩效管理")],
        "",
    ),
}


def test_every_check_has_a_plant():
    assert {c.id for c in CATALOGUE} == set(PLANTS)


@pytest.mark.parametrize("check_id", sorted(PLANTS))
def test_planted_problem_is_reported(check_id, unit_copy):
    stem, replacements, appended = PLANTS[check_id]
    path = unit_copy(stem, *replacements, name=check_id)
    if appended:
        path.write_text(path.read_text(encoding="utf-8") + appended, encoding="utf-8")
    unit = evaluate(path)
    found = [p for p in unit.problems if p.check == check_id]
    level = next(c.level for c in CATALOGUE if c.id == check_id)
    assert found, f"{check_id} not reported; got {[str(p) for p in unit.problems]}"
    assert all(p.level == level and p.key and p.message for p in found)
