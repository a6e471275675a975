"""A report's outline: its headings as a tree of chapters, and the format its chapters and tables
say it is written in (compared with each format's template)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document

from generator.data.formats import available
from generator.io.reading.report_docx import LEVELS, Para, ReportText, Table

NUMBERING = re.compile(r"^(?:" + "|".join(p.pattern.lstrip("^") for _, p in LEVELS) + r")\s*")
SCORE_IN_TITLE = re.compile(r"[（(]\s*[\d.]+\s*分\s*[）)]$")
NOT_WORDS = re.compile(r"[\s\d一二三四五六七八九十、.．（）()：:，,。;；“”\"]")
RECOGNISED = 0.5  # share of a format's fixed headings the report must have to be taken as it


def bare(title: str) -> str:
    """A heading without its numbering: “（一）绩效评价目的” → “绩效评价目的”."""
    return NUMBERING.sub("", title, count=1).strip()


@dataclass
class Section:
    """A heading, the paragraphs and tables right under it, and the sections below it."""

    title: str
    level: int
    body: list[Para | Table] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)

    @property
    def name(self) -> str:
        return bare(self.title)

    def walk(self):
        yield self
        for c in self.children:
            yield from c.walk()

    def paragraphs(self) -> list[str]:
        return [b.text for b in self.body if isinstance(b, Para)]

    def all_paragraphs(self) -> list[str]:
        return [p for s in self.walk() for p in s.paragraphs()]


def outline(text: ReportText) -> Section:
    """The report as a tree: the root holds what comes before the first heading (the title)."""
    root = Section("", 0)
    stack = [root]
    for block in text.blocks:
        if isinstance(block, Para) and block.level:
            while stack[-1].level >= block.level:
                stack.pop()
            section = Section(block.text, block.level)
            stack[-1].children.append(section)
            stack.append(section)
        else:
            stack[-1].body.append(block)
    return root


def _words(title: str) -> str:
    return NOT_WORDS.sub("", SCORE_IN_TITLE.sub("", bare(title)))


def template_headings(template: Path) -> set[str]:
    """The fixed headings (and table header cells) of a format's template."""
    doc = Document(str(template))
    found = set()
    for p in doc.paragraphs:
        if "{" in p.text or not p.text.strip():
            continue
        if p.style is not None and p.style.name.lower().startswith(("heading", "标题")):
            found.add(_words(p.text))
    for t in doc.tables:
        for cell in t.rows[0].cells if t.rows else []:
            if cell.text.strip() and "{" not in cell.text:
                found.add(_words(cell.text))
    return {w for w in found if w}


def report_headings(text: ReportText) -> set[str]:
    found = {_words(p.text) for p in text.paragraphs if p.level}
    for t in text.tables:
        found |= {_words(c) for c in (t.rows[0] if t.rows else ())}
    return {w for w in found if w}


@dataclass(frozen=True)
class Recognised:
    format_id: str
    share: float  # share of the format's fixed headings found in the report
    known: bool  # False: no format fits well enough; the report is read by wording alone


def recognise(text: ReportText) -> Recognised:
    """The format whose template's fixed headings the report has most of."""
    seen = report_headings(text)
    best = Recognised("standard", 0.0, False)
    for format_id, folder in sorted(available().items()):
        template = folder / "template.docx"
        if not template.is_file():
            continue
        fixed = template_headings(template)
        if not fixed:
            continue
        share = len(fixed & seen) / len(fixed)
        if share > best.share:
            best = Recognised(format_id, share, share >= RECOGNISED)
    if not best.known:
        return Recognised("standard", best.share, False)
    return best
