"""Each indicator's score said in the report's language (计分说明): what was achieved and what it
earned, never the rule's name or arithmetic — those stay in `jixiao check` (Scored.explanation).

按预算执行率100.00%计10分 · 实际完成6个，达到目标，计6分 · 定性评价为“达成”，计9分
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from generator.compute.figures import RATE, show
from generator.compute.measures import Measure, ScoreError, parse_measure
from generator.compute.numbers import fmt_number
from generator.compute.scoring import Scored, execution_band, meets, rate_capped
from generator.data.model import Indicator
from generator.data.settings import Settings


def _points(value: Decimal, s: Settings) -> str:
    """A score as the format prints a single indicator's (单项得分)."""
    return fmt_number(value, s.numbers.score_places, trim=s.numbers.trim_scores) + "分"


def _measure(text: str | None, words: Mapping[str, str] | None = None) -> Measure | None:
    try:
        return parse_measure(text, "", words) if text else None
    except ScoreError:
        return None


def _execution(rate: Decimal | None, scored: Scored, s: Settings) -> str:
    got = _points(scored.score, s)
    if rate is None:
        return f"由评价人评定，计{got}"
    shown = show(rate, RATE, s)
    if not scored.computed:
        return f"预算执行率{shown}，评价人评定计{got}"
    if s.scoring.execution == "分档":
        band = execution_band(rate, s.scoring)
        if band is not None and band.lower > 0:
            return f"预算执行率{shown}，达到{fmt_number(band.lower, trim=True)}%一档，计{got}"
        return f"预算执行率{shown}，计{got}"
    if rate_capped(rate, s.scoring):
        if show(Decimal(1), RATE, s) == shown:  # 100.16% printed as 100%: say only "超过"
            return f"预算执行率超过100%，按100%计{got}"
        return f"预算执行率{shown}，超过100%，按100%计{got}"
    return f"按预算执行率{shown}计{got}"


def _measured(ind: Indicator, scored: Scored, s: Settings) -> str | None:
    target, actual = _measure(ind.target, s.qualitative), _measure(ind.actual, s.qualitative)
    if target is None or actual is None or target.value is None or actual.value is None:
        return None
    met = meets(scored.rule, actual.value, target.value)
    done = ind.actual
    target_text = ind.target
    if scored.rule == "反向":
        fact = f"实际{done}，{'控制在目标以内' if met else f'超出目标（{target_text}）'}"
    elif scored.rule == "等于":
        fact = f"实际{done}，{'与目标一致' if met else f'与目标（{target_text}）不一致'}"
    else:
        fact = f"实际完成{done}，{'达到目标' if met else f'未达到目标（{target_text}）'}"
    got = _points(scored.score, s)
    if not scored.computed:
        return f"{fact}，评价人评定计{got}"
    return f"{fact}，计{got}" if met else f"{fact}，按比例计{got}"


def score_note(
    ind: Indicator, scored: Scored | None, rate: Decimal | None, s: Settings
) -> str | None:
    """How the indicator earned its score, in words a report may print; None when unscored."""
    if scored is None:
        return None
    got = _points(scored.score, s)
    if scored.rule == "预算执行率":
        return _execution(rate, scored, s)
    if scored.rule == "定性" and ind.actual:
        how = "" if scored.computed else "评价人评定"
        return f"定性评价为“{ind.actual}”，{how}计{got}"
    if scored.rule in ("正向", "反向", "等于") and ind.actual:
        note = _measured(ind, scored, s)
        if note:
            return note
    return f"由评价人评定，计{got}"


def score_notes(
    indicators: list[Indicator],
    scores: tuple[Scored | None, ...],
    rate: Decimal | None,
    s: Settings,
) -> tuple[str | None, ...]:
    return tuple(score_note(ind, sc, rate, s) for ind, sc in zip(indicators, scores, strict=True))
