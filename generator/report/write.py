"""Writing files: deterministic .docx bytes, and atomic replacement so a failed or killed build
never leaves half a file."""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from pathlib import Path

from generator.errors import OutputError, os_reason

FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def read_only(path: Path) -> bool:
    """An existing regular file its owner may not write (chmod a-w; Windows' read-only mark)."""
    try:
        st = os.stat(path)
    except OSError:
        return False
    return stat.S_ISREG(st.st_mode) and not st.st_mode & stat.S_IWUSR


def atomic_write(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Write to a temporary file beside `path`, flush it to disk, then rename over `path`.

    `durable=False` skips waiting for the disk (fsync), for bookkeeping that a power cut may
    lose without losing anything of the user's: the rename still never leaves half a file.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"无法创建输出文件夹 {path.parent}：{os_reason(exc)}") from None
    if is_dir(path):
        raise OutputError(f"无法写入 {path}：这是一个文件夹，请改名或移走它") from None
    if read_only(path):  # the rename below would replace it all the same
        raise OutputError(
            f"没有写入 {path}：这个文件是只读的（有人把它设为只读，以防改动）。"
            "确要改写它，请先取消只读属性再试"
        )
    tmp = None
    try:
        fd, tmp = _new_file(path)
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


# A new file, only if it doesn't exist yet, never through a link: os.open applies the
# process's umask to the mode itself, so the report gets the permissions any new file gets
# (tempfile.mkstemp's are private, and reading the umask means changing it: not while the
# page's threads write files).
_NEW = (
    os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
)


def _new_file(path: Path) -> tuple[int, Path]:
    """A temporary file beside `path` (fd, path), mode 0666 less the umask."""
    for _ in range(100):
        # A short name: the report's own may already be near the 255-byte limit.
        tmp = path.with_name(f".{path.stem[:20]}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(tmp, _NEW, 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(path.parent))
