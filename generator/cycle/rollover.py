"""Next year's unit file from this year's: same structure, last year's closing figures moved into
the 上年 fields, this year's amounts, actuals and scores set to 待填 for `check` to point at, and
every narrative paragraph marked 【待核对】 until the clerk has read it against the new year.

Which fields are yearly comes from the model: every money field (万元) of a section is this
year's, except the 上年 ones; a field `上年X` receives the value of `X` beside it. Comments and
key order are kept (tomlkit edits the file in place), whatever TOML syntax holds a value: tables,
arrays of tables, inline tables, inline arrays of tables, dotted keys.
"""

from __future__ import annotations

import copy
import dataclasses
import typing
from collections.abc import MutableMapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.items import Array, InlineTable, String, StringType

from generator.checks.prose import prose_places
from generator.checks.year import REVIEW
from generator.cycle.diff import flatten
from generator.cycle.reread import Reread, to_reread
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
# Last year's confirmations that say nothing about the new year: removed.
DROPPED: dict[type, set[str]] = {model.Evaluation: {"总分", "等级"}}
# Narrative keys that name rather than tell: not marked for review.
NAMES = {"标题", "名称"}
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
    marked: list[str] = field(default_factory=list)  # narrative carried over, marked 【待核对】
    dropped: list[str] = field(default_factory=list)  # last year's confirmations, removed
    reread: list[Reread] = field(default_factory=list)  # sentences stating a fact now 待填


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


def todo_item(f: dataclasses.Field, typ: object, old=None, inline: bool = False):
    """待填, keeping the comment the line had, or else saying what to fill in.

    Inside an inline table or array a value can carry no comment: there it is 待填 alone.
    """
    item = tomlkit.string(TODO)
    if inline:
        return item
    if old is not None and old.trivia.comment:
        item.trivia.comment, item.trivia.comment_ws = old.trivia.comment, old.trivia.comment_ws
        return item
    unit = f"（{f.metadata['unit']}）" if f.metadata["unit"] else ""
    item.comment(f"{f.metadata['doc']}{unit}；填{KIND.get(typ, '文字')}")  # type: ignore[call-overload]
    item.trivia.comment_ws = "  "
    return item


def _item(table, key: str):
    """The tomlkit item of a key (with its comment), where the container gives one."""
    return table.item(key) if hasattr(table, "item") else table[key]


def _tables(value) -> list | None:
    """The tables of an array of tables, [[…]] or inline [{…}, {…}]; None for anything else."""
    if isinstance(value, list) and value and all(isinstance(v, MutableMapping) for v in value):
        return list(value)
    return None


def _roll(table, cls: type, path: str, old_year: int, result: Rolled, inline: bool) -> None:
    known = fields_of(cls)
    inline = inline or isinstance(table, InlineTable)
    for target, source in moves(cls).items():
        if source in table:
            item = copy.deepcopy(_item(table, source))
            if not inline:
                item.trivia.comment = f"# {old_year} 年末数，由 rollover 移来"
                item.trivia.comment_ws = "  "
            table[target] = item
            result.moved.append((f"{path}{source}", f"{path}{target}"))
        elif target in table:
            f, typ = known[target]
            table[target] = todo_item(f, typ, inline=inline)
            result.cleared.append(f"{path}{target}")
    for key in list(table.keys()):
        if key not in known:
            continue
        f, typ = known[key]
        value = table[key]
        if key in DROPPED.get(cls, set()):
            del table[key]
            result.dropped.append(f"{path}{key}")
        elif key in yearly(cls):
            table[key] = todo_item(f, typ, _item(table, key), inline)
            result.cleared.append(f"{path}{key}")
        elif dataclasses.is_dataclass(typ) and isinstance(value, MutableMapping):
            _roll(value, typ, f"{path}{key}.", old_year, result, inline)  # type: ignore[arg-type]
        elif typing.get_origin(typ) is list and _tables(value) is not None:
            (inner,) = typing.get_args(typ)
            within = inline or isinstance(value, Array)
            for i, element in enumerate(_tables(value) or [], 1):
                _roll(element, inner, f"{path}{key}[{i}].", old_year, result, within)


def _marked(old, text: str):
    """The carried text with the review mark, written as the old string was (one line or many)."""
    if isinstance(old, String) and old.type in (StringType.MLB, StringType.MLL):
        return tomlkit.string(text, multiline=True)
    return text


def mark_prose(doc, result: Rolled) -> None:
    """Put 【待核对】 before every narrative paragraph carried into the new year."""
    for path, holder, at in prose_places(doc):
        text = holder[at]
        if at in NAMES or not text.strip() or text.startswith(REVIEW) or text == TODO:
            continue
        holder[at] = _marked(_item(holder, at) if isinstance(at, str) else text, REVIEW + text)
        result.marked.append(path)


def year_folder(source: Path, old_year: int) -> bool:
    """The source lies in a folder named for its year: data/2023/, data/2023年度/."""
    return str(old_year) in source.resolve().parent.name


def default_target(source: Path, old_year: int, year: int) -> Path:
    """Next to the source; in the new year's folder when the source's folder is named for its year.

    data/2023/某单位.toml → data/2024/某单位.toml; data/某单位-2023.toml → data/某单位-2024.toml;
    data/某单位.toml → data/某单位-2024.toml.
    """
    stem, old, new = source.stem, str(old_year), str(year)
    if year_folder(source, old_year):
        folder = source.resolve().parent
        return (
            source.parent.parent
            / folder.name.replace(old, new)
            / (stem.replace(old, new) + source.suffix)
        )
    renamed = stem.replace(old, new) if old in stem else f"{stem}-{year}"
    return source.with_name(renamed + source.suffix)


def rollover(source: Path, year: int, target: Path | None = None) -> Rolled:
    """Write next year's file; the source is only read. Refuses to overwrite an existing file."""
    source = Path(source)
    text = read_text(source)
    before = flatten(parse(source, text))  # a broken file is reported with its line, as everywhere
    doc = tomlkit.parse(text)
    unit = doc.get("单位")
    old_year = unit.get("年度") if isinstance(unit, MutableMapping) else None
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
    _roll(doc, model.Report, "", old_year, result, False)
    mark_prose(doc, result)
    if "更正" in doc:  # corrections explain this year's figures; the new year has its own
        del doc["更正"]
        result.dropped.append("更正")
    unit["年度"] = year  # type: ignore[index]
    header = (
        f"# {year} 年度数据，由 jixiao rollover 从 {source.name}（{old_year} 年度）生成。\n"
        f'# 上年数已从 {old_year} 年度移来；标为 "{TODO}" 的是本年度须填的数，'
        f"填好后运行 jixiao check 核对（它会列出仍未填的项）。\n"
        f"# 叙述文字沿用 {old_year} 年度，每段开头标了{REVIEW}：按本年度情况核对修改后删去这个标记，\n"
        f"# 删去之前 jixiao check 逐段列出，不生成报告。绩效目标和指标值也请逐项核对。\n"
    )
    written = header + tomlkit.dumps(doc)
    # This year's figures are 待填 in the new file: a sentence that writes one is last year's.
    changed = [(key, before.get(key), None) for key, _ in result.moved] + [
        (key, before.get(key), None) for key in result.cleared
    ]
    result.reread = to_reread(parse(target, written), written, changed)
    atomic_write(target, written.encode("utf-8"))
    return result
