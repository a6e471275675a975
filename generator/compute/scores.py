"""Every indicator's score and verdict, and the score figures: total, grade, subtotals, row rates."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from generator.compute.figures import COUNT, RATE, SCORE, TEXT, Figures
from generator.compute.measures import MET, PARTLY, UNMET, ScoreError, parse_measure
from generator.compute.numbers import fmt_number, ratio, round_half_up
from generator.compute.scoring import (
    Scored,
    attainment,
    grade_for,
    score_indicator,
    uses_execution_rate,
)
from generator.data.model import Indicator, Report
from generator.data.settings import Settings

# {预算执行率} in a text: a computed figure's display, not a measure to compare.
REFERENCE = re.compile(r"\{([\w\u4e00-\u9fff]+)\}")
LEVELS = ("一级", "二级")


def waits_for_todo(i: int, ind: Indicator, todo: set[str]) -> bool:
    """An indicator that can't be scored only because a value it needs is still 待填."""
    if any(k.startswith(f"指标[{i}].") for k in todo):
        return True
    return uses_execution_rate(ind) and bool(todo & {"预算.执行数", "预算.调整预算"})


def score_indicators(
    r: Report, s: Settings, rate: Decimal | None, todo: set[str]
) -> tuple[tuple[Scored | None, ...], dict[str, str]]:
    """(score per indicator, why an indicator has none by key path); all None if unscored."""
    if not s.scoring.scored:  # the district's report carries no weights or scores
        return tuple(None for _ in r.indicators), {}
    scores: list[Scored | None] = []
    errors: dict[str, str] = {}
    for i, ind in enumerate(r.indicators, 1):
        try:
            scored = score_indicator(ind, s.scoring, rate, s.numbers.percent_places, s.qualitative)
        except ScoreError as exc:
            scores.append(None)
            if not waits_for_todo(i, ind, todo):
                key = f"指标[{i}].{exc.key}" if exc.key else f"指标[{i}]"
                errors[key] = f"“{ind.label}”：{exc}"
            continue
        if scored.computed:
            # A computed score is a result printed beside the others: it is rounded once here,
            # so the total is exactly the sum of the scores the report shows.
            # Never above the weight: a weight of more decimals than scores show (分值 3.335,
            # fully met) is the score itself, not its rounding up (3.34 > 3.335).
            shown = round_half_up(scored.score, s.numbers.score_places)
            scored = replace(scored, score=min(shown, ind.weight) if ind.weight else shown)
        scores.append(scored)
    return tuple(scores), errors


def attain_indicators(
    r: Report, words: dict[str, str] | None = None
) -> tuple[tuple[str | None, ...], dict[int, str]]:
    """Whether each indicator met its target, read from 指标值 and 实际值 without weights."""
    attained: list[str | None] = []
    errors: dict[int, str] = {}
    for i, ind in enumerate(r.indicators, 1):
        if ind.actual and REFERENCE.search(ind.actual):
            attained.append(None)
            continue
        try:
            attained.append(attainment(ind, words))
        except ScoreError as exc:
            attained.append(None)
            errors[i] = f"“{ind.label}”：{exc}"
    return tuple(attained), errors


def attain_execution(
    attained: tuple[str | None, ...], r: Report, s: Settings, rate: Decimal | None
) -> tuple[str | None, ...]:
    """The 预算执行率 indicator, which has no 实际值 to read, met or not by the computed rate
    against its target (the format's 执行率目标 unless the indicator writes one)."""
    out = list(attained)
    for n, ind in enumerate(r.indicators):
        if out[n] is None and rate is not None and uses_execution_rate(ind) and not ind.actual:
            target = s.scoring.execution_target
            if ind.target:
                try:
                    target = parse_measure(ind.target).value or target
                except ScoreError:
                    continue
            out[n] = MET if rate * 100 >= target else UNMET
    return tuple(out)


def rate_is_actual(ind: Indicator, scored: Scored | None) -> bool:
    """The 预算执行率 indicator with no 实际值 of its own: the report, the 自评表 and the summary
    print the 预算执行率 figure as its 实际值."""
    return scored is not None and scored.rule == "预算执行率" and not ind.actual


def add_attainment_figures(f: Figures, r: Report, attained: tuple[str | None, ...]) -> None:
    """How many indicators met their targets, partly or not: counted here, so that a template
    prints them (本年度36项绩效指标全部达到……) and check and diff see them, with no sums in Jinja."""
    if not r.indicators:
        return
    counts = {
        verdict: [ind.label for ind, v in zip(r.indicators, attained, strict=True) if v == verdict]
        for verdict in (MET, PARTLY, UNMET)
    }
    for verdict, labels in counts.items():
        f.add(
            f"{verdict}指标数", Decimal(len(labels)), COUNT, f"实际值对照指标值为“{verdict}”的指标"
        )
    met = len(counts[MET])
    f.add(
        "未达到目标指标数",
        Decimal(len(r.indicators) - met),
        COUNT,
        "指标个数 − 达成指标数（部分达成、未达成和未说明完成情况的）",
        [("指标个数", Decimal(len(r.indicators)), COUNT), ("达成指标数", Decimal(met), COUNT)],
    )


