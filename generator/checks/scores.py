"""Checks of indicator scores, weights, total and grade."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from generator.checks.base import ERROR, WARNING, Reporter, check, num
from generator.compute.scores import group_names, groups

if TYPE_CHECKING:
    from generator.compute.unit import Computed


@check("score.unscorable", ERROR, "每个指标都能得到得分")
def unscorable(u: Computed, report: Reporter) -> None:
    for key, why in u.score_errors.items():
        report(why, key)


@check("score.range", ERROR, "0 ≤ 得分 ≤ 分值")
def score_range(u: Computed, report: Reporter) -> None:
    for i, (ind, scored) in enumerate(zip(u.report.indicators, u.scores, strict=True), 1):
        if scored is None or ind.weight is None:  # no score without a weight
            continue
        if scored.score > ind.weight:
            report(
                f"得分 {num(scored.score)} 高于分值 {num(ind.weight)}（“{ind.label}”）",
                f"指标[{i}].得分",
            )
        if scored.score < 0:
            report(f"得分 {num(scored.score)} 为负数（“{ind.label}”）", f"指标[{i}].得分")
        if ind.weight <= 0:
            report(f"分值应大于 0，实际是 {num(ind.weight)}（“{ind.label}”）", f"指标[{i}].分值")


@check("score.weights-total", ERROR, "指标分值合计 = 格式规定的满分")
def weights_total(u: Computed, report: Reporter) -> None:
    if not u.report.indicators or not u.fmt.settings.scoring.scored:
        return
    weights = [ind.weight for ind in u.report.indicators if ind.weight is not None]
    if len(weights) < len(u.report.indicators):
        return  # reported per indicator by score.unscorable
    total = u.number("满分")
    expected = u.fmt.settings.scoring.total
    if total is not None and total != expected:
        listing = " + ".join(num(w) for w in weights)
        report(
            f"各指标分值之和 {listing} = {num(total)}，格式“{u.fmt.id}”要求满分 {num(expected)}，"
            f"相差 {num(abs(total - expected))}。请核对各指标的分值",
            "指标",
        )


@check("score.rule-disagrees", WARNING, "给出的得分与评分规则一致")
def rule_disagrees(u: Computed, report: Reporter) -> None:
    for i, scored in enumerate(u.scores, 1):
        if scored is not None and scored.disagreement:
            report(scored.disagreement, f"指标[{i}].得分")


@check("score.level-weights", ERROR, "各一级指标的分值之和 = 格式规定的一级分值")
def level_weights(u: Computed, report: Reporter) -> None:
    levels = u.fmt.settings.scoring.levels
    if not levels or not u.fmt.settings.scoring.scored:
        return
    sums = {  # each 一级 group's 分值, as the report prints it
        name: u.number(group_names("一级", name)[0]) for name in groups(u.report.indicators, "一级")
    }
    for lw in levels:
        matched = [name for name in sums if name.startswith(lw.name) or lw.name.startswith(name)]
        total = sum((sums[n] or Decimal(0) for n in matched), Decimal(0))
        if matched and total != lw.weight:
            report(
                f"一级指标“{lw.name}”下各指标分值之和为 {num(total)}，格式“{u.fmt.id}”规定为 {num(lw.weight)}，"
                f"相差 {num(abs(total - lw.weight))}",
                "指标",
            )


@check("score.total-stated", ERROR, "数据中写明的总分 = 各指标得分之和")
def total_stated(u: Computed, report: Reporter) -> None:
    stated = u.report.evaluation.stated_total
    total = u.number("总分")
    if stated is None or total is None:
        return
    if abs(stated - total) > Decimal("0.005"):
        report(
            f"写明的总分 {num(stated)} 与各指标得分之和 {num(total)} 不符，相差 {num(abs(stated - total))}",
            "评价.总分",
        )


@check("score.grade-stated", ERROR, "数据中写明的等级 = 总分所在的等级")
def grade_stated(u: Computed, report: Reporter) -> None:
    stated = u.report.evaluation.stated_grade
    grade = u.figures.get("等级")
    if stated is None or grade is None:
        return
    total = u.number("总分")
    if stated != grade.value and total is not None:
        bands = "，".join(f"{g.name} ≥ {num(g.lower)}" for g in u.fmt.settings.grades)
        report(
            f"写明的等级“{stated}”与总分 {num(total)} 所在的等级“{grade.value}”不符（{bands}）",
            "评价.等级",
        )


@check("indicator.readable", ERROR, "每个指标的指标值与实际值都读得懂")
def readable(u: Computed, report: Reporter) -> None:
    for i, why in u.attain_errors.items():
        if not any(
            k == f"指标[{i}]" or k.startswith(f"指标[{i}].") for k in u.score_errors
        ):  # already said
            report(why, f"指标[{i}]")


@check("indicator.unscored-weights", WARNING, "不计分的格式中指标不填分值和得分")
def unscored_weights(u: Computed, report: Reporter) -> None:
    if u.fmt.settings.scoring.scored:
        return
    for i, ind in enumerate(u.report.indicators, 1):
        if ind.weight is not None or ind.score is not None:
            report(
                f"格式“{u.fmt.id}”不计分（设置 计分 = false），“{ind.label}”的分值、得分不会印出",
                f"指标[{i}]",
            )
