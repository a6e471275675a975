"""Load → score → compute → check: one unit, evaluated against its format, ready to render."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from generator import checks
from generator.errors import Findings, Problem, errors_in, warnings_in
from generator.figures import COUNT, RATE, SCORE, TEXT, Figures, compute
from generator.formats import Format, resolve
from generator.loader import Loaded, load
from generator.numbers import ratio, round_half_up
from generator.schema import TODO_CHECK, to_chinese
from generator.scoring import (
    Scored,
    ScoreError,
    attainment,
    grade_for,
    score_indicator,
    uses_execution_rate,
)

REFERENCE = re.compile(r"\{([\w\u4e00-\u9fff]+)\}")


@dataclass
class Evaluated:
    """A unit with everything the tool derives from it."""

    loaded: Loaded
    fmt: Format
    figures: Figures
    scores: list[Scored | None]
    score_errors: dict[str, str] = field(default_factory=dict)  # key path → why it has no score
    findings: Findings = field(default_factory=Findings)
    data: dict = field(default_factory=dict)  # the facts in Chinese keys, references resolved
    unresolved: list[tuple[str, str]] = field(default_factory=list)  # (key path, unknown name)
    attained: list[str | None] = field(default_factory=list)  # 达成/部分达成/未达成 per indicator
    attain_errors: dict[int, str] = field(default_factory=dict)

    @property
    def report(self):
        return self.loaded.report

    @property
    def path(self) -> Path:
        return self.loaded.path

    def display(self, name: str) -> str:
        return self.figures[name].display(self.fmt.settings)

    def displays(self) -> dict[str, str]:
        return {name: fig.display(self.fmt.settings) for name, fig in self.figures.items()}

    @property
    def problems(self) -> list[Problem]:
        for p in self.findings.items:
            p.file = self.path
            if p.line is None and p.key:
                p.line = self.loaded.line(p.key)
        return self.findings.items

    @property
    def errors(self) -> list[Problem]:
        return errors_in(self.problems)

    @property
    def warnings(self) -> list[Problem]:
        return warnings_in(self.problems)


def format_id(loaded: Loaded, override: str | None) -> str:
    return override or loaded.report.unit.format or "standard"


def score_all(u: Evaluated) -> None:
    rules = u.fmt.settings.scoring
    if not rules.scored:  # the district's report carries no weights or scores
        u.scores.extend(None for _ in u.report.indicators)
        return
    rate = u.figures["预算执行率"].value if "预算执行率" in u.figures else None
    places = u.fmt.settings.numbers.percent_places
    for i, ind in enumerate(u.report.indicators, 1):
        try:
            scored = score_indicator(ind, rules, rate, places)
            if scored.computed:
                # A computed score is a result printed beside the others: it is rounded once here,
                # so the total is exactly the sum of the scores the report shows.
                scored.score = round_half_up(scored.score, u.fmt.settings.numbers.score_places)
            u.scores.append(scored)
        except ScoreError as exc:
            u.scores.append(None)
            if not waits_for_todo(u, i, ind):
                key = f"指标[{i}].{exc.key}" if exc.key else f"指标[{i}]"
                u.score_errors[key] = f"“{ind.label}”：{exc}"


def waits_for_todo(u: Evaluated, i: int, ind) -> bool:
    """An indicator that can't be scored only because a value it needs is still 待填."""
    todo = u.loaded.todo_keys
    if any(k.startswith(f"指标[{i}].") for k in todo):
        return True
    return uses_execution_rate(ind) and bool(todo & {"预算.执行数", "预算.调整预算"})


def attain_all(u: Evaluated) -> None:
    """Whether each indicator met its target, read from 指标值 and 实际值 without weights."""
    for i, ind in enumerate(u.report.indicators, 1):
        if ind.actual and REFERENCE.search(ind.actual):
            u.attained.append(None)  # a computed figure's display, not a measure to compare
            continue
        try:
            u.attained.append(attainment(ind))
        except ScoreError as exc:
            u.attained.append(None)
            u.attain_errors[i] = f"“{ind.label}”：{exc}"


