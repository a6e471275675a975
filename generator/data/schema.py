"""Turn a unit file's Chinese-keyed tables into the model, collecting every problem at once.

The model's dataclass fields carry their Chinese keys (see `model.py`); this module reads them,
so a key is named in exactly one place.
"""

from __future__ import annotations

import dataclasses
import difflib
import typing
from collections.abc import Iterator, Mapping
from datetime import date, datetime
from decimal import Decimal
from functools import cache

from generator.data import TODO, model
from generator.data.values import field_problem, number_problem, text_problem
from generator.errors import Findings

# A plain string may stand for a whole table: "党政办公室" means {名称 = "党政办公室"}.
SHORTHAND = {model.Office: "name", model.Topic: "paragraphs"}

TODO_CHECK = "data.todo"


@cache
def fields_of(cls: type) -> dict[str, tuple[dataclasses.Field, object]]:
    """Chinese key -> (field, resolved type) for a model class."""
    hints = typing.get_type_hints(cls)
    return {f.metadata["key"]: (f, _present(hints[f.name])) for f in dataclasses.fields(cls)}


def _present(typ: object) -> object:
    """The type a value has when given: `Decimal | None` → Decimal."""
    args = typing.get_args(typ)
    if type(None) in args and typing.get_origin(typ) is not list:
        (inner,) = [a for a in args if a is not type(None)]
        return inner
    return typ


def _describe(value: object) -> str:
    if isinstance(value, dict):
        return "表"
    if isinstance(value, list):
        return "数组"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, str):
        return f"文字“{value}”"
    return f"{value}"


def _todo(found: Findings, path: str, doc: str = "") -> None:
    found.error(f"尚未填写（{doc}）" if doc else "尚未填写", path, TODO_CHECK)


def _convert(value: object, typ: object, path: str, found: Findings) -> object:
    if value == TODO:
        _todo(found, path)
        return None
    origin = typing.get_origin(typ)
    if typ is object:  # free-form: checked later by what declares it (a format's 字段)
        for number_path, number in _numbers_in(value, path):  # but no unbounded number gets in
            if number_problem(number):
                return _number(number, number_path, found)
        return value
    if origin is dict:
        _key, inner = typing.get_args(typ)
        if not isinstance(value, dict):
            found.error(
                f"应为表（{{...}} 或 [{path}] 段），实际是{_describe(value)}", path, "schema.type"
            )
            return {}
        converted = {k: _convert(v, inner, f"{path}.{k}", found) for k, v in value.items()}
        return {k: v for k, v in converted.items() if v is not None}
    if origin is list:
        (inner,) = typing.get_args(typ)
        if not isinstance(value, list):
            if inner is str and isinstance(value, str):
                return [value]  # one paragraph written without brackets
            found.error(f"应为数组（[...]），实际是{_describe(value)}", path, "schema.type")
            return []
        items = [(v, _convert(v, inner, f"{path}[{i}]", found)) for i, v in enumerate(value, 1)]
        return [c for v, c in items if v != TODO]  # a 待填 element is reported, not kept as None
    if dataclasses.is_dataclass(typ):
        if isinstance(value, str) and typ in SHORTHAND:
            return typ(**{SHORTHAND[typ]: value if typ is model.Office else [value]})
        if not isinstance(value, dict):
            found.error(
                f"应为表（{{...}} 或 [{path}] 段），实际是{_describe(value)}", path, "schema.type"
            )
            return typ()  # type: ignore[operator]
        return build(typ, value, path, found)  # type: ignore[arg-type]
    if typ is Decimal:
        if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
            return _number(Decimal(value), path, found)
        hint = "；数字不加引号、不带单位和千分位逗号" if isinstance(value, str) else ""
        found.error(f"应为数字，实际是{_describe(value)}{hint}", path, "schema.type")
        return None
    if typ is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return _number(value, path, found)
        if isinstance(value, Decimal) and value.is_finite():
            if number_problem(value):  # 1e999999999: no arithmetic before the bounds
                return _number(value, path, found)
            if value == value.to_integral_value():
                return _number(int(value), path, found)
        found.error(f"应为整数，实际是{_describe(value)}", path, "schema.type")
        return None
    if typ is date:
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        if isinstance(value, str):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        found.error(
            f"应为日期（如 2024-03-31，不加引号），实际是{_describe(value)}", path, "schema.type"
        )
        return None
    if typ is bool:
        if isinstance(value, bool):
            return value
        found.error(f"应为 true 或 false，实际是{_describe(value)}", path, "schema.type")
        return None
    if typ is str:
        if isinstance(value, str):
            bad = text_problem(value)
            if bad:
                found.error(bad, path, "schema.text")
            return value
        if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
            return str(value)  # 指标值 = 100 means "100"
        if isinstance(value, date) and not isinstance(value, datetime):
            return value.isoformat()  # 原值 = 2022-02-21 as written
        found.error(f"应为文字（加英文双引号），实际是{_describe(value)}", path, "schema.type")
        return None
    raise TypeError(f"unsupported schema type {typ!r}")  # a bug in model.py, not user input


