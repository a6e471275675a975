"""Indicator scores by the format's rules, and the grade; every computed score explains itself."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from generator.compute.measures import MET, PARTLY, UNMET, Measure, ScoreError, parse_measure
from generator.compute.numbers import HUNDRED, fmt_number, fmt_percent
from generator.data.model import Indicator
from generator.data.settings import Band, Grade, Scoring

RULES = ("正向", "反向", "等于", "定性", "预算执行率", "评价人")  # docs: data.md 指标[].规则


def _parse(text: str, key: str, words: Mapping[str, str] | None = None) -> Measure:
    try:
        return parse_measure(text, key, words)
    except ScoreError as exc:
        raise ScoreError(str(exc), key) from None


@dataclass
class Scored:
    """One indicator's score and how it came about."""

    score: Decimal
    rule: str
    explanation: str
    computed: bool
    disagreement: str | None = None  # where a given score is not what the rule gives


def uses_execution_rate(ind: Indicator) -> bool:
    """The indicator is scored from the budget's 预算执行率 (by its rule, or by its name)."""
    return ind.rule == "预算执行率" or (not ind.rule and "预算执行率" in ind.label)


def _rule_for(ind: Indicator, target: Measure | None) -> str:
    if ind.rule:
        if ind.rule not in RULES:
            raise ScoreError(f"未知的规则“{ind.rule}”，可用：{'、'.join(RULES)}", "规则")
        return ind.rule
    if uses_execution_rate(ind):
        return "预算执行率"
    if target is None:
        return "评价人"
    if target.quality:
        return "定性"
    return {"<=": "反向", "<": "反向", "=": "等于"}.get(target.op or "", "正向")


def _num(m: Measure, places: int) -> str:
    return fmt_number(m.value, None if m.value is None else places, trim=True) + m.unit


def execution_band(rate: Decimal, rules: Scoring) -> Band | None:
    """The 分档 band a 预算执行率 falls in: the highest whose lower bound it reaches, if any."""
    pct = rate * HUNDRED
    ranked = sorted(rules.bands, key=lambda b: b.lower, reverse=True)
    return next((band for band in ranked if pct >= band.lower), None)


def rate_capped(rate: Decimal, rules: Scoring) -> bool:
    """A 预算执行率 over 100% that the format scores as 100%."""
    return rules.cap and rate > 1


def meets(rule: str, actual: Decimal, target: Decimal) -> bool:
    """Whether an actual reaches its target under the rule 正向 (≥), 反向 (≤) or 等于 (=)."""
    if rule == "反向":
        return actual <= target
    if rule == "等于":
        return actual == target
    return actual >= target or target == 0


def execution_score(
    rate: Decimal | None, weight: Decimal, rules: Scoring, places: int
) -> tuple[Decimal, str]:
    if rate is None:
        raise ScoreError("预算执行率无法计算（缺少调整预算或为 0），须填写得分", "得分")
    shown = fmt_percent(rate, places)
    if rules.execution == "分档":
        band = execution_band(rate, rules)
        if band is None:
            return Decimal(0), f"分档：执行率 {shown} 低于最低档，得 0 分"
        score = weight * band.share / HUNDRED
        return score, (
            f"分档：执行率 {shown} ≥ {fmt_number(band.lower, trim=True)}%，"
            f"得分值的 {fmt_number(band.share, trim=True)}% = {fmt_number(score, 2, trim=True)}"
        )
    used = Decimal(1) if rate_capped(rate, rules) else rate
    score = min(used * weight, weight)
    capped = "（超过 100% 按 100% 计）" if rate_capped(rate, rules) else ""
    return (
        score,
        f"比例：执行率 {shown}{capped} × 分值 {fmt_number(weight, trim=True)} = {fmt_number(score, 2, trim=True)}",
    )


EVALUATOR = "评价人"


def reason(ind: Indicator) -> str | None:
    """Why the evaluator gave the score: 评分理由, else the row's 偏差原因."""
    return ind.reason or ind.deviation or None


def by_evaluator(ind: Indicator, given: Decimal) -> str:
    """The 评分说明 of a score the evaluator gave: the score and the reason, never a formula."""
    why = reason(ind)
    return f"评价人评定 {fmt_number(given, 2, trim=True)} 分" + (f"：{why}" if why else "")


