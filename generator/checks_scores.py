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
            report(f"得分 {num(scored.score)} 高于分值 {num(ind.weight)}（“{ind.level3}”）", f"指标[{i}].得分")
        if scored.score < 0:
            report(f"得分 {num(scored.score)} 为负数（“{ind.level3}”）", f"指标[{i}].得分")
        if ind.weight <= 0:
            report(f"分值应大于 0，实际是 {num(ind.weight)}（“{ind.level3}”）", f"指标[{i}].分值")


@check("score.weights-total", ERROR, "指标分值合计 = 格式规定的满分")
def weights_total(u, report):
    if not u.report.indicators or not u.fmt.settings.scoring.scored:
        return
    if any(ind.weight is None for ind in u.report.indicators):
        return  # reported per indicator by score.unscorable
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


@check("indicator.readable", ERROR, "每个指标的指标值与实际值都读得懂")
def readable(u, report):
    for i, why in u.attain_errors.items():
        if i not in u.score_errors:  # a scored format already said so
            report(why, f"指标[{i}]")


@check("indicator.unscored-weights", WARNING, "不计分的格式中指标不填分值和得分")
def unscored_weights(u, report):
    if u.fmt.settings.scoring.scored:
        return
    for i, ind in enumerate(u.report.indicators, 1):
        if ind.weight is not None or ind.score is not None:
            report(f"格式“{u.fmt.id}”不计分（设置 计分 = false），“{ind.level3}”的分值、得分不会印出", f"指标[{i}]")
