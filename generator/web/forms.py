"""The edit forms, built from the field declarations in data/model.py (never written per field).

A section of the page (单位, 预算, 指标 …) is a list of groups; a group is one table of the unit
file (or the file's top level) and the model class that describes it. Every field of the class
becomes an input: a line for a scalar (label, help, unit, required, example from its `spec`), a
box of paragraphs for a list of texts, and a table of rows for a list of tables (指标, 来源 …),
whose columns are the item class's own fields. Values are read from the file (tomlkit), so the
form shows what the file says even while the unit has errors.
"""

from __future__ import annotations

import dataclasses
import typing
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from generator.data import TODO, model
from generator.data.schema import SHORTHAND, fields_of

SCALARS = (str, int, Decimal, date, bool)
FORMAT_KEY = "单位.格式"


@dataclass(frozen=True)
class Group:
    path: tuple[str, ...]  # the table's keys from the file's top ("预算",); () the top level
    cls: type
    only: tuple[str, ...] = ()  # the keys of cls shown here (default: all the form can edit)
    title: str = ""


SECTIONS: dict[str, tuple[Group, ...]] = {
    "单位": (Group(("单位",), model.Unit),),
    "机构设置": (Group(("机构设置",), model.Organization),),
    "人员编制": (Group(("人员编制",), model.Staffing),),
    "预算": (Group(("预算",), model.Budget),),
    "资产": (Group(("资产",), model.Assets),),
    "绩效目标": (Group(("绩效目标",), model.Goals),),
    "指标": (Group((), model.Report, ("指标",)),),
    "叙述": (
        Group((), model.Report, ("职责", "问题", "建议"), "职责、问题与建议"),
        Group(("叙述",), model.Narrative, (), "叙述章节"),
    ),
    "评价": (
        Group(("评价",), model.Evaluation),
        Group((), model.Report, ("评价工作组",), "评价工作组"),
    ),
    "更正": (Group((), model.Report, ("更正",), "更正"),),
}


@dataclass
class Input:
    """One scalar or paragraphs field of the form."""

    key: str
    name: str  # the form field's name: f:<key path>
    kind: str  # text, number, integer, date, bool, lines
    doc: str
    unit: str = ""
    required: bool = False
    example: str = ""
    value: str = ""
    error: str = ""


@dataclass
class Rows:
    """A list of tables (指标, 来源 …): its columns and its rows as the file holds them."""

    key: str  # key path of the array: 指标, 预算.来源
    doc: str
    columns: list[Input]
    rows: list[tuple[str, dict[str, str]]] = field(default_factory=list)  # (row id, values)
    errors: dict[tuple[str, str], str] = field(default_factory=dict)  # (row id, key) → message
    kept: bool = False  # rows hold sub-tables the form does not show: kept as they are
    under: str = ""  # rows under one row of another table: which (第 2 项“标题”的子项)


@dataclass
class Form:
    title: str
    inputs: list[Input] = field(default_factory=list)
    tables: list[Rows] = field(default_factory=list)


def kind_of(typ: object) -> str | None:
    if typ in (str,):
        return "text"
    if typ is Decimal:
        return "number"
    if typ is int:
        return "integer"
    if typ is date:
        return "date"
    if typ is bool:
        return "bool"
    if typing.get_origin(typ) is list and typing.get_args(typ) == (str,):
        return "lines"
    return None


def item_class(typ: object) -> type | None:
    """The model class of a list of tables (list[Indicator] → Indicator), else None."""
    if typing.get_origin(typ) is list:
        (inner,) = typing.get_args(typ)
        if dataclasses.is_dataclass(inner):
            return typing.cast(type, inner)
    return None


def example_text(example: object) -> str:
    if isinstance(example, list):
        return "；".join(str(x) for x in example)
    return "" if example is None else str(example)


def input_for(key: str, name: str, f: dataclasses.Field, kind: str) -> Input:
    m = f.metadata
    return Input(key, name, kind, m["doc"], m["unit"], m["required"], example_text(m["example"]))


def shown_fields(g: Group) -> list[tuple[str, dataclasses.Field, object]]:
    out = []
    for key, (f, typ) in fields_of(g.cls).items():
        if g.only and key not in g.only:
            continue
        if kind_of(typ) or item_class(typ):
            out.append((key, f, typ))
    return out


def field_text(table, key: str, kind: str) -> str:
    """A value of the file as the form shows it: numbers as written, paragraphs one a line."""
    if table is None or not hasattr(table, "get") or key not in table:
        return ""
    value = table[key]
    if kind in ("number", "integer") and not isinstance(value, (str, bool)):
        return table.item(key).as_string().strip().replace("_", "")
    if kind == "lines":
        items = list(value) if isinstance(value, list) else [value]
        return "\n".join(str(v).replace("\n", " ") for v in items)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def table_at(doc, path: tuple[str, ...]):
    t = doc
    for key in path:
        t = t.get(key) if t is not None and hasattr(t, "get") else None
    return t


def shorthand_key(cls: type) -> str:
    short = SHORTHAND.get(cls)
    return next((k for k, (f, _) in fields_of(cls).items() if f.name == short), "")