def score_indicator(
    ind: Indicator,
    rules: Scoring,
    execution_rate: Decimal | None,
    places: int = 2,
    words: Mapping[str, str] | None = None,
) -> Scored:
    """Score by rule; a given score is kept, checked against its band and the rule."""
    weight = ind.weight
    if weight is None:
        raise ScoreError("缺少分值：本格式计分，每个指标都要填写分值", "分值")
    target = _parse(ind.target, "指标值", words) if ind.target else None
    rule = _rule_for(ind, target)
    given = ind.score
    if rule == EVALUATOR:
        if given is None:
            if ind.rule == EVALUATOR:
                raise ScoreError("规则为“评价人”：请填写评价人给出的得分", "得分")
            raise ScoreError(
                "没有指标值，无法按规则计分：请填写指标值或得分"
                "（预算执行率指标请在 三级 或 规则 中写明“预算执行率”）",
                "指标值",
            )
        why = by_evaluator(ind, given) if ind.rule == EVALUATOR else "评价人给出的得分"
        return Scored(given, rule, why, computed=False)
    if rule == "预算执行率":
        score, why = execution_score(execution_rate, weight, rules, places)
        return _settle(ind, given, score, rule, why, weight)
    if target is None:
        raise ScoreError(f"规则“{rule}”需要指标值", "指标值")
    if ind.actual is None:
        if given is not None:
            return Scored(given, rule, "未填实际值，采用评价人给出的得分", computed=False)
        raise ScoreError("缺少实际值，无法计分：请填写实际值或得分", "实际值")
    actual = _parse(ind.actual, "实际值", words)
    if rule == "定性":
        return _qualitative(ind, actual, rules, weight)
    if target.value is None or actual.value is None:
        raise ScoreError(
            f"规则“{rule}”需要数值的指标值和实际值",
            "实际值" if target.value is not None else "指标值",
        )
    if target.unit and actual.unit and target.unit != actual.unit:
        raise ScoreError(f"指标值“{ind.target}”与实际值“{ind.actual}”的单位不一致", "实际值")
    t, a = target.value, actual.value
    ts, as_ = _num(target, places), _num(actual, places)
    w = fmt_number(weight, trim=True)
    met = meets(rule, a, t)
    if rule == "正向":
        if met:
            score, why = weight, f"正向：实际 {as_} ≥ 目标 {ts}，得满分 {w}"
        else:
            score = weight * a / t
            why = (
                f"正向：实际 {as_} ÷ 目标 {ts} × 分值 {w} = {fmt_number(score, places, trim=True)}"
            )
    elif rule == "反向":
        if met:
            score, why = weight, f"反向：实际 {as_} ≤ 目标 {ts}，得满分 {w}"
        elif a == 0:  # 目标 ÷ 实际 has no value: a target below zero that an actual of 0 misses
            raise ScoreError(
                f"反向规则按 目标 ÷ 实际 计分，实际值“{ind.actual}”为 0 时无法计算："
                '请核对指标值与实际值，或填写得分并写 "规则" = "评价人"',
                "实际值",
            )
        else:
            score = weight * t / a
            why = (
                f"反向：目标 {ts} ÷ 实际 {as_} × 分值 {w} = {fmt_number(score, places, trim=True)}"
            )
    else:
        if met:
            score, why = weight, f"等于：实际 {as_} = 目标 {ts}，得满分 {w}"
        else:
            score = weight * min(a / t, t / a) if a and t else Decimal(0)
            why = f"等于：实际 {as_} 与目标 {ts} 不符，按比例得 {fmt_number(score, places, trim=True)}"
    return _settle(ind, given, max(score, Decimal(0)), rule, why, weight)


FIX = (
    "报告印给出的得分和理由，不印规则的算式。若得分由评价人评定，请在该指标写 "
    '"规则" = "评价人"，并在 "评分理由" 中写明理由；若应按规则计分，删去 "得分" 一行'
)


def _settle(
    ind: Indicator, given: Decimal | None, score: Decimal, rule: str, why: str, weight: Decimal
) -> Scored:
    if given is None:
        return Scored(min(score, weight), rule, why, computed=True)
    score = min(score, weight)
    if abs(given - score) < Decimal("0.005"):
        return Scored(given, rule, why, computed=False)
    differs = (
        f"给出的得分 {fmt_number(given, 2, trim=True)} 与规则“{rule}”计算的 "
        f"{fmt_number(score, 2, trim=True)} 不同（{why}）。{FIX}"
    )
    return Scored(given, rule, by_evaluator(ind, given), computed=False, disagreement=differs)


def _qualitative(ind: Indicator, actual: Measure, rules: Scoring, weight: Decimal) -> Scored:
    if actual.quality is None:
        raise ScoreError(
            f"定性指标的实际值应写 达成/部分达成/未达成（或 好/较好/差），不是“{ind.actual}”",
            "实际值",
        )
    band = {MET: rules.met, PARTLY: rules.partly, UNMET: rules.unmet}[actual.quality]
    low, high = (weight * b / HUNDRED for b in band)
    span = f"{actual.quality}：得分应在 {fmt_number(low, 2, trim=True)}–{fmt_number(high, 2, trim=True)} 分之间"
    if ind.score is None:
        if actual.quality == MET:
            return Scored(high, "定性", f"{span}，未填得分按上限计", computed=True)
        raise ScoreError(f"定性指标“{ind.actual}”须由评价人在区间内打分（{span}）", "得分")
    if low <= ind.score <= high:
        why = f"{span}，评价人给出 {fmt_number(ind.score, 2, trim=True)}"
        return Scored(ind.score, "定性", why, computed=False)
    differs = f"给出的得分 {fmt_number(ind.score, 2, trim=True)} 不在区间内（{span}）。{FIX}"
    return Scored(
        ind.score, "定性", by_evaluator(ind, ind.score), computed=False, disagreement=differs
    )


_MEETS = {
    ">=": lambda a, t: a >= t,
    "<=": lambda a, t: a <= t,
    "=": lambda a, t: a == t,
    ">": lambda a, t: a > t,
    "<": lambda a, t: a < t,
}


def attainment(ind: Indicator, words: Mapping[str, str] | None = None) -> str | None:
    """达成 / 部分达成 / 未达成 from 指标值 and 实际值 alone (no weights); None when unknown."""
    target = parse_measure(ind.target, "指标值", words) if ind.target else None
    if not ind.actual:
        return None
    actual = parse_measure(ind.actual, "实际值", words)
    if actual.quality:
        return actual.quality  # the evaluator's own verdict: 达成, 好, 未完成 …
    if target is None or target.value is None or actual.value is None:
        return None
    if target.unit and actual.unit and target.unit != actual.unit:
        raise ScoreError(f"指标值“{ind.target}”与实际值“{ind.actual}”的单位不一致")
    return MET if _MEETS[target.op or ">="](actual.value, target.value) else UNMET


def grade_for(total: Decimal, grades: list[Grade]) -> str:
    for g in sorted(grades, key=lambda g: g.lower, reverse=True):
        if total >= g.lower:
            return g.name
    return grades[-1].name if grades else ""
