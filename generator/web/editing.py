"""A saved form into the unit file: only what changed, through tomlkit (comments, order, layout
kept); every value checked at its field before anything is written; the file's state when the
form was opened compared with the file now (a second tab is told, never overwrites); the text
before the last save kept in the folder's .jixiao/ so the save can be undone.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import tomlkit
from tomlkit.items import AoT, Array, InlineTable, Table

from generator.data.loader import read_text
from generator.data.schema import fields_of
from generator.examine import examine
from generator.io.reading.tomledit import add_key, new_table, replace_tables, set_value
from generator.report.write import atomic_write
from generator.web.forms import (
    SECTIONS,
    convert,
    item_class,
    kind_of,
    nested_fields,
    shorthand_key,
    shown_fields,
    table_at,
)

HISTORY = ".jixiao/history"
ROW_KEY = re.compile(r"^(.*)\[(\d+)\]\.([^.\[\]]+)$")


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class Outcome:
    text: str  # the file's new text (the old one when nothing changed)
    changed: bool = False
    errors: dict[str, str] = field(default_factory=dict)  # form field name → message
    orders: dict[str, list[str]] = field(default_factory=dict)  # array path → row ids as sent


def ensure_table(doc, path: tuple[str, ...]):
    """The table at path, made (at the end of the file) when the file has none yet."""
    holder = doc
    for key in path:
        if holder.get(key) is None:
            holder[key] = tomlkit.table()
        holder = holder[key]
    return holder


def holder_of(doc, path: tuple[str, ...]):
    """(holder, at) with holder[at] the table at path; the document itself for the top level."""
    if not path:
        return {None: doc}, None
    return table_at(doc, path[:-1]) if len(path) > 1 else doc, path[-1]


def apply(section: str, doc, sent) -> Outcome:
    """Put the form's values into the tomlkit document; errors name the form's fields."""
    out = Outcome("")
    for g in SECTIONS[section]:
        prefix = ".".join(g.path)
        for key, f, typ in shown_fields(g):
            path = f"{prefix}.{key}" if prefix else key
            cls = item_class(typ)
            if cls is not None:
                apply_nested(doc, path, cls, sent, out)
                apply_rows(doc, g.path, key, path, cls, sent, out)
                continue
            name = f"f:{path}"
            if name not in sent:
                continue  # a field the page did not send is left as it is
            value, error = convert(sent.get(name, ""), kind_of(typ) or "text", f.metadata["unit"])
            if error:
                out.errors[name] = error
                continue
            if f.metadata["required"] and value is None:
                out.errors[name] = f"必填：{f.metadata['doc']}（还不知道时填“待填”）"
                continue
            if table_at(doc, g.path) is None:
                if value is None:
                    continue
                ensure_table(doc, g.path)
            holder, at = holder_of(doc, g.path)
            set_value(holder, at, key, value)
    return out


def apply_rows(doc, path: tuple[str, ...], key: str, where: str, cls, sent, out: Outcome) -> None:
    table = table_at(doc, path)
    held = table.get(key) if table is not None else None
    current = list(held) if isinstance(held, (AoT, Array)) else []
    items = sent_items(current, where, cls, sent, out)
    if items is None:
        return
    if not items and not current:
        return
    if [id(i) for i in items] == [id(i) for i in current]:
        return  # the same rows in the same order: changed values were set in place
    for i in items:
        if isinstance(i, Table) and all(i is not c for c in current):
            i.add(tomlkit.nl())  # a new [[…]] table: a blank line before what follows
    holder = ensure_table(doc, path) if path else doc
    if current and all(isinstance(i, Table) for i in current + items) and isinstance(held, AoT):
        replace_tables(
            doc if not path else holder_of(doc, path)[0], path[-1] if path else None, key, items
        )
        return
    write_array(holder, key, items, held)


def sent_items(current: list, where: str, cls, sent, out: Outcome) -> list | None:
    """The rows of the array `where` as the form sent them, in their order (old ones with changed
    values set in place, new ones made); None when the page did not send this table."""
    order_field = f"order:{where}"
    if order_field not in sent:
        return None
    order = [r for r in sent.get(order_field, "").split(",") if r]
    out.orders[where] = order
    items: list = []
    for row in order:
        values: dict[str, object] = {}
        for k, (f, typ) in fields_of(cls).items():
            name = f"r:{where}:{row}:{k}"
            if name not in sent or not kind_of(typ):
                continue
            value, error = convert(sent.get(name, ""), kind_of(typ) or "text", f.metadata["unit"])
            if error:
                out.errors[name] = error
            values[k] = value
        old = current[int(row) - 1] if row.isdigit() and 0 < int(row) <= len(current) else None
        if old is None and not any(v is not None for v in values.values()):
            continue  # a row added and left empty
        items.append(row_item(old, values, cls))
    return items


def apply_nested(doc, parent: str, cls, sent, out: Outcome) -> None:
    """The rows under each row of the table `parent` (问题[2].子项, 预算.其中[1].分级): set in the
    parent's old rows before the parent's own order is applied, so they move with their row."""
    head = tuple(parent.split("."))
    table = table_at(doc, head[:-1])
    held = table.get(head[-1]) if table is not None and hasattr(table, "get") else None
    parents = list(held) if isinstance(held, (AoT, Array)) else []
    for sub, inner in nested_fields(cls).items():
        for i, row in enumerate(parents, 1):
            if not hasattr(row, "get"):
                continue  # a row written as a plain string holds no sub-rows yet
            where = f"{parent}[{i}].{sub}"
            now = row.get(sub)
            current = list(now) if isinstance(now, (AoT, Array)) else []
            items = sent_items(current, where, inner, sent, out)
            if items is None or [id(x) for x in items] == [id(x) for x in current]:
                continue
            if isinstance(now, AoT):
                replace_tables(row, None, sub, [x for x in items if isinstance(x, Table)])
            elif items or now is not None:
                arr = tomlkit.array()
                for x in items:
                    arr.append(inline_of(x) if isinstance(x, (Table, InlineTable)) else x)
                arr.multiline(len(items) > 1)
                if now is None:
                    add_key(held, i - 1, sub, arr)  # above the comments that follow the row
                else:
                    row[sub] = arr


def row_item(old, values: dict[str, object], cls):
    """The row as the file will hold it: the old table with changed values set, or a new one;
    a row written as a plain string (党政办公室) stays a string while only that text is given."""
    short = shorthand_key(cls)
    given = {k: v for k, v in values.items() if v is not None}
    if old is None or isinstance(old, str):
        if short and isinstance(old, str) and given in ({short: old}, {short: [old]}):
            return old
        if short and set(given) == {short} and isinstance(given[short], str):
            return given[short]
        return new_table(given)
    box = [old]
    for k, v in values.items():
        if isinstance(v, str) and k in old and not isinstance(old[k], str) and written(old, k) == v:
            continue  # a number or date in a text field (更正.原值 = 552.45): kept as written
        set_value(box, 0, k, v)
    return box[0]


def written(table, key: str) -> str:
    item = table.item(key) if hasattr(table, "item") else table[key]
    return item.as_string().strip() if hasattr(item, "as_string") else str(item)


def write_array(holder, key: str, items: list, held) -> None:
    """An array written inline ([…]) or of strings: rebuilt in the new order."""
    if isinstance(held, AoT) or (held is None and any(isinstance(i, Table) for i in items)):
        replace_tables(holder, None, key, [i for i in items if isinstance(i, Table)] or [])
        return
    if isinstance(held, Array) and [id(i) for i in items[: len(held)]] == [id(i) for i in held]:
        for i in items[len(held) :]:  # rows added at the end: the rest of the array stays as is
            held.append(inline_of(i) if isinstance(i, (Table, InlineTable)) else i)
        return
    arr = tomlkit.array()
    for i in items:
        if isinstance(i, (Table, InlineTable)):
            inline = tomlkit.inline_table()
            for k, v in i.items():
                inline[k] = v
            arr.append(inline)
        else:
            arr.append(i)
    arr.multiline(len(items) > 1)
    if held is not None and hasattr(held, "as_string") and arr.as_string() == held.as_string():
        return
    holder[key] = arr


def inline_of(table) -> InlineTable:
    inline = tomlkit.inline_table()
    for k, v in table.items():
        inline[k] = v
    return inline


def field_name(key: str, orders: dict[str, list[str]]) -> str:
    """The form field a problem's key path names (预算.执行数, 指标[3].分值)."""
    key = re.sub(r"\[\d+\]$", "", key)  # a paragraph of a list: its box
    m = ROW_KEY.match(key)
    if m and m.group(1) in orders:
        order = orders[m.group(1)]
        n = int(m.group(2))
        if 0 < n <= len(order):
            return f"r:{m.group(1)}:{order[n - 1]}:{m.group(3)}"
    return f"f:{key}"


