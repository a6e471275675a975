"""A format's own data keys (settings 字段): a unit's ["扩展"] table holds exactly those, each of
its declared type; a declared key written elsewhere is pointed to ["扩展"]."""

from __future__ import annotations

import difflib
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from generator.checks.base import ERROR, Reporter, check
from generator.data.formats import Format
from generator.errors import Problem

if TYPE_CHECKING:
    from generator.compute.unit import Computed

EXTRA = "扩展"


def _fits(kind: str, value: object) -> bool:
    if kind == "数字":
        return isinstance(value, (int, Decimal)) and not isinstance(value, bool)
    if kind == "整数":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "日期":
        return isinstance(value, date)
    if kind == "true/false":
        return isinstance(value, bool)
    if kind == "文字的数组":
        return isinstance(value, str) or (
            isinstance(value, list) and all(isinstance(v, str) for v in value)
        )
    return isinstance(value, str)


HOW = {
    "数字": "数字，不加引号",
    "整数": "整数，不加引号",
    "日期": "日期如 2024-03-31，不加引号",
    "true/false": "true 或 false",
    "文字的数组": '文字的数组，如 ["…", "…"]',
    "文字": "文字，加英文双引号",
}


@check("format.extra", ERROR, "“扩展”中的附加数据是本格式声明的，类型相符，必填的都已填写")
def extra(u: Computed, report: Reporter) -> None:
    declared = {f.key: f for f in u.fmt.settings.fields}
    given = u.report.extra
    raw = u.loaded.data.get(EXTRA)
    waiting = {k for k in u.loaded.missing_keys if k.startswith(EXTRA + ".")}
    for key, value in given.items():
        where = f"{EXTRA}.{key}"
        if key not in declared:
            close = difflib.get_close_matches(key, list(declared), n=1, cutoff=0.4)
            hint = f"是不是“{close[0]}”？" if close else ""
            listing = "、".join(declared) or "（无）"
            report(
                f"格式“{u.fmt.id}”没有声明附加数据“{key}”。{hint}本格式的附加数据：{listing}"
                f'（在格式的 settings.toml 中用 [["字段"]] 声明）',
                where,
            )
        elif not _fits(declared[key].kind or "文字", value):
            report(
                f"附加数据“{key}”（{declared[key].doc}）应为{HOW[declared[key].kind or '文字']}",
                where,
            )
    for key, f in declared.items():
        where = f"{EXTRA}.{key}"
        if f.required and key not in given and where not in waiting:
            unit = f"，单位{f.unit}" if f.unit else ""
            report(
                f"缺少格式“{u.fmt.id}”要求的附加数据“{key}”（{f.doc}{unit}）："
                f'在数据文件中写 ["{EXTRA}"] 表，其中 "{key}" = …',
                where if isinstance(raw, dict) else EXTRA,
            )


def point_to_extra(problems: tuple[Problem, ...], fmt: Format) -> tuple[Problem, ...]:
    """An unknown key that the format declares as its own data: say it belongs in ["扩展"]."""
    declared = {f.key for f in fmt.settings.fields}
    if not declared:
        return problems
    out = []
    for p in problems:
        name = p.key.rsplit(".", 1)[-1]
        if p.check == "schema.unknown-key" and name in declared:
            p = replace(
                p,
                message=f'“{name}”是格式“{fmt.id}”的附加数据，应写在 ["{EXTRA}"] 表中：'
                f'["{EXTRA}"] "{name}" = …',
            )
        out.append(p)
    return tuple(out)
