"""A unit file's bytes and text: the first step of loading, and all an unchanged rerun needs
(it names the report and hashes the data without loading the schema)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from generator.errors import DataError, Problem, os_reason

BOM = b"\xef\xbb\xbf"


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
