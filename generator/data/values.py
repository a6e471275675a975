"""Values a file may hold but a report cannot: characters Word cannot store, NaN and infinities,
absurd magnitudes, negative amounts, years out of range, names too long for the document.

Each function returns why a value is unusable (Chinese, for the located message) or None.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

LIMIT = Decimal(10) ** 12  # no amount, count or weight in a unit's report comes near 10¹²
MAX_DECIMALS = 28  # beyond Decimal's precision nothing is computed exactly any more

# Characters XML 1.0 (and so Word) cannot hold: C0 controls but tab and line ends, surrogates,
# U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def short(value: object, room: int = 24) -> str:
    plain = isinstance(value, Decimal) and value.is_finite() and abs(value.adjusted()) <= 1000
    text = f"{value:f}" if plain else str(value)  # 1e999999999 is not written out in full
    return text if len(text) <= room else f"{text[:room]}…（共 {len(text)} 个字符）"


def text_problem(value: str) -> str | None:
    m = _NOT_XML.search(value)
    if m is None:
        return None
    ch = m.group(0)
    name = unicodedata.name(ch, "控制字符") if not 0xD800 <= ord(ch) <= 0xDFFF else "代理码位"
    return f"含有 Word 文档不能保存的字符 U+{ord(ch):04X}（{name}），请删除"


def number_problem(value: Decimal | int) -> str | None:
    if isinstance(value, Decimal):
        if value.is_nan():
            return "不是一个数（nan）：请填写实际的数字"
        if value.is_infinite():
            return f"不是有限的数（{'-' if value < 0 else ''}inf）：请填写实际的数字"
        exponent = value.as_tuple().exponent
        if isinstance(exponent, int) and exponent < -MAX_DECIMALS:
            return f"小数位过多（最多 {MAX_DECIMALS} 位）"
    # |value| ≥ 10¹² read from the exponent, without arithmetic (1e999999999 would overflow)
    if Decimal(value).adjusted() >= LIMIT.adjusted():
        return f"数值 {short(value)} 过大（绝对值应小于 10¹²；金额以万元为单位）"
    return None


def field_problem(value: object, meta: Mapping[str, Any]) -> str | None:
    """What the field's own limits (from `fields.spec`) say about a value of the right type."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, Decimal)):
        low, high = meta.get("low"), meta.get("high")
        if low is not None and high is not None and not low <= value <= high:
            return f"应在 {low} 到 {high} 之间，实际是 {short(value)}"
        if low is None and not meta.get("signed") and value < 0:
            return f"不能为负数（{short(value)}）"
        if low is not None and value < low:
            return f"不能小于 {low}，实际是 {short(value)}"
    if isinstance(value, str):
        if meta.get("required") and not value.strip():
            return "不能为空"
        most = meta.get("max_length")
        if most is not None and len(value) > most:
            return f"太长：{len(value)} 个字，最多 {most} 个（报告标题和文档属性容纳不下）"
    return None
