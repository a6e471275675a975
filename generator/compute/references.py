"""Narrative text that cites a figure: {预算执行率} becomes the figure as the report prints it."""

from __future__ import annotations

import re

from generator.compute.scores import REFERENCE


def resolve_references(
    data: object, displays: dict[str, str]
) -> tuple[object, tuple[tuple[str, str], ...]]:
    """(data with every known {name} replaced, the (key path, name) pairs that name no figure)."""
    unknown: list[tuple[str, str]] = []

    def walk(value: object, path: str) -> object:
        if isinstance(value, dict):
            return {k: walk(v, f"{path}.{k}" if path else k) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v, f"{path}[{i}]") for i, v in enumerate(value, 1)]
        if not isinstance(value, str) or "{" not in value:
            return value

        def sub(m: re.Match) -> str:
            if m.group(1) in displays:
                return displays[m.group(1)]
            unknown.append((path, m.group(1)))
            return m.group(0)

        return REFERENCE.sub(sub, value)

    return walk(data, ""), tuple(unknown)
