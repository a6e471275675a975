"""The library behind `jixiao build`: evaluate a unit, refuse on errors, render, write safely."""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from generator.cycle import DEFAULT_OUTPUT, records
from generator.cycle.folder_settings import FILE, keeps_edited
from generator.errors import (
    DataError,
    JixiaoError,
    OverwriteError,
    Problem,
    RenderError,
    errors_in,
    warnings_in,
)
from generator.report.write import is_dir

if TYPE_CHECKING:
    from generator.cycle.edits import Edit
    from generator.evaluate import Evaluated

BUILT, UNCHANGED, KEPT, FAILED = "已生成", "未变", "保留", "失败"


# The pipeline and the renderer load on first use: a run where every unit is unchanged never
# imports the checks, Jinja or docx.
def evaluate(source: Path, format_id: str | None, raw: bytes) -> Evaluated:
    from generator.evaluate import evaluate

    return evaluate(source, format_id, raw)


def render(unit: Evaluated) -> bytes:
    from generator.report.render import render

    return render(unit)


def unit_files(paths: list[Path]) -> list[Path]:
    """The unit files named: files as given, folders expanded to their *.toml, sorted; a file
    named twice (or through a folder and by name) counts once."""
    files: list[Path] = []
    seen: set[Path] = set()
    for p in paths:
        p = Path(p)
        found = (
            sorted(x for x in p.glob("*.toml") if x.is_file() and x.name != FILE)
            if is_dir(p)
            else [p]
        )
        for f in found:
            key = Path(os.path.abspath(f))
            with contextlib.suppress(OSError, ValueError):
                key = Path(os.path.realpath(f))  # f.resolve() without its extra stat per file
            if key not in seen:
                seen.add(key)
                files.append(f)
    return files


@dataclass
class Outcome:
    """What became of one unit: built, unchanged (skipped) or failed (with its problems)."""

    source: Path
    target: Path | None = None
    status: str = FAILED
    problems: list[Problem] = field(default_factory=list)
    unit: Evaluated | None = None
    backup: Path | None = None  # where --force put the file it replaced
    edits: list[Edit] | None = None  # what the hand changed in a kept or backed-up report

    @property
    def ok(self) -> bool:
        return self.status != FAILED

    @property
    def errors(self) -> list[Problem]:
        return errors_in(self.problems)

    @property
    def warnings(self) -> list[Problem]:
        return warnings_in(self.problems)


def target_for(source: Path, out_dir: Path) -> Path:
    # Path(out_dir) / f"{Path(source).stem}.docx", making one Path instead of three
    return Path(out_dir, os.path.splitext(os.path.basename(source))[0] + ".docx")


def build_unit(
    source: Path,
    out_dir: Path = DEFAULT_OUTPUT,
    format_id: str | None = None,
    force: bool = False,
    keep_edited: bool = False,
) -> Outcome:
    """Build one unit's report; never raises for a user's mistake, the outcome says what went wrong.

    An existing report is replaced only if it is as the last build left it (same bytes, or the
    same text saved again in an editor); with `force` a file that isn't is first copied to a
    dated backup beside it, and the outcome lists what the hand changed. With `keep_edited` (or
    保留手工修改 in the data or output folder's jixiao.toml) such a file is kept, not a failure.
    """
    from generator.data.loader import read_bytes

    source = Path(source)
    outcome = Outcome(source=source)
    try:
        raw = read_bytes(source)  # one read: the hash recorded is of the data evaluated
        unit = evaluate(source, format_id, raw)
        outcome.unit = unit
        outcome.problems = list(unit.problems)
        if unit.errors:
            return outcome
        target = target_for(source, out_dir)
        keep = keep_edited or keeps_edited(source.parent, Path(out_dir))
        try:
            docx = render(unit)
        except RenderError as exc:
            from generator.report.render import render_problem

            outcome.problems = outcome.problems + [render_problem(unit, exc)]
            return outcome
        edits = None if not force else records.edits_of(target)
        outcome.backup = records.guard(target, force, docx, keep)
        outcome.edits = edits if outcome.backup else None
        record = records.Record(
            output=target.name,
            docx="",
            data=records.sha256(raw),
            format_id=unit.fmt.id,
            format_digest=records.format_digest(unit.fmt),
            version=records.tool_version(),
            source=str(source.resolve()),
            format_option=format_id,
        )
        records.commit(target, docx, record, raw)
        outcome.target, outcome.status = target, BUILT
    except DataError as exc:
        outcome.problems = exc.problems
    except records.Edited as exc:
        outcome.target, outcome.status, outcome.edits = target_for(source, out_dir), KEPT, exc.edits
    except OverwriteError as exc:  # the message names the report, not the data file
        outcome.problems = outcome.problems + [Problem(str(exc), check="build.overwrite")]
    except JixiaoError as exc:
        outcome.problems = outcome.problems + [Problem(str(exc), file=source, check="build")]
    return outcome


def is_unchanged(
    source: Path, out_dir: Path = DEFAULT_OUTPUT, format_id: str | None = None
) -> bool:
    """Whether the last build into out_dir used this very data, format and tool version."""
    target = target_for(source, out_dir)
    try:
        if not os.path.isfile(source):  # a FIFO or a device is not opened; the build says why
            return False
        raw = Path(source).read_bytes()
        return records.unchanged(target, source, records.sha256(raw), format_id)
    except Exception:  # unreadable data, a broken format or output folder: the build says so
        return False
