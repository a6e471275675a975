"""Every exception the tool raises for a user's mistake; the CLI prints them without a traceback."""

from __future__ import annotations

import errno
from collections.abc import Iterable, Sequence
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


def errors_in(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.is_error]


def warnings_in(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if not p.is_error]


class Judged:
    """Something with `problems`: its errors and its warnings, in the order found."""

    problems: Sequence[Problem]

    @property
    def errors(self) -> list[Problem]:
        return errors_in(self.problems)

    @property
    def warnings(self) -> list[Problem]:
        return warnings_in(self.problems)


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
    """The template could not be rendered with the unit's data; `key` is the data key to fill."""

    def __init__(self, message: str, key: str = ""):
        super().__init__(message)
        self.key = key


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


_OS_REASONS = {
    errno.EACCES: "没有权限（文件夹只读，或文件被其他程序占用）",
    errno.EPERM: "没有权限（文件夹只读，或文件被其他程序占用）",
    errno.EROFS: "所在的磁盘是只读的",
    errno.ENOENT: "文件或文件夹不存在",
    errno.ENOTDIR: "路径中有一段是文件而不是文件夹",
    errno.EISDIR: "这是一个文件夹，不是文件",
    errno.EEXIST: "已有同名的文件",
    errno.ENAMETOOLONG: "文件名太长",
    errno.ENOSPC: "磁盘空间不足",
    errno.EBUSY: "文件被其他程序占用",
    errno.EMFILE: "同时打开的文件太多",
}


def os_reason(exc: OSError) -> str:
    """Why a file operation failed, in Chinese (the system's own text is often English)."""
    reason = _OS_REASONS.get(exc.errno or -1)
    if reason is None and getattr(exc, "winerror", None) == 32:
        reason = "文件被其他程序占用（是否正在 Word 中打开？）"
    return reason or f"系统错误（{exc.strerror or type(exc).__name__}）"


BUG_REPORT = (
    "这是本工具的缺陷：请把这一行和所用的数据文件报告给 jixiao 的维护人员（在项目的问题列表中提出）"
)


def internal_error(exc: BaseException, where: str = "") -> str:
    """The one line an unexpected exception becomes: what, where, and whom to tell."""
    about = f"（{where}）" if where else ""
    return f"内部错误{about}：{type(exc).__name__}：{str(exc)[:200]}。{BUG_REPORT}"
