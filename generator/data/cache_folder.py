"""The user's cache folder: what jixiao works out from a template once per machine.

Entries are named by a hash of everything they depend on, so an edited template, a changed
setting or another version of the tool never meets a stale one. An entry that can't be read
is worked out again; a folder that can't be written is done without. `JIXIAO_CACHE` names
another folder; `JIXIAO_CACHE=off` turns the cache off.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

ENTRIES_KEPT = 64  # of each kind; the oldest go beyond this (each template edit makes new ones)
OFF = ("off", "0", "no", "false")


def cache_folder() -> Path | None:
    """Where entries are kept, or None when the cache is off."""
    named = os.environ.get("JIXIAO_CACHE")
    if named is not None:
        return None if named.strip().lower() in OFF or not named.strip() else Path(named)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = str(Path.home() / "Library" / "Caches")
    else:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "jixiao"


def kept(
    name: Callable[[], str],
    make: Callable[[], T],
    dump: Callable[[T], bytes],
    load: Callable[[bytes], T],
) -> T:
    """`make()`, or what an earlier `make()` left in the cache folder under `name()`.

    `load` turns an entry's bytes back into the value; an entry it can't read (ValueError,
    TypeError, KeyError, EOFError) is made again and replaced.
    """
    folder = cache_folder()
    if folder is None:
        return make()
    entry = name()
    try:
        return load((folder / entry).read_bytes())
    except (OSError, ValueError, TypeError, KeyError, EOFError):
        pass
    value = make()
    store(folder, entry, dump(value))
    return value


def store(folder: Path, name: str, data: bytes) -> None:
    """Write an entry (temporary file, then rename: a reader never sees half of one) and keep
    ENTRIES_KEPT entries of its kind (the part of the name after its first dot); any failure
    leaves the cache as it was."""
    tmp = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, folder / name)
        tmp = None
        kind = name.partition(".")[2]
        entries = sorted(folder.glob(f"*.{kind}"), key=lambda p: p.stat().st_mtime_ns)
        for old in entries[:-ENTRIES_KEPT]:
            old.unlink()
    except OSError:
        pass
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
