"""Budget facts that need not add up exactly but must not exceed their totals, budget plausibility,
and the order of the evaluation's dates."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from generator.checks.base import ERROR, WARNING, Reporter, check, half_unit, num, rounding_gap
from generator.compute.numbers import fmt_percent

if TYPE_CHECKING:
    from generator.compute.unit import Computed


def _not_above(
    report: Reporter,
    parts: list[tuple[str, str, Decimal | None]],
    total: tuple[str, str, Decimal | None],
) -> None:
    """Σ parts ≤ total (within rounding): “其中” items may leave some money out, never add some."""
    given = [(label, key, v) for label, key, v in parts if v is not None]
    if total[2] is None or not given:
        return
    s, over, tolerance = rounding_gap([v for _, _, v in given], total[2])
    if over > tolerance:
        left = " + ".join(label for label, _, _ in given)
        values = " + ".join(num(v) for _, _, v in given)
        report(
            f"{left} = {values} = {num(s)}，超过了{total[0]} {num(total[2])}（多 {num(s - total[2])}）。"
            f"“其中”各项之和不能大于总数，请核对",
            given[0][1],
        )


@check("identity.parts-within", ERROR, "“其中”各项之和不超过总数（预算与支出，含中央/省/市细分）")
def parts_within(u: Computed, report: Reporter) -> None:
    b = u.report.budget
    for attr, label, total_label, total in (
        ("budget", "预算", "调整预算", b.adjusted),
        ("spent", "支出", "执行数", b.spent),
    ):
        parts = [
            (f"{p.name}{label}", f"预算.其中[{i}].{label}", getattr(p, attr))
            for i, p in enumerate(b.parts, 1)
        ]
        _not_above(report, parts, (total_label, f"预算.{total_label}", total))
        for i, p in enumerate(b.parts, 1):
            levels = [
                (f"{lv.name}{label}", f"预算.其中[{i}].分级[{j}].{label}", getattr(lv, attr))
                for j, lv in enumerate(p.levels, 1)
            ]
            _not_above(
                report, levels, (f"{p.name}{label}", f"预算.其中[{i}].{label}", getattr(p, attr))
            )


@check("plausible.supplement", WARNING, "年初预算 + 年中追加（+ 上年结转）与全年预算相符")
def supplement(u: Computed, report: Reporter) -> None:
    b = u.report.budget
    if b.supplement is None or b.initial is None or b.adjusted is None:
        return
    parts = [("年初预算", b.initial), ("年中追加", b.supplement)]
    if b.carried_in is not None:
        parts.append(("上年结转", b.carried_in))
    s, gap, tolerance = rounding_gap([v for _, v in parts], b.adjusted)
    if abs(gap) > tolerance:
        left = " + ".join(f"{k} {num(v)}" for k, v in parts)
        report(
            f"{left} = {num(s)}，而调整预算 {num(b.adjusted)}，相差 {num(abs(s - b.adjusted))}。"
            f"如有年中调减、上年结转或其他调整，属正常；否则请核对年初预算、年中追加与调整预算",
            "预算.年中追加",
        )


@check("budget.zero-adjusted", ERROR, "有支出时全年（调整）预算不为 0（否则执行率无从计算）")
def zero_adjusted(u: Computed, report: Reporter) -> None:
    b = u.report.budget
    if b.adjusted == 0 and b.spent:
        report(
            f"全年（调整）预算为 0，而执行数为 {num(b.spent)} 万元：预算执行率无从计算，报告没有意义。"
            "请填写调整后的全年预算数",
            "预算.调整预算",
        )


@check("plausible.overspent", WARNING, "执行数不超过全年（调整）预算")
def overspent(u: Computed, report: Reporter) -> None:
    b = u.report.budget
    if b.spent is None or b.adjusted is None or b.spent <= b.adjusted + half_unit(b.adjusted):
        return
    if b.adjusted == 0:
        return  # budget.zero-adjusted says so
    report(
        f"执行数 {num(b.spent)} 万元超过全年（调整）预算 {num(b.adjusted)} 万元（多 {num(b.spent - b.adjusted)}），"
        f"预算执行率为 {fmt_percent(u.number('预算执行率'))}（报告中印为 {u.display('预算执行率')}）。"
        "若年中追加或调增了预算，调整预算应为调整后的数（年初预算加调增）；否则请核对支出是否有预算依据",
        "预算.调整预算",
    )


@check("plausible.adjusted-down", WARNING, "全年预算调减时说明按年初预算的执行率")
def adjusted_down(u: Computed, report: Reporter) -> None:
    b = u.report.budget
    if b.initial is None or b.adjusted is None or b.spent is None or b.adjusted >= b.initial:
        return
    cut = u.number("预算调整数")
    assert cut is not None  # both budgets are given
    rate, of_initial = u.number("预算执行率"), u.number("年初预算完成率")
    report(
        f"全年（调整）预算 {num(b.adjusted)} 万元比年初预算 {num(b.initial)} 万元调减了 "
        f"{num(-cut)} 万元；预算执行率按调整预算为 {fmt_percent(rate)}，"
        f"按年初预算只有 {fmt_percent(of_initial)}。请确认调减有依据，并在报告中说明",
        "预算.调整预算",
    )


@check("plausible.outside-final", WARNING, "部门全部资金纳入决算")
def outside_final(u: Computed, report: Reporter) -> None:
    b = u.report.budget
    spent = [(s.name, s.spent) for s in b.outside if s.spent]
    initial = [(s.name, s.initial) for s in b.outside if s.initial]
    if not spent and not initial:
        return
    said = []
    total = u.number("全部资金年初预算")
    if initial and b.initial is not None and total is not None:
        names = "、".join(f"{n} {num(v)} 万元" for n, v in initial)
        said.append(
            f"全部资金年初预算 {num(total)} 万元（含{names}），决算年初预算只有 {num(b.initial)} 万元"
        )
    total = u.number("全部资金支出")
    if spent and b.spent is not None and total is not None:
        names = "、".join(f"{n} {num(v)} 万元" for n, v in spent)
        said.append(
            f"全部资金支出 {num(total)} 万元（含{names}），决算支出只有 {num(b.spent)} 万元"
        )
    if said:
        report(
            "有资金未纳入决算：" + "；".join(said) + "。决算应反映部门的全部收支", "预算.决算外资金"
        )


@check("data.date-order", ERROR, "评价结束日期不早于开始日期")
def evaluation_order(u: Computed, report: Reporter) -> None:
    ev = u.report.evaluation
    if ev.started is not None and ev.finished is not None and ev.finished < ev.started:
        report(
            f"评价结束日期 {ev.finished.isoformat()} 早于开始日期 {ev.started.isoformat()}",
            "评价.结束日期",
        )
