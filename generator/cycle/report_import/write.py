"""The draft written as a unit file with tomlkit: what the report says, each uncertain value marked
(“待填” for a number, 【待核对】 before a text) with the sentence it came from in a comment above."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import tomlkit
from tomlkit.items import Table

from generator.checks.year import REVIEW
from generator.cycle.report_import.found import Draft, Found, clip
from generator.data import TODO
from generator.io.reading.tomledit import toml_item

REQUIRED = ("单位.名称", "单位.年度", "预算.年初预算", "预算.调整预算", "预算.执行数")
TOP = ("职责", "问题", "建议")
TABLES = ("单位", "机构设置", "人员编制", "预算", "资产", "绩效目标", "评价", "叙述")
ORDER = {"单位": ("名称", "简称", "年度", "格式", "报告日期", "编制单位")}


def marked(found: Found) -> object:
    """The value as the file holds it: a sure value as read; an unsure number 待填, text 【待核对】."""
    value = found.value
    if found.sure:
        return value
    if isinstance(value, str):
        return REVIEW + value
    if isinstance(value, list) and value and isinstance(value[0], str):
        return [REVIEW + value[0], *value[1:]]
    return TODO


def _item(value: object):
    if isinstance(value, (Decimal, int)) and not isinstance(value, bool):
        return toml_item(value)
    if isinstance(value, date):
        return tomlkit.item(value)
    if isinstance(value, list):
        if value and all(isinstance(v, dict) for v in value):
            tables = tomlkit.aot()
            for v in value:
                tables.append(_table(v))
            return tables
        arr = tomlkit.array()
        for v in value:
            arr.append(_inline(v) if isinstance(v, dict) else v)
        arr.multiline(True)
        return arr
    return tomlkit.item(str(value) if not isinstance(value, (str, bool)) else value)


def _inline(value: dict) -> object:
    t = tomlkit.inline_table()
    for k, v in value.items():
        t[k] = v
    return t


def _table(value: dict) -> Table:
    t = tomlkit.table()
    for k, v in value.items():
        t.add(k, _item(v))
    return t


def _comment(found: Found) -> str | None:
    if found.sure and not found.note:
        return None
    said = f"（{found.note}）" if found.note else ""
    if found.sure:
        return f"核对：{said.strip('（）')}"
    return f"待核对{said}：报告中读到 {found.value!s:.60}，原句“{clip(found.source)}”"


def _add(table, key: str, found: Found) -> None:
    note = _comment(found)
    if note:
        table.add(tomlkit.comment(note))
    table.add(key, _item(marked(found)))


def unit_toml(draft: Draft, head: str) -> str:
    doc = tomlkit.document()
    for line in head.splitlines():
        doc.add(tomlkit.comment(line))
    doc.add(tomlkit.nl())
    values = dict(draft.values)
    values.setdefault("单位.格式", Found(draft.format_id))
    for key in REQUIRED:
        values.setdefault(
            key, Found(TODO, "报告中没有找到", sure=True, note="报告中没有找到，请填写")
        )
    for key in TOP:
        if key in values:
            _add(doc, key, values[key])
    for name in TABLES:
        keys = [k for k in values if k.split(".", 1)[0] == name and "." in k]
        order = ORDER.get(name, ())
        keys.sort(
            key=lambda k: order.index(k.split(".", 1)[1]) if k.split(".", 1)[1] in order else 99
        )
        if not keys and not (name == "人员编制" and draft.staff):
            continue
        table = tomlkit.table()
        for k in keys:
            _add(table, k.split(".", 1)[1], values[k])
        if name == "人员编制" and draft.staff:
            rows = tomlkit.aot()
            for row in draft.staff:
                t = tomlkit.table()
                for k, f in row.items():
                    _add(t, k, f)
                rows.append(t)
            table.add("类别", rows)
        doc.add(name, table)
        if name == "绩效目标":
            _indicators(doc, draft)
    if "绩效目标" not in {k.split(".", 1)[0] for k in values}:
        _indicators(doc, draft)
    return tomlkit.dumps(doc)


def _indicators(doc, draft: Draft) -> None:
    rows = tomlkit.aot()
    for item in draft.indicators or [{"一级": Found(TODO, note="报告中没有找到指标表，请填写")}]:
        t = tomlkit.table()
        for k in (
            "一级",
            "二级",
            "项目",
            "三级",
            "指标值",
            "实际值",
            "分值",
            "得分",
            "评分标准",
            "偏差原因",
            "说明",
        ):
            if k in item:
                _add(t, k, item[k])
        rows.append(t)
    doc.add("指标", rows)
