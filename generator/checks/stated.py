"""What an indicator's own text states against its own facts: a number that is not the actual
(“完成效果比例为90%” while 实际值 is 85%), and a sentence that denies what a count records
(“没有发生森林火灾” while 实际值 is 1次). Also which sentences mention a fact, for the commands
that change facts (import, diff, rollover) to list what the clerk should read again.

A number belongs to the indicator when it is written in the indicator's own text with the unit
of its 实际值; a clause that speaks of the target (目标, 计划, 不低于 …) is compared with the
指标值, and one that speaks of a part, another year or a change (其中, 上年, 增长 …) is not
compared at all: the text may say many things, and only what is clearly the fact is judged.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from generator.checks.base import WARNING, Reporter, check
from generator.checks.prose import ALIASES, INDICATOR_PROSE, prose_strings
from generator.compute.measures import Measure, ScoreError, normalise, parse_measure

if TYPE_CHECKING:
    from generator.compute.unit import Computed

# Units a clerk writes after a number, longest first so that 人次 is not read as 人.
UNITS = sorted(
    (
        "%", "‰", "万元", "亿元", "元", "人次", "户次", "人天", "个", "次", "人", "天", "项",
        "户", "件", "家", "场", "名", "所", "条", "篇", "期", "起", "处", "座", "台", "辆",
        "套", "份", "本", "批", "棵", "株", "亩", "吨", "公里", "千米", "平方米", "米",
        "小时", "个月", "分",
    ),
    key=len,
    reverse=True,
)  # fmt: skip
NUMBER = re.compile(
    # Dates (11月, 2023年) are not counted: a month is a deadline, not a quantity.
    r"(?<![\d.,])(\d+(?:[,，]\d{3})*(?:\.\d+)?)\s*("
    + "|".join(map(re.escape, UNITS))
    + ")(?!百分点)"
)
SENTENCE_END = "。；;！？!?\n"
CLAUSE_END = SENTENCE_END + "，,"  # a list (线上1次、线下1次) is one clause
# A clause about the target, not the result.
TARGET_WORDS = re.compile(
    r"目标|计划|预期|预计|指标值|要求|不低于|不少于|不超过|不高于|不大于|不小于|以上|以内|以下|"
    r"力争|确保|设定|标准|≥|≤|>|<|＞|＜"
)
# A clause about something else than this year's result: a part, another year, a change.
ASIDE_WORDS = re.compile(
    r"其中|分别|上年|去年|同比|同期|较|比上|相比|对比|增长|增加|减少|下降|提高了|降低|"
    r"平均|人均|户均|每|超出|超过|差距|累计|历年|以来|第"
)
# Words that deny an event or a thing: “没有发生森林火灾”, “未出现安全事故”, “零投诉”.
DENIAL = "没有|没|未|无|零|杜绝|不存在|从未"
DENIED_AFTER = "为零|为0|零发生|清零|未发生|没有发生|未出现|没有出现"
# What an indicator counts, once these measure words are taken off its name.
COUNT_SUFFIXES = (
    "发生次数", "发生起数", "发生率", "次数", "起数", "件数", "人数", "户数", "个数", "数量",
    "发生数", "数", "率", "量",
)  # fmt: skip


def numbers_in(text: str) -> Iterator[tuple[re.Match, Decimal]]:
    """Every number written with a unit, and its value."""
    for m in NUMBER.finditer(text):
        yield m, Decimal(re.sub("[,，]", "", m.group(1)))


def around(text: str, start: int, end: int, stops: str = CLAUSE_END) -> str:
    """The clause (or sentence, with SENTENCE_END) of text holding text[start:end]."""
    left = max(text.rfind(ch, 0, start) for ch in stops) + 1
    right = min((i for i in (text.find(ch, end) for ch in stops) if i >= 0), default=len(text))
    return text[left:right]


def measure(text: object) -> Measure | None:
    """A target or actual read as a number with its unit; None for a verdict or what can't be read."""
    if not isinstance(text, str):
        return None
    try:
        m = parse_measure(text)
    except ScoreError:
        return None
    return m if m.value is not None and m.unit else None


def subject(name: str) -> str:
    """What an indicator counts: 森林火灾发生次数 → 森林火灾."""
    for suffix in COUNT_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


def denies(text: str, what: str) -> str | None:
    """The sentence of text that says `what` did not happen, or None."""
    w = re.escape(what)
    said = re.search(
        rf"(?:{DENIAL})[^{CLAUSE_END}]{{0,8}}?{w}|{w}[^{CLAUSE_END}]{{0,8}}?(?:{DENIED_AFTER})",
        text,
    )
    return None if said is None else around(text, said.start(), said.end(), SENTENCE_END)


@dataclass(frozen=True)
class Stated:
    """A number an indicator's text writes for its own actual or target, unlike the fact."""

    path: str  # the text's key path: 指标[2].说明[1]
    shown: str  # 90%
    fact: str  # 指标[2].实际值
    fact_text: str  # 85%
    role: str  # 实际值 or 指标值


