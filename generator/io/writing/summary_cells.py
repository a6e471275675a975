"""The summary workbook's units and number cells: one number format per column, exact values."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from openpyxl.worksheet.worksheet import Worksheet

from generator.errors import Problem
from generator.evaluate import Evaluated
from generator.io.cells import to_excel
from generator.io.writing import numbercells
from generator.io.writing import sheetstyle as st

MONEY_FORMAT, RATE_FORMAT, SCORE_FORMAT = "#,##0.00", "0.00%", "0.00"


@dataclass
class UnitLine:
    """One unit as the summary shows it."""

    path: Path
    name: str
    year: object
    format: str = ""
    unit: Evaluated | None = None
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def display(self, name: str) -> str | None:
        if self.unit is None or name not in self.unit.figures:
            return None
        return self.unit.display(name)


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
