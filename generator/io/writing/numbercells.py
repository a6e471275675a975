"""Number cells of the exported 自评表: a value printed as the tool prints it, or a formula
where Excel's result prints the same (checked on the doubles the cells hold)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from openpyxl.worksheet.worksheet import Worksheet

from generator.compute.numbers import fmt_number
from generator.data.schema import TODO
from generator.evaluate import Evaluated
from generator.io.cells import DASH, excel_shows, format_for, shown_value
from generator.io.writing import sheetstyle as st


@dataclass
class Stored:
    """What a cell holds: the double written (None for text), to simulate formulas over it."""

    value: float | int | None


def number(
    ws: Worksheet,
    row: int,
    col: int,
    value: Decimal | None,
    display: str,
    todo: bool = False,
    font=st.BODY,
) -> Stored:
    """A number printed as the tool prints it; 待填 or — as text where there is no number."""
    if todo:
        st.put(ws, row, col, TODO, font)
        return Stored(None)
    shown = None if value is None else shown_value(value, display)
    if shown is None:
        st.put(ws, row, col, display if value is not None else DASH, font)
        return Stored(None)
    cell, fmt = shown
    st.put(ws, row, col, cell, font, fmt=fmt)
    return Stored(cell)


def clear_of_boundary(exact: Decimal, display: str) -> bool:
    """The exact value is not within a hair of a rounding boundary of the display, so a double's
    rounding error (in Excel or LibreOffice) cannot change what is printed."""
    fmt = format_for(display)
    if fmt is None:
        return False
    places = len(fmt.partition(".")[2].rstrip("%")) + (2 if fmt.endswith("%") else 0)
    scaled = exact.scaleb(places)
    return abs(
        abs(scaled - scaled.to_integral_value(rounding="ROUND_FLOOR")) - Decimal("0.5")
    ) > Decimal("1e-6")


def formula_or_value(
    ws: Worksheet,
    row: int,
    col: int,
    formula: str,
    simulated: float | None,
    exact: Decimal | None,
    display: str,
    font=st.BODY,
) -> None:
    """The formula where it prints `display` (checked on the doubles the cells hold), else the value."""
    fmt = format_for(display)
    if (
        simulated is not None
        and exact is not None
        and fmt is not None
        and excel_shows(simulated, fmt) == display
        and clear_of_boundary(exact, display)
    ):
        st.put(ws, row, col, formula, font, fmt=fmt, formula=True)
    else:
        number(ws, row, col, exact, display, font=font)


def value_of(u: Evaluated, name: str) -> Decimal | None:
    """A computed number, or None where the unit has no such figure (or it has no value)."""
    fig = u.figures.get(name)
    return fig.value if fig is not None and isinstance(fig.value, Decimal) else None


def item_score(u: Evaluated, value: Decimal | None) -> str:
    n = u.fmt.settings.numbers
    return fmt_number(value, n.score_places, trim=n.trim_scores)
