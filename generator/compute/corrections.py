"""Corrections (更正): a fact that differs from the source it was taken from, stated once in the
report in the format's words, so a reviewer comparing with the 决算 sees no silent change.

调整预算数原为552.45万元，经核实更正为667.92万元。年初预算加年中调增的115.47万元即为667.92万元。
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from generator.compute.figures import MONEY, show
from generator.compute.numbers import fmt_number
from generator.data.model import Correction, Report
from generator.data.schema import fields_of
from generator.data.settings import Settings

_STEP = re.compile(r"(?P<name>[^.\[\]]+)(?:\[(?P<index>\d+)\])?")
SENTENCE_END = "。！？"


@dataclass(frozen=True)
class Stated:
    """One correction as the report states it; `found` is False when the key names no value."""

    key: str
    name: str
    original: str
    current: str
    sentence: str
    found: bool


def lookup(r: Report, key: str) -> tuple[object, dataclasses.Field | None]:
    """The value at a key path (预算.调整预算, 指标[3].实际值) and its field; (None, None) if none."""
    value: object = r
    field = None
    for step in key.split("."):
        m = _STEP.fullmatch(step.strip())
        if m is None or not dataclasses.is_dataclass(value):
            return None, None
        known = fields_of(type(value))  # type: ignore[arg-type]
        if m.group("name") not in known:
            return None, None
        field, _typ = known[m.group("name")]
        value = getattr(value, field.name)
        if m.group("index"):
            n = int(m.group("index"))
            if not isinstance(value, list) or not 1 <= n <= len(value):
                return None, None
            value = value[n - 1]
    return value, field


def _chinese_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _show(value: object, unit: str, s: Settings) -> str:
    """A fact for a sentence: money as the format prints it, dates in Chinese, with the unit."""
    if isinstance(value, date):
        return _chinese_date(value)
    if isinstance(value, Decimal):
        text = show(value, MONEY, s) if unit == "万元" else fmt_number(value, None, trim=True)
        return text + unit
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value}{unit}"
    return "" if value is None else str(value)


def _show_original(text: str, like: object, unit: str, s: Settings) -> str:
    """The source's value, printed like the current one when it reads as the same kind."""
    if isinstance(like, date):
        try:
            return _chinese_date(date.fromisoformat(text.strip()))
        except ValueError:
            return text
    if isinstance(like, (Decimal, int)) and not isinstance(like, bool):
        try:
            return _show(Decimal(text.strip()), unit, s)
        except InvalidOperation:
            return text
    return text


class _Keep(dict):
    """str.format_map that leaves an unknown {名字} as written instead of failing."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def state(c: Correction, r: Report, s: Settings) -> Stated:
    value, field = lookup(r, c.key)
    unit = field.metadata["unit"] if field is not None else ""
    name = c.name or c.key.split(".")[-1].split("[")[0]
    current = _show(value, unit, s)
    original = _show_original(c.original, value, unit, s)
    note = (c.note or "").strip()
    if note and note[-1] not in SENTENCE_END:
        note += "。"
    words = _Keep(名称=name, 原值=original, 现值=current, 说明=note, 依据=(c.basis or "").strip())
    sentence = s.report.correction.format_map(words)
    return Stated(c.key, name, original, current, sentence, value not in (None, ""))


def corrections(r: Report, s: Settings) -> tuple[Stated, ...]:
    return tuple(state(c, r, s) for c in r.corrections)
