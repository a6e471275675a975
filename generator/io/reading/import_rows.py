"""The indicator rows of an imported 自评表: folded into the unit file's values, matched to the
file's indicators, written into their tables, and each 得分 settled as computed or given.

Scores: a 得分 the tool computed (no 得分 in the file) is exported as a number; imported back
unchanged (the workbook's hidden record says what was exported), or equal to what the rule now
gives, it stays computed, so a changed 实际完成值 is scored again. A 得分 the clerk changed becomes
the evaluator's score, checked against the rule like any other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import tomlkit

from generator.compute.scoring import uses_execution_rate
from generator.data.model import Indicator
from generator.data.schema import TODO
from generator.evaluate import Evaluated
from generator.examine import examine
from generator.io.located import WorkbookProblems
from generator.io.reading.headers import OPERATORS
from generator.io.reading.sheetdata import Read, Row
from generator.io.reading.tomledit import new_table, replace_tables, set_value, tables_of

# The keys of an indicator in the order the model lists them (new tables are written so).
ORDER = [
    "一级",
    "二级",
    "三级",
    "指标值",
    "实际值",
    "分值",
    "得分",
    "规则",
    "评分标准",
    "项目",
    "说明",
    "偏差原因",
]


def plain(text: str | None) -> str:
    return re.sub(r"\s+", "", text or "")


def fold(row: Row, found: WorkbookProblems) -> dict[str, object]:
    """The row's unit-file values: a 指标性质 column (≥ ≤ = 定性) and a 度量单位 column folded into
    指标值 and 实际值, as the unit file writes them (≥95%)."""
    values = {k: f.value for k, f in row.fields.items() if k not in ("性质", "单位")}
    op_field, unit = row.fields.get("性质"), row.text("单位")
    op = None
    if op_field is not None and op_field.value is not None:
        op = OPERATORS.get(plain(str(op_field.value)))
        if op is None:
            found.error(f"指标性质应为 ≥、≤、= 或 定性，而不是“{op_field.value}”", op_field.at)
    for key in ("指标值", "实际值"):
        text = values.get(key)
        if not isinstance(text, str) or text == TODO:
            continue
        text = text.strip()
        if (
            key == "指标值"
            and op
            and op != "定性"
            and not re.match(r"^[≥≤=<>＝＜＞]|^(不低于|不高于|不超过|不少于)", text)
        ):
            text = op + text
        if unit and op != "定性" and re.search(r"\d$", text):
            text += unit
        values[key] = text
    return values


def names_of(table) -> tuple[str, str, str]:
    """An indicator's 一级, 二级, 三级 without spaces, from a sheet row or a unit-file table."""
    one, two, three = (plain(str(table.get(k) or "")) for k in ("一级", "二级", "三级"))
    return one, two, three


def match_rows(rows: list[dict], old: list) -> list[int | None]:
    """For each sheet row, the index of the file's indicator it updates: same 一级/二级/三级, else
    the same 三级 if only one has it, else the one at its place under the same 一级."""

    old_names = [names_of(t) for t in old]
    new_names = [names_of(v) for v in rows]
    used: set[int] = set()
    result: list[int | None] = [None] * len(rows)
    for i, n in enumerate(new_names):
        j = next((j for j, o in enumerate(old_names) if o == n and j not in used), None)
        if j is not None:
            result[i] = j
            used.add(j)
    for i, n in enumerate(new_names):
        if result[i] is None and n[2]:
            same = [j for j, o in enumerate(old_names) if o[2] == n[2] and j not in used]
            if len(same) == 1:
                result[i] = same[0]
                used.add(same[0])
    for i, n in enumerate(new_names):
        if result[i] is None and i < len(old) and i not in used and old_names[i][0] == n[0]:
            result[i] = i
            used.add(i)
    return result


def is_execution_row(values: dict, table) -> bool:
    rule = table.get("规则") if table is not None else None
    ind = Indicator(
        level1=values.get("一级") or "",
        level2=values.get("二级"),
        level3=values.get("三级"),
        rule=str(rule) if rule is not None else None,
    )
    return uses_execution_rate(ind)


@dataclass
class Plan:
    """The indicator tables being written, and the 得分 that may be the rule's own (settled later)."""

    tables: list = field(default_factory=list)
    pending: dict[int, Decimal] = field(default_factory=dict)  # new index → the sheet's 得分


def untouched(
    value: Decimal,
    read: Read,
    values: dict,
    used: set[int],
    old_unit: Evaluated | None,
    j: int | None,
) -> bool:
    """The sheet's 得分 is the score the tool computed and exported, not one the clerk typed:
    equal to the workbook's record of the export, or (no record) to the file's computed score."""
    recorded, score = read.exported_score(names_of(values), used)
    if recorded:
        return score == value
    old = old_unit.scores[j] if j is not None and old_unit and j < len(old_unit.scores) else None
    return old is not None and old.score == value


def plan_indicators(doc, read: Read, rows: list[dict], old_unit: Evaluated | None) -> Plan:
    old = tables_of(doc, "指标")
    matched = match_rows(rows, old)
    plan = Plan()
    used: set[int] = set()
    keys = [k for k in ORDER if k in read.columns]
    for i, (values, j) in enumerate(zip(rows, matched, strict=True)):
        table = old[j] if j is not None else None
        execution = is_execution_row(values, table)
        if table is None:
            table = new_table(
                {
                    k: values.get(k)
                    for k in ORDER
                    if k in keys
                    and values.get(k) is not None
                    and not (k == "实际值" and execution)
                    and k != "得分"
                }
            )
        plan.tables.append(table)
        for key in keys:
            value = values.get(key)
            if key == "实际值" and execution and "实际值" not in table:
                continue  # the tool prints the computed 预算执行率 there
            if key == "得分" and "得分" not in table and isinstance(value, Decimal):
                if not untouched(value, read, values, used, old_unit, j):
                    plan.pending[i] = value  # the clerk's score, unless the rule now gives it
                continue
            if key == "得分" and "得分" not in table and value is None:
                continue
            set_value(plan.tables, i, key, value)
            table = plan.tables[i]  # rebuilt when a key was added above comments
    replace_tables(doc, None, "指标", plan.tables)
    return plan


def settle_scores(doc, path: Path, plan: Plan) -> None:
    """A pending 得分 equal to what the rule gives stays computed; any other is the clerk's."""
    if not plan.pending:
        return
    u = examine(path, raw=tomlkit.dumps(doc).encode("utf-8"), dry_run=False).unit
    for i, value in plan.pending.items():
        rule = u.scores[i] if u is not None and i < len(u.scores) else None
        if rule is None or not rule.computed or rule.score != value:
            set_value(plan.tables, i, "得分", value)
    replace_tables(doc, None, "指标", plan.tables)
