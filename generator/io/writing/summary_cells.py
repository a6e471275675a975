"""Number cells of the summary workbook: one number format per column, exact values stored."""

from __future__ import annotations

from decimal import Decimal

from openpyxl.worksheet.worksheet import Worksheet

from generator.evaluate import Evaluated
from generator.io.cells import to_excel
from generator.io.writing import numbercells
from generator.io.writing import sheetstyle as st

MONEY_FORMAT, RATE_FORMAT, SCORE_FORMAT = "#,##0.00", "0.00%", "0.00"


def value_of(u: Evaluated | None, name: str) -> Decimal | None:
    """A unit's exact figure, None where the unit could not be evaluated or has no such figure."""
    return numbercells.value_of(u, name) if u is not None else None


def figure_cell(
    ws: Worksheet, row: int, col: int, value: Decimal | None, fmt: str, font=st.BODY, fill=None
) -> None:
    """An exact figure as a number under its column's format; an empty cell where there is none."""
    if value is None:
        st.put(ws, row, col, None, font, fill=fill)
    else:
        st.put(ws, row, col, to_excel(value), font, fmt=fmt, fill=fill)
