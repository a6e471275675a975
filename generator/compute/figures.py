"""Every derived figure of domain.md §3 that a unit's data allows, exact, with its formula."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from generator.compute.numbers import DASH, change, fmt_number, fmt_percent, ratio
from generator.data.model import Report
from generator.data.schema import fields_of
from generator.data.settings import Settings

RATE, MONEY, SCORE, COUNT, TEXT = "率", "金额", "分", "人数", "文字"


@dataclass
class Figure:
    """A computed figure: exact value, what kind of number it is, and how it was obtained."""

    name: str
    value: Decimal | str | None
    kind: str
    formula: str = ""  # "执行数 ÷ 调整预算"
    inputs: list[tuple[str, Decimal | None, str]] = field(default_factory=list)

    @property
    def number(self) -> Decimal | None:
        """The value of a figure that is a number (None where the data give none)."""
        if isinstance(self.value, str):
            raise TypeError(f"{self.name} is text, not a number")
        return self.value

    def display(self, s: Settings) -> str:
        return show(self.value, self.kind, s, name=self.name)

    def explain(self, s: Settings) -> str:
        """预算执行率 = 执行数 13,006.70 ÷ 调整预算 18,580.25 = 70.00%"""
        if not self.inputs:
            return f"{self.name} = {self.formula + '：' if self.formula else ''}{self.display(s)}"
        shown = {name: f"{name} {show(value, kind, s)}" for name, value, kind in self.inputs}
        names = sorted(shown, key=len, reverse=True)  # 上年资产总额 before 资产总额
        text = re.sub("|".join(map(re.escape, names)), lambda m: shown[m.group(0)], self.formula)
        return f"{self.name} = {text} = {self.display(s)}"


def show(value: Decimal | str | None, kind: str, s: Settings, name: str = "") -> str:
    """A value for the page, by its kind and the format's number settings."""
    n = s.numbers
    if value is None:
        return DASH
    if kind == TEXT or isinstance(value, str):
        return str(value)
    if kind == RATE:
        if s.scoring.display_cap and name in CAPPED_ON_DISPLAY and value > 1:
            value = Decimal(1)
        text = fmt_percent(value, n.percent_places, trim=n.trim_percent)
        whole = "." + "0" * n.percent_places + "%"
        if n.trim_whole_percent and n.percent_places and text.endswith(whole):
            text = text[: -len(whole)] + "%"
        return text
    if kind == MONEY:
        return fmt_number(value, None if n.money_as_written else n.money_places, n.separators)
    if kind == SCORE:
        return fmt_number(value, n.score_places)
    return fmt_number(value, 0, trim=True)


# Rates that some districts print as 100% when the unit spent more than its budget.
CAPPED_ON_DISPLAY = {"预算执行率", "项目执行率"}


class Figures(dict[str, Figure]):
    """name → Figure, in the order they were computed."""

    def add(
        self,
        name: str,
        value: Decimal | str | None,
        kind: str,
        formula: str = "",
        inputs: Iterable[tuple[str, Decimal | None, str]] = (),
    ) -> Figure:
        fig = Figure(name, value, kind, formula, list(inputs))
        self[name] = fig
        return fig

    def rate(
        self, name: str, num: tuple[str, Decimal | None], den: tuple[str, Decimal | None]
    ) -> None:
        if num[1] is None and den[1] is None:
            return
        self.add(
            name,
            ratio(num[1], den[1]),
            RATE,
            f"{num[0]} ÷ {den[0]}",
            [(*num, MONEY), (*den, MONEY)],
        )

    def change_rate(
        self, name: str, now: tuple[str, Decimal | None], last: tuple[str, Decimal | None]
    ) -> None:
        if now[1] is None or last[1] is None:
            return
        self.add(
            name,
            change(now[1], last[1]),
            RATE,
            f"（{now[0]} − {last[0]}）÷ {last[0]}",
            [(*now, MONEY), (*last, MONEY)],
        )

    def difference(
        self, name: str, a: tuple[str, Decimal | None], b: tuple[str, Decimal | None]
    ) -> None:
        if a[1] is None or b[1] is None:
            return
        self.add(name, a[1] - b[1], MONEY, f"{a[0]} − {b[0]}", [(*a, MONEY), (*b, MONEY)])

    def money(self, name: str, parts: list[tuple[str, Decimal | None]]) -> None:
        given = [(k, v) for k, v in parts if v is not None]
        if not given:
            return
        total = sum((v for _, v in given), Decimal(0))
        self.add(
            name, total, MONEY, " + ".join(k for k, _ in given), [(k, v, MONEY) for k, v in given]
        )


