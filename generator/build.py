"""The library behind `jixiao build`: evaluate a unit, refuse on errors, render, write."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import DataError, JixiaoError, Problem
from generator.evaluate import Evaluated, evaluate
from generator.output import atomic_write
from generator.render import render

DEFAULT_OUTPUT = Path("output")


def unit_files(paths: list[Path]) -> list[Path]:
    """The unit files named: files as given, folders expanded to their *.toml, sorted."""
    files: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            files.extend(sorted(x for x in p.glob("*.toml") if x.is_file()))
        else:
            files.append(p)
    return files


@dataclass
class Outcome:
    """What became of one unit: built (with its output path) or failed (with its problems)."""

    source: Path
    target: Path | None = None
    status: str = "失败"  # 已生成 / 失败
    problems: list[Problem] = field(default_factory=list)
    unit: Evaluated | None = None

    @property
    def ok(self) -> bool:
        return self.status != "失败"

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]


def target_for(source: Path, out_dir: Path) -> Path:
    return Path(out_dir) / f"{Path(source).stem}.docx"


def build_unit(source: Path, out_dir: Path = DEFAULT_OUTPUT, format_id: str | None = None) -> Outcome:
    """Build one unit's report; never raises for a user's mistake, the outcome says what went wrong."""
    outcome = Outcome(source=Path(source))
    try:
        unit = evaluate(source, format_id)
        outcome.unit = unit
        outcome.problems = unit.problems
        if unit.errors:
            return outcome
        target = target_for(source, out_dir)
        atomic_write(target, render(unit))
        outcome.target, outcome.status = target, "已生成"
    except DataError as exc:
        outcome.problems = exc.problems
    except JixiaoError as exc:
        outcome.problems = outcome.problems + [Problem(str(exc), file=Path(source), check="build")]
    return outcome
