"""Which facts a format's report prints, from its template: facts filled in that it never prints,
and figures it prints that the data can't give.

What the template reads (`template/use.py`) is followed back to the facts: a figure
(`数据.预算执行率`) to the facts it is computed from (`compute/lineage.py`), a score or grade to
the indicators' targets, actuals, weights and scores, a loop variable to its list.
"""

from __future__ import annotations

import dataclasses
import re
import typing
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from generator.checks.base import ERROR, WARNING, Reporter, check
from generator.compute.figure_kinds import is_score
from generator.compute.figures import source_rate_name
from generator.compute.lineage import figure_facts
from generator.compute.references import cited_names
from generator.data import model
from generator.data.formats import Format
from generator.data.schema import SHORTHAND, TODO, fields_of
from generator.template.use import FIGURE_ROOTS, TemplateUse, template_use

if TYPE_CHECKING:
    from generator.compute.unit import Computed

ROWS = "指标[]"
SCORING = tuple(f"{ROWS}.{k}" for k in ("指标值", "实际值", "分值", "得分", "规则", "评分理由"))
VERDICT = (f"{ROWS}.指标值", f"{ROWS}.实际值")
# Fields the template context adds to each indicator row, and the facts they come from.
ROW_FIELDS: dict[str, tuple[str, ...]] = {
    "得分": SCORING,
    "评分说明": SCORING,
    "计分说明": SCORING,
    "得分率": SCORING,
    "规则": SCORING,
    "达成情况": VERDICT,
    "定性": (f"{ROWS}.指标值",),
    "序号": (),
}
# The field the template context adds to each 资金来源 row: its 执行率 figure.
SOURCE_RATE = "预算.来源[].执行率"
# Facts the tool itself reads whatever the template: the title, author and file name of the
# .docx, the format, the year (for the checks of dates), and what is stated only to be checked.
ALWAYS = frozenset(
    {"单位.名称", "单位.简称", "单位.年度", "单位.格式", "单位.编制单位", "评价.总分", "评价.等级"}
)
# Context lists made from facts: the sentences the corrections are stated in.
MADE_FROM = {"更正说明": "更正"}
# Facts that are used when given but need not be: a score the evaluator gives instead of the
# rule's, a rule instead of the format's, a stated total or grade to check against, and a
# correction of a figure that differs from its source.
OPTIONAL_INPUTS = frozenset(
    {f"{ROWS}.得分", f"{ROWS}.规则", f"{ROWS}.评分理由", "评价.总分", "评价.等级", "更正[]"}
)


def normalise(path: str) -> str:
    """指标[3].说明[1] → 指标[].说明[]."""
    return re.sub(r"\[\d+\]", "[]", path)


def figure_sources(name: str) -> frozenset[str]:
    """The facts a figure is made from (indices as [])."""
    if is_score(name):
        return frozenset(SCORING + ("指标[].一级", "预算.执行数", "预算.调整预算"))
    return figure_facts().get(name, frozenset())


def facts_of(path: str) -> set[str]:
    """The facts behind one path the template reads."""
    root, _, rest = path.partition(".")
    if root in FIGURE_ROOTS:
        name = rest.split(".")[0].split("[")[0]
        if not name:  # the whole table of figures
            return set().union(*figure_facts().values()) | set(SCORING)
        return set(figure_sources(name))
    if root == "格式":
        return set()
    if root.split("[")[0] in MADE_FROM:
        return {MADE_FROM[root.split("[")[0]]}
    group = re.match(r"^([一二])级指标(\[\])?(.*)$", path)
    if group:
        level, tail = group.group(1), group.group(3)
        if tail.startswith(".指标[]"):
            return facts_of(ROWS + tail[len(".指标[]") :])
        field = tail.lstrip(".").split(".")[0]
        if field in ("名称", "一级", "二级"):
            key = field if field != "名称" else f"{level}级"
            return {f"{ROWS}.{key}"}
        return set(SCORING) if field else {f"{ROWS}.{level}级"}
    if path == SOURCE_RATE:
        return set(figure_sources(source_rate_name(1)))
    if path.startswith(ROWS + "."):
        field = path[len(ROWS) + 1 :].split(".")[0].split("[")[0]
        if field in ROW_FIELDS:
            return set(ROW_FIELDS[field])
    return {path}


def _related_below(inner: str, outer: str) -> bool:
    """`inner` is `outer` or lies inside it."""
    return inner == outer or inner.startswith((outer + ".", outer + "["))


@dataclass(frozen=True)
class Printed:
    """The facts a format's report uses: printed (with everything inside) or only tested."""

    printed: frozenset[str]
    tested: frozenset[str]
    unguarded: frozenset[str]  # figures read with no `is defined` check, no condition, no loop

    def asks(self, fact: str) -> bool:
        """Whether a new unit file should ask for the fact: used, and not an optional input."""
        fact = normalise(fact)
        return not any(_related_below(fact, o) for o in OPTIONAL_INPUTS) and self.prints(fact)

    def prints(self, fact: str) -> bool:
        """Whether the report uses the fact (key path, indices as [] or numbers)."""
        fact = normalise(fact)
        if any(_related_below(fact, p) or _related_below(p, fact) for p in self.printed):
            return True
        return any(_related_below(p, fact) for p in self.tested)


