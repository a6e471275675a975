"""The rows of a revision note in the report's language: each item under the name the report
gives it, with the report's number formatting, and each change once.

A diff (`diff.py`) lists key paths and every figure that moved, for the clerk checking data; a
note for the finance bureau names 一般公共预算执行数, not 预算.来源[1].执行数, prints 11,336.83 as
the report does, leaves out figures the report never prints, and doesn't repeat one change as
the indicator's score, its subtotal, its rate and the score figure of the same row.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from generator.compute.figures import MONEY, show
from generator.compute.references import cited_names
from generator.cycle.diff import NONE, Diff, Side, unit_of
from generator.data.formats import resolve
from generator.data.settings import Settings
from generator.template.use import FIGURE_ROOTS, template_use

Row = tuple[str, str, str]
# Score figures the closing sentence states, or that only restate an indicator's own score.
RESTATED = {
    "总分",
    "等级",
    "扣分",
    "满分",
    "得分率",
    "预算执行率得分",
    "预算执行率分值",
    "指标个数",
}


def _side_settings(d: Diff) -> Settings:
    for side in (d.new, d.old):
        if side.unit is not None:
            return side.unit.fmt.settings
    return resolve("standard").settings


def _element(data: dict, path: str) -> dict:
    """The table at a key path like 预算.来源[1] in a unit's raw data, or {}."""
    value: object = data
    for part in re.findall(r"[^.\[\]]+|\[\d+\]", path):
        if part.startswith("["):
            index = int(part[1:-1]) - 1
            value = value[index] if isinstance(value, list) and 0 <= index < len(value) else {}
        else:
            value = value.get(part, {}) if isinstance(value, dict) else {}
    return value if isinstance(value, dict) else {}


def _name_in(d: Diff, path: str, key: str = "名称") -> str:
    for side in (d.new, d.old):
        name = _element(side.data, path).get(key)
        if name:
            return str(name)
    return ""


def fact_label(d: Diff, key: str) -> str:
    """预算.来源[1].执行数 → 一般公共预算执行数（万元）; 指标[2].实际值 → “生态修复有效性”实际值."""
    unit = unit_of(key)
    suffix = f"（{unit}）" if unit in ("万元",) else ""
    m = re.match(r"^指标\[(\d+)\]\.(.+)$", key)
    if m:
        name = _name_in(d, f"指标[{m.group(1)}]", "三级") or _name_in(
            d, f"指标[{m.group(1)}]", "一级"
        )
        return f"“{name}”{m.group(2)}{suffix}"
    parts = re.findall(r"([^.\[\]]+)(\[\d+\])?", key)
    words: list[str] = []
    path = ""
    for i, (name, index) in enumerate(parts):
        path = f"{path}.{name}" if path else name
        last = i == len(parts) - 1
        if index:
            path += index
            owner = _name_in(d, path) or _name_in(d, path, "姓名")
            if owner and not last:
                words = [owner]
                continue
            words.append(f"{name}第{index[1:-1]}项")
        elif i == 0 and not last and name in ("预算", "资产", "单位", "人员编制", "机构设置"):
            continue  # 预算.调整预算 is 调整预算 in every report
        else:
            words.append(name)
    return "".join(words) + suffix


def fact_value(key: str, value: str | None, s: Settings) -> str:
    if value is None:
        return NONE
    if unit_of(key) == "万元":
        try:
            return show(Decimal(value), MONEY, s)
        except InvalidOperation:
            return value
    return value.replace("\n", " ")


def figure_label(d: Diff, name: str) -> str:
    """来源1执行率 → 一般公共预算执行率; 指标[2]“X”得分率 → “X”得分率."""
    m = re.match(r"^来源(\d+)(.+)$", name)
    if m:
        source = _name_in(d, f"预算.来源[{m.group(1)}]")
        return f"{source}{m.group(2)}" if source else name
    m = re.match(r"^指标\[\d+\](.+)$", name)
    return m.group(1) if m else name


def _printed_figures(d: Diff) -> set[str] | None:
    """Figures the format's template prints (数据.X, 数值.X); None if that can't be known."""
    unit = d.new.unit or d.old.unit
    if unit is None:
        return None
    use = template_use(unit.fmt.template)
    if use is None:
        return None
    names = {p.split(".", 1)[1].split(".")[0] for p in use.paths if p.split(".")[0] in FIGURE_ROOTS}
    return names | _cited(d.new) | _cited(d.old)


def _cited(side: Side) -> set[str]:
    return cited_names(side.data)


def _formula(d: Diff, name: str) -> str:
    for side in (d.new, d.old):
        if side.unit is not None and name in side.unit.figures:
            return side.unit.figures[name].formula
    return ""


def _figure_rows(d: Diff) -> list[Row]:
    printed = _printed_figures(d)
    rows: list[Row] = []
    seen: set[tuple[str, str | None, str | None]] = set()
    for c in d.figures:
        if printed is not None and c.key not in printed and not c.key.startswith("来源"):
            continue
        same = (_formula(d, c.key) or c.key, c.old, c.new)
        if same in seen:
            continue  # 调整预算完成率 is 预算执行率 again: one change, said once
        seen.add(same)
        rows.append((figure_label(d, c.key), c.old or NONE, c.new or NONE))
    return rows


def _group_size(d: Diff, name: str) -> int:
    m = re.match(r"^([一二])级指标“(.+)”", name)
    if not m:
        return 0
    unit = d.new.unit or d.old.unit
    if unit is None:
        return 0
    attr = "level1" if m.group(1) == "一" else "level2"
    return sum(getattr(ind, attr) == m.group(2) for ind in unit.report.indicators)


def _printed_levels(d: Diff) -> set[str] | None:
    """一级, 二级: the subtotals the template prints; None if that can't be known."""
    unit = d.new.unit or d.old.unit
    use = None if unit is None else template_use(unit.fmt.template)
    if use is None:
        return None
    levels = set()
    for path in use.paths:
        for level in ("一级", "二级"):
            if path.startswith(f"{level}指标[].得分") or path.startswith(f"数据.{level}指标"):
                levels.add(level)
            if path.startswith(f"数值.{level}指标"):
                levels.add(level)
    return levels


def _score_rows(d: Diff) -> list[Row]:
    levels = _printed_levels(d)
    rows: list[Row] = []
    for c in d.scores:
        m = re.match(r"^\d+\. (.+)$", c.key)
        if m:
            rows.append((f"“{m.group(1)}”得分", c.old or NONE, c.new or NONE))
            continue
        if c.key in RESTATED or c.key.startswith("指标[") or c.key.endswith("得分率"):
            continue
        if c.key.startswith(("一级指标", "二级指标")):
            if levels is not None and c.key[:2] not in levels:
                continue  # a subtotal the report doesn't print
            if _group_size(d, c.key) < 2:
                continue  # a group of one indicator restates that indicator's score
        rows.append((c.key, c.old or NONE, c.new or NONE))
    return rows


def note_rows(d: Diff) -> dict[str, list[Row]]:
    """The rows of the note's three tables: facts, figures, scores."""
    s = _side_settings(d)
    facts = [
        (fact_label(d, c.key), fact_value(c.key, c.old, s), fact_value(c.key, c.new, s))
        for c in d.facts
    ]
    return {"facts": facts, "figures": _figure_rows(d), "scores": _score_rows(d)}
