"""What `import` reads from a 自评表 sheet: values with the cell each came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from generator.io.located import Where


@dataclass
class Field:
    value: object  # Decimal, str, TODO, or None for an empty cell
    at: Where


@dataclass
class FundRow:
    name: str | None  # None: 年度资金总额
    at: Where
    amounts: dict[str, Field]  # 年初预算 / 调整预算 / 执行数


@dataclass
class Row:
    at: Where
    fields: dict[str, Field]

    def text(self, key: str) -> str | None:
        f = self.fields.get(key)
        return None if f is None or f.value is None else str(f.value)


@dataclass
class Read:
    """What a 自评表 sheet holds, each value with its cell."""

    file: str
    sheet: str
    unit: Field | None = None
    year: Field | None = None
    total: FundRow | None = None
    sources: list[FundRow] = field(default_factory=list)
    goals: dict[str, Field] = field(default_factory=dict)
    rows: list[Row] = field(default_factory=list)
    columns: set[str] = field(default_factory=set)  # unit-file keys the indicator table has
    stated_total: Field | None = None
    stated_grade: Field | None = None
    exported: list[tuple[tuple[str, str, str], Decimal | None]] = field(default_factory=list)

    def exported_score(
        self, names: tuple[str, str, str], used: set[int]
    ) -> tuple[bool, Decimal | None]:
        """(whether `export` wrote this indicator, the 得分 it wrote) — each record used once."""
        for i, (key, score) in enumerate(self.exported):
            if key == names and i not in used:
                used.add(i)
                return True, score
        return False, None