def _numbers_in(value: object, path: str) -> list[tuple[str, Decimal | int]]:
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        return [(path, value)]
    if isinstance(value, dict):
        return [n for k, v in value.items() for n in _numbers_in(v, f"{path}.{k}")]
    if isinstance(value, list):
        return [n for i, v in enumerate(value, 1) for n in _numbers_in(v, f"{path}[{i}]")]
    return []


def _number(value: Decimal | int, path: str, found: Findings) -> Decimal | int | None:
    """The number, or None with a located error if no report can hold it (nan, inf, 10¹²…)."""
    bad = number_problem(value)
    if bad:
        found.error(bad, path, "schema.number")
        return None
    return value


def suggest(key: str, known: dict, table: dict) -> str | None:
    """The known key the user most likely meant: close in spelling, preferring one not yet given."""
    best, best_score = None, 0.4
    for candidate in known:
        score = difflib.SequenceMatcher(None, key, candidate).ratio()
        if candidate not in table:
            score += 0.05
        if candidate[:1] == key[:1]:
            score += 0.05
        if score > best_score:
            best, best_score = candidate, score
    return best


def build(cls: type, table: dict, path: str, found: Findings) -> object:
    """One model object from a table; unknown keys and missing required ones are reported."""
    known = fields_of(cls)
    values: dict[str, object] = {}
    for key, value in table.items():
        where = f"{path}.{key}" if path else key
        if key not in known:
            close = suggest(key, known, table)
            hint = f"，是不是“{close}”？" if close else ""
            if path and key in fields_of(model.Report):
                hint = f"。“{key}”是顶层的键，须写在文件开头、第一个 [表] 之前"
            allowed = "、".join(known)
            found.error(
                f"未知的键“{key}”{hint}（此处可用：{allowed}）", where, "schema.unknown-key"
            )
            continue
        f, typ = known[key]
        if value == TODO:
            _todo(
                found,
                where,
                f.metadata["doc"] + (f"，单位{f.metadata['unit']}" if f.metadata["unit"] else ""),
            )
            # Text keeps the marker, so code reading it never meets None where text is required;
            # other types are left out. Either way the key counts as present, not missing.
            values[f.name] = TODO if typ is str else None
            continue
        values[f.name] = converted = _convert(value, typ, where, found)
        bad = None if converted is None else field_problem(converted, f.metadata)
        if bad:
            found.error(bad, where, "schema.range")
    for key, (f, typ) in known.items():
        if f.metadata["required"] and values.get(f.name) is None:
            where = f"{path}.{key}" if path else key
            if f.name not in values:
                found.error(f"缺少必填项“{key}”（{f.metadata['doc']}）", where, "schema.missing")
            if typ is str:  # reported; code reading it still meets text, never None
                values[f.name] = ""
    return cls(**{k: v for k, v in values.items() if v is not None})


def to_chinese(obj: object) -> object:
    """The model back to Chinese keys (for templates and JSON), every field present."""
    cls = type(obj)
    keys = _KEYS[cls] if cls in _KEYS else _chinese_keys(cls)
    if keys is not None:
        return {key: to_chinese(getattr(obj, name)) for key, name in keys}
    if isinstance(obj, list):
        return [to_chinese(v) for v in obj]
    return obj


_KEYS: dict[type, tuple[tuple[str, str], ...] | None] = {}


def _chinese_keys(cls: type) -> tuple[tuple[str, str], ...] | None:
    """(Chinese key, field name) of a model class; None for anything else (remembered)."""
    keys = None
    if dataclasses.is_dataclass(cls):
        keys = tuple((f.metadata["key"], f.name) for f in dataclasses.fields(cls))
    _KEYS[cls] = keys
    return keys


def walk(obj: object, path: str = "") -> Iterator[tuple[str, Mapping[str, object], object]]:
    """(key path, field metadata, value) for every scalar field given in a model object."""
    if dataclasses.is_dataclass(obj):
        for f in dataclasses.fields(obj):
            value = getattr(obj, f.name)
            where = f"{path}.{f.metadata['key']}" if path else f.metadata["key"]
            if isinstance(value, list):
                for i, item in enumerate(value, 1):
                    if dataclasses.is_dataclass(item):
                        yield from walk(item, f"{where}[{i}]")
            elif dataclasses.is_dataclass(value):
                yield from walk(value, where)
            elif value is not None:
                yield where, f.metadata, value


def read_report(data: dict, found: Findings) -> model.Report:
    return typing.cast(model.Report, build(model.Report, data, "", found))
