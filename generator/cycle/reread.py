"""Sentences that state a fact a command changed (import, diff, rollover): what to read again.

A sentence that cites the fact ({执行数}, {实际值}) follows the data by itself; one that writes
the number, or denies what a count records, does not, and is listed with its line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from generator.checks.prose import prose_strings
from generator.checks.stated import mentions
from generator.checks.year import REVIEW
from generator.data.locate import KeyLines, line_of

# An indicator's facts that its text states in words; any other fact is a number of the unit.
INDICATOR_FACTS = re.compile(r"^指标\[\d+\]\.(实际值|指标值)$")


@dataclass(frozen=True)
class Reread:
    path: str  # the sentence's key path: 指标[2].说明[1]
    line: int | None
    fact: str  # the changed fact's key path: 指标[2].实际值
    sentence: str

    def as_json(self) -> dict:
        return {"键": self.path, "行": self.line, "事实": self.fact, "文字": self.sentence}


def is_number(value: object) -> bool:
    return isinstance(value, (Decimal, int)) and not isinstance(value, bool)


def to_reread(data: dict, text: str, changed: Iterable[tuple[str, object, object]]) -> list[Reread]:
    """The sentences of a unit (data, its file's text) that state a changed fact.

    `changed` holds (key path, old value, new value) of each fact that changed.
    """
    prose = {path for path, _ in prose_strings(data)}
    lines = KeyLines(text)
    found: dict[tuple[str, str], Reread] = {}
    for key, old, new in changed:
        if key in prose or not (INDICATOR_FACTS.match(key) or is_number(old) or is_number(new)):
            continue
        for m in mentions(data, key, old):
            sentence = m.sentence.replace(REVIEW, "").strip()
            found.setdefault(
                (m.path, sentence), Reread(m.path, line_of(lines, m.path), key, sentence)
            )
    return sorted(found.values(), key=lambda r: (r.line or 0, r.path))


def reread_lines(items: list[Reread], file: object) -> list[str]:
    """The listing for the terminal: a heading naming the file, then one line per sentence."""
    if not items:
        return []
    out = [f"这些文字写着改动了的数据，请对照新数据重读、改正（{file}）："]
    for r in items:
        where = f"第 {r.line} 行 {r.path}" if r.line else r.path
        out.append(f"  {where}（{r.fact}）：“{r.sentence}”")
    return out
