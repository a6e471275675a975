"""Hand edits of a report: what counts as one, and which paragraphs it changed.

A report opened and saved in Word, WPS or LibreOffice without a change has other bytes (each
writes its own XML) but the same text. So an edit is judged on the text: the body's paragraphs
and table cells in order, whitespace collapsed, empty ones left out. What the build wrote is
kept as such a text (`.jixiao/<name>.txt`) so a later build can say what the hand changed.
"""

from __future__ import annotations

import difflib
import hashlib
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from generator.report.docx_text import W, body_lines, recall


def text_lines(docx: bytes) -> list[str] | None:
    """The report's text, paragraph by paragraph and cell by cell; None if it isn't a .docx."""
    known = recall(docx)  # the report just written: its text was taken from its tree
    if known is not None:
        return known
    try:
        with zipfile.ZipFile(io.BytesIO(docx)) as z:
            root = ElementTree.fromstring(z.read("word/document.xml"))
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, OSError):
        return None
    body = root.find(f"{W}body")
    if body is None:
        return None
    return body_lines(body)


def text_digest(lines: list[str]) -> str:
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def file_lines(path: Path) -> list[str] | None:
    try:
        return text_lines(Path(path).read_bytes())
    except OSError:
        return None


@dataclass(frozen=True)
class Edit:
    """One change the hand made: 改 (a paragraph rewritten), 增 (added) or 删 (removed)."""

    kind: str
    old: str = ""
    new: str = ""
    after: str = ""  # the paragraph an added one follows, to find the place

    def describe(self, width: int = 60) -> str:
        if self.kind == "改":
            return f"改：“{cut(self.old, width)}” → “{cut(self.new, width)}”"
        if self.kind == "增":
            place = f"（在“{cut(self.after, 20)}”之后）" if self.after else "（在开头）"
            return f"增：“{cut(self.new, width)}”{place}"
        return f"删：“{cut(self.old, width)}”"


def cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width] + "…"


def hand_edits(generated: list[str], edited: list[str]) -> list[Edit]:
    """What changed from the text the build wrote to the text the file has now."""
    edits: list[Edit] = []
    matcher = difflib.SequenceMatcher(None, generated, edited, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            continue
        old, new = generated[a1:a2], edited[b1:b2]
        pairs = min(len(old), len(new)) if op == "replace" else 0
        for o, n in zip(old[:pairs], new[:pairs], strict=True):
            edits.append(Edit("改", o, n))
        for n in new[pairs:]:
            edits.append(Edit("增", new=n, after=edited[b1 - 1] if b1 else ""))
        for o in old[pairs:]:
            edits.append(Edit("删", old=o))
    return edits
