"""Every exception the tool raises for a user's mistake; the CLI prints them without a traceback."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One finding about a unit's data: an error blocks the build, a warning does not."""

    message: str
    key: str = ""
    line: int | None = None
    level: str = "错误"  # "错误" or "警告"
    check: str = ""  # check id, e.g. "identity.basic-project"
    file: Path | None = None

    @property
    def is_error(self) -> bool:
        return self.level == "错误"

    def where(self) -> str:
        parts = []
        if self.file is not None:
            parts.append(str(self.file) + (f":{self.line}" if self.line else ""))
        elif self.line:
            parts.append(f"第 {self.line} 行")
        if self.key:
            parts.append(self.key)
        return "，".join(parts)

    def __str__(self) -> str:
        where = self.where()
        return f"{where}：{self.message}" if where else self.message

    def as_json(self) -> dict:
        return {
            "级别": self.level,
            "检查": self.check,
            "键": self.key,
            "行": self.line,
            "说明": self.message,
        }


def errors_in(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.is_error]


def warnings_in(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if not p.is_error]


class JixiaoError(Exception):
    """Base of every error meant for a user: its text is Chinese and says what to do."""


class DataError(JixiaoError):
    """A unit file that cannot be used; carries every problem found, not just the first."""

    def __init__(self, path: Path, problems: list[Problem]):
        self.path = path
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class FormatError(JixiaoError):
    """A missing or broken district format (settings or template)."""


class RenderError(JixiaoError):
    """The template could not be rendered with the unit's data."""


class OutputError(JixiaoError):
    """The report could not be written, or writing it would destroy a hand-edited file."""


class OverwriteError(OutputError):
    """The output file was edited by hand or not written by this tool: it is left as it is."""


@dataclass
class Findings:
    """Problems collected while loading, validating and checking one unit."""

    items: list[Problem] = field(default_factory=list)

    def add(self, message: str, key: str = "", level: str = "错误", check: str = "") -> None:
        self.items.append(Problem(message=message, key=key, level=level, check=check))

    def error(self, message: str, key: str = "", check: str = "") -> None:
        self.add(message, key, "错误", check)

    def warn(self, message: str, key: str = "", check: str = "") -> None:
        self.add(message, key, "警告", check)

    @property
    def errors(self) -> list[Problem]:
        return errors_in(self.items)

    @property
    def warnings(self) -> list[Problem]:
        return warnings_in(self.items)
