"""Figures across units, for the summary workbook's 合计/平均 row: exact sums and means."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal


def total(values: Iterable[Decimal | None]) -> Decimal | None:
    """The exact sum of the values present; None when there is none."""
    present = [v for v in values if v is not None]
    return sum(present, Decimal(0)) if present else None


def mean(values: Iterable[Decimal | None]) -> Decimal | None:
    """The exact mean of the values present (unrounded; rounding is the display's); None when none."""
    present = [v for v in values if v is not None]
    return sum(present, Decimal(0)) / len(present) if present else None


def rank_map(scales: list[list[str]]) -> dict[str, str]:
    """Grade names of several scales, best first, onto the names of the first scale by rank
    (优秀 → 优 when both scales have four grades). Scales of a different length keep their names."""
    if not scales:
        return {}
    ref = scales[0]
    mapping = {name: name for scale in scales for name in scale}
    for scale in scales[1:]:
        if len(scale) == len(ref):
            mapping.update(zip(scale, ref, strict=True))
    return mapping
