"""Narrative text that may be last year's: text rollover carried over and not yet reviewed, years
that are not this report's, and a typed grade that is not the computed one."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from generator.checks.base import ERROR, WARNING, Reporter, check
from generator.checks.prose import prose_strings

if TYPE_CHECKING:
    from generator.compute.unit import Computed

# Put by `rollover` at the start of every narrative paragraph it carries into the new year, and
# by `import` before every value it is not sure of; `check` reports it until the clerk, having read
# and corrected the text, deletes it.
REVIEW = "【待核对】"
# The first comment line the commands write says where the file came from:
# “由 jixiao rollover 从 2023.toml（2023 年度）生成” · “由 jixiao import 从 报告.docx 读出…”
ORIGIN = re.compile(r"^#[^\n]*?由 jixiao (rollover|import) 从 (.+?)(?:（| ?读出| ?生成|$)", re.M)
YEAR = re.compile(r"(?<![\d〔\[（(])((?:19|20)\d{2})\s*年")
TITLE = re.compile(r"《[^》]*》")  # years in a document's name (《2021年…办法》) are its own
GRADE_WORDS = ("不合格", "优秀", "良好", "合格", "一般", "较差", "优", "良", "中", "差")
GRADE = re.compile(
    r"(?:等级|等次|评级|评价结果|评定为|评为|定为)[为是：:\s]*[“\"「『]?("
    + "|".join(GRADE_WORDS)
    + r")"
)


def _strings(value: object, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, list):
        for i, v in enumerate(value, 1):
            yield from _strings(v, f"{path}[{i}]")
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, f"{path}.{k}" if path else k)


def _excerpt(text: str, width: int = 30) -> str:
    text = text.replace(REVIEW, "").replace("\n", " ")
    return text if len(text) <= width else text[:width] + "…"


def origin(text: str) -> tuple[str, str]:
    """Where a file's 【待核对】 text came from, as the file's own header says: (how, what to do)."""
    lines = text.splitlines()
    head = "\n".join(
        lines[: next((i for i, x in enumerate(lines) if x[:1] not in ("#", "")), None)]
    )
    m = ORIGIN.search(head)
    if m and m.group(1) == "rollover":
        return (
            f"由 rollover 从 {m.group(2)} 沿用",
            "请按本年度情况核对修改（年份、数字、得分、偏差原因）",
        )
    if m:
        return f"由 import 从 {m.group(2)} 读出", "请与原文核对，改正"
    return f"标了{REVIEW}", "请核对修改"


@check("prose.unconfirmed", ERROR, "沿用或导入的文字已核对（删去了【待核对】）")
def unconfirmed(u: Computed, report: Reporter) -> None:
    how, todo = origin(u.loaded.text)
    for path, text in _strings(u.loaded.data, ""):
        if REVIEW in text:
            report(
                f"这段文字{how}，尚未核对：“{_excerpt(text)}”。{todo}，改好后删去{REVIEW}",
                path,
            )


@check("prose.year", WARNING, "文字中的年份是本年度、上一年度或下一年度")
def other_year(u: Computed, report: Reporter) -> None:
    year = u.report.unit.year
    if not isinstance(year, int):
        return
    for path, text in prose_strings(u.facts):  # the facts as written, converted once
        seen = set()
        for m in YEAR.finditer(TITLE.sub(lambda t: " " * len(t.group(0)), text)):
            written = int(m.group(1))
            if written in (year - 1, year, year + 1) or written in seen:
                continue
            seen.add(written)
            report(
                f"文字提到 {written} 年，而本报告是 {year} 年度：“{_excerpt(text)}”。"
                f"如是沿用往年的句子，请改为本年度的情况（年度可写引用 {{年度}}）；"
                f"如确指那一年（如成立时间），可不理会",
                path,
            )


@check("prose.stale-grade", ERROR, "文字中手写的等级与计算的等级一致")
def stale_grade(u: Computed, report: Reporter) -> None:
    grade = u.figures.get("等级")
    if grade is None or any(s is None for s in u.scores):
        return
    computed = str(grade.value)
    for path, text in prose_strings(u.facts):  # the facts as written, converted once
        for m in GRADE.finditer(text):
            typed = m.group(1)
            if typed == computed or typed.startswith(computed) or computed.startswith(typed):
                continue
            report(
                f"文字写的等级“{typed}”与总分 {u.display('总分')} 所在的等级“{computed}”不符。"
                f"请改为引用 {{等级}}，等级会随得分自动更新",
                path,
            )
