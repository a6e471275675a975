"""Plausibility warnings: things that are not impossible, but usually a mistake."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from generator.checks.base import WARNING, Reporter, check, num
from generator.compute.measures import ScoreError, parse_measure
from generator.compute.numbers import HUNDRED, fmt_number, fmt_percent, round_half_up
from generator.compute.scoring import uses_execution_rate
from generator.data.schema import walk

if TYPE_CHECKING:
    from generator.compute.unit import Computed

SLIP = Decimal(1000)  # 元 written for 万元 makes an amount 10,000 times too large


def _explained(u: Computed) -> bool:
    if u.report.budget.variance_reason:
        return True
    return any(ind.deviation for ind in u.report.indicators if uses_execution_rate(ind))


@check("plausible.low-execution", WARNING, "预算执行率远低于目标且没有说明原因")
def low_execution(u: Computed, report: Reporter) -> None:
    rate = u.number("预算执行率")
    if rate is None or _explained(u):
        return
    s = u.fmt.settings.scoring
    target, where = s.execution_target, "格式默认目标"
    for ind in u.report.indicators:
        if uses_execution_rate(ind) and ind.target:
            try:
                measure = parse_measure(ind.target, "指标值", u.fmt.settings.qualitative)
            except ScoreError:
                break
            if measure.value is not None:
                target, where = measure.value, "指标值"
    if rate * HUNDRED < target - s.execution_gap:
        report(
            f"预算执行率 {fmt_percent(rate)} 比{where} {num(target)}% 低 {fmt_number(target - rate * HUNDRED, 2)} 个百分点"
            f"（超过预警差距 {num(s.execution_gap)} 个百分点），但没有说明原因。请在 预算.差异原因 或该指标的 偏差原因 中说明",
            "预算.差异原因",
        )


def _sibling_groups(u: Computed) -> Iterator[list[tuple[str, Decimal | None]]]:
    b = u.report.budget
    yield [("预算.年初预算", b.initial), ("预算.调整预算", b.adjusted), ("预算.执行数", b.spent)]
    yield [("预算.基本支出", b.basic), ("预算.项目支出", b.project), ("预算.执行数", b.spent)]
    for attr, label in (
        ("spent", "执行数"),
        ("income", "收入"),
        ("initial", "年初预算"),
        ("adjusted", "调整预算"),
    ):
        yield [
            (f"预算.来源[{i}].{label}", getattr(s, attr)) for i, s in enumerate(b.sources, 1)
        ] + [(f"预算.{label}", getattr(b, attr))]
    a = u.report.assets
    yield [
        ("资产.资产总额", a.assets),
        ("资产.上年资产总额", a.assets_last),
        ("资产.负债总额", a.liabilities),
        ("资产.上年负债总额", a.liabilities_last),
    ]


@check("plausible.unit-slip", WARNING, "金额是同类金额的千倍、万倍（是否把元写成了万元）")
def unit_slip(u: Computed, report: Reporter) -> None:
    flagged = set()
    for group in _sibling_groups(u):
        values = [(k, v) for k, v in group if v is not None and v > 0]
        for key, value in values:
            others = sorted(v for k, v in values if k != key)
            if not others or key in flagged:
                continue
            median = others[len(others) // 2]
            if value >= median * SLIP:
                flagged.add(key)
                report(
                    f"{key.split('.')[-1]} {num(value)} 是同类金额（约 {num(median)}）的 {int(value / median):,} 倍。金额应以万元为单位，是否把元写成了万元？",
                    key,
                )


@check("plausible.staff-over", WARNING, "实有人数超过核定编制")
def staff_over(u: Computed, report: Reporter) -> None:
    for i, t in enumerate(u.report.staffing.types, 1):
        if t.approved is not None and t.actual is not None and t.actual > t.approved:
            report(
                f"{t.name}实有 {t.actual} 人，超过核定编制 {t.approved} 人",
                f"人员编制.类别[{i}].实有",
            )


@check("plausible.dates", WARNING, "日期与年度相符（评价在年度结束前后进行）")
def dates(u: Computed, report: Reporter) -> None:
    year = u.report.unit.year
    if year is None:  # 年度 is required: its own error says it is missing
        return
    for key, value in (
        ("评价.开始日期", u.report.evaluation.started),
        ("评价.结束日期", u.report.evaluation.finished),
        ("单位.报告日期", u.report.unit.report_date),
    ):
        if value is None:
            continue
        if value < date(year, 12, 1) or value.year > year + 1:
            report(
                f"{key.split('.')[-1]} {value.isoformat()} 与年度 {year} 不符：{year} 年度的评价一般在 {year} 年末至 {year + 1} 年进行。请核对年度或日期",
                key,
            )


@check("plausible.no-actual", WARNING, "有指标值的指标填写了实际值")
def no_actual(u: Computed, report: Reporter) -> None:
    for i, (ind, scored) in enumerate(zip(u.report.indicators, u.scores, strict=True), 1):
        if ind.target and ind.actual is None and not (scored and scored.rule == "预算执行率"):
            report(
                f"指标“{ind.label}”有指标值“{ind.target}”但没有填写实际值，得分无法按规则核对",
                f"指标[{i}].实际值",
            )


# What a copied template or an anonymised source leaves where a name belongs: ××镇, XX街道, 某某区.
PLACEHOLDER = re.compile(r"××|ＸＸ|[Xx]{2}|某某|○○|〇〇")


@check(
    "plausible.placeholder-name", WARNING, "单位名称、简称、编制单位不是占位符（××、XX、某某、○○）"
)
def placeholder_name(u: Computed, report: Reporter) -> None:
    unit = u.report.unit
    for key, value in (("名称", unit.name), ("简称", unit.short_name), ("编制单位", unit.author)):
        found = PLACEHOLDER.search(value or "")
        if found:
            report(
                f"“{value}”中的“{found.group(0)}”是占位符，会原样印在标题、落款和文件属性中。"
                "请写单位的真实名称",
                f"单位.{key}",
            )


@check("plausible.decimals", WARNING, "金额的小数位不多于本格式印出的位数")
def decimals(u: Computed, report: Reporter) -> None:
    n = u.fmt.settings.numbers
    if n.money_as_written:
        return  # the format prints amounts as written
    extra = [
        (key, value)
        for key, meta, value in walk(u.report)
        if meta["unit"] == "万元"
        and isinstance(value, Decimal)
        and value != round_half_up(value, n.money_places)
    ]
    if not extra:
        return
    key, value = extra[0]
    shown = fmt_number(value, n.money_places, n.separators)
    others = (
        f" 等 {len(extra)} 个金额（{'、'.join(k for k, _ in extra[1:6])}{'……' if len(extra) > 6 else ''}）"
        if len(extra) > 1
        else ""
    )
    report(
        f"{key.split('.')[-1]} {num(value)}{others}的小数位多于本格式印出的 {n.money_places} 位："
        f"报告印 {shown}，计算用的是所写的数，印出的各数相加可能差一分。请核对是否多写了位数",
        key,
    )
