"""The pipeline of one unit: facts → figures → findings, each stage a new value.

`evaluate` is what the report, the cycle and the CLI call: load the file (data layer), compute
every figure and score (compute layer), run the checks (checks layer), and hand back one frozen
value that the template context, `check` and `diff` all read.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from generator.checks import run_checks
from generator.checks.extension import point_to_extra
from generator.compute.figures import Figure
from generator.compute.scores import waits_for_todo
from generator.compute.scoring import Scored
from generator.compute.unit import Computed, compute
from generator.data.formats import Format, resolve
from generator.data.loader import Loaded, load
from generator.data.model import Report
from generator.errors import DataError, FormatError, JixiaoError, Judged, Problem


@dataclass(frozen=True)
class Evaluated(Judged):
    """A unit with every figure and every finding; nothing in it changes after `evaluate`."""

    computed: Computed
    problems: tuple[Problem, ...]  # located: each names the file and, where known, the line

    @property
    def loaded(self) -> Loaded:
        return self.computed.loaded

    @property
    def fmt(self) -> Format:
        return self.computed.fmt

    @property
    def report(self) -> Report:
        return self.computed.report

    @property
    def path(self) -> Path:
        return self.computed.path

    @property
    def figures(self) -> Mapping[str, Figure]:
        return self.computed.figures

    @property
    def scores(self) -> tuple[Scored | None, ...]:
        return self.computed.scores

    @property
    def attained(self) -> tuple[str | None, ...]:
        return self.computed.attained

    @property
    def data(self) -> dict:
        return self.computed.data

    def display(self, name: str) -> str:
        return self.computed.display(name)

    def displays(self) -> dict[str, str]:
        return self.computed.displays()


def format_id(loaded: Loaded, override: str | None) -> str:
    return override or loaded.report.unit.format or "standard"


def related(key: str, other: str) -> bool:
    """One key path is the other, or inside it: 指标[2] and 指标[2].实际值."""
    if not key or not other:
        return False
    return (
        key == other
        or other.startswith((key + ".", key + "["))
        or key.startswith((other + ".", other + "["))
    )


# Checks of the text as written, whatever values are still missing.
ABOUT_TEXT = {"prose.unconfirmed", "prose.year"}


def findings(unit: Computed) -> tuple[Problem, ...]:
    """The 待填 and schema errors and every check's findings, located in the unit file.

    Findings about a value still 待填, or not usable as written, only repeat that it is missing:
    the value's own error says so. The checks run with that value treated as missing.
    """
    loaded = unit.loaded
    inputs = point_to_extra(loaded.input_problems, unit.fmt)
    found = inputs + run_checks(unit, tolerate=bool(loaded.missing_keys))
    missing = loaded.missing_keys
    if missing:
        waiting = missing | {
            f"指标[{i}]"
            for i, ind in enumerate(unit.report.indicators, 1)
            if waits_for_todo(i, ind, missing)
        }
        found = inputs + tuple(
            p
            for p in found[len(inputs) :]
            if p.check in ABOUT_TEXT or not any(related(p.key, t) for t in waiting)
        )
    return tuple(replace(p, file=loaded.path, line=p.line or loaded.line(p.key)) for p in found)


def evaluate_loaded(loaded: Loaded, override_format: str | None = None) -> Evaluated:
    unit = compute(loaded, resolve(format_id(loaded, override_format)))
    return Evaluated(unit, findings(unit))


def evaluate(path: Path, override_format: str | None = None, raw: bytes | None = None) -> Evaluated:
    """Everything about one unit file (or its bytes, already read); DataError if it isn't TOML
    or its format cannot be used (at the 格式 line, as `check` says it)."""
    loaded = load(Path(path), raw)
    try:
        return evaluate_loaded(loaded, override_format)
    except FormatError as exc:
        raise DataError(
            Path(path), [format_problem(Path(path), loaded, override_format, exc)]
        ) from None


FORMAT_KEY = "单位.格式"


def format_problem(
    path: Path, loaded: Loaded | None, override_format: str | None, exc: JixiaoError
) -> Problem:
    """A format that cannot be used, at the data file's 格式 line when the data chose it."""
    if loaded is None or override_format:
        return Problem(str(exc), file=path, check="format")
    line = loaded.line(FORMAT_KEY)
    key = FORMAT_KEY if line else ""
    return Problem(str(exc), key=key, line=line, file=path, check="format")
