"""A report's text as hand-edit checks compare it: the body's paragraphs and table cells in
order, whitespace collapsed, empty ones left out (building/edits.py explains why).

The prepared path keeps the text of the report it has just written, taken from the tree it
serialised, so the build's record need not parse that .docx again to find it (for 2,000
indicators, megabytes of XML).
"""

from __future__ import annotations

import re
from typing import Any, TypeAlias

# An XML element: lxml's (python-docx's elements are lxml's) or ElementTree's. lxml ships no type
# information, so the name says what the value is and mypy checks no further.
XmlElement: TypeAlias = Any

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_SPACE = re.compile(r"\s+")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\u2063\ufeff]")  # faster than translate


def element_text(element: XmlElement) -> str:
    raw = "".join(t.text or "" for t in element.iter(f"{W}t"))
    return _SPACE.sub(" ", _INVISIBLE.sub("", raw)).strip()


def body_lines(body: XmlElement) -> list[str]:
    """The lines of a body element (ElementTree's or lxml's)."""
    lines: list[str] = []
    for child in body:
        if child.tag == f"{W}p":
            lines.append(element_text(child))
        elif child.tag == f"{W}tbl":
            lines += [element_text(tc) for tc in child.iter(f"{W}tc")]
    return [line for line in lines if line]


_last: tuple[bytes, list[str]] | None = None  # the report last written, and its lines


def remember(docx: bytes, lines: list[str]) -> None:
    global _last
    _last = (docx, lines)


def recall(docx: bytes) -> list[str] | None:
    """The lines of the very bytes last remembered (the same object), else None."""
    if _last is not None and _last[0] is docx:
        return list(_last[1])
    return None
