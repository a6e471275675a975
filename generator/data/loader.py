"""Read a unit file: bytes → text (UTF-8, with or without BOM) → TOML → model.

A file that can't be read or parsed is a DataError. A value of the wrong type, an unknown key or
a missing required one is not: it is reported with the file, and the key counts as missing, so
every other check still runs and the clerk sees every problem in one pass.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, replace
from pathlib import Path

from generator.data import model
from generator.data.locate import key_lines, line_of
from generator.data.schema import TODO_CHECK, read_report
from generator.data.toml_text import parse_toml
from generator.errors import DataError, Findings, Problem, os_reason

BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Loaded:
    """A unit file read and converted: the model, the raw tables, and where each key stands."""

    path: Path
    text: str
    data: dict
    report: model.Report
    lines: dict[str, int]
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

    def line(self, key_path: str) -> int | None:
        return line_of(self.lines, key_path)


def decode(path: Path, raw: bytes) -> str:
    if raw.startswith(BOM):
        raw = raw[len(BOM) :]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        try:
            raw.decode("gbk")
            what = "文件看来是 GBK（ANSI）编码"
        except UnicodeDecodeError:
            what = "文件不是 UTF-8 编码"
        message = f"{what}，本工具只读 UTF-8。请用记事本“另存为”，编码选 UTF-8 后再试"
        raise DataError(
            path, [Problem(message, line=line, file=path, check="file.encoding")]
        ) from None


def parse(path: Path, text: str) -> dict:
    return parse_toml(path, text)


def read_bytes(path: Path) -> bytes:
    """The bytes of a unit file; a folder, a FIFO or a device is refused without opening it."""
    path = Path(path)
    try:
        mode = os.stat(path).st_mode
        if stat.S_ISDIR(mode):
            raise DataError(
                path, [Problem("这是一个文件夹，不是数据文件", file=path, check="file.read")]
            )
        if not stat.S_ISREG(mode):
            message = "不是普通文件（可能是管道或设备），请给出 .toml 数据文件"
            raise DataError(path, [Problem(message, file=path, check="file.read")])
        return path.read_bytes()
    except FileNotFoundError:
        raise DataError(path, [Problem("找不到文件", file=path, check="file.missing")]) from None
    except OSError as exc:
        message = f"无法读取文件：{os_reason(exc)}"
        raise DataError(path, [Problem(message, file=path, check="file.read")]) from None


def read_text(path: Path) -> str:
    return decode(path, read_bytes(path))


def locate(found: Findings, path: Path, lines: dict[str, int]) -> list[Problem]:
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
    lines = key_lines(text)
    located = locate(found, path, lines)
    todo = tuple(p for p in located if p.check == TODO_CHECK)
    invalid = tuple(p for p in located if p.check != TODO_CHECK)
    return Loaded(
        path=path, text=text, data=data, report=report, lines=lines, todo=todo, invalid=invalid
    )
