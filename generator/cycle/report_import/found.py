"""What an import found: each value with whether it is sure and the sentence it came from."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Found:
    """A value read from the report; `sure` False makes the draft mark it for checking."""

    value: object
    source: str = ""
    sure: bool = True
    note: str = ""  # why it is not sure, or what else the report says


@dataclass
class Draft:
    """Everything read from one report, by the data file's Chinese key paths."""

    source: str
    format_id: str
    format_known: bool
    values: dict[str, Found] = field(default_factory=dict)  # "预算.年初预算" → Found
    staff: list[dict[str, Found]] = field(default_factory=list)
    indicators: list[dict[str, Found]] = field(default_factory=list)

    def put(self, key: str, found: Found | None) -> None:
        """Keep the first value found for a key; a later, different one is noted beside it."""
        if found is None:
            return
        had = self.values.get(key)
        if had is None:
            self.values[key] = found
        elif found.sure and not had.sure and had.value != found.value:
            found.note = f"报告另一处写作 {had.value}：“{clip(had.source)}”"
            self.values[key] = found  # a plain statement outweighs a doubtful one
        elif had.value != found.value and found.source and found.source != had.source:
            extra = f"报告另一处写作 {found.value}：“{clip(found.source)}”"
            had.note = f"{had.note}；{extra}" if had.note else extra


def clip(sentence: str, width: int = 80) -> str:
    sentence = " ".join(sentence.split())
    return sentence if len(sentence) <= width else sentence[:width] + "…"
