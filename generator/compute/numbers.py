"""Exact arithmetic and display of money, rates and scores: 四舍五入 at display only."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

HUNDRED = Decimal(100)
DASH = "—"  # shown where a rate has no denominator

_DIGITS = "零一二三四五六七八九"


def ratio(numerator: Decimal | None, denominator: Decimal | None) -> Decimal | None:
    """numerator / denominator, or None when either is missing or the denominator is zero."""
    if numerator is None or denominator is None or denominator == 0:
        return None
    return numerator / denominator


def change(current: Decimal | None, previous: Decimal | None) -> Decimal | None:
    """(current − previous) / previous, or None without a usable previous value."""
    if current is None:
        return None
    return ratio(None if previous is None else current - previous, previous)


def round_half_up(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _group(text: str) -> str:
    sign = "-" if text.startswith("-") else ""
    text = text.lstrip("-")
    whole, _, frac = text.partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return sign + ",".join(groups) + ("." + frac if frac else "")


def fmt_number(
    value: Decimal | None, places: int | None = 2, separators: bool = False, trim: bool = False
) -> str:
    """A number for the page; places=None keeps the decimals the unit wrote."""
    if value is None:
        return DASH
    if places is not None:
        value = round_half_up(value, places)
    text = f"{value:f}"
    if trim and "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", "") or (text.startswith("-") and Decimal(text) == 0):
        text = text.lstrip("-") or "0"
    return _group(text) if separators else text


def fmt_percent(value: Decimal | None, places: int = 2, trim: bool = False) -> str:
    """A ratio (0.7 for 70%) as a percentage: 0.70001 → "70.00%"."""
    if value is None:
        return DASH
    return fmt_number(value * HUNDRED, places, trim=trim) + "%"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 25 → 二十五 (enough for chapter and item numbering)."""
    if n < 0 or n >= 100:
        return str(n)
    if n < 10:
        return _DIGITS[n]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else _DIGITS[tens]
    return head + "十" + ("" if ones == 0 else _DIGITS[ones])


def chapter(n: int) -> str:
    """一、 style heading number."""
    return chinese_number(n) + "、"


def section(n: int) -> str:
    """（一） style heading number."""
    return "（" + chinese_number(n) + "）"


def item(n: int) -> str:
    """1. style item number."""
    return f"{n}."


def subitem(n: int) -> str:
    """（1） style item number."""
    return f"（{n}）"
