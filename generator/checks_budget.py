"""Budget facts that need not add up exactly but must not exceed their totals, and plausibility."""

from __future__ import annotations

from decimal import Decimal

from generator.checks import ERROR, WARNING, check, half_unit, num
from generator.numbers import fmt_percent


def _not_above(report, parts: list[tuple[str, str, Decimal | None]], total: tuple[str, str, Decimal | None]) -> None:
    """Σ parts ≤ total (within rounding): “其中” items may leave some money out, never add some."""
    given = [(label, key, v) for label, key, v in parts if v is not None]
    if total[2] is None or not given:
        return
    s = sum((v for _, _, v in given), Decimal(0))
    tolerance = sum((half_unit(v) for _, _, v in given), half_unit(total[2]))
    if s - total[2] > tolerance:
        left = " + ".join(label for label, _, _ in given)
        values = " + ".join(num(v) for _, _, v in given)
        report(
            f"{left} = {values} = {num(s)}，超过了{total[0]} {num(total[2])}（多 {num(s - total[2])}）。"
            f"“其中”各项之和不能大于总数，请核对",
            given[0][1],
        )


@check("identity.parts-within", ERROR, "“其中”各项之和不超过总数（预算与支出，含中央/省/市细分）")
def parts_within(u, report):
    b = u.report.budget
    for attr, label, total_label, total in (("budget", "预算", "调整预算", b.adjusted), ("spent", "支出", "执行数", b.spent)):
        parts = [(f"{p.name}{label}", f"预算.其中[{i}].{label}", getattr(p, attr)) for i, p in enumerate(b.parts, 1)]
        _not_above(report, parts, (total_label, f"预算.{total_label}", total))
        for i, p in enumerate(b.parts, 1):
            levels = [
                (f"{lv.name}{label}", f"预算.其中[{i}].分级[{j}].{label}", getattr(lv, attr))
                for j, lv in enumerate(p.levels, 1)
            ]
            _not_above(report, levels, (f"{p.name}{label}", f"预算.其中[{i}].{label}", getattr(p, attr)))


@check("plausible.supplement", WARNING, "年初预算 + 年中追加（+ 上年结转）与全年预算相符")
def supplement(u, report):
    b = u.report.budget
    if b.supplement is None or b.initial is None or b.adjusted is None:
        return
    parts = [("年初预算", b.initial), ("年中追加", b.supplement)]
    if b.carried_in is not None:
        parts.append(("上年结转", b.carried_in))
    s = sum((v for _, v in parts), Decimal(0))
    tolerance = sum((half_unit(v) for _, v in parts), half_unit(b.adjusted))
    if abs(s - b.adjusted) > tolerance:
        left = " + ".join(f"{k} {num(v)}" for k, v in parts)
        report(
            f"{left} = {num(s)}，而调整预算 {num(b.adjusted)}，相差 {num(abs(s - b.adjusted))}。"
            f"如有年中调减、上年结转或其他调整，属正常；否则请核对年初预算、年中追加与调整预算",
            "预算.年中追加",
        )


@check("plausible.overspent", WARNING, "执行数不超过全年预算数")
def overspent(u, report):
    b = u.report.budget
    if b.spent is None or b.adjusted is None or b.spent <= b.adjusted + half_unit(b.adjusted):
        return
    report(
        f"执行数 {num(b.spent)} 超过调整预算 {num(b.adjusted)}（多 {num(b.spent - b.adjusted)}），"
        f"预算执行率为 {fmt_percent(b.spent / b.adjusted)}（报告中印为 {u.display('预算执行率')}）。"
        f"请核对支出是否有预算依据",
        "预算.执行数",
    )
