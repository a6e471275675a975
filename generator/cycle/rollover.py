"""Next year's unit file from this year's: same structure, last year's closing figures moved into
the 上年 fields, this year's amounts, actuals and scores set to 待填 for `check` to point at.

Which fields are yearly comes from the model: every money field (万元) of a section is this
year's, except the 上年 ones; a field `上年X` receives the value of `X` beside it. Comments and
key order are kept (tomlkit edits the file in place).
"""

from __future__ import annotations

import copy
import dataclasses
import typing
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.items import AoT, Table

from generator.data import model
from generator.data.loader import parse, read_text
from generator.data.schema import TODO, fields_of
from generator.errors import DataError, JixiaoError, Problem
from generator.report.write import atomic_write

# Yearly fields that aren't money; money fields (unit 万元) are yearly unless they are 上年 ones.
YEARLY = {
    model.Unit: {"报告日期"},
    model.Evaluation: {"开始日期", "结束日期"},
    model.Budget: {"项目个数"},
    model.Indicator: {"实际值", "得分"},
}
# 上年 fields whose source isn't simply the field without 上年.
EXTRA_MOVES = {model.Budget: {"上年三公经费": "三公经费实际"}}
KIND = {
    Decimal: "数字，不加引号",
    int: "整数，不加引号",
    date: "日期如 2025-03-31，不加引号",
    str: "文字",
}


@dataclass
class Rolled:
    target: Path
    moved: list[tuple[str, str]] = field(default_factory=list)  # (from, to) key paths
    cleared: list[str] = field(default_factory=list)  # key paths now 待填
    dropped: list[str] = field(default_factory=list)  # keys of this year only, left out


def moves(cls: Any) -> dict[str, str]:
    """上年 field key → the key of this year's field whose value it receives."""
    keys = fields_of(cls)
    found = {k: k[2:] for k in keys if k.startswith("上年") and k[2:] in keys}
    found.update(EXTRA_MOVES.get(cls, {}))
    return found


def yearly(cls: type) -> set[str]:
    targets = set(moves(cls))
    money = {k for k, (f, _t) in fields_of(cls).items() if f.metadata["unit"] == "万元"}
    return (money - targets) | YEARLY.get(cls, set())


def todo_item(f: dataclasses.Field, typ: object, old=None):
    """待填, keeping the comment the line had, or else saying what to fill in."""
    item = tomlkit.string(TODO)
    if old is not None and old.trivia.comment:
        item.trivia.comment, item.trivia.comment_ws = old.trivia.comment, old.trivia.comment_ws
        return item
    unit = f"（{f.metadata['unit']}）" if f.metadata["unit"] else ""
    item.comment(f"{f.metadata['doc']}{unit}；填{KIND.get(typ, '文字')}")  # type: ignore[call-overload]
    item.trivia.comment_ws = "  "
    return item


def _roll(table, cls: type, path: str, old_year: int, result: Rolled) -> None:
    known = fields_of(cls)
    for target, source in moves(cls).items():
        if source in table:
            item = copy.deepcopy(table.item(source))
            item.trivia.comment = f"# {old_year} 年末数，由 rollover 移来"
            item.trivia.comment_ws = "  "
            table[target] = item
            result.moved.append((f"{path}{source}", f"{path}{target}"))
        elif target in table:
            f, typ = known[target]
            table[target] = todo_item(f, typ)
            result.cleared.append(f"{path}{target}")
    for key in list(table.keys()):
        if key not in known:
            continue
        f, typ = known[key]
        value = table[key]
        if key in yearly(cls):
            table[key] = todo_item(f, typ, table.item(key))
            result.cleared.append(f"{path}{key}")
        elif dataclasses.is_dataclass(typ) and isinstance(value, Table):
            _roll(value, typ, f"{path}{key}.", old_year, result)  # type: ignore[arg-type]
        elif typing.get_origin(typ) is list and isinstance(value, AoT):
            (inner,) = typing.get_args(typ)
            for i, element in enumerate(value, 1):
                _roll(element, inner, f"{path}{key}[{i}].", old_year, result)


def default_target(source: Path, old_year: int, year: int) -> Path:
    stem = source.stem
    new = stem.replace(str(old_year), str(year)) if str(old_year) in stem else f"{stem}-{year}"
    return source.with_name(new + source.suffix)


def rollover(source: Path, year: int, target: Path | None = None) -> Rolled:
    """Write next year's file; the source is only read. Refuses to overwrite an existing file."""
    source = Path(source)
    text = read_text(source)
    parse(source, text)  # a broken file is reported with its line, as everywhere
    doc = tomlkit.parse(text)
    unit = doc.get("单位")
    old_year = unit.get("年度") if isinstance(unit, Table) else None
    if not isinstance(old_year, int):
        raise DataError(
            source,
            [
                Problem(
                    '缺少 ["单位"] 中的“年度”（整数），无法推算下一年',
                    key="单位.年度",
                    file=source,
                    check="rollover.year",
                )
            ],
        )
    if year <= old_year:
        raise JixiaoError(f"{source} 是 {old_year} 年度的数据；新年度应晚于它，而不是 {year}")
    target = Path(target) if target else default_target(source, old_year, year)
    if target.exists():
        raise JixiaoError(f"{target} 已经存在，没有覆盖；请用 -o 另指一个文件名")
    result = Rolled(target)
    _roll(doc, model.Report, "", old_year, result)
    if "更正" in doc:  # corrections explain this year's figures; the new year has its own
        del doc["更正"]
        result.dropped.append("更正")
    unit["年度"] = year  # type: ignore[index]
    header = (
        f"# {year} 年度数据，由 jixiao rollover 从 {source.name}（{old_year} 年度）生成。\n"
        f'# 上年数已从 {old_year} 年度移来；标为 "{TODO}" 的是本年度须填的数，'
        f"填好后运行 jixiao check 核对（它会列出仍未填的项）。\n"
        f"# 叙述文字、绩效目标和指标值沿用 {old_year} 年度，请逐项核对修改。\n"
    )
    atomic_write(target, (header + tomlkit.dumps(doc)).encode("utf-8"))
    return result
