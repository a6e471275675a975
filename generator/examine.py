"""Everything known about one unit file, without ever raising for the unit's problems.

`examine` is the one way to check a unit: `check`, `build`, `summary`, `diff` and the page all
call it, so a unit one of them refuses, every one of them refuses, and a broken unit (a file
that isn't TOML, a format that is unknown or broken, even a bug in the tool) fails alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.data.files import read_bytes
from generator.data.formats import current_digest
from generator.data.loader import Loaded, load
from generator.errors import (
    DataError,
    JixiaoError,
    Judged,
    Problem,
    internal_error,
)
from generator.evaluate import Evaluated, evaluate_loaded, format_id, format_problem


@dataclass(frozen=True)
class Examined(Judged):
    """A unit file as far as it could be taken: facts, figures and every located problem."""

    path: Path
    loaded: Loaded | None  # the facts as read; None when the file is not readable TOML
    unit: Evaluated | None  # None when it could not be evaluated (the problems say why)
    problems: tuple[Problem, ...]
    format_id: str | None = None  # the format asked for (--format, 格式 or standard)
    # Its files' digest, taken before they were read: what the result was made from.
    format_digest: str | None = None

    @property
    def ok(self) -> bool:
        """Nothing stops its report: `build` writes it."""
        return self.unit is not None and not self.errors


def examine(
    path: Path,
    override_format: str | None = None,
    raw: bytes | None = None,
    *,
    dry_run: bool = True,
) -> Examined:
    """Load, evaluate and check one unit file (its bytes, if already read) and, when the checks
    find no error, render its report in memory (`dry_run=False` skips that, for a caller that
    renders for real next). Never raises for the unit's problems: they are in the result."""
    path = Path(path)
    loaded: Loaded | None = None
    unit: Evaluated | None = None
    asked: str | None = override_format
    digest: str | None = None
    problems: list[Problem] = []
    try:
        loaded = load(path, read_bytes(path) if raw is None else raw)
        asked = format_id(loaded, override_format)
        digest = current_digest(asked)
        unit = evaluate_loaded(loaded, override_format)
        problems = list(unit.problems)
        if dry_run and not unit.errors:
            from generator.report.render import dry_run as render_in_memory  # docx only now

            problems += render_in_memory(unit)
    except DataError as exc:
        problems = list(exc.problems)
    except JixiaoError as exc:  # a broken or unknown format: this unit fails, the others may not
        problems.append(format_problem(path, loaded, override_format, exc))
    except Exception as exc:  # the last resort: a bug, reported for this unit only
        problems.append(Problem(internal_error(exc, str(path)), file=path, check="internal"))
    return Examined(path, loaded, unit, tuple(problems), asked, digest)
