"""Read a unit file: bytes → text (UTF-8, with or without BOM) → TOML → model.

A file that can't be read or parsed is a DataError. A value of the wrong type, an unknown key or
a missing required one is not: it is reported with the file, and the key counts as missing, so
every other check still runs and the clerk sees every problem in one pass.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

from generator.data import model
from generator.data.files import decode, read_bytes
from generator.data.locate import KeyLines, line_of
from generator.data.schema import TODO_CHECK, read_report
from generator.data.toml_text import parse_toml
from generator.errors import Findings, Problem


@dataclass(frozen=True)
class Loaded:
    """A unit file read and converted: the model, the raw tables, and where each key stands."""

    path: Path
    text: str
    data: dict
    report: model.Report
    lines: Mapping[str, int] | None = None  # key path → line; None: read when a message needs it
    todo: tuple[Problem, ...] = ()  # values still 待填: errors that don't stop checking
    invalid: tuple[Problem, ...] = ()  # wrong types, unknown or missing keys: likewise

    @property
    def todo_keys(self) -> set[str]:
        return {p.key for p in self.todo}

    @property
    def missing_keys(self) -> set[str]:
        """Keys whose value the computation goes without: still 待填, or not usable as written."""
        return self.todo_keys | {p.key for p in self.invalid if p.is_error and p.key}

    @property
    def input_problems(self) -> tuple[Problem, ...]:
        return self.todo + self.invalid

    @cached_property
    def key_lines(self) -> Mapping[str, int]:
        return self.lines if self.lines is not None else KeyLines(self.text)

    def line(self, key_path: str) -> int | None:
        return line_of(self.key_lines, key_path)


def parse(path: Path, text: str) -> dict:
    return parse_toml(path, text)


def read_text(path: Path) -> str:
    return decode(path, read_bytes(path))


def locate(found: Findings, path: Path, lines: Mapping[str, int]) -> list[Problem]:
    """Each problem with the file and, where the key shows in the text, its line."""
    return [replace(p, file=path, line=p.line or line_of(lines, p.key)) for p in found.items]


def load(path: Path, raw: bytes | None = None) -> Loaded:
    """Read (or take the bytes already read) and validate one unit file; all problems at once.

    Raises DataError only when the file can't be read as TOML; problems of single values travel
    with the result (`todo`, `invalid`)."""
    path = Path(path)
    text = decode(path, read_bytes(path) if raw is None else raw)
    data = parse(path, text)
    found = Findings()
    report = read_report(data, found)
    lines = KeyLines(text)  # read only as far as the messages' keys need
    located = locate(found, path, lines)
    todo = tuple(p for p in located if p.check == TODO_CHECK)
    invalid = tuple(p for p in located if p.check != TODO_CHECK)
    return Loaded(
        path=path, text=text, data=data, report=report, lines=lines, todo=todo, invalid=invalid
    )
