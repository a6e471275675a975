"""`jixiao init`: a new unit file with every key of the model, each explained, all 待填.

Written from the model's metadata (keys, docs, units, examples), so it never goes stale. Keys the
format's report uses (read from its template, `checks/printed.py`) are written to be filled in;
the optional ones it never uses are written commented out, so the clerk fills only what matters.
"""

from __future__ import annotations

import dataclasses
import typing
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from generator.checks.printed import Printed, printed_facts
from generator.data import model
from generator.data.formats import resolve
from generator.data.schema import SHORTHAND, TODO, fields_of
from generator.data.settings import ExtraField
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


OFF = "# "  # a key the format's report doesn't use: written, but commented out


def comment(f: dataclasses.Field, typ: object, used: bool = True) -> str:
    meta = f.metadata
    if meta["required"]:
        need = "必填"
    elif used:
        need = "本格式的报告用到；不适用则删去此行"
    else:
        need = "可选，本格式的报告不用；需要时删去下一行行首的 # 再填写"
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


class Plan:
    """Which keys the new file asks for: those the format's report uses (all, without one)."""

    def __init__(self, printed: Printed | None, fixed: dict[str, str]):
        self.printed, self.fixed = printed, fixed

    def asked(self, path: str) -> bool:
        return self.printed is None or self.printed.asks(path)

    def used(self, path: str, f: dataclasses.Field) -> bool:
        return f.metadata["required"] or self.asked(path)


def _key_path(path: list[str], array: bool) -> str:
    return ".".join(path) + ("[]" if array else "")


def _section(
    cls: Any, path: list[str], array: bool, doc: str, plan: Plan, required: bool = False
) -> list[str]:
    """The lines of one [table] or [[table array]]; all commented out if the report uses none.

    A table array the report doesn't use is left out whole, its required keys too: an element
    with only a 名称 would be a fact for nothing.
    """
    where = _key_path(path, array)
    body: list[str] = []
    keys = [(k, f, t) for k, (f, t) in fields_of(cls).items()]
    plain = [(k, f, t) for k, f, t in keys if not (_is_table(t) or _is_table_array(t))]
    live = required or any(
        plan.asked(f"{where}.{k}") if array else plan.used(f"{where}.{k}", f) for k, f, _t in plain
    )
    later: list[tuple[str, object, dataclasses.Field]] = []
    for key, (f, typ) in fields_of(cls).items():
        if _is_table(typ) or _is_table_array(typ):
            later.append((key, typ, f))
            continue
        used = live and plan.used(f"{where}.{key}", f)
        value = plan.fixed.get(".".join([*path, key]), _value(f, typ))
        body += [comment(f, typ, used), ("" if used else OFF) + f'"{key}" = {value}']
    head = [*([f"# {doc}"] if doc else []), _header(path, array)]
    if not live:
        note = "# 本格式的报告不用这一节；需要时删去以下各行（含本节标题）行首的 # 再填写"
        head = [head[0], note, OFF + head[-1]] if doc else [note, OFF + head[-1]]
        body = [
            line if line.startswith(OFF) or line.startswith("# ") else OFF + line for line in body
        ]
    out = ["", *head, *body]
    for key, typ, f in later:
        inner = _inner(typ) or typ
        sub_doc = f"{f.metadata['doc']}" + ("：每个一段 [[…]]，按需复制" if _inner(typ) else "")
        out += _section(inner, [*path, key], _inner(typ) is not None, sub_doc, plan)
    return out


EXTRA_KINDS = {"数字": Decimal, "整数": int, "日期": date, "true/false": bool}


def _extra_section(fields: list[ExtraField], plan: Plan) -> list[str]:
    """The ["扩展"] table: the format's own data keys, as its settings declare them."""
    if not fields:
        return []
    out = ["", "# 本格式的附加数据（格式设置中的 [[字段]]）", '["扩展"]']
    for f in fields:
        used = f.required or plan.asked(f"扩展.{f.key}")
        need = "必填" if f.required else "本格式的报告用到" if used else "可选，本格式的报告不用"
        unit = f"，单位：{f.unit}" if f.unit else ""
        example = f"。例：{toml_value(f.example)}" if f.example not in (None, "") else ""
        kind = f.kind or "文字"
        out.append(f"# {f.doc}（{kind}{unit}；{need}）{example}")
        value = f'["{TODO}"]' if kind == "文字的数组" else f'"{TODO}"'
        if EXTRA_KINDS.get(kind) is bool:
            value = "false"
        out.append(("" if used else OFF) + f'"{f.key}" = {value}')
    return out


def unit_text(
    format_id: str,
    format_name: str,
    printed: Printed | None = None,
    fields: list[ExtraField] | None = None,
) -> str:
    """The new unit file: keys the format's report uses to fill in, the others commented out."""
    plan = Plan(printed, {"单位.格式": toml_value(format_id)})
    out = [
        f"# 新单位的数据文件，格式：{format_id}（{format_name}），由 jixiao init 生成。",
        f'# 每个键上面的注释说明它的含义；"{TODO}" 须换成本单位的数据（数字、日期不加引号）。',
        "# 本格式的报告用到的键照常写出；用不到的可选键写在注释里（行首有 #），需要时删去 # 再填。",
        "# 注明“不适用则删去此行”的项不适用时整行删除；表数组 [[…]] 每项一段，按需复制或删除。",
        "# 执行率、得分、总分、等级由工具计算，不要填写。填好后运行 jixiao check 核对。",
        "",
    ]
    tables = []
    for key, (f, typ) in fields_of(model.Report).items():
        if typing.get_origin(typ) is dict:
            continue  # 扩展: the format's own keys, written last
        if _is_table(typ) or _is_table_array(typ):
            tables.append((key, typ, f))
        else:  # plain keys must come before the first [table]
            used = plan.used(key, f)
            out += [comment(f, typ, used), ("" if used else OFF) + f'"{key}" = {_value(f, typ)}']
    for key, typ, f in tables:
        inner = _inner(typ) or typ
        array = _inner(typ) is not None
        out += _section(inner, [key], array, f.metadata["doc"], plan, f.metadata["required"])
    out += _extra_section(fields or [], plan)
    return "\n".join(out) + "\n"


def init_unit(target: Path, format_id: str) -> Path:
    """Write a new unit file for the format; an unknown format lists the available ones."""
    target = Path(target)
    fmt = resolve(format_id)
    if target.exists():
        raise JixiaoError(f"{target} 已经存在，没有覆盖；请另指一个文件名")
    if target.suffix.lower() != ".toml":
        raise JixiaoError(f"单位数据文件应以 .toml 结尾，而不是“{target.name}”")
    text = unit_text(fmt.id, fmt.settings.name, printed_facts(fmt), fmt.settings.fields)
    atomic_write(target, text.encode("utf-8"))
    return target
