"""Small in-place edits of a unit file with tomlkit: values replaced where they differ, comments
and order kept, numbers written exactly as the Decimal reads (13006.70 stays 13006.70)."""

from __future__ import annotations

import copy
from decimal import Decimal

import tomlkit
from tomlkit.items import AoT, Array, InlineTable, Item, Table

from generator.data.schema import TODO
from generator.io.cells import decimal_text


def toml_item(value: object) -> Item:
    """A tomlkit item for a Decimal (exact text), int, str or 待填."""
    if isinstance(value, Decimal):
        item = tomlkit.parse(f"x = {decimal_text(value)}\n")["x"]
        item.trivia.trail = "\n"
        return item
    if isinstance(value, list):
        arr = tomlkit.array()
        for v in value:
            arr.append(v)
        if len(value) > 1:
            arr.multiline(True)
        return arr
    return tomlkit.item(value)


def same(old: object, new: object) -> bool:
    """The file already says this: 13006.7 and 13006.70 are the same number, "待填" the same text."""
    old = getattr(old, "unwrap", lambda: old)()
    if isinstance(new, Decimal) and isinstance(old, (int, float)) and not isinstance(old, bool):
        return Decimal(str(old)) == new
    return old == new


def number_equal(item: Item, new: Decimal) -> bool:
    """Compare by the text the file holds, not tomlkit's float."""
    try:
        return Decimal(item.as_string().strip().replace("_", "")) == new
    except ArithmeticError:
        return False


def set_value(table, key: str, value: object) -> bool:
    """table[key] = value unless it already holds it; keeps the line's comment. True if changed."""
    if value is None:
        if key in table:
            del table[key]
            return True
        return False
    if key in table:
        old = table.item(key) if hasattr(table, "item") else table[key]
        if (
            isinstance(value, Decimal)
            and isinstance(old, Item)
            and not isinstance(old, (Array, Table, InlineTable))
        ):
            if number_equal(old, value):
                return False
        elif same(old, value):
            return False
        new = toml_item(value)
        if isinstance(old, Item) and old.trivia.comment:
            new.trivia.comment, new.trivia.comment_ws = old.trivia.comment, old.trivia.comment_ws
        table[key] = new
        return True
    if isinstance(table, Table):
        insert_after_last_value(table, key, toml_item(value))  # not after a trailing blank line
    else:
        table[key] = toml_item(value)
    return True


def tables_of(container, key: str) -> list:
    """The tables of an array of tables, written [[…]] or inline; [] when absent."""
    value = container.get(key) if container is not None else None
    if isinstance(value, (AoT, Array)):
        return list(value)
    return []


def new_table(pairs: dict[str, object]) -> Table:
    t = tomlkit.table()
    for k, v in pairs.items():
        if v is not None:
            t[k] = toml_item(v)
    return t


def replace_tables(container, key: str, tables: list) -> None:
    """Make the array `key` of `container` hold `tables` (kept ones and new ones) in this order;
    written [[…]] if it was, else inline."""
    current = container.get(key)
    if isinstance(current, AoT):
        if [id(t) for t in current.body] == [id(t) for t in tables]:
            return
        for t in tables:
            if not t.as_string().endswith("\n\n"):
                t.add(tomlkit.nl())
        container[key] = AoT(tables, name=current.name, parsed=True)
        return
    arr = tomlkit.array()
    for t in tables:
        inline = tomlkit.inline_table()
        for k, v in t.items():
            inline[k] = copy.deepcopy(v)
        arr.append(inline)
    arr.multiline(True)
    if isinstance(current, Array):
        container[key] = arr
    elif tables:
        insert_after_last_value(container, key, arr)


def insert_after_last_value(table, key: str, item) -> None:
    """Add a key right after the table's last plain value, before comments that belong to the
    sub-tables below it (tomlkit would otherwise append it under them)."""
    body = table.value.body if hasattr(table, "value") else table.body
    last = None
    for k, v in body:
        if k is not None and not isinstance(v, (Table, AoT)):
            last = k
    if last is None:
        table[key] = item
        return
    if last == body[-1][0]:
        table[key] = item
        return
    table.value._insert_after(last, key, item)  # noqa: SLF001 (tomlkit has no public insert-after)


def is_todo(item: object) -> bool:
    return str(getattr(item, "unwrap", lambda: item)()) == TODO
