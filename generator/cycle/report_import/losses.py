"""指标 for a report that prints no indicator table, only its total and where points were lost:
“指标体系满分为100分，我镇得分为87分，失分原因主要体现在：1、预算控制率模块，…，得3分；2、…”.

One indicator per module named, with the score the report gives it; one more holds the points not
lost, at full marks. The report does not say each module's 分值: the points lost are shared among
the modules, and every row is marked 【待核对】 so that a clerk puts in the real 分值 and 一级."""

from __future__ import annotations

import re
from decimal import Decimal

from generator.cycle.report_import.found import Draft, Found
from generator.io.reading.written_numbers import number

FULL = re.compile(r"满分(?:为|是)?\s*(\d+(?:\.\d+)?)\s*分")
GOT = re.compile(r"得分(?:为|是)?\s*(\d+(?:\.\d+)?)\s*分")
LOST = re.compile(r"失分(?:原因|情况)[^：:]*[：:]")
ITEM_START = re.compile(r"(?:^|(?<=[；;：:。]))\s*\d+\s*[、.．]\s*")
ITEM = re.compile(
    r"^(?P<name>[^，,；;]+?)(?:模块|指标)?[，,](?:(?P<said>.+)[，,])?"
    r"得\s*(?P<score>\d+(?:\.\d+)?)\s*分[。；;]?$"
)
NOTE = "报告只写了失分的模块和总分，没有指标表：分值按失分合计分摊，请按原评分表核对一级和分值"


def _modules(text: str) -> list[tuple[str, str, Decimal]]:
    """(name, what the report says of it, score) of each numbered “X模块，…，得N分”."""
    out = []
    for item in ITEM_START.split(text):
        m = ITEM.match(item.strip())
        if m:
            score = number(m.group("score"))
            if score is not None:
                out.append((m.group("name").strip(), (m.group("said") or "").strip(), score))
    return out


def _shares(lost: Decimal, count: int) -> list[Decimal]:
    """Whole points lost shared as evenly as can be, the first modules taking the remainder."""
    whole, rest = divmod(int(lost), count)
    return [Decimal(whole + (1 if i < rest else 0)) for i in range(count)]


def from_losses(paragraphs: list[str], draft: Draft) -> None:
    for paragraph in paragraphs:
        full, lost_at = FULL.search(paragraph), LOST.search(paragraph)
        if not full or not lost_at:
            continue
        got = GOT.search(paragraph, full.end(), lost_at.start())
        modules = _modules(paragraph[lost_at.end() :])
        if not got or not modules:
            continue
        full_marks, total = number(full.group(1)), number(got.group(1))
        if full_marks is None or total is None:
            continue
        scored = sum((s for _, _, s in modules), Decimal(0))
        lost = full_marks - total
        if lost < len(modules) or lost != int(lost) or total < scored:
            continue  # a share of under a point each, or scores the total cannot hold
        for (name, said, score), share in zip(modules, _shares(lost, len(modules)), strict=True):
            row = {
                "一级": Found(name, paragraph, sure=False, note=NOTE),
                "三级": Found(name, paragraph),
                "分值": Found(score + share, paragraph, sure=False, note=NOTE),
                "得分": Found(score, paragraph),
            }
            if said:
                row["说明"] = Found([said], paragraph)
            draft.indicators.append(row)
        rest = total - scored
        if rest > 0:
            note = "报告未列出未失分的指标，这里记为一项满分，请按原评分表拆分"
            name = "其他指标"
            draft.indicators.append(
                {
                    "一级": Found(name, paragraph, sure=False, note=note),
                    "三级": Found(name, paragraph, sure=False, note=note),
                    "分值": Found(rest, paragraph),
                    "得分": Found(rest, paragraph),
                }
            )
        draft.put("评价.总分", Found(total, paragraph))
        return
