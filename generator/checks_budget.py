"""Plausibility of the budget and of the evaluation's dates: questionable, not impossible, data."""

from __future__ import annotations

from decimal import Decimal

from generator.checks import ERROR, WARNING, check, num
from generator.numbers import fmt_percent, ratio


@check("budget.over-spent", WARNING, "执行数不超过全年（调整）预算")
def over_spent(u, report):
    b = u.report.budget
    if b.spent is None or b.adjusted is None or b.spent <= b.adjusted:
        return
    report(
        f"执行数 {num(b.spent)} 万元超过全年（调整）预算 {num(b.adjusted)} 万元，"
        f"预算执行率 {fmt_percent(ratio(b.spent, b.adjusted))}。"
        "若年中追加或调增了预算，调整预算应为调整后的数（年初预算加调增）；请核对预算.调整预算",
        "预算.调整预算",
    )


@check("budget.adjusted-down", WARNING, "全年预算调减时说明按年初预算的执行率")
def adjusted_down(u, report):
    b = u.report.budget
    if b.initial is None or b.adjusted is None or b.spent is None or b.adjusted >= b.initial:
        return
    report(
        f"全年（调整）预算 {num(b.adjusted)} 万元比年初预算 {num(b.initial)} 万元调减了 "
        f"{num(b.initial - b.adjusted)} 万元；预算执行率按调整预算为 {fmt_percent(ratio(b.spent, b.adjusted))}，"
        f"按年初预算只有 {fmt_percent(ratio(b.spent, b.initial))}。请确认调减有依据，并在报告中说明",
        "预算.调整预算",
    )


@check("budget.outside-final", WARNING, "部门全部资金纳入决算")
def outside_final(u, report):
    b = u.report.budget
    spent = [(s.name, s.spent) for s in b.outside if s.spent]
    initial = [(s.name, s.initial) for s in b.outside if s.initial]
    if not spent and not initial:
        return
    said = []
    if initial:
        total = b.initial + sum((v for _, v in initial), Decimal(0))
        names = "、".join(f"{n} {num(v)} 万元" for n, v in initial)
        said.append(f"全部资金年初预算 {num(total)} 万元（含{names}），决算年初预算只有 {num(b.initial)} 万元")
    if spent:
        total = b.spent + sum((v for _, v in spent), Decimal(0))
        names = "、".join(f"{n} {num(v)} 万元" for n, v in spent)
        said.append(f"全部资金支出 {num(total)} 万元（含{names}），决算支出只有 {num(b.spent)} 万元")
    report("有资金未纳入决算：" + "；".join(said) + "。决算应反映部门的全部收支", "预算.决算外资金")


@check("evaluation.dates", WARNING, "评价工作在预算年度结束之后开展")
def evaluation_dates(u, report):
    ev, year = u.report.evaluation, u.report.unit.year
    if ev.started is not None and year is not None and ev.started.year <= year:
        report(
            f"评价开始日期 {ev.started.isoformat()} 不在 {year} 年度结束之后；"
            f"{year} 年度的评价通常在 {year + 1} 年开展，请核对年份",
            "评价.开始日期",
        )


@check("evaluation.date-order", ERROR, "评价结束日期不早于开始日期")
def evaluation_order(u, report):
    ev = u.report.evaluation
    if ev.started is not None and ev.finished is not None and ev.finished < ev.started:
        report(f"评价结束日期 {ev.finished.isoformat()} 早于开始日期 {ev.started.isoformat()}", "评价.结束日期")
