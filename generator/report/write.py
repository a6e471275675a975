"""Writing files: deterministic .docx bytes, and atomic replacement so a failed or killed build
never leaves half a file."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from generator.errors import OutputError, os_reason

FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def atomic_write(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Write to a temporary file beside `path`, flush it to disk, then rename over `path`.

    `durable=False` skips waiting for the disk (fsync), for bookkeeping that a power cut may
    lose without losing anything of the user's: the rename still never leaves half a file.
    """
    import tempfile  # here: a run that writes nothing (all unchanged) does not load it

    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"无法创建输出文件夹 {path.parent}：{os_reason(exc)}") from None
    if is_dir(path):
        raise OutputError(f"无法写入 {path}：这是一个文件夹，请改名或移走它") from None
    tmp = None
    try:
        # A short temporary name: the report's own may already be near the 255-byte limit.
        fd, tmp = tempfile.mkstemp(prefix=f".{path.stem[:20]}.", suffix=".tmp", dir=path.parent)
        # mkstemp makes the file private (0600); a report gets the usual permissions.
        with contextlib.suppress(OSError, AttributeError):
            os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except PermissionError as exc:
        raise OutputError(
            f"无法写入 {path}：{os_reason(exc)}（文件是否正在 Word 中打开？请关闭后重试）"
        ) from None
    except OSError as exc:
        raise OutputError(f"无法写入 {path}：{os_reason(exc)}") from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def is_dir(path: Path) -> bool:
    """Path.is_dir(), but False (not an exception) for a name too long or otherwise unusable."""
    try:
        return Path(path).is_dir()
    except OSError:
        return False


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