def _printed(use: TemplateUse, scored: bool) -> Printed:
    printed = set(ALWAYS)
    for path in use.printed:
        printed |= facts_of(path)
    tested: set[str] = set()
    for path in use.tested - use.printed:
        tested |= facts_of(path)
    if scored:
        printed |= set(SCORING) | {f"{ROWS}.一级"}
    return Printed(frozenset(printed), frozenset(tested), use.unguarded)


@lru_cache(maxsize=32)
def _printed_cached(use: TemplateUse, scored: bool) -> Printed:
    return _printed(use, scored)


def printed_facts(fmt: Format) -> Printed | None:
    """What the format's report uses, or None when its template can't be read."""
    use = template_use(fmt.template)
    if use is None:
        return None
    return _printed_cached(use, fmt.settings.scoring.scored)


@cache
def model_paths() -> frozenset[str]:
    """Every key path the model knows (indices as [])."""
    out: set[str] = set()

    def walk(cls: Any, path: str, within: tuple) -> None:
        for key, (_f, typ) in fields_of(cls).items():
            here = f"{path}{key}"
            inner = typing.get_args(typ)[0] if typing.get_origin(typ) is list else None
            out.add(here)
            if inner is not None:
                out.add(here + "[]")
            target = inner if inner is not None else typ
            if dataclasses.is_dataclass(target) and target not in within:
                walk(target, here + ("[]." if inner is not None else "."), (*within, target))

    walk(model.Report, "", (model.Report,))
    return frozenset(out)


def filled_facts(data: dict) -> list[tuple[str, str]]:
    """(key path, model path) of every value filled in: not empty, not 待填."""
    known = model_paths()
    found: list[tuple[str, str]] = []

    def walk(value: object, path: str) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, f"{path}.{k}" if path else k)
        elif isinstance(value, list):
            for i, v in enumerate(value, 1):
                walk(v, f"{path}[{i}]")
        elif value is not None and value != "" and value != TODO:
            norm = normalise(path)
            for candidate in (norm, *(f"{norm}.{k}" for k in _shorthand_keys())):
                if candidate in known:
                    found.append((path, candidate))
                    return

    walk(data, "")
    return found


@cache
def _shorthand_keys() -> tuple[str, ...]:
    """名称, 内容[]: the key a plain string stands for in an office or a paragraph."""
    keys = []
    for cls, attr in SHORTHAND.items():
        for key, (f, typ) in fields_of(cls).items():
            if f.name == attr:
                keys.append(key + ("[]" if typing.get_origin(typ) is list else ""))
    return tuple(keys)


def _referenced(data: dict) -> set[str]:
    """Facts behind the figures the unit's own text cites ({预算执行率} …)."""
    names = cited_names(data)
    return set().union(*(figure_sources(n) for n in names)) if names else set()


LISTED = 8


@check("format.unprinted", WARNING, "填写的数据都印在本格式的报告中")
def unprinted(u: Computed, report: Reporter) -> None:
    printed = printed_facts(u.fmt)
    if printed is None:
        return
    cited = _referenced(u.loaded.data)
    # Judged once per fact as the format knows it (指标[].三级): a unit's rows share them all.
    unused: dict[str, bool] = {}
    facts = []
    for path, known in filled_facts(u.loaded.data):
        if known not in unused:
            unused[known] = not printed.prints(known) and not any(
                _related_below(known, c) for c in cited
            )
        if unused[known]:
            facts.append((path, known))
    if not facts:
        return
    names = list(dict.fromkeys(known for _, known in facts))
    shown = "、".join(names[:LISTED]) + (f" 等 {len(names)} 项" if len(names) > LISTED else "")
    report(
        f"格式“{u.fmt.id}”的报告不印这些数据：{shown}。"
        f"它们不出现在报告中（有的只用于核对）；本格式用不到的可以删去",
        facts[0][0],
    )


@check("format.missing", ERROR, "本格式的报告要印的计算值都能由数据算出")
def missing(u: Computed, report: Reporter) -> None:
    printed = printed_facts(u.fmt)
    if printed is None:
        return
    for path in sorted(printed.unguarded):
        name = path.split(".", 1)[1]
        if name in u.figures or is_score(name):
            continue  # score figures: score.* checks say why an indicator has no score
        sources = sorted(figure_sources(name))
        if not sources:
            continue  # not a figure of the data at all: rendering names the placeholder
        given = {known for _, known in filled_facts(u.loaded.data)}
        absent = [s for s in sources if s not in given] or sources
        report(
            f"格式“{u.fmt.id}”的报告要印“{name}”（模板中的 {{{{ {path} }}}}），"
            f"它由 {'、'.join(sources)} 算出，数据中没有 {'、'.join(absent)}。"
            f"请填写（没有这项金额就写 0），否则无法生成报告",
            absent[0].replace("[]", "[1]"),
        )
