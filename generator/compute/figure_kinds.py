"""What a figure is, told by its name: a fact repeated, a score figure, or a figure of the facts.

`jixiao diff`, the 计算值 sheet of an exported 自评表, the page and the check of what a template
prints all sort figures by these, so that each sorts a new figure the same way.
"""

from __future__ import annotations

from generator.data.model import Assets, Budget
from generator.data.schema import fields_of

# Figures that only repeat a fact of the unit file (年初预算 …), so that text can cite them:
# `figures.input_figures` adds them; the fact's own change or cell shows them already.
ECHOES = frozenset({"年度", "单位名称"} | set(fields_of(Budget)) | set(fields_of(Assets)))
# The unit's score figures (`scores.add_score_figures`), in the order diff lists them.
SCORE_FIGURES = ("总分", "满分", "扣分", "得分率", "等级", "指标个数")
# The 预算执行率 indicator's weight and score, which some formats print in the budget table.
EXECUTION_SCORE_FIGURES = ("预算执行率分值", "预算执行率得分")
# Subtotals and rates of the indicator table: 一级指标“产出指标”得分, 指标[3]“X”得分率.
SCORE_PREFIXES = ("一级指标", "二级指标", "指标[")


def is_echo(name: str) -> bool:
    """A figure that only repeats a fact of the unit file."""
    return name in ECHOES


def is_score(name: str) -> bool:
    """A figure of the scores: 总分, 等级, a subtotal, a row's 得分率 (made from the indicators)."""
    return (
        name in SCORE_FIGURES or name in EXECUTION_SCORE_FIGURES or name.startswith(SCORE_PREFIXES)
    )
