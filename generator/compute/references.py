"""Narrative text that cites a figure: {预算执行率} becomes the figure as the report prints it.

An indicator's own text may also cite its own target and actual, {指标值} and {实际值}, which
become them as written: “覆盖率为{实际值}” follows the data when the actual is corrected.
"""

from __future__ import annotations

import re

from generator.compute.scores import REFERENCE

# What an indicator's own text may cite of its row.
ROW_REFERENCES = ("指标值", "实际值")
INDICATORS = ((), "指标")  # the walk's key path of the indicator list


def resolve_references(
    data: object, displays: dict[str, str]
) -> tuple[object, tuple[tuple[str, str], ...]]:
    """(data with every known {name} replaced, the (key path, name) pairs that name no figure)."""
    unknown: list[tuple[str, str]] = []

    # A key path is (parent path, step), spelled out only for a name that is unknown:
    # formatting one for every value of a large unit cost more than the rest of the walk.
    # `own` is what the indicator holding the value lets its text cite (small, not copied).
    def walk(value: object, at: tuple, own: dict[str, str]) -> object:
        if isinstance(value, dict):
            return {k: walk(v, (at, k), own) for k, v in value.items()}
        if isinstance(value, list):
            if at == INDICATORS:
                return [walk(v, (at, i), _own(v)) for i, v in enumerate(value, 1)]
            return [walk(v, (at, i), own) for i, v in enumerate(value, 1)]
        if not isinstance(value, str) or "{" not in value:
            return value

        def sub(m: re.Match) -> str:
            if m.group(1) in own:
                return own[m.group(1)]
            if m.group(1) in displays:
                return displays[m.group(1)]
            unknown.append((_spelled(at), m.group(1)))
            return m.group(0)

        return REFERENCE.sub(sub, value)

    return walk(data, (), {}), tuple(unknown)


def _own(row: object) -> dict[str, str]:
    """An indicator's target and actual as written, for its own text to cite."""
    if not isinstance(row, dict):
        return {}
    return {k: row[k] for k in ROW_REFERENCES if isinstance(row.get(k), str) and "{" not in row[k]}


def cited_names(data: object) -> set[str]:
    """Every {name} the data's text cites, known or not."""
    found: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, str):
            if "{" in value:
                found.update(REFERENCE.findall(value))
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(data)
    return found


def _spelled(at: tuple) -> str:
    """The key path of (parent, step) pairs: 指标[3].说明 as the walk built it."""
    steps = []
    while at:
        at, step = at
        steps.append(step)
    path = ""
    for step in reversed(steps):
        path = f"{path}[{step}]" if isinstance(step, int) else f"{path}.{step}" if path else step
    return path