def own_numbers(u: Computed) -> Iterator[Stated]:
    """Numbers in each indicator's own text, with the unit of its actual, that are not the fact."""
    rows = u.facts.get("指标")
    for i, row in enumerate(rows if isinstance(rows, list) else [], 1):
        if not isinstance(row, dict):
            continue
        actual, target = measure(row.get("实际值")), measure(row.get("指标值"))
        if actual is None:
            continue
        for path, text in _own_texts(row, i):
            for m, value in numbers_in(text):
                if normalise(m.group(2)) != normalise(actual.unit):
                    continue
                clause = around(text, m.start(), m.end())
                if ASIDE_WORDS.search(clause) or _other_rate(clause, str(row.get("三级", ""))):
                    continue
                if TARGET_WORDS.search(clause):
                    if target is not None and target.unit == actual.unit and value != target.value:
                        yield Stated(path, m.group(0), f"指标[{i}].指标值", target.text, "指标值")
                elif value != actual.value:
                    yield Stated(path, m.group(0), f"指标[{i}].实际值", actual.text, "实际值")


RATE_WORD = re.compile(r"[\u4e00-\u9fff]{2}率")


def _other_rate(clause: str, name: str) -> bool:
    """The clause names a rate that is not the indicator's: “问卷回收率95%” beside 满意度."""
    return any(w not in name and w[1:] not in name for w in RATE_WORD.findall(clause))


def _own_texts(row: dict, i: int) -> Iterator[tuple[str, str]]:
    for key in INDICATOR_PROSE:
        value = row.get(key)
        items = value if isinstance(value, list) else [value]
        for j, text in enumerate(items, 1):
            if isinstance(text, str):
                yield (
                    (f"指标[{i}].{key}[{j}]" if isinstance(value, list) else f"指标[{i}].{key}"),
                    text,
                )


def _line(u: Computed, key: str) -> str:
    line = u.loaded.line(key)
    return f"第 {line} 行 {key}" if line else key


@check("prose.indicator-number", WARNING, "指标文字中写的数与该指标的实际值、指标值一致")
def own_number(u: Computed, report: Reporter) -> None:
    for s in own_numbers(u):
        label = u.facts["指标"][int(s.fact[3 : s.fact.index("]")]) - 1].get("三级", "")
        report(
            f"指标“{label}”的文字写“{s.shown}”，而{s.role}是 {s.fact_text}（{_line(u, s.fact)}）。"
            f"请按{s.role}改正这句话，或写引用 {{{s.role}}}，数字会随数据自动更新",
            s.path,
        )


@check("prose.denial", WARNING, "指标文字不否认实际值记下的次数")
def denial(u: Computed, report: Reporter) -> None:
    rows = u.facts.get("指标")
    for i, row in enumerate(rows if isinstance(rows, list) else [], 1):
        if not isinstance(row, dict):
            continue
        actual = measure(row.get("实际值"))
        if actual is None or actual.value == 0 or actual.unit in ("%", "‰"):
            continue
        what = subject(str(row.get("三级", "")))
        if len(what) < 2:
            continue
        for path, text in _own_texts(row, i):
            said = denies(text, what)
            if said:
                report(
                    f"指标“{row.get('三级')}”的文字说“{said}”，而实际值是 {actual.text}"
                    f"（{_line(u, f'指标[{i}].实际值')}）。请按实际情况改写这句话，或核对实际值",
                    path,
                )
                break


# The figure names each fact of the unit file may be written as in text (执行数 ← 全年执行 …).
def fact_words(key: str) -> set[str]:
    """The words naming a fact in text: its own key and the aliases of the figure it repeats."""
    name = key.rsplit(".", 1)[-1]
    return {name} | {alias for alias, figure in ALIASES.items() if figure == name}


@dataclass(frozen=True)
class Mention:
    """A sentence that states a fact with a number: where it is, and the sentence."""

    path: str
    sentence: str


def mentions(data: dict, key: str, old: object) -> list[Mention]:
    """The sentences of a unit's text that write the fact at `key` (its value was `old`).

    An indicator's fact (指标[3].实际值): that indicator's own sentences with a number of the
    fact's unit, or that deny what it counts. Any other fact: sentences that name it and write a
    number with a unit, or that write its old value with a unit.
    """
    found: list[Mention] = []
    row_key = re.match(r"指标\[(\d+)\]\.", key)
    rows = data.get("指标")
    if row_key:
        i = int(row_key.group(1))
        if (
            not isinstance(rows, list)
            or not 0 < i <= len(rows)
            or not isinstance(rows[i - 1], dict)
        ):
            return []
        row = rows[i - 1]
        was = measure(old)
        unit = was.unit if was else (measure(row.get("实际值")) or Measure("")).unit
        what = subject(str(row.get("三级", "")))
        for path, text in _own_texts(row, i):
            for m, _value in numbers_in(text):
                if unit and m.group(2) == unit:
                    found.append(Mention(path, around(text, m.start(), m.end(), SENTENCE_END)))
            said = denies(text, what) if len(what) >= 2 else None
            if said:
                found.append(Mention(path, said))
        return list(dict.fromkeys(found))
    words = fact_words(key)
    value = old if isinstance(old, Decimal) else None
    for path, text in prose_strings(data):
        for m, typed in numbers_in(text):
            sentence = around(text, m.start(), m.end(), SENTENCE_END)
            if (value is not None and typed == value) or any(w in sentence for w in words):
                found.append(Mention(path, sentence))
    return list(dict.fromkeys(found))
