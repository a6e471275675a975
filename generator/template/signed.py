"""What a template costs to work out, kept between runs, signed so that only this user's jixiao
can have written it.

Compiling a report template takes Jinja 60-90 ms and reading which keys it uses 30 ms, in every
process. Both are kept in the user's cache folder, and an entry is used only when

- its name matches what it is made from: a hash of the template's source, the settings, the
  code of this very jixiao and the versions of Python and Jinja (an edited template or setting,
  another release or a changed file of the tool never meets an old entry); and
- its signature verifies: an HMAC of the name and the content under a key of 32 random bytes
  that jixiao keeps in the user's own configuration folder, readable by the user alone.

A file someone else put in the cache folder — it may be a shared folder (`JIXIAO_CACHE`) —
fails the signature and is never loaded; nor is anything that is not a regular file (a link, a
pipe). An entry that fails is worked out again and replaced. Without a usable key (a folder
that can't be written, a key file others could read) nothing is kept: the work is done each
time. `JIXIAO_CACHE=off` turns the cache off.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import secrets
import stat
import sys
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

OFF = ("off", "0", "no", "false")
KEY_SIZE = 32
LARGEST = 32 << 20  # bytes read of an entry; a template's compiled code is well under 1 MB
ENTRIES_KEPT = 64  # of each kind; the oldest go beyond this (each template edit makes new ones)


def _user_folder(windows: tuple[str, str], mac: str, xdg: tuple[str, str]) -> Path:
    """jixiao's folder of a kind on this system: (variable, default under the home folder)."""
    if sys.platform == "win32":
        base = os.environ.get(windows[0]) or str(Path.home() / windows[1])
    elif sys.platform == "darwin":
        base = str(Path.home() / mac)
    else:
        base = os.environ.get(xdg[0]) or str(Path.home() / xdg[1])
    return Path(base) / "jixiao"


def cache_folder() -> Path | None:
    """Where entries are kept, or None when the cache is off."""
    named = os.environ.get("JIXIAO_CACHE")
    if named is not None:
        return None if named.strip().lower() in OFF or not named.strip() else Path(named)
    return _user_folder(
        ("LOCALAPPDATA", "AppData/Local"), "Library/Caches", ("XDG_CACHE_HOME", ".cache")
    )


def key_folder() -> Path:
    """The user's configuration folder for jixiao, where the signing key is."""
    return _user_folder(
        ("APPDATA", "AppData/Roaming"),
        "Library/Application Support",
        ("XDG_CONFIG_HOME", ".config"),
    )


def _private(st: os.stat_result) -> bool:
    """A regular file of this user that no one else may read or write (POSIX); on Windows the
    user's profile folders are the user's own."""
    if not stat.S_ISREG(st.st_mode):
        return False
    if os.name != "posix":
        return True
    return st.st_uid == os.geteuid() and not st.st_mode & 0o077


def _own_folder(folder: Path) -> bool:
    """The cache folder is this user's and no one else may write in it (POSIX), or not there
    yet; otherwise nothing is read from it or written to it."""
    try:
        st = os.stat(folder)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    if not stat.S_ISDIR(st.st_mode):
        return False
    return os.name != "posix" or (st.st_uid == os.geteuid() and not st.st_mode & 0o022)


def _read_regular(path: Path, most: int, private: bool = False) -> bytes | None:
    """Up to `most` + 1 bytes of a regular file (of this user alone, if `private`); None for
    anything else. Never follows a link or waits on a pipe."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fh.fileno())
        if not stat.S_ISREG(st.st_mode) or st.st_size > most or (private and not _private(st)):
            return None
        return fh.read(most + 1)


def _read_key(path: Path) -> bytes | None:
    key = _read_regular(path, KEY_SIZE, private=True)
    return key if key is not None and len(key) == KEY_SIZE else None


@cache
def signing_key() -> bytes | None:
    """This user's key, made on first use; None when it can't be had safely."""
    folder = key_folder()
    path = folder / "cache-key"
    key = _read_key(path)
    if key is not None:
        return key
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError:  # a folder we can't write, or a key file that is there but unusable
        return None
    with os.fdopen(fd, "wb") as fh:
        fh.write(secrets.token_bytes(KEY_SIZE))
    return _read_key(path)


def _signature(key: bytes, name: str, content: bytes) -> bytes:
    return hmac.new(key, name.encode("utf-8") + b"\0" + content, hashlib.sha256).digest()


def kept(
    name: str,
    make: Callable[[], T],
    dump: Callable[[T], bytes],
    load: Callable[[bytes], T],
) -> T:
    """`make()`, or what an earlier `make()` of this user's jixiao left under `name` (a hash of
    everything the value is made from, ending in its kind: "….jinja", "….use").

    `load` turns verified bytes back into the value; an entry it can't read (ValueError,
    TypeError, KeyError, EOFError) is made again and replaced.
    """
    folder, key = cache_folder(), None
    if folder is not None:
        key = signing_key()
    if folder is None or key is None or not _own_folder(folder):
        return make()
    data = _read_regular(folder / name, LARGEST, private=True)  # this user's, no one else's
    if data is not None and len(data) > KEY_SIZE:
        signature, content = data[:KEY_SIZE], data[KEY_SIZE:]
        if hmac.compare_digest(signature, _signature(key, name, content)):
            with contextlib.suppress(ValueError, TypeError, KeyError, EOFError):
                return load(content)
    value = make()
    content = dump(value)
    store(folder, name, _signature(key, name, content) + content)
    return value


def store(folder: Path, name: str, data: bytes) -> None:
    """Write an entry (temporary file, then rename: a reader never sees half of one) and keep
    ENTRIES_KEPT entries of its kind; any failure leaves the cache as it was."""
    tmp = None
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, folder / name)
        tmp = None
        kind = name.rpartition(".")[2]
        entries = sorted(folder.glob(f"*.{kind}"), key=lambda p: p.stat().st_mtime_ns)
        for old in entries[:-ENTRIES_KEPT]:
            old.unlink()
    except OSError:
        pass
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