def budget_figures(r: Report, f: Figures) -> None:
    b = r.budget
    f.rate("预算执行率", ("执行数", b.spent), ("调整预算", b.adjusted))
    f.rate("年初预算完成率", ("执行数", b.spent), ("年初预算", b.initial))
    f.rate("调整预算完成率", ("执行数", b.spent), ("调整预算", b.adjusted))
    f.difference("预算调整数", ("调整预算", b.adjusted), ("年初预算", b.initial))
    f.change_rate("预算调整率", ("调整预算", b.adjusted), ("年初预算", b.initial))
    f.difference("预决算差异数", ("执行数", b.spent), ("年初预算", b.initial))
    f.change_rate("部门预决算差异率", ("执行数", b.spent), ("年初预算", b.initial))
    f.money("支出合计", [("基本支出", b.basic), ("项目支出", b.project), ("其他支出", b.other)])
    if b.basic is not None:  # optional where a report does not split its spending
        f.rate("基本支出占比", ("基本支出", b.basic), ("执行数", b.spent))
    if b.project is not None:
        f.rate("项目支出占比", ("项目支出", b.project), ("执行数", b.spent))
    if b.income is not None:
        f.rate("收入完成年初预算率", ("收入", b.income), ("年初预算", b.initial))
        f.rate("收入完成调整预算率", ("收入", b.income), ("调整预算", b.adjusted))
    if b.supplement is not None:
        f.rate("预算控制率", ("年中追加", b.supplement), ("年初预算", b.initial))
    if b.balance is not None:
        f.rate("结转结余率", ("结转结余", b.balance), ("调整预算", b.adjusted))
        f.change_rate("结转结余变动率", ("结转结余", b.balance), ("上年结转结余", b.balance_last))
    if b.public_spent is not None:
        f.rate(
            "公用经费控制率", ("公用经费实际", b.public_spent), ("公用经费预算", b.public_budget)
        )
    if b.three_spent is not None:
        f.rate("三公经费控制率", ("三公经费实际", b.three_spent), ("三公经费预算", b.three_budget))
        f.change_rate(
            "三公经费变动率", ("三公经费实际", b.three_spent), ("上年三公经费", b.three_last)
        )
    if b.procurement_budget is not None or b.procurement_spent is not None:
        f.rate(
            "政府采购执行率",
            ("政府采购实际", b.procurement_spent),
            ("政府采购预算", b.procurement_budget),
        )
    if b.project_amount is not None and b.project_spent is not None:
        f.rate("项目执行率", ("项目实际支出", b.project_spent), ("项目金额", b.project_amount))
    if b.basic_budget is not None or b.project_budget is not None:
        f.money(
            "支出预算合计",
            [
                ("基本支出预算", b.basic_budget),
                ("项目支出预算", b.project_budget),
                ("其他支出预算", b.other_budget),
            ],
        )
    for i, src in enumerate(b.sources, 1):
        if src.spent is not None and src.adjusted is not None:
            f.rate(
                source_rate_name(i),
                (f"{src.name}执行数", src.spent),
                (f"{src.name}调整预算", src.adjusted),
            )


def source_rate_name(i: int) -> str:
    """The figure of the i-th 资金来源's 执行率 (from 1), which the template and the 自评表 print."""
    return f"来源{i}执行率"


def outside_figures(r: Report, f: Figures) -> None:
    """Funds left out of the final accounts (决算外资金): what the unit really budgeted and spent."""
    b = r.budget
    if not b.outside:
        return
    for label, attr, total in (("年初预算", "initial", b.initial), ("支出", "spent", b.spent)):
        parts = [(f"{s.name}{label}", getattr(s, attr)) for s in b.outside]
        f.money(f"决算外{label}", parts)
        given = [(k, v) for k, v in parts if v is not None]
        if given and total is not None:
            main = "执行数" if attr == "spent" else "年初预算"
            f.money(f"全部资金{label}", [(main, total), *given])


