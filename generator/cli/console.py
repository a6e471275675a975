"""Output that never fails on the console's code page.

A stream whose encoding has Chinese (GBK, Big5 …) keeps it: characters it lacks (− ≤ ✓ …) are
replaced by the nearest it has, or "?". A stream whose encoding cannot show Chinese at all
(cp1252, latin-1, ASCII …) is switched to UTF-8: the text is readable in a file or an editor,
where the code page's replacement characters would say nothing.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import sys
import unicodedata

ERRORS = "jixiao-nearest"

# What a code page without the character should show instead (NFKC covers full-width forms).
NEAREST = {
    "\u2212": "-",  # − minus sign
    "\u2013": "-",
    "\u2014": "-",
    "\u2011": "-",
    "\u00a0": " ",
    "\u2009": " ",
    "\u3000": " ",
    "\u2063": "",  # invisible separator
    "\u2264": "<=",
    "\u2265": ">=",
    "\u00d7": "x",
    "\u00f7": "/",
    "\u201c": '"',
    "\u201d": '"',
    "\u2018": "'",
    "\u2019": "'",
    "\u2026": "...",
}


def _nearest(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    out = []
    for ch in exc.object[exc.start : exc.end]:
        for candidate in (NEAREST.get(ch), unicodedata.normalize("NFKC", ch)):
            if candidate is None:
                continue
            try:
                candidate.encode(exc.encoding)
            except (UnicodeEncodeError, LookupError):
                continue
            out.append(candidate)
            break
        else:
            out.append("?")
    return "".join(out), exc.end


codecs.register_error(ERRORS, _nearest)


def _has_chinese(encoding: str) -> bool:
    try:
        "中文报告".encode(encoding)
        return True
    except (UnicodeEncodeError, LookupError):
        return False


def fit(stream) -> None:
    """Make one text stream safe for anything the tool prints."""
    if not isinstance(stream, io.TextIOWrapper):
        return
    encoding = stream.encoding or "utf-8"
    with contextlib.suppress(Exception):  # a stream that cannot be reconfigured stays as it is
        if _has_chinese(encoding):
            stream.reconfigure(errors=ERRORS)
        else:
            stream.reconfigure(encoding="utf-8", errors="replace")


def setup() -> None:
    fit(sys.stdout)
    fit(sys.stderr)
