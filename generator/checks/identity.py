"""Identities of domain.md §3: parts add up to their totals."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from generator.checks.base import ERROR, Reporter, check, sum_identity

if TYPE_CHECKING:
    from generator.compute.unit import Computed


@check("identity.spending", ERROR, "基本支出 + 项目支出 + 其他支出 = 执行数")
def spending(u: Computed, report: Reporter) -> None:
    b = u.report.budget
    parts = [("基本支出", "预算.基本支出", b.basic), ("项目支出", "预算.项目支出", b.project)]
    if b.other is not None:
        parts.append(("其他支出", "预算.其他支出", b.other))
    sum_identity(report, parts, ("执行数", "预算.执行数", b.spent))


@check("identity.budget-parts", ERROR, "基本/项目/其他支出预算 = 调整预算")
def budget_parts(u: Computed, report: Reporter) -> None:
    b = u.report.budget
    if b.basic_budget is None or b.project_budget is None:
        return
    parts = [
        ("基本支出预算", "预算.基本支出预算", b.basic_budget),
        ("项目支出预算", "预算.项目支出预算", b.project_budget),
    ]
    if b.other_budget is not None:
        parts.append(("其他支出预算", "预算.其他支出预算", b.other_budget))
    sum_identity(report, parts, ("调整预算", "预算.调整预算", b.adjusted))


SOURCE_FIELDS = (
    ("initial", "年初预算"),
    ("adjusted", "调整预算"),
    ("spent", "执行数"),
    ("basic", "基本支出"),
    ("project", "项目支出"),
    ("income", "收入"),
    ("carried_in", "上年结转"),
)


@check("identity.sources", ERROR, "各资金来源之和 = 预算总数")
def sources(u: Computed, report: Reporter) -> None:
    b = u.report.budget
    if not b.sources:
        return
    for attr, label in SOURCE_FIELDS:
        values = [getattr(s, attr) for s in b.sources]
        if any(v is None for v in values):
            continue
        parts = [
            (f"{s.name}{label}", f"预算.来源[{i}].{label}", v)
            for i, (s, v) in enumerate(zip(b.sources, values, strict=True), 1)
        ]
        sum_identity(report, parts, (label, f"预算.{label}", getattr(b, attr)))


@check("identity.source-spending", ERROR, "每个资金来源：基本支出 + 项目支出 = 执行数")
def source_spending(u: Computed, report: Reporter) -> None:
    for i, s in enumerate(u.report.budget.sources, 1):
        at = f"预算.来源[{i}]"
        sum_identity(
            report,
            [
                (f"{s.name}基本支出", f"{at}.基本支出", s.basic),
                (f"{s.name}项目支出", f"{at}.项目支出", s.project),
            ],
            (f"{s.name}执行数", f"{at}.执行数", s.spent),
        )


@check("identity.net-assets", ERROR, "资产总额 − 负债总额 = 净资产（本年与上年）")
def net_assets(u: Computed, report: Reporter) -> None:
    a = u.report.assets
    for prefix, assets, liab, net in (
        ("", a.assets, a.liabilities, a.net),
        ("上年", a.assets_last, a.liabilities_last, a.net_last),
    ):
        if None in (assets, liab, net):
            continue
        # 资产 = 负债 + 净资产 is the same identity written as a sum.
        sum_identity(
            report,
            [
                (f"{prefix}负债总额", f"资产.{prefix}负债总额", liab),
                (f"{prefix}净资产", f"资产.{prefix}净资产", net),
            ],
            (f"{prefix}资产总额", f"资产.{prefix}资产总额", assets),
            key=f"资产.{prefix}净资产",
        )


def _count(people: int | None) -> Decimal | None:
    return None if people is None else Decimal(people)


@check("identity.staff", ERROR, "各类在职人员实有人数之和 = 在职人数")
def staff(u: Computed, report: Reporter) -> None:
    st = u.report.staffing
    parts = [
        (t.name, f"人员编制.类别[{i}].实有", _count(t.actual))
        for i, t in enumerate(st.types, 1)
        if t.serving
    ]
    sum_identity(
        report,
        parts,
        ("在职人数", "人员编制.在职人数", _count(st.serving_total)),
        key="人员编制.在职人数",
        counts=True,
    )
