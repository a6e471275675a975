"""Templates compiled to Python once per machine, not once per process.

Jinja turns a template's source into Python code and compiles it; for a report template that
is 30-40 ms, paid by every process that renders the format (each `build`, each `--jobs`
worker). The compiled code is kept in the user's cache folder, named by a hash of the source
and of everything else the code depends on (Jinja's and Python's versions, the environment's
class, options, filters and tests), so a changed template or setting never finds a stale
entry. An entry that can't be read is compiled again; a cache folder that can't be written is
done without. `JIXIAO_CACHE` names another folder; `JIXIAO_CACHE=off` turns it off.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import marshal
import os
import sys
import tempfile
import types
from pathlib import Path

from jinja2 import Environment, Template

ENTRIES_KEPT = 64  # the oldest entries go beyond this (each template edit makes a new one)
OFF = ("off", "0", "no", "false")


def cache_folder() -> Path | None:
    """Where compiled templates are kept, or None when the cache is off."""
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


def fingerprint(env: Environment) -> bytes:
    """What the compiled code depends on besides the source."""
    cls = type(env)
    parts = [
        importlib.util.MAGIC_NUMBER.hex(),
        __import__("jinja2").__version__,
        f"{cls.__module__}.{cls.__qualname__}",
        repr(sorted(getattr(env, "intercepted_binops", ()))),
        repr(sorted(getattr(env, "intercepted_unops", ()))),
        repr(
            (
                env.block_start_string,
                env.block_end_string,
                env.variable_start_string,
                env.variable_end_string,
                env.comment_start_string,
                env.comment_end_string,
                env.line_statement_prefix,
                env.line_comment_prefix,
                env.trim_blocks,
                env.lstrip_blocks,
                env.newline_sequence,
                env.keep_trailing_newline,
                env.optimized,
                env.autoescape if isinstance(env.autoescape, bool) else "function",
                env.finalize is not None,
                sorted(env.extensions),
                sorted(env.filters),
                sorted(env.tests),
            )
        ),
    ]
    return "\n".join(parts).encode("utf-8")


def from_source(env: Environment, source: str) -> Template:
    """`env.from_string(source)`, with the compile step read from the cache when it can be."""
    folder = cache_folder()
    if folder is None:
        return env.from_string(source)
    digest = hashlib.sha256(fingerprint(env) + b"\0" + source.encode("utf-8")).hexdigest()
    path = folder / f"{digest}.jinja.pyc"
    code = None
    with contextlib.suppress(OSError, ValueError, EOFError, TypeError):
        code = marshal.loads(path.read_bytes())
    if not isinstance(code, types.CodeType):
        code = env.compile(source)
        _store(folder, path, marshal.dumps(code))
    return env.template_class.from_code(env, code, env.make_globals(None), None)


def _store(folder: Path, path: Path, data: bytes) -> None:
    """Write an entry (temporary file, then rename: a reader never sees half of one) and keep
    the folder to ENTRIES_KEPT entries; any failure leaves the cache as it was."""
    tmp = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
        tmp = None
        entries = sorted(folder.glob("*.jinja.pyc"), key=lambda p: p.stat().st_mtime_ns)
        for old in entries[:-ENTRIES_KEPT]:
            old.unlink()
    except OSError:
        pass
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
