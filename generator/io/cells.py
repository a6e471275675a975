"""Exact numbers across the Excel boundary.

Excel holds IEEE doubles; the tool holds exact Decimals and rounds half up only for display. A
value goes out as a float with a number format derived from the tool's own display text, so
Excel shows the same digits; where Excel's rounding of the double could show something else, the
displayed value itself is stored. A value comes back through the 15 significant digits Excel
keeps, padded to the decimals its number format shows: 13006.7 formatted 0.00 is 13006.70.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

DASH = "—"
EXCEL_DIGITS = 15  # significant digits Excel keeps and shows


def to_excel(value: Decimal | int) -> float | int:
    """A number for openpyxl: ints stay ints, everything else becomes the nearest double."""
    if isinstance(value, int) or (
        isinstance(value, Decimal) and value == value.to_integral_value() and abs(value) < 10**15
    ):
        return int(value)
    return float(value)


def from_float(value: float) -> Decimal:
    """The decimal a person typed into the cell: the double read back through Excel's 15 digits."""
    return Decimal(format(value, f".{EXCEL_DIGITS}g"))


def format_for(display: str) -> str | None:
    """The Excel number format that prints a number as the tool printed it ("13,006.70", "70.0%")."""
    m = re.fullmatch(r"-?[\d,]+(?:\.(\d+))?(%?)", display)
    if not m:
        return None
    places = len(m.group(1) or "")
    body = ("#,##0" if "," in display else "0") + ("." + "0" * places if places else "")
    return body + m.group(2)


def excel_shows(value: float, number_format: str) -> str:
    """What Excel prints for a double under one of the formats of `format_for` (for checking)."""
    percent = number_format.endswith("%")
    places = len(number_format.partition(".")[2].rstrip("%"))
    exact = from_float(value) * (100 if percent else 1)
    text = f"{exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP):f}"
    if text.startswith("-") and Decimal(text) == 0:
        text = text[1:]
    if number_format.startswith("#,##0"):
        whole, _, frac = text.partition(".")
        sign = "-" if whole.startswith("-") else ""
        whole = f"{int(whole.lstrip('-')):,}"
        text = sign + whole + ("." + frac if frac else "")
    return text + ("%" if percent else "")


def shown_value(value: Decimal, display: str) -> tuple[float | int, str] | None:
    """(cell value, number format) that Excel prints exactly as `display`; None if none does.

    The exact value is kept when Excel's rounding of it gives the display; otherwise (a value at a
    rounding boundary, or a rate the format caps at 100%) the displayed number is stored.
    """
    fmt = format_for(display)
    if fmt is None:
        return None
    cell = to_excel(value)
    if excel_shows(float(cell), fmt) == display:
        return cell, fmt
    digits = Decimal(display.rstrip("%").replace(",", ""))
    shown = digits / 100 if display.endswith("%") else digits
    cell = to_excel(shown)
    return (cell, fmt) if excel_shows(float(cell), fmt) == display else None


def places_of(number_format: str | None) -> int:
    """Decimals a number format shows: "#,##0.00" → 2, "0.0%" → 1 (+2 for the percent), General → 0."""
    if not number_format:
        return 0
    fmt = number_format.split(";")[0]
    fmt = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", fmt)
    m = re.search(r"\.([0#?]+)", fmt)
    places = len(m.group(1)) if m else 0
    return places + (2 if "%" in fmt else 0)


NUMBER_TEXT = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)")


def decimal_of(value: object, number_format: str | None = None, unit: str = "") -> Decimal | None:
    """A cell's number, exact: floats through Excel's 15 digits and padded to the format's
    decimals, text with thousands separators, full-width digits or a trailing unit (万元, 分)
    read as written. None for text that is not a number."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        exact = from_float(value)
        places = places_of(number_format)
        if "%" in (number_format or ""):
            return exact  # a rate typed as 95% is 0.95; callers that want text handle it
        if places > decimals(exact):
            exact = exact.quantize(Decimal(1).scaleb(-places))
        return exact
    if isinstance(value, Decimal):
        return value
    if not isinstance(value, str):
        return None
    text = normalize(value).replace(",", "")
    if unit and text.endswith(unit):
        text = text[: -len(unit)]
    if not NUMBER_TEXT.fullmatch(text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def decimals(value: Decimal) -> int:
    """Digits after the point as written: 13006.70 → 2, 100 → 0."""
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def normalize(text: str) -> str:
    """Full-width digits, letters and signs to ASCII, and no spaces: "１３，００６．７０" → "13,006.70"."""
    out = []
    for ch in text:
        code = ord(ch)
        if 0xFF01 <= code <= 0xFF5E and ch not in "（）：，":
            ch = chr(code - 0xFEE0)
        elif ch == "，":
            ch = ","
        out.append(ch)
    return re.sub(r"\s+", "", "".join(out))


def decimal_text(value: Decimal) -> str:
    """A Decimal as TOML number text, never in exponent form: 13006.70, 0, 1E+2 → 100."""
    text = f"{value:f}"
    return "0" if text in ("-0", "") else text
