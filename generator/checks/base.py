"""What every check shares: its id and level, the rounding tolerance, and the sum identity.

Tolerance is the rounding of the inputs and no more: half a unit in the last place each input
was written to (integers as if written to 0.01; a zero is exact), summed over the inputs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from generator.compute.numbers import fmt_number
from generator.errors import Findings

if TYPE_CHECKING:
    from generator.compute.unit import Computed

ERROR, WARNING = "错误", "警告"


@dataclass(frozen=True)
class Check:
    id: str
    level: str
    title: str
    run: Callable[[Computed, Reporter], None]


def check(
    id: str, level: str, title: str
) -> Callable[[Callable[[Computed, Reporter], None]], Check]:
    """Make a function (unit, report) → None a check; `checks/__init__.py` lists it."""

    def wrap(fn: Callable[[Computed, Reporter], None]) -> Check:
        return Check(id, level, title, fn)

    return wrap


def half_unit(value: Decimal) -> Decimal:
    """Half a unit in the last place written; integers count as written to 0.01, zero is exact."""
    if value == 0:
        return Decimal(0)
    places = max(2, -int(value.as_tuple().exponent))
    return Decimal(5).scaleb(-places - 1)


def rounding_gap(
    parts: list[Decimal], total: Decimal, counts: bool = False
) -> tuple[Decimal, Decimal, Decimal]:
    """(Σ parts, Σ parts − total, the rounding the inputs allow); counts (people) are exact."""
    s = sum(parts, Decimal(0))
    if counts:
        return s, s - total, Decimal(0)
    return s, s - total, sum((half_unit(v) for v in parts), half_unit(total))


def num(value: Decimal) -> str:
    return fmt_number(value, None, separators=True)


class Reporter:
    """Passes a check's findings on with its id and level."""

    def __init__(self, found: Findings, c: Check):
        self.found, self.c = found, c

    def __call__(self, message: str, key: str = "") -> None:
        self.found.add(message, key, self.c.level, self.c.id)


def sum_identity(
    report: Reporter,
    parts: Sequence[tuple[str, str, Decimal | None]],
    total: tuple[str, str, Decimal | None],
    key: str | None = None,
    counts: bool = False,
) -> None:
    """Σ parts = total within rounding. parts and total are (label, key path, value).

    Counts (people, offices) are whole numbers: they must add up exactly.
    """
    if total[2] is None or any(v is None for _, _, v in parts) or not parts:
        return
    given = [v for _, _, v in parts if v is not None]
    s, diff, tolerance = rounding_gap(given, total[2], counts)
    if abs(diff) <= tolerance:
        return
    left = " + ".join(label for label, _, _ in parts)
    values = " + ".join(num(v) for v in given)
    keys = "、".join([k for _, k, _ in parts] + [total[1]])
    allowed = f"（允许的舍入误差 ±{num(tolerance)}）" if tolerance else ""
    report(
        f"{left} = {values} = {num(s)}，而{total[0]} = {num(total[2])}，相差 {num(abs(diff))}"
        f"{allowed}。请核对 {keys}",
        key or parts[0][1],
    )