def add_target_figures(f: Figures, r: Report, s: Settings) -> None:
    """The 预算执行率 indicator's target when the data gives none: the format's 执行率目标."""
    if any(uses_execution_rate(ind) and not ind.target for ind in r.indicators):
        target = s.scoring.execution_target
        f.add(
            "预算执行率目标值",
            f"{fmt_number(target, None, trim=True)}%",
            TEXT,
            f"格式设置 评分.执行率目标 = {fmt_number(target, None, trim=True)}",
        )


def groups(indicators: list[Indicator], level: str) -> dict[str, list[int]]:
    """Indicator positions (from 0) by their 一级 or 二级 name, in order of first appearance."""
    attr = "level1" if level == "一级" else "level2"
    found: dict[str, list[int]] = {}
    for n, ind in enumerate(indicators):
        found.setdefault(getattr(ind, attr) or "", []).append(n)
    return found


def group_names(level: str, name: str) -> tuple[str, str, str]:
    """The figure names of a group's 分值, 得分 and 得分率: 一级指标“产出指标”得分 …"""
    head = f"{level}指标“{name}”"
    return f"{head}分值", f"{head}得分", f"{head}得分率"


def row_rate_name(i: int, ind: Indicator) -> str:
    return f"指标[{i}]“{ind.label}”得分率"


def _weights(inds: list[Indicator]) -> Decimal:
    return sum((ind.weight or Decimal(0) for ind in inds), Decimal(0))


def add_score_figures(
    f: Figures, r: Report, s: Settings, scores: tuple[Scored | None, ...]
) -> None:
    """总分, 满分, 扣分, 得分率, 等级, the 一级/二级 subtotals and each row's 得分率."""
    inds = r.indicators
    if not inds:
        return
    if not s.scoring.scored:
        f.add("指标个数", Decimal(len(inds)), COUNT)
        return
    pairs = [(ind, sc) for ind, sc in zip(inds, scores, strict=True) if sc is not None]
    total = sum((sc.score for _, sc in pairs), Decimal(0))
    full = _weights(inds)
    f.add(
        "总分",
        total,
        SCORE,
        " + ".join(i.label for i, _ in pairs),
        [(i.label, sc.score, SCORE) for i, sc in pairs],
    )
    f.add(
        "满分",
        full,
        SCORE,
        " + ".join(i.label + "分值" for i in inds),
        [(i.label + "分值", i.weight, SCORE) for i in inds],
    )
    f.add(
        "扣分", full - total, SCORE, "满分 − 总分", [("满分", full, SCORE), ("总分", total, SCORE)]
    )
    f.add(
        "得分率",
        ratio(total, full),
        RATE,
        "总分 ÷ 满分",
        [("总分", total, SCORE), ("满分", full, SCORE)],
    )
    f.add("等级", grade_for(total, s.grades), TEXT, "总分所在的等级区间")
    f.add("指标个数", Decimal(len(inds)), COUNT)
    for ind, scored in pairs:
        if scored.rule == "预算执行率":
            f.add("预算执行率分值", ind.weight, SCORE)
            f.add("预算执行率得分", scored.score, SCORE, scored.explanation)
            break
    for level in LEVELS:
        for name, members in groups(inds, level).items():
            weight_name, score_name, rate_name = group_names(level, name)
            rows = [(inds[n], scores[n]) for n in members]
            weight = _weights([ind for ind, _ in rows])
            got = sum((sc.score for _, sc in rows if sc is not None), Decimal(0))
            labels = [ind.label for ind, _ in rows]
            f.add(
                weight_name,
                weight,
                SCORE,
                " + ".join(x + "分值" for x in labels),
                [(ind.label + "分值", ind.weight, SCORE) for ind, _ in rows],
            )
            f.add(
                score_name,
                got,
                SCORE,
                " + ".join(x + "得分" for x, (_, sc) in zip(labels, rows, strict=True) if sc),
                [(ind.label + "得分", sc.score, SCORE) for ind, sc in rows if sc],
            )
            f.add(
                rate_name,
                ratio(got, weight),
                RATE,
                "得分 ÷ 分值",
                [("得分", got, SCORE), ("分值", weight, SCORE)],
            )
    for i, (ind, maybe) in enumerate(zip(inds, scores, strict=True), 1):
        if maybe is not None:
            scored = maybe
            f.add(
                row_rate_name(i, ind),
                ratio(scored.score, ind.weight),
                RATE,
                "得分 ÷ 分值",
                [("得分", scored.score, SCORE), ("分值", ind.weight, SCORE)],
            )
