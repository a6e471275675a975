"""Templates compiled to Python once per machine, not once per process.

Jinja turns a template's source into Python code and compiles it; for a report template that
is 30-40 ms, paid by every process that renders the format (each `build`, each `--jobs`
worker). The compiled code is kept in the user's cache folder, named by a hash of the source
and of everything else the code depends on (Jinja's and Python's versions, the environment's
class, options, filters and tests), so a changed template or setting never finds a stale
entry. An entry that can't be read is compiled again; a cache folder that can't be written is
done without (data/cache_folder.py).
"""

from __future__ import annotations

import hashlib
import importlib.util
import marshal
import types

from jinja2 import Environment, Template

from generator.data.cache_folder import kept


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

    def name() -> str:
        digest = hashlib.sha256(fingerprint(env) + b"\0" + source.encode("utf-8"))
        return f"{digest.hexdigest()}.jinja.pyc"

    code = kept(name, lambda: env.compile(source), marshal.dumps, _code)
    return env.template_class.from_code(env, code, env.make_globals(None), None)


def _code(data: bytes) -> types.CodeType:
    code = marshal.loads(data)
    if not isinstance(code, types.CodeType):
        raise TypeError("not compiled code")
    return code
