"""Checks of indicator scores, weights, total and grade."""

from __future__ import annotations

from decimal import Decimal

from generator.checks import ERROR, WARNING, check, num


@check("score.unscorable", ERROR, "每个指标都能得到得分")
def unscorable(u, report):
    for i, why in u.score_errors.items():
        report(why, f"指标[{i}]")


@check("score.range", ERROR, "0 ≤ 得分 ≤ 分值")
def score_range(u, report):
    for i, (ind, scored) in enumerate(zip(u.report.indicators, u.scores, strict=True), 1):
        if scored is None:
            continue
        if scored.score > ind.weight:
            report(f"得分 {num(scored.score)} 高于分值 {num(ind.weight)}（“{ind.label}”）", f"指标[{i}].得分")
        if scored.score < 0:
            report(f"得分 {num(scored.score)} 为负数（“{ind.label}”）", f"指标[{i}].得分")
        if ind.weight <= 0:
            report(f"分值应大于 0，实际是 {num(ind.weight)}（“{ind.label}”）", f"指标[{i}].分值")


@check("score.weights-total", ERROR, "指标分值合计 = 格式规定的满分")
def weights_total(u, report):
    if not u.report.indicators:
        return
    total = sum((ind.weight for ind in u.report.indicators), Decimal(0))
    expected = u.fmt.settings.scoring.total
    if total != expected:
        listing = " + ".join(num(ind.weight) for ind in u.report.indicators)
        report(
            f"各指标分值之和 {listing} = {num(total)}，格式“{u.fmt.id}”要求满分 {num(expected)}，"
            f"相差 {num(abs(total - expected))}。请核对各指标的分值",
            "指标",
        )


@check("score.rule-disagrees", WARNING, "给出的得分与评分规则一致")
def rule_disagrees(u, report):
    for i, scored in enumerate(u.scores, 1):
        if scored is not None and scored.disagreement:
            report(scored.disagreement, f"指标[{i}].得分")
