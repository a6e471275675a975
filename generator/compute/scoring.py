"""Indicator scores by the format's rules, and the grade; every computed score explains itself."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from generator.compute.numbers import HUNDRED, fmt_number, fmt_percent
from generator.data.model import Indicator
from generator.data.settings import Grade, Scoring

OPERATORS = {
    "≥": ">=",
    ">=": ">=",
    "＞＝": ">=",
    "不低于": ">=",
    "不少于": ">=",
    "大于等于": ">=",
    "≤": "<=",
    "<=": "<=",
    "＜＝": "<=",
    "不高于": "<=",
    "不超过": "<=",
    "不多于": "<=",
    "小于等于": "<=",
    "=": "=",
    "＝": "=",
    "等于": "=",
    ">": ">",
    "＞": ">",
    "大于": ">",
    "<": "<",
    "＜": "<",
    "小于": "<",
}
_MEASURE = re.compile(
    r"^(?P<op>" + "|".join(sorted(map(re.escape, OPERATORS), key=len, reverse=True)) + r")?\s*"
    r"(?P<num>[-+]?\d+(?:\.\d+)?)\s*(?P<unit>[^\d\s]*?)\s*(?P<suffix>以上|以下|以内)?$"
)
MET, PARTLY, UNMET = "达成", "部分达成", "未达成"
VERDICTS = (MET, PARTLY, UNMET)
# Words a clerk writes for a qualitative target or actual, and the verdict each stands for.
# A format adds its own in the settings table 定性目标 (docs/settings.md lists these).
QUALITATIVE = {
    "达成": MET,
    "完成": MET,
    "好": MET,
    "优": MET,
    "良好": MET,
    "是": MET,
    "合格": MET,
    "符合": MET,
    "达标": MET,
    "满意": MET,
    "有效": MET,
    "健全": MET,
    "完善": MET,
    "规范": MET,
    "及时": MET,
    "全覆盖": MET,
    "按时完成": MET,
    "明显改善": MET,
    "显著改善": MET,
    "持续改善": MET,
    "有所改善": MET,
    "稳步提升": MET,
    "明显提升": MET,
    "显著提升": MET,
    "有效提升": MET,
    "持续提升": MET,
    "不断提高": MET,
    "逐步提高": MET,
    "有所提高": MET,
    "逐步完善": MET,
    "不断完善": MET,
    "进一步完善": MET,
    "持续增强": MET,
    "部分达成": PARTLY,
    "基本达成": PARTLY,
    "较好": PARTLY,
    "一般": PARTLY,
    "基本完成": PARTLY,
    "基本符合": PARTLY,
    "基本满意": PARTLY,
    "基本健全": PARTLY,
    "基本完善": PARTLY,
    "基本规范": PARTLY,
    "未达成": UNMET,
    "未完成": UNMET,
    "差": UNMET,
    "否": UNMET,
    "不合格": UNMET,
    "不符合": UNMET,
    "不满意": UNMET,
    "未达标": UNMET,
}
RULES = ("正向", "反向", "等于", "定性", "预算执行率", "评价人")  # docs: data.md 指标[].规则


class ScoreError(ValueError):
    """A value that cannot be read or scored; the message is for the user, `key` names the field."""

    def __init__(self, message: str, key: str = ""):
        super().__init__(message)
        self.key = key


@dataclass(frozen=True)
class Measure:
    """A target or actual as a clerk writes it: ≥95%, ≤12月, 3000人次, 好."""

    text: str
    op: str | None = None
    value: Decimal | None = None
    unit: str = ""
    quality: str | None = None


# Full-width digits, point and percent sign as an input method writes them: １２３．５％.
_HALF_WIDTH = str.maketrans("０１２３４５６７８９．％", "0123456789.%")
_THOUSANDS = re.compile(r"(?<=\d)[,，](?=\d{3}(?!\d))")
TARGET_FORMS = "≥95%、≤12月、=100%、≥3000人次，或定性的 明显改善、健全、有效"
ACTUAL_FORMS = "100%、12月、3000人次（数字加单位），或 达成、部分达成、未达成"


def normalise(text: str) -> str:
    """What a clerk typed, in the one spelling the parser reads: 1,286人次 → 1286人次, 90 % → 90%."""
    t = text.strip().translate(_HALF_WIDTH)
    t = re.sub(r"\s+", "", t)
    return _THOUSANDS.sub("", t)


def parse_measure(text: str, field: str = "", words: Mapping[str, str] | None = None) -> Measure:
    """A target (field 指标值) or actual (实际值); `words` are a format's extra qualitative words.

    Each text is read once per process and set of words (a unit's figures, checks and report
    words read the same target several times); what can't be read raises every time.
    """
    key = (text, tuple(words.items()) if words else ())
    found = _measures.get(key)
    if found is None:
        found = _measures[key] = _read_measure(text, field, words)
        if len(_measures) > MEASURES_KEPT:
            _measures.pop(next(iter(_measures)))
    return found


MEASURES_KEPT = 50_000
_measures: dict[tuple[str, tuple], Measure] = {}


def _read_measure(text: str, field: str, words: Mapping[str, str] | None) -> Measure:
    t = normalise(text)
    verdict = (words or {}).get(t) or QUALITATIVE.get(t)
    if verdict:
        return Measure(text, quality=verdict)
    m = _MEASURE.match(t)
    if not m:
        forms = {"指标值": TARGET_FORMS, "实际值": ACTUAL_FORMS}.get(
            field, f"{TARGET_FORMS}；实际值如 {ACTUAL_FORMS}"
        )
        raise ScoreError(f"读不懂{field}“{text}”：应写成 {forms}")
    op = OPERATORS.get(m.group("op") or "")
    suffix = m.group("suffix")
    if op is None and suffix:
        op = "<=" if suffix in ("以下", "以内") else ">="
    return Measure(text, op=op, value=Decimal(m.group("num")), unit=m.group("unit"))


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


def execution_score(
    rate: Decimal | None, weight: Decimal, rules: Scoring, places: int
) -> tuple[Decimal, str]:
    if rate is None:
        raise ScoreError("预算执行率无法计算（缺少调整预算或为 0），须填写得分", "得分")
    shown = fmt_percent(rate, places)
    if rules.execution == "分档":
        pct = rate * HUNDRED
        for band in sorted(rules.bands, key=lambda b: b.lower, reverse=True):
            if pct >= band.lower:
                score = weight * band.share / HUNDRED
                return score, (
                    f"分档：执行率 {shown} ≥ {fmt_number(band.lower, trim=True)}%，"
                    f"得分值的 {fmt_number(band.share, trim=True)}% = {fmt_number(score, 2, trim=True)}"
                )
        return Decimal(0), f"分档：执行率 {shown} 低于最低档，得 0 分"
    used = min(rate, Decimal(1)) if rules.cap else rate
    score = min(used * weight, weight)
    capped = "（超过 100% 按 100% 计）" if rules.cap and rate > 1 else ""
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
    if rule == "正向":
        if a >= t or t == 0:
            score, why = weight, f"正向：实际 {as_} ≥ 目标 {ts}，得满分 {w}"
        else:
            score = weight * a / t
            why = (
                f"正向：实际 {as_} ÷ 目标 {ts} × 分值 {w} = {fmt_number(score, places, trim=True)}"
            )
    elif rule == "反向":
        if a <= t:
            score, why = weight, f"反向：实际 {as_} ≤ 目标 {ts}，得满分 {w}"
        else:
            score = weight * t / a
            why = (
                f"反向：目标 {ts} ÷ 实际 {as_} × 分值 {w} = {fmt_number(score, places, trim=True)}"
            )
    else:
        if a == t:
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


def is_qualitative(text: str | None, words: Mapping[str, str] | None = None) -> bool:
    """A target written as a verdict (好, 达成) rather than a measure."""
    try:
        return text is not None and parse_measure(text, "", words).quality is not None
    except ScoreError:
        return False


def grade_for(total: Decimal, grades: list[Grade]) -> str:
    for g in sorted(grades, key=lambda g: g.lower, reverse=True):
        if total >= g.lower:
            return g.name
    return grades[-1].name if grades else ""