def save(path: Path, section: str, sent, opened: str) -> Outcome:
    """Check the form and write what changed; nothing is written while a field is wrong or the
    file changed since the form was opened (`opened`: the digest the form was made from)."""
    raw = path.read_bytes()
    if digest(raw) != opened:
        raise Conflict(path.name)
    before = read_text(path)
    doc = tomlkit.parse(before)
    out = apply(section, doc, sent)
    out.text = tomlkit.dumps(doc)
    out.changed = out.text != before
    if out.errors or not out.changed:
        return out
    examined = examine(path, raw=out.text.encode("utf-8"), dry_run=True)
    fields = {n for n in sent if n.startswith(("f:", "r:"))}
    for p in examined.problems:
        name = field_name(p.key, out.orders)
        sent_here = name in fields or name.startswith("r:")
        if p.is_error and p.check.startswith("schema.") and sent_here:
            out.errors.setdefault(name, p.message)
    if out.errors:
        return out
    keep_for_undo(path, raw, out.text.encode("utf-8"))
    atomic_write(path, out.text.encode("utf-8"))
    return out


class Conflict(Exception):
    """The file changed on disk since the form was opened."""


def history(path: Path) -> tuple[Path, Path]:
    folder = path.parent / HISTORY
    return folder / f"{path.stem}.before.toml", folder / f"{path.stem}.after.sha256"


def keep_for_undo(path: Path, before: bytes, after: bytes) -> None:
    old, mark = history(path)
    old.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(old, before, durable=False)
    atomic_write(mark, digest(after).encode(), durable=False)


def can_undo(path: Path) -> bool:
    old, mark = history(path)
    try:
        return old.is_file() and mark.read_text().strip() == digest(path.read_bytes())
    except OSError:
        return False


def undo(path: Path) -> bool:
    """Put back the text before the last save; False if the file changed since (or no save)."""
    if not can_undo(path):
        return False
    old, mark = history(path)
    atomic_write(path, old.read_bytes())
    old.unlink()
    mark.unlink()
    return True
