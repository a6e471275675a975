"""Numbers as reports write them, read exactly: 13,245.05 · 1.32亿元 · 1769.87元 · 百分之九十 · 九十二人.

Every amount comes back in 万元 as a Decimal (one written in 万元 with the places it is written
with); nothing passes through a float.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6}
DIGITS |= {"七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000}
BIG = {"万": 10000, "亿": 100000000}
HAN = "零〇一二两三四五六七八九十百千万亿"
FULL_WIDTH = str.maketrans("０１２３４５６７８９．，％－", "0123456789.,%-")

# 1,234.56 · 1234.56 · -3 ; a comma only between groups of three digits
ARABIC = r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?"
# an amount and its unit: 13,245.05万元 · 1.32亿元 · 1769.87 元 · 三千万元
AMOUNT = re.compile(rf"({ARABIC}|[{HAN}]+(?:点[{HAN[:10]}]+)?)\s*(亿元|万元|千元|元)")
PERCENT = re.compile(rf"(?:({ARABIC})\s*%|百分之([{HAN}]+(?:点[{HAN[:10]}]+)?))")
SCALE_TO_WAN = {"亿元": Decimal(10000), "万元": Decimal(1), "千元": Decimal("0.1")}
SCALE_TO_WAN["元"] = Decimal("0.0001")


def normal(text: str) -> str:
    """Full-width digits and signs as ASCII, so one pattern reads both."""
    return text.translate(FULL_WIDTH)


def han_integer(text: str) -> int | None:
    """九十 → 90, 一百零五 → 105, 两千三百万 → 23000000; None if it is not a numeral."""
    if not text or any(c not in HAN for c in text):
        return None
    total, section, digit = 0, 0, None
    for c in text:
        if c in DIGITS:
            digit = DIGITS[c]
        elif c in UNITS:
            section += (1 if digit is None else digit) * UNITS[c]
            digit = None
        else:  # 万 / 亿
            section += digit or 0
            total = (total + section) * BIG[c]
            section, digit = 0, None
    return total + section + (digit or 0)


def number(text: str) -> Decimal | None:
    """One number written in digits (thousands separators allowed) or in Chinese numerals."""
    text = normal(text).strip()
    if re.fullmatch(ARABIC, text):
        try:
            return Decimal(text.replace(",", ""))
        except InvalidOperation:
            return None
    whole, _, frac = text.partition("点")
    value = han_integer(whole)
    if value is None:
        return None
    if not frac:
        return Decimal(value)
    if any(c not in DIGITS for c in frac):
        return None
    return Decimal(f"{value}." + "".join(str(DIGITS[c]) for c in frac))


def amounts(text: str) -> list[tuple[Decimal, str, int]]:
    """Every amount in the text as (万元, as written, position), in order."""
    found = []
    for m in AMOUNT.finditer(normal(text)):
        value = number(m.group(1))
        if value is not None:
            scaled = value if m.group(2) == "万元" else wan(value * SCALE_TO_WAN[m.group(2)])
            found.append((scaled, m.group(0), m.start()))  # 万元 as written: 0 · 0.00 · 1.5
    return found


def amount(text: str) -> Decimal | None:
    """The first amount in the text, in 万元; a bare number (a table cell) is taken as 万元."""
    found = amounts(text)
    if found:
        return found[0][0]
    return number(text)


def percent(text: str) -> Decimal | None:
    """The first percentage: 70.00% → 70.00, 百分之九十 → 90."""
    m = PERCENT.search(normal(text))
    if not m:
        return None
    return number(m.group(1) or m.group(2))


def wan(value: Decimal) -> Decimal:
    """An amount in 万元 without trailing zeros beyond two decimals (1.32亿元 → 13200.00)."""
    if value == value.quantize(Decimal("0.01")):
        return value.quantize(Decimal("0.01"))
    return value.normalize()