def score_figures(u: Evaluated) -> None:
    f, inds = u.figures, u.report.indicators
    if not inds:
        return
    if not u.fmt.settings.scoring.scored:
        f.add("指标个数", Decimal(len(inds)), COUNT)
        return
    given = [s.score for s in u.scores if s is not None]
    total = sum(given, Decimal(0))
    full = sum((i.weight or Decimal(0) for i in inds), Decimal(0))
    names = " + ".join(i.label for i, s in zip(inds, u.scores, strict=True) if s is not None)
    f.add("总分", total, SCORE, names, [(i.label, s.score, SCORE) for i, s in zip(inds, u.scores, strict=True) if s])
    f.add("满分", full, SCORE)
    f.add("扣分", full - total, SCORE, "满分 − 总分", [("满分", full, SCORE), ("总分", total, SCORE)])
    f.add("得分率", ratio(total, full), RATE, "总分 ÷ 满分", [("总分", total, SCORE), ("满分", full, SCORE)])
    f.add("等级", grade_for(total, u.fmt.settings.grades), TEXT, "总分所在的等级区间")
    f.add("指标个数", Decimal(len(inds)), COUNT)
    for ind, scored in zip(inds, u.scores, strict=True):
        if scored is not None and scored.rule == "预算执行率":
            f.add("预算执行率分值", ind.weight, SCORE)
            f.add("预算执行率得分", scored.score, SCORE, scored.explanation)
            break


def resolve_references(u: Evaluated, data: object, displays: dict[str, str], path: str = "") -> object:
    """Replace {预算执行率} in narrative text by the computed figure; unknown names are errors."""
    if isinstance(data, dict):
        return {k: resolve_references(u, v, displays, f"{path}.{k}" if path else k) for k, v in data.items()}
    if isinstance(data, list):
        return [resolve_references(u, v, displays, f"{path}[{i}]") for i, v in enumerate(data, 1)]
    if not isinstance(data, str) or "{" not in data:
        return data

    def sub(m: re.Match) -> str:
        if m.group(1) in displays:
            return displays[m.group(1)]
        if not u.loaded.todo:  # with values still 待填 the name may only be waiting for them
            u.unresolved.append((path, m.group(1)))  # reported by the prose.reference check
        return m.group(0)

    return REFERENCE.sub(sub, data)


def evaluate_loaded(loaded: Loaded, override_format: str | None = None) -> Evaluated:
    fmt = resolve(format_id(loaded, override_format))
    u = Evaluated(loaded=loaded, fmt=fmt, figures=compute(loaded.report), scores=[])
    u.findings.items.extend(loaded.todo)
    score_all(u)
    attain_all(u)
    score_figures(u)
    u.data = resolve_references(u, to_chinese(loaded.report), u.displays())
    checks.run_all(u, u.findings)
    if loaded.todo:
        drop_waiting(u)
    return u


def related(key: str, other: str) -> bool:
    """One key path is the other, or inside it: 指标[2] and 指标[2].实际值."""
    if not key or not other:
        return False
    return key == other or other.startswith((key + ".", key + "[")) or key.startswith((other + ".", other + "["))


def drop_waiting(u: Evaluated) -> None:
    """Findings about a value still 待填 only repeat that it is missing: the 待填 error says so."""
    todo = u.loaded.todo_keys | {
        f"指标[{i}]" for i, ind in enumerate(u.report.indicators, 1) if waits_for_todo(u, i, ind)
    }
    u.findings.items = [
        p for p in u.findings.items
        if p.check == TODO_CHECK or not any(related(p.key, t) for t in todo)
    ]


def evaluate(path: Path, override_format: str | None = None, raw: bytes | None = None) -> Evaluated:
    """Everything about one unit file (or its bytes, already read); DataError if it is unusable."""
    return evaluate_loaded(load(Path(path), raw), override_format)
