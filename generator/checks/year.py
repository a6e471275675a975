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
# A clause that names a year as an earlier or a later one: “与2023年相比”, “2023年结转”,
# “自2023年起”, “2025年继续推进”. The year next to the report's, without such a word, is written
# as if it were the report's own: last year's sentence carried over.
NAMED_OTHER = re.compile(
    r"上年|上一年|去年|前年|往年|历年|同比|同期|相比|对比|比较|以来|此前|截至|截止|结转|遗留|"
    r"延续|成立|设立|组建|印发|出台|颁布|下年|下一年|明年|来年|计划|预计|力争|继续|规划|下一步|"
    r"今后|展望"
)
# Short words that name it only right beside the year: “与2023年”, “2023年起”, “2025年将”.
BEFORE_YEAR = re.compile(r"(?:与|和|比|较|自|从|至|到|同)$")
AFTER_YEAR = re.compile(
    r"^(?:度)?(?:的)?(?:相比|比|起|以来|以前|之前|前|末|底|至|到|开始|将|拟|持续)"
)
CLAUSE_END = "。；;，,！？!?\n"
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


def named_other(text: str, start: int, end: int) -> bool:
    """Whether the year written at text[start:end] (“2023年”) is named as another year than now."""
    left = max(text.rfind(ch, 0, start) for ch in CLAUSE_END) + 1
    right = min((i for i in (text.find(ch, end) for ch in CLAUSE_END) if i >= 0), default=len(text))
    before, after = text[left:start], text[end:right]
    return bool(
        NAMED_OTHER.search(before + "|" + after)
        or BEFORE_YEAR.search(before)
        or AFTER_YEAR.search(after)
    )


@check("prose.year", WARNING, "文字中的年份是本年度，或写明是往年、来年")
def other_year(u: Computed, report: Reporter) -> None:
    year = u.report.unit.year
    if not isinstance(year, int):
        return
    for path, text in prose_strings(u.facts):  # the facts as written, converted once
        seen = set()
        plain = TITLE.sub(lambda t: " " * len(t.group(0)), text)
        for m in YEAR.finditer(plain):
            written = int(m.group(1))
            if written == year or written in seen:
                continue
            near = written in (year - 1, year + 1)
            if near and (named_other(plain, m.start(), m.end()) or REVIEW in text):
                # Named as the year before or after (与2023年相比, 2025年继续); or carried
                # text that prose.unconfirmed already asks the clerk to review.
                continue
            seen.add(written)
            if near:
                report(
                    f"文字把 {written} 年写作本年，而本报告是 {year} 年度：“{_excerpt(text)}”。"
                    f"如是沿用上年的句子，请改为本年度的情况（年度可写引用 {{年度}}）；"
                    f"如确指{'上一年' if written < year else '下一年'}，请写明"
                    f"（如“上年”“与{written}年相比”“{written}年将”）",
                    path,
                )
                continue
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
