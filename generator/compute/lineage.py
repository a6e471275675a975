"""Which facts each computed figure is made from, found by trying rather than by a table.

A complete made-up unit is computed once; then each fact in turn is taken away (and, for
figures that fall back on another fact when the first is missing, given alone), and every
figure that changes or disappears is made from that fact. The answer follows the code in
`figures.py` with nothing to keep in step by hand.
"""

from __future__ import annotations

import dataclasses
import re
import typing
from datetime import date
from decimal import Decimal
from functools import cache
from itertools import count
from typing import Any

from generator.compute.figures import fact_figures
from generator.data import model
from generator.data.schema import fields_of, walk


def _inner(typ: Any) -> Any:
    return typing.get_args(typ)[0] if typing.get_origin(typ) is list else None


def _leaves(cls: Any, path: str = "", within: tuple = ()) -> list[tuple[str, tuple]]:
    """(key path with [] for list elements, attribute route) of every fact of the model.

    A table nested in its own kind (叙述段 子项) is not followed: no figure reads those.
    """
    out: list[tuple[str, tuple]] = []
    within = (*within, cls)
    for key, (f, typ) in fields_of(cls).items():
        here = f"{path}{key}"
        inner: Any = _inner(typ)
        if inner in within:
            continue
        if dataclasses.is_dataclass(typ):
            out += [(p, (f.name, *r)) for p, r in _leaves(typ, here + ".", within)]
        elif inner is not None and dataclasses.is_dataclass(inner):
            # The elements' existence (what a count of them reads) is their required key.
            keys = fields_of(typing.cast(type, inner))
            required = [k for k, (g, _t) in keys.items() if g.metadata["required"]]
            out.append((f"{here}[].{required[0]}" if required else f"{here}[]", (f.name, "*")))
            out += [(p, (f.name, 0, *r)) for p, r in _leaves(inner, here + "[].", within)]
        elif inner is not None:
            out.append((f"{here}[]", (f.name, "*")))
        else:
            out.append((here, (f.name,)))
    return out


def _filled(cls: Any, numbers: Any, within: tuple = ()) -> Any:
    """An instance with every field given a distinct value and every list one element."""
    values: dict[str, object] = {}
    within = (*within, cls)
    for f in dataclasses.fields(cls):
        typ = fields_of(cls)[f.metadata["key"]][1]
        inner = _inner(typ)
        if inner in within:
            values[f.name] = []
        elif dataclasses.is_dataclass(typ):
            values[f.name] = _filled(typ, numbers, within)
        elif inner is not None and dataclasses.is_dataclass(inner):
            values[f.name] = [_filled(inner, numbers, within)]
        elif inner is not None:
            values[f.name] = ["甲"]
        else:
            values[f.name] = _value(typ, numbers)
    return cls(**values)


def _value(typ: Any, numbers: Any) -> object:
    n = next(numbers)
    if typ is Decimal:
        return Decimal(1000 + 37 * n)
    if typ is int:
        return 10 + n
    if typ is bool:
        return True
    if typ is date:
        return date(2024, 1, 1)
    return f"文字{n}"


def _without(obj: Any, route: tuple) -> Any:
    """A copy with the fact at `route` taken away (None, or the list emptied for "*")."""
    name, rest = route[0], route[1:]
    if rest == ("*",) or (not rest and isinstance(getattr(obj, name), list)):
        return dataclasses.replace(obj, **{name: []})
    if not rest:
        required = name in _required(type(obj))
        old = getattr(obj, name)
        # A required fact can't be absent: it is changed instead (a name to another name).
        return dataclasses.replace(obj, **{name: _changed(old) if required else None})
    value = getattr(obj, name)
    if isinstance(value, list):
        return dataclasses.replace(obj, **{name: [_without(value[0], rest[1:])]})
    return dataclasses.replace(obj, **{name: _without(value, rest)})


def _only(full: Any, empty: Any, route: tuple) -> Any:
    """`empty` with just the fact at `route` (and the tables that hold it) taken from `full`."""
    name, rest = route[0], route[1:]
    if not rest or rest == ("*",):
        return dataclasses.replace(empty, **{name: getattr(full, name)})
    return dataclasses.replace(
        empty, **{name: _only(getattr(full, name), getattr(empty, name), rest)}
    )


def _changed(value: Any) -> Any:
    return value + 1 if isinstance(value, (int, Decimal)) else f"{value}改"


def _required(cls: Any) -> list[str]:
    return [f.name for f in dataclasses.fields(cls) if f.metadata["required"]]


def _values(report: model.Report) -> dict[str, object]:
    return {name: fig.value for name, fig in fact_figures(report).items()}


@cache
def figure_facts() -> dict[str, frozenset[str]]:
    """Figure name → the key paths (indices as []) of the facts it is computed from.

    Traced from the code by `trace_figure_facts`, which takes about 25 ms; the result depends
    on the model and the formulas only, so it is traced when they change
    (`python tools/lineagetable.py`) and read here (a test fails while it is stale).
    """
    from generator.compute.lineage_table import FIGURE_FACTS

    return {name: frozenset(paths) for name, paths in FIGURE_FACTS.items()}


def trace_figure_facts() -> dict[str, frozenset[str]]:
    """figure_facts, traced: each fact taken away in turn, and given alone, to see which
    figures change."""
    full = _filled(model.Report, count())
    empty = model.Report(unit=model.Unit(name="单位", year=2024))
    base, bare = _values(full), _values(empty)
    found: dict[str, set[str]] = {}
    for path, route in _leaves(model.Report):
        changed = _values(_without(full, route))
        names = {n for n in base if changed.get(n, None) != base[n] or n not in changed}
        if 0 not in route:  # a fact a figure falls back on (在职人数 without 类别) shows alone
            alone = _values(_only(full, empty, route))
            names |= {n for n in alone if alone[n] != bare.get(n, object())}
        for name in names:
            found.setdefault(name, set()).add(path)
    return {name: frozenset(paths) for name, paths in found.items()}


def missing_facts(name: str, report: model.Report) -> list[str]:
    """The facts (indices as []) behind a figure that the unit does not give — all of them if it
    gives each (then the figure is missing for another reason, such as a zero)."""
    sources = sorted(figure_facts().get(name, ()))
    given = {re.sub(r"\[\d+\]", "[]", key) for key, _, _ in walk(report)}
    absent = [
        s for s in sources if not any(g == s or g.startswith((s + ".", s + "[")) for g in given)
    ]
    return absent or sources