def asset_figures(r: Report, f: Figures) -> None:
    a = r.assets
    f.difference("净资产计算值", ("资产总额", a.assets), ("负债总额", a.liabilities))
    for now, last, name in (
        (a.assets, a.assets_last, "资产"),
        (a.liabilities, a.liabilities_last, "负债"),
        (a.net, a.net_last, "净资产"),
    ):
        label = "资产总额" if name == "资产" else "负债总额" if name == "负债" else "净资产"
        f.difference(f"{name}变动额", (label, now), (f"上年{label}", last))
        f.change_rate(f"{name}变动率", (label, now), (f"上年{label}", last))
    if a.fixed is not None:
        f.rate("固定资产利用率", ("在用固定资产", a.fixed_in_use), ("固定资产", a.fixed))


def staff_figures(r: Report, f: Figures) -> None:
    types = r.staffing.types
    serving = [t for t in types if t.serving]
    actual = [(t.name, t.actual) for t in serving if t.actual is not None]
    if serving and len(actual) == len(serving):
        names = " + ".join(name for name, _ in actual)
        inputs = [(name, Decimal(n), COUNT) for name, n in actual]
        f.add("在职人数", Decimal(sum(n for _, n in actual)), COUNT, names, inputs)
    elif r.staffing.serving_total is not None:
        f.add("在职人数", Decimal(r.staffing.serving_total), COUNT)
    for label, attr in (
        ("核定编制", "approved"),
        ("控制编制", "controlled"),
        ("实有人数", "actual"),
    ):
        values = [getattr(t, attr) for t in serving if getattr(t, attr) is not None]
        if values:
            f.add(f"{label}合计", Decimal(sum(values)), COUNT)
    if "在职人数" in f and "核定编制合计" in f:
        serving_total, approved = f["在职人数"].number, f["核定编制合计"].number
        f.add(
            "在职人员控制率",
            ratio(serving_total, approved),
            RATE,
            "在职人数 ÷ 核定编制合计",
            [("在职人数", serving_total, COUNT), ("核定编制合计", approved, COUNT)],
        )
    counts: dict[str, list] = {
        "内设机构数": r.organization.offices,
        "其他机构数": r.organization.other_bodies,
        "事业单位数": r.organization.institutions,
        "下辖社区数": r.organization.communities,
        "职责条数": r.duties,
    }
    for name, items in counts.items():
        f.add(name, Decimal(len(items)), COUNT)


def project_figures(r: Report, f: Figures) -> None:
    """The projects (项目) the indicators belong to, each once in order, and how many there are
    (none where the indicators name no project)."""
    if not r.indicators:
        return
    names = list(dict.fromkeys(ind.project for ind in r.indicators if ind.project))
    f.add("项目类别", "、".join(names), TEXT, "指标中写明的“项目”，不重复，按出现的先后")
    f.add("项目类别数", Decimal(len(names)), COUNT, "指标中写明的不同“项目”的个数")


def input_figures(r: Report, f: Figures) -> None:
    """The unit's own amounts, so narrative text can reference them like computed figures."""
    f.add("年度", str(r.unit.year), TEXT)
    f.add("单位名称", r.unit.name, TEXT)
    for section in (r.budget, r.assets):
        for key, (fld, _typ) in fields_of(type(section)).items():  # type: ignore[arg-type]
            value = getattr(section, fld.name)
            if isinstance(value, Decimal):
                f.add(key, value, MONEY)
            elif isinstance(value, int) and not isinstance(value, bool):
                f.add(key, Decimal(value), COUNT)  # 项目个数 and other counts the text may cite


def fact_figures(r: Report) -> Figures:
    """Figures of the budget, assets, staff and projects; the score figures are added by `scores.py`."""
    f = Figures()
    input_figures(r, f)
    budget_figures(r, f)
    outside_figures(r, f)
    asset_figures(r, f)
    staff_figures(r, f)
    project_figures(r, f)
    return f
