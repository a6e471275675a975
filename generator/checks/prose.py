"""Narrative text against the figures: references must exist, typed numbers must not go stale."""

from __future__ import annotations

import difflib
import re
import weakref
from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from generator.checks.base import ERROR, WARNING, Reporter, check
from generator.compute.figure_kinds import is_score
from generator.compute.figures import COUNT, MONEY, RATE, SCORE
from generator.compute.lineage import figure_facts, missing_facts
from generator.compute.numbers import HUNDRED, round_half_up

if TYPE_CHECKING:
    from generator.compute.unit import Computed

# Words clerks use for a computed figure, beyond the figure's own name.
ALIASES = {
    "执行率": "预算执行率",
    "差异率": "部门预决算差异率",
    "调整率": "预算调整率",
    "控制率": "预算控制率",
    "综合得分": "总分",
    "总得分": "总分",
    "最终得分": "总分",
    "自评得分": "总分",
    "自评总分": "总分",
    "评价得分": "总分",
    "绩效得分": "总分",
    "综合评分": "总分",
    "自评分": "总分",
    "总体得分": "总分",
    "整体得分": "总分",
    "综合得分率": "得分率",
    "支出执行率": "预算执行率",
    "资金执行率": "预算执行率",
    "预算支出执行率": "预算执行率",
    "全年执行": "执行数",
    "决算支出": "执行数",
    "决算数": "执行数",
    "全年（调整）预算": "调整预算",
    "全年预算": "调整预算",
    "调整后预算": "调整预算",
    "年初预算数": "年初预算",
    "调整预算数": "调整预算",
    "三公经费支出": "三公经费实际",
    "三公经费实际支出": "三公经费实际",
    "三公经费决算": "三公经费实际",
}
# In text about the whole unit, a bare 得分/评分/总分 is the total; in an indicator's own text it
# is that indicator's score.
UNIT_SCORE_WORDS = {"得分": "总分", "评分": "总分", "总分": "总分", "分数": "总分"}
SCORE_FIGURES = {"总分", "满分", "扣分", "得分率"}
UNIT_KIND = {
    "%": RATE,
    "万元": MONEY,
    "元": MONEY,
    "分": SCORE,
    "人": COUNT,
    "个": COUNT,
    "项": COUNT,
    "条": COUNT,
    "家": COUNT,
}
# An amount in 元 is the figure (in 万元) times this; the others are the figure's own unit.
SCALE = {"元": Decimal(10000)}
# 人次, 个月, 项目: not the count the unit's figures hold.
NUMBER = re.compile(
    r"(\d[\d,]*(?:\.\d+)?)\s*(%|万元|元|分|人(?!次|天)|个(?!月|百分点)|项(?!目)|条|家)"
)
CLAUSE_END = "。；;，,！？\n"
PROSE_SECTIONS = ("叙述", "问题", "建议")
PROSE_FIELDS = {
    "预算": ("差异原因", "结转结余说明"),
    "绩效目标": ("完成情况", "总体目标", "设立情况", "分项"),
    "人员编制": ("说明",),
    "机构设置": ("概述",),
}
INDICATOR_PROSE = ("说明", "偏差原因", "评分理由")


# A narrative string's place: its key path, the table or array holding it, and its key or index
# there (the caller may assign to holder[at]).
Place = tuple[str, dict | list, Any]


def prose_places(data: dict) -> Iterator[Place]:
    """(key path, container, index or key) of every narrative string in the unit's data.

    The container may be changed in place (rollover marks carried text this way); it is a plain
    dict/list or a tomlkit table/array, which behave alike.
    """

    # Each value is read when the walk reaches it, after the caller changed those before it.
    def walk(value: object, holder: dict | list, at: str | int, path: str) -> Iterator[Place]:
        if isinstance(value, str):
            yield path, holder, at
        elif isinstance(value, list):
            for i in range(len(value)):
                yield from walk(value[i], value, i, f"{path}[{i + 1}]")
        elif isinstance(value, dict):
            for k in list(value):
                yield from walk(value[k], value, k, f"{path}.{k}")

    for section in PROSE_SECTIONS:
        if section in data:
            yield from walk(data[section], data, section, section)
    for section, keys in PROSE_FIELDS.items():
        table = data.get(section)
        if isinstance(table, dict):
            for key in keys:
                if key in table:
                    yield from walk(table[key], table, key, f"{section}.{key}")
    rows = data.get("指标")
    for i, row in enumerate(rows if isinstance(rows, list) else [], 1):
        if isinstance(row, dict):
            for key in INDICATOR_PROSE:
                if key in row:
                    yield from walk(row[key], row, key, f"指标[{i}].{key}")


def prose_strings(data: dict) -> Iterator[tuple[str, str]]:
    """(key path, text) of every narrative string in the unit's data."""
    for path, holder, at in prose_places(data):
        yield path, holder[at]


