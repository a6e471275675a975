"""Safe by construction: every path from a request is looked up, resolved and checked here.

A request never names a file directly. It names a unit (the stem of a `*.toml` in the served
folder) or a format id; the file is found by listing the folder, and only a file whose real
path (symlinks followed) lies inside the served folder is read or written.
"""

from __future__ import annotations

import hmac
import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from generator.building.records import record_path
from generator.building.unit import target_for

MAX_UPLOAD = 5 * 1024 * 1024  # bytes: a 自评表 is a few hundred KB at most
XLSX_MAGIC = b"PK\x03\x04"
LOCAL_HOSTS = ("127.0.0.1", "localhost", "[::1]")
# A new unit's file name: letters (Chinese too), digits, - _ . and spaces; no separators.
NAME = re.compile(r"^[^\\/:*?\"<>|\x00-\x1f.][^\\/:*?\"<>|\x00-\x1f]{0,99}$")


class Refused(Exception):
    """A request that names something outside the served folder, or a name not allowed."""

    def __init__(self, message: str, status: int = 403):
        super().__init__(message)
        self.status = status


def inside(folder: Path, path: Path) -> bool:
    """Whether path's real location (symlinks followed) is the folder or lies within it."""
    try:
        real = path.resolve(strict=False)
    except (OSError, RuntimeError):  # a symlink loop
        return False
    return real == folder or folder in real.parents


def suspicious(name: str) -> bool:
    """A name from a request that tries to climb out or point elsewhere."""
    return (
        not name
        or "/" in name
        or "\\" in name
        or "\x00" in name
        or name.startswith(".")
        or ":" in name
        or ".." in name
    )


@dataclass
class Folder:
    """The served folder: its unit files, its output folder, and the checks on both."""

    root: Path
    output_name: str = "output"

    def __post_init__(self) -> None:
        self.root = Path(self.root).resolve()

    @property
    def output(self) -> Path:
        return self.root / self.output_name

    def unit_files(self) -> list[Path]:
        """The *.toml files directly in the folder (not in subfolders), sorted by name."""
        try:
            found = sorted(p for p in self.root.glob("*.toml") if not p.name.startswith("."))
        except OSError:
            return []
        return [p for p in found if p.is_file() or p.is_symlink()]

    def unit(self, name: str) -> Path:
        """The unit file a request names by its stem; Refused (403, or 404 if there is none)."""
        if suspicious(name) or name.startswith("/"):
            raise Refused(f"拒绝访问：“{name[:80]}”不是本文件夹中的单位")
        by_stem = {p.stem: p for p in self.unit_files()}
        if name not in by_stem:
            raise Refused(f"本文件夹中没有单位“{name}”", 404)
        path = by_stem[name]
        if not inside(self.root, path):
            raise Refused(f"拒绝访问：{path.name} 是指向本文件夹之外的链接，不读取")
        return path

    def output_ok(self) -> bool:
        """The output folder is absent or really inside the served folder (not a link out)."""
        out = self.output
        return not (out.exists() or out.is_symlink()) or inside(self.root, out)

    def report(self, source: Path, suffix: str = ".docx") -> Path:
        """Where a unit's report (or its PDF) is; Refused if it would lie outside the folder."""
        target = target_for(source, self.output).with_suffix(suffix)
        if not self.output_ok() or not inside(self.root, target):
            raise Refused(f"拒绝访问：输出文件夹 {self.output_name} 指向本文件夹之外")
        return target

    def writable(self, source: Path) -> Path:
        """The report a build of `source` writes, after checking that everything the build
        writes (report, PDF, build record) stays inside the folder; Refused otherwise."""
        target = self.report(source)
        self.keep_inside(self.report(source, ".pdf"), record_path(target))
        return target

    def keep_inside(self, *paths: Path) -> None:
        """Refused if any path a route is about to write lies outside the folder (a link out)."""
        for path in paths:
            if not inside(self.root, path):
                raise Refused(
                    f"拒绝访问：{path.name} 会写到本文件夹之外（经过指向别处的链接），没有写入"
                )

    def new_file(self, name: str) -> Path:
        """A new unit file's path from a name a clerk typed; Refused (400) if it is not a name."""
        name = name.strip()
        if name.lower().endswith(".toml"):
            name = name[: -len(".toml")]
        if not NAME.match(name) or suspicious(name):
            raise Refused(
                '文件名只能含汉字、字母、数字、空格和 - _，不能含 / \\ : * ? " < > | 或以点开头',
                400,
            )
        path = self.root / f"{name}.toml"
        if not inside(self.root, path):
            raise Refused("拒绝访问：文件不在本文件夹内")
        return path


def climbs(url_path: str) -> bool:
    """A request path with a .. segment, an empty segment, a backslash or a NUL: refused early."""
    parts = url_path.split("/")[1:]
    return (
        any(p in ("..", ".") for p in parts)
        or "" in parts[:-1]
        or "\\" in url_path
        or "\x00" in url_path
    )


def new_token() -> str:
    return secrets.token_urlsafe(32)


def same_token(given: str | None, expected: str) -> bool:
    return bool(given) and hmac.compare_digest(str(given), expected)


def allowed_host(host_header: str | None, allowed: tuple[str, ...]) -> bool:
    """The Host header names this server (guards against DNS rebinding); `*` allows any."""
    if "*" in allowed:
        return True
    if not host_header:
        return False
    host = host_header.rsplit(":", 1)[0] if not host_header.endswith("]") else host_header
    return host.lower() in allowed


def same_origin(origin: str | None, referer: str | None, host_header: str | None) -> bool:
    """A POST comes from a page of this server: its Origin (or Referer) names the same host."""
    source = origin if origin and origin != "null" else referer
    if not source:
        return True  # no header at all: not a browser's cross-site form; the token still decides
    try:
        return urlsplit(source).netloc.lower() == (host_header or "").lower()
    except ValueError:
        return False


def looks_like_xlsx(filename: str, head: bytes) -> str | None:
    """None if the upload is an .xlsx workbook; otherwise what to tell the clerk."""
    lower = filename.lower()
    if lower.endswith(".xls"):
        return "这是旧的 .xls 文件：请在 Excel 或 WPS 中“另存为” Excel 工作簿（.xlsx）后再上传"
    if lower.endswith(".csv"):
        return "这是 .csv 文件：请在 Excel 或 WPS 中打开，“另存为” Excel 工作簿（.xlsx）后再上传"
    if not lower.endswith(".xlsx"):
        return "只接受 Excel 工作簿（.xlsx）"
    if not head.startswith(XLSX_MAGIC):
        return "文件名是 .xlsx，但内容不是 Excel 工作簿（可能已损坏）"
    return None
