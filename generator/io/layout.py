"""The 自评表 layout `export` writes and `import` reads back: sheet names, titles, column names."""

from __future__ import annotations

SHEET = "自评表"
FIGURES_SHEET = "计算值"
SCORES_SHEET = "指标得分"
TITLE = "部门整体支出绩效自评表"
UNIT_LABEL = "单位名称："
MONEY_UNIT = "金额单位：万元"

# The 资金情况 block (domain.md §2): a label spanning two columns, then six figures.
FUND_LABEL = "资金情况（万元）"
FUND_TITLES = ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
TOTAL_ROW = "年度资金总额"
PART_PREFIX = "其中："

GOAL_TITLES = ("年度总体目标", "实际完成情况")

# The indicator table, one column each; A..H. 一级/二级 cells are merged down their group.
INDICATOR_TITLES = [
    "一级指标",
    "二级指标",
    "三级指标",
    "年度指标值",
    "实际完成值",
    "分值",
    "得分",
    "偏差原因分析及改进措施",
]
WIDTHS = [14, 18, 26, 13, 13, 8, 9, 30]
TOTAL_LABEL = "总分"
GRADE_LABEL = "评价等级"

# A hidden sheet recording each indicator's 得分 as exported: a score still equal to it was not
# touched by the clerk, so the tool goes on computing it (even on a second import).
RECORD_SHEET = "jixiao"
RECORD_TITLES = ["一级", "二级", "三级", "导出时的得分"]