def row_values(item, cls: type, columns: list[Input]) -> tuple[dict[str, str], bool]:
    """A row's column texts from its table (or shorthand string); True if it holds more than
    the form shows (its own sub-rows are shown in a table of their own)."""
    if isinstance(item, str):
        return {shorthand_key(cls): item}, False
    values = {c.key: field_text(item, c.key, c.kind) for c in columns}
    shown = {c.key for c in columns} | set(nested_fields(cls))
    return values, any(k not in shown for k in item)


def nested_fields(cls: type) -> dict[str, type]:
    """The lists of tables a row holds (Topic.子项, FundPart.分级): key → their item class."""
    out = {}
    for key, (_, typ) in fields_of(cls).items():
        inner = item_class(typ)
        if inner is not None:
            out[key] = inner
    return out


def columns_of(cls: type) -> list[Input]:
    return [
        input_for(k, k, cf, kind_of(ct) or "text")
        for k, (cf, ct) in fields_of(cls).items()
        if kind_of(ct)
    ]


def rows_of(key: str, doc: str, cls: type, held, deep: bool) -> list[Rows]:
    """The table of the array `key` (held: what the file holds), then, when `deep`, one table
    for the rows under each of its rows (one level: deeper rows are kept as they are)."""
    rows = Rows(key, doc, columns_of(cls))
    under = []
    for i, item in enumerate(held if isinstance(held, list) else [], 1):
        values, hidden = row_values(item, cls, rows.columns)
        rows.rows.append((str(i), values))
        rows.kept = rows.kept or hidden
        if not deep or not hasattr(item, "get"):
            continue
        name = next((v for v in values.values() if v), "")[:30]
        for sub, inner in nested_fields(cls).items():
            (f, _) = fields_of(cls)[sub]
            (nested,) = rows_of(f"{key}[{i}].{sub}", f.metadata["doc"], inner, item.get(sub), False)
            nested.under = f"第 {i} 项" + (f"“{name}”" if name else "") + f"的{sub}"
            under.append(nested)
    return [rows, *under]


def build_form(section: str, doc) -> Form:
    """The form of a section with the values the file holds."""
    form = Form(section)
    for g in SECTIONS[section]:
        table = table_at(doc, g.path)
        prefix = ".".join(g.path)
        for key, f, typ in shown_fields(g):
            path = f"{prefix}.{key}" if prefix else key
            cls = item_class(typ)
            if cls is None:
                inp = input_for(path, f"f:{path}", f, kind_of(typ) or "text")
                if path == FORMAT_KEY:  # chosen from the formats by name, not typed as an id
                    inp.kind, inp.doc = "format", "报告的格式（地区式样），决定报告的版式和评分办法"
                inp.value = field_text(table, key, inp.kind)
                form.inputs.append(inp)
                continue
            held = table.get(key) if table is not None and hasattr(table, "get") else None
            form.tables.extend(rows_of(path, f.metadata["doc"], cls, held, True))
    return form


def convert(text: str, kind: str, unit: str = "") -> tuple[object, str]:
    """A form field's text → (value for the file, "") or (None, what is wrong, in Chinese).

    Empty means: leave the key out. "待填" is kept as the marker everywhere."""
    text = text.strip()
    if text == "":
        return None, ""
    if text == TODO:
        return TODO, ""
    if kind == "number":
        plain = text.replace(",", "").replace("，", "").replace(" ", "")
        try:
            value = Decimal(plain)
        except InvalidOperation:
            value = None
        if value is None or not value.is_finite():
            where = f"（{unit}）" if unit else ""
            return None, f"请填数字{where}，如 13006.70；不要写汉字、单位或其他符号"
        return value, ""
    if kind == "integer":
        try:
            return int(text.replace(",", "")), ""
        except ValueError:
            return None, "请填整数，如 2023；不要写汉字或小数"
    if kind == "date":
        try:
            return date.fromisoformat(text), ""
        except ValueError:
            return None, "请按 年-月-日 填写日期，如 2024-03-31"
    if kind == "bool":
        if text in ("true", "是"):
            return True, ""
        if text in ("false", "否"):
            return False, ""
        return None, "请选择“是”或“否”"
    if kind == "lines":
        return [line.strip() for line in text.splitlines() if line.strip()], ""
    return text, ""


def overlay(form: Form, sent) -> Form:
    """The form as it was sent (after a refusal): the clerk's own values, rows in their order."""
    for inp in form.inputs:
        if inp.name in sent:
            inp.value = sent.get(inp.name, "")
    for t in form.tables:
        order_field = f"order:{t.key}"
        if order_field not in sent:
            continue
        order = [r for r in sent.get(order_field, "").split(",") if r]
        t.rows = [
            (r, {c.key: sent.get(f"r:{t.key}:{r}:{c.key}", "") for c in t.columns}) for r in order
        ]
    return form


def section_for(key: str) -> str | None:
    """The section whose form holds a key path (预算.来源[1].执行数 → 预算), or None."""
    head = key.split(".", 1)[0].split("[", 1)[0]
    for section, groups in SECTIONS.items():
        for g in groups:
            if (g.path and g.path[0] == head) or (not g.path and head in g.only):
                return section
    return None
