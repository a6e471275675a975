"""Small edits of a unit file with tomlkit's public API: values replaced where they differ, comments
and order kept, numbers written exactly as the Decimal reads (13006.70 stays 13006.70)."""

from __future__ import annotations

import copy
from decimal import Decimal

import tomlkit
from tomlkit.container import Container
from tomlkit.items import AoT, Array, InlineTable, Item, Null, Table, Whitespace

from generator.io.cells import decimal_text


def toml_item(value: object) -> Item:
    """A tomlkit item for a Decimal (exact text), int, str, bool, list of those or 待填."""
    if isinstance(value, Decimal):
        item = tomlkit.value(decimal_text(value))
        item.trivia.trail = "\n"
        return item
    if isinstance(value, list):
        arr = tomlkit.array()
        for v in value:
            arr.append(v)
        if len(value) > 1:
            arr.multiline(True)
        return arr
    if isinstance(value, (str, int)):
        return tomlkit.item(value)
    raise TypeError(f"no TOML item for {value!r}")


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


def set_value(holder, at, key: str, value: object) -> bool:
    """holder[at][key] = value unless it already holds it; keeps the line's comment. True if changed.

    holder[at] is a table: of a document or table (`at` its name), or of an array of tables or a
    list (`at` its index); `value` None removes the key. A key the table lacks goes right after
    its last plain value, above the comments and sub-tables that follow it."""
    table = holder[at]
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
    add_key(holder, at, key, toml_item(value))
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


def replace_tables(holder, at, key: str, tables: list) -> None:
    """Make the array `key` of holder[at] (of the document `holder` itself when `at` is None) hold
    `tables` (kept ones and new ones) in this order; written inline if it was, else [[…]]."""
    container = holder if at is None else holder[at]
    current = container.get(key)
    if isinstance(current, Array):
        arr = tomlkit.array()
        for t in tables:
            inline = tomlkit.inline_table()
            for k, v in t.items():
                inline[k] = copy.deepcopy(v)
            arr.append(inline)
        arr.multiline(True)
        container[key] = arr
        return
    if isinstance(current, AoT) and [id(t) for t in current.body] == [id(t) for t in tables]:
        return
    if not tables and current is None:
        return
    for t in tables[:-1]:
        if ends_in_a_value(t):
            t.add(tomlkit.nl())  # a blank line before the next [[…]]
    aot = AoT(tables, name=current.name if isinstance(current, AoT) else key, parsed=True)
    if current is not None or at is None:
        container[key] = aot  # a new one goes last in the document
    else:
        add_key(holder, at, key, aot)


def ends_in_a_value(table: Table) -> bool:
    """Its last line is a value: not a blank line, nor a comment about the table after it."""
    last = table.as_string().rstrip(" \t").removesuffix("\n").rsplit("\n", 1)[-1]
    return last.strip() != "" and not last.lstrip().startswith("#")


def add_key(holder, at, key: str, item: Item) -> None:
    """Add a key holder[at] lacks: a plain value after the table's last plain value, a table or
    array of tables after its last key, in both cases above the comments that follow them.

    tomlkit's own placement would put it under those comments, and it has no public way to insert
    at a position: when something follows the place, the table is rebuilt in order and put back."""
    table = holder[at]
    if not isinstance(table, Table):
        table[key] = item
        return
    body = [(k, v) for k, v in table.value.body if not isinstance(v, Null)]
    place = 0
    for i, (k, v) in enumerate(body):
        if k is not None and (isinstance(item, (Table, AoT)) or not isinstance(v, (Table, AoT))):
            place = i + 1
    if place == len(body):
        table[key] = item
        return
    before = body[place - 1][1] if place else None
    if isinstance(item, (Table, AoT)):
        header = item[0] if isinstance(item, AoT) else item
        if before is not None and "\n" not in header.trivia.indent:
            header.trivia.indent = "\n" + header.trivia.indent  # a blank line above it
    elif before is not None and not isinstance(before, (Table, AoT, Whitespace)):
        if "\n" not in before.trivia.trail:
            before.trivia.trail += "\n"
    holder[at] = rebuilt(table, [*body[:place], (key, item), *body[place:]])


def rebuilt(table: Table, entries: list) -> Table:
    """A table like `table` holding `entries`; its final newline, where its text has one, is a
    whitespace item of its own at the end: when a table that ends otherwise replaces another in a
    document, tomlkit adds a blank line after it."""
    if peeled(entries):
        entries = [*entries, (None, Whitespace("\n"))]
    return with_entries(table, entries, is_super_table=False)


def with_entries(table: Table, entries: list, is_super_table: bool | None = None) -> Table:
    new = Table(
        Container(True),
        table.trivia.copy(),
        table.is_aot_element(),
        is_super_table=table.is_super_table() if is_super_table is None else is_super_table,
        name=table.name,
        display_name=table.display_name,
    )
    for k, v in entries:
        new.raw_append(k, v)
    return new


def peeled(entries: list) -> bool:
    """Take the newline off the end of the entries' text (in place); False if there is none."""
    if not entries:
        return False
    k, last = entries[-1]
    if isinstance(last, Whitespace):
        if not last.s.endswith("\n"):
            return False
        entries[-1] = (k, Whitespace(last.s[:-1]))
        return True
    if isinstance(last, (Table, AoT)):
        if isinstance(last, AoT) and not last.body:
            return False
        inner = last[-1] if isinstance(last, AoT) else last
        if not isinstance(inner, Table):
            return False
        inner_entries = [(k2, v) for k2, v in inner.value.body if not isinstance(v, Null)]
        if not peeled(inner_entries):
            return False
        if isinstance(last, AoT):
            last[-1] = with_entries(inner, inner_entries)
        else:
            entries[-1] = (k, with_entries(inner, inner_entries))
        return True
    if isinstance(last, Item) and last.trivia.trail.endswith("\n"):
        last.trivia.trail = last.trivia.trail[:-1]
        return True
    return False