@check("prose.reference", ERROR, "文字中的 {引用} 指向存在的计算值")
def references(u: Computed, report: Reporter) -> None:
    names = list(u.figures)
    for path, name in u.unresolved:
        if figure_facts().get(name):
            keys = "、".join(missing_facts(name, u.report))
            report(
                f"文字中引用了计算值 {{{name}}}，但数据中没有 {keys}，算不出它：请填写 {keys}，"
                "或删去这处引用",
                path,
            )
            continue
        close = difflib.get_close_matches(name, names, n=1, cutoff=0.5)
        hint = f"，是不是 {{{close[0]}}}？" if close else "。`jixiao check` 列出可引用的全部名称"
        report(f"文字中引用了不存在的计算值 {{{name}}}{hint}", path)


def _subject(
    u: Computed, text: str, start: int, path: str, kind: str
) -> tuple[str | None, Decimal | None]:
    """The figure a typed number speaks of: the last figure name or alias in its clause."""
    clause_start = max(text.rfind(ch, 0, start) for ch in CLAUSE_END) + 1
    clause = text[clause_start:start]
    aliases = dict(ALIASES)
    if not path.startswith("指标["):
        aliases.update(UNIT_SCORE_WORDS)
    candidates = {name: name for name, fig in u.figures.items() if fig.kind == kind}
    candidates.update(
        {a: n for a, n in aliases.items() if n in u.figures and u.figures[n].kind == kind}
    )
    if any(s is None for s in u.scores) or path.startswith("指标["):
        # A total of some of the scores says nothing yet; an indicator's text speaks of its own.
        candidates = {w: n for w, n in candidates.items() if n not in SCORE_FIGURES}
    best: tuple[str, str] | None = None
    best_end = -1
    for word, name in candidates.items():
        at = clause.rfind(word)
        if at >= 0 and (
            at + len(word) > best_end
            or (best is not None and at + len(word) == best_end and len(word) > len(best[0]))
        ):
            best, best_end = (word, name), at + len(word)
    if best:
        return best[1], u.number(best[1])
    m = re.match(r"指标\[(\d+)\]\.", path)
    if kind == SCORE and m and "得分" in clause:
        scored = u.scores[int(m.group(1)) - 1]
        if scored is not None:
            return f"该指标得分（{u.report.indicators[int(m.group(1)) - 1].label}）", scored.score
    return None, None


# (path, typed text, figure name, typed value, computed value at the typed precision)
Typed = tuple[str, str, str, Decimal, Decimal]
_scanned: tuple[weakref.ref[Computed], list[Typed]] | None = (
    None  # the last unit scanned, and what it holds
)


def typed_numbers(u: Computed) -> list[Typed]:
    """(path, typed text, figure name, typed value, computed value at the typed precision).

    Two checks read this; the unit's prose is scanned once for both.
    """
    global _scanned
    if _scanned is None or _scanned[0]() is not u:
        _scanned = (weakref.ref(u), list(_scan(u)))
    return _scanned[1]


def _scan(u: Computed) -> Iterator[Typed]:
    for path, text in prose_strings(u.facts):
        for m in NUMBER.finditer(text):
            kind = UNIT_KIND[m.group(2)]
            name, value = _subject(u, text, m.start(), path, kind)
            if name is None or value is None:
                continue
            typed = Decimal(m.group(1).replace(",", ""))
            places = len(m.group(1).partition(".")[2])  # as many as the text writes
            value *= HUNDRED if kind == RATE else SCALE.get(m.group(2), 1)
            computed = round_half_up(value, places)
            yield path, m.group(0), name, typed, computed


@check("prose.stale-number", ERROR, "文字中手写的数字与计算值一致")
def stale(u: Computed, report: Reporter) -> None:
    for path, shown, name, typed, computed in typed_numbers(u):
        if typed != computed:
            unit = NUMBER.fullmatch(shown)
            report(
                f"文字写的“{shown}”与计算的{name} {computed}{unit.group(2) if unit else ''} 不符。"
                f"请改为引用 {{{name}}}，数字会随数据自动更新{_from_facts(u, name)}",
                path,
            )


def _from_facts(u: Computed, name: str) -> str:
    """Where the facts a figure is made from are written: “（数据：第 63 行 预算.执行数）”."""
    if name not in u.figures or is_score(name):
        return ""  # a score is made from every indicator's row: the text names it well enough
    where = []
    for key in sorted(figure_facts().get(name, ())):
        line = None if "[]" in key else u.loaded.line(key)
        if line:
            where.append(f"第 {line} 行 {key}")
    return f"（数据：{'、'.join(where)}）" if where else ""


@check("prose.typed-number", WARNING, "文字中手写了工具会计算的数字")
def typed(u: Computed, report: Reporter) -> None:
    for path, shown, name, typed, computed in typed_numbers(u):
        if typed == computed and name in u.figures:
            report(
                f"文字写的“{shown}”与计算的{name}一致，建议改为引用 {{{name}}}，数据更正后句子不会过时",
                path,
            )
