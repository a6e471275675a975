"""The computation stage: a loaded unit and its format in, every figure and score out."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from generator.compute.corrections import Stated, corrections
from generator.compute.figures import Figure, fact_figures
from generator.compute.references import resolve_references
from generator.compute.scores import (
    add_attainment_figures,
    add_score_figures,
    add_target_figures,
    attain_execution,
    attain_indicators,
    score_indicators,
)
from generator.compute.scoring import Scored
from generator.compute.wording import score_notes
from generator.data.formats import Format
from generator.data.loader import Loaded
from generator.data.model import Report
from generator.data.schema import to_chinese


@dataclass(frozen=True)
class Computed:
    """A unit with every number the tool derives from it; the checks and the template read this."""

    loaded: Loaded
    fmt: Format
    figures: Mapping[str, Figure]
    scores: tuple[Scored | None, ...]
    score_errors: Mapping[str, str]  # key path → why the indicator has no score
    attained: tuple[str | None, ...]  # 达成/部分达成/未达成 per indicator
    attain_errors: Mapping[int, str]
    data: dict  # the facts in Chinese keys, {references} resolved
    unresolved: tuple[tuple[str, str], ...]  # (key path, unknown name)
    facts: dict  # the facts in Chinese keys as written, {references} not resolved
    notes: tuple[str | None, ...] = ()  # 计分说明 per indicator: the score in report language
    corrections: tuple[Stated, ...] = ()  # 更正, each as the report states it

    @property
    def report(self) -> Report:
        return self.loaded.report

    @property
    def path(self) -> Path:
        return self.loaded.path

    def number(self, name: str) -> Decimal | None:
        """A numeric figure's value; None when the unit's data give none."""
        figure = self.figures.get(name)
        return None if figure is None else figure.number

    def display(self, name: str) -> str:
        return self.figures[name].display(self.fmt.settings)

    def displays(self) -> dict[str, str]:
        return {name: fig.display(self.fmt.settings) for name, fig in self.figures.items()}


def compute(loaded: Loaded, fmt: Format) -> Computed:
    r, s = loaded.report, fmt.settings
    figures = fact_figures(r)
    rate = figures["预算执行率"].number if "预算执行率" in figures else None
    scores, score_errors = score_indicators(r, s, rate, loaded.missing_keys)
    attained, attain_errors = attain_indicators(r, s.qualitative)
    attained = attain_execution(attained, r, s, rate)
    add_score_figures(figures, r, s, scores)
    add_attainment_figures(figures, r, attained)
    add_target_figures(figures, r, s)
    displays = {name: fig.display(s) for name, fig in figures.items()}
    facts = to_chinese(r)  # converted once: the report and the prose checks read it
    assert isinstance(facts, dict)
    data, unresolved = resolve_references(facts, displays)
    assert isinstance(data, dict)
    if loaded.missing_keys:  # with values still 待填 (or unusable) a name may only be waiting
        unresolved = ()
    notes = score_notes(r.indicators, scores, rate, s)
    return Computed(
        loaded,
        fmt,
        figures,
        scores,
        score_errors,
        attained,
        attain_errors,
        data,
        unresolved,
        facts,
        notes=notes,
        corrections=corrections(r, s),
    )
