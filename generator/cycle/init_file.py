"""`jixiao init`: a new unit file with every key of the model, each explained, all 待填.

Written from the model's metadata (keys, docs, units, examples), so it never goes stale.
"""

from __future__ import annotations

import dataclasses
import typing
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from generator.data import model
from generator.data.formats import resolve
from generator.data.schema import SHORTHAND, TODO, fields_of
from generator.errors import JixiaoError
from generator.report.write import atomic_write

KIND = {Decimal: "数字", int: "整数", date: "日期", str: "文字", bool: "true 或 false"}


def toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, Decimal)):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


def _inner(typ: Any) -> Any:
    return typing.get_args(typ)[0] if typing.get_origin(typ) is list else None


def _kind(typ: Any) -> str:
    inner = _inner(typ)
    if inner in SHORTHAND:
        return "数组，每项一个字符串，或写成表 {" + "、".join(fields_of(inner)) + "}"
    if inner is not None:
        return f"{KIND.get(inner, '文字')}的数组"
    return KIND.get(typ, "文字")


def comment(f: dataclasses.Field, typ: object) -> str:
    meta = f.metadata
    need = "必填" if meta["required"] else "可选，不用则删去此行"
    unit = f"，单位：{meta['unit']}" if meta["unit"] else ""
    example = f"。例：{toml_value(meta['example'])}" if meta["example"] is not None else ""
    return f"# {meta['doc']}（{_kind(typ)}{unit}；{need}）{example}"


def _value(f: dataclasses.Field, typ: object) -> str:
    if typ is bool:
        return toml_value(f.default)
    return f'["{TODO}"]' if _inner(typ) is not None else f'"{TODO}"'


def _is_table(typ: object) -> bool:
    return dataclasses.is_dataclass(typ) and typ not in SHORTHAND


def _is_table_array(typ: object) -> bool:
    inner = _inner(typ)
    return inner is not None and _is_table(inner)


def _header(path: list[str], array: bool) -> str:
    name = ".".join(f'"{p}"' for p in path)
    return f"[[{name}]]" if array else f"[{name}]"


def _section(cls: Any, path: list[str], array: bool, doc: str, fixed: dict[str, str]) -> list[str]:
    out = ["", *([f"# {doc}"] if doc else []), _header(path, array)]
    later: list[tuple[str, object, dataclasses.Field]] = []
    for key, (f, typ) in fields_of(cls).items():
        if _is_table(typ) or _is_table_array(typ):
            later.append((key, typ, f))
            continue
        out += [comment(f, typ), f'"{key}" = {fixed.get(".".join([*path, key]), _value(f, typ))}']
    for key, typ, f in later:
        inner = _inner(typ) or typ
        sub_doc = f"{f.metadata['doc']}" + ("：每个一段 [[…]]，按需复制" if _inner(typ) else "")
        out += _section(inner, [*path, key], _inner(typ) is not None, sub_doc, fixed)
    return out


def unit_text(format_id: str, format_name: str) -> str:
    fixed = {"单位.格式": toml_value(format_id)}
    out = [
        f"# 新单位的数据文件，格式：{format_id}（{format_name}），由 jixiao init 生成。",
        f'# 每个键上面的注释说明它的含义；"{TODO}" 须换成本单位的数据（数字、日期不加引号）。',
        "# 注明“可选”的项不适用时整行删除；表数组 [[…]] 每项一段，按需复制或删除。",
        "# 执行率、得分、总分、等级由工具计算，不要填写。填好后运行 jixiao check 核对。",
        "",
    ]
    tables = []
    for key, (f, typ) in fields_of(model.Report).items():
        if _is_table(typ) or _is_table_array(typ):
            tables.append((key, typ, f))
        else:  # plain keys must come before the first [table]
            out += [comment(f, typ), f'"{key}" = {_value(f, typ)}']
    for key, typ, f in tables:
        inner = _inner(typ) or typ
        out += _section(inner, [key], _inner(typ) is not None, f.metadata["doc"], fixed)
    return "\n".join(out) + "\n"


def init_unit(target: Path, format_id: str) -> Path:
    """Write a new unit file for the format; an unknown format lists the available ones."""
    target = Path(target)
    fmt = resolve(format_id)
    if target.exists():
        raise JixiaoError(f"{target} 已经存在，没有覆盖；请另指一个文件名")
    if target.suffix.lower() != ".toml":
        raise JixiaoError(f"单位数据文件应以 .toml 结尾，而不是“{target.name}”")
    atomic_write(target, unit_text(fmt.id, fmt.settings.name).encode("utf-8"))
    return target
