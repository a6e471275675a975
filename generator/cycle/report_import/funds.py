"""Money outside the final accounts (决算外资金), read from a sentence that splits a larger total:
“全部资金年初预算939.45万元，其中财政拨款552.45万元、政府性基金拨款387.00万元”. Where one part
is the budget (or spending) the report states elsewhere and the parts add up to the total, the
other parts are funds the final accounts leave out."""

from __future__ import annotations

import re
from decimal import Decimal

from generator.cycle.report_import.found import Draft, Found
from generator.io.reading.written_numbers import AMOUNT, amounts

CLAUSE = re.compile(r"[^；;。]+")
AMONG = re.compile(r"[，,]?\s*其中[：:]?")
ROUNDED = Decimal("0.015")  # parts printed to two places may miss the total by a rounding


def _parts(text: str) -> list[tuple[str, Decimal]]:
    """“财政拨款552.45万元、政府性基金拨款387.00万元” → [(财政拨款, 552.45), (政府性基金拨款, 387.00)]."""
    out = []
    for piece in re.split(r"[、，,]", text):
        m = AMOUNT.search(piece)
        if not m:
            continue
        name = re.sub(r"(?:支出|为|是|共|计|达)+$", "", piece[: m.start()].strip())
        found = amounts(m.group(0))
        if name and found:
            out.append((name, found[0][0]))
    return out


def read_outside(draft: Draft, paragraphs: list[str]) -> None:
    """决算外资金: the parts of a total larger than the stated 年初预算 or 执行数, the stated one
    being among them."""
    outside: dict[str, dict[str, Found]] = {}
    for paragraph in paragraphs:
        for clause in CLAUSE.findall(paragraph):
            among = AMONG.search(clause)
            if not among:
                continue
            head, tail = clause[: among.start()], clause[among.end() :]
            key = "年初预算" if "预算" in head else ("执行数" if "支出" in head else None)
            stated = draft.values.get(f"预算.{key}")
            totals = amounts(head)
            if key is None or stated is None or not totals:
                continue
            total, parts = totals[-1][0], _parts(tail)
            if len(parts) < 2 or abs(sum(v for _, v in parts) - total) > ROUNDED:
                continue
            if total == stated.value or not any(v == stated.value for _, v in parts):
                continue
            inside = next(i for i, (_, v) in enumerate(parts) if v == stated.value)
            for i, (name, value) in enumerate(parts):
                if i != inside:
                    row = outside.setdefault(name, {"名称": Found(name, clause)})
                    row[key] = Found(value, clause)
    if outside:
        rows = [{k: f.value for k, f in row.items()} for row in outside.values()]
        said = next(iter(next(iter(outside.values())).values())).source
        note = "报告中全部资金多于决算数，多出的部分读作决算外资金"
        draft.put("预算.决算外资金", Found(rows, said, note=note))
