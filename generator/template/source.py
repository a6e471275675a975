"""A format's template.docx read once per process: checked to be a Word document, opened with
docxtpl, and each templated part cleaned into the Jinja source docxtpl renders.

Entries are kept by a hash of the file's bytes, so an edited template is read again on its
next use, and nothing is kept on disk: what a build renders always comes from the template
itself.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import stat
import threading
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from generator.errors import RenderError, os_reason

FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
KEPT = 16  # templates kept per process; a run rarely sees more, the oldest go beyond this
K = TypeVar("K")
V = TypeVar("V")


@dataclass(frozen=True)
class Part:
    """One templated XML part: its member name, the Jinja source docxtpl makes of it (after
    patch_xml and render_xml_part's line breaks) and the encoding it is written back in."""

    name: str
    source: str
    encoding: str = "utf-8"

    @property
    def lines(self) -> list[str]:
        """The source's text as a person reads it: one line per paragraph, tags removed."""
        return [re.sub(r"<[^>]+>", "", line) for line in re.split(r"\r\n|\r|\n", self.source)]

    @property
    def has_tags(self) -> bool:
        return "{" in self.source or "}" in self.source


# The core properties docxtpl renders as templates (DocxTemplate.render_properties).
PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")


@dataclass(frozen=True)
class TemplateSource:
    """A template file opened with docxtpl: its templated parts, and the opened DocxTemplate
    itself (`opened`, read and never changed: what a report does not fill is taken from it)."""

    digest: str  # sha256 of the file's bytes
    body: Part
    headers_footers: tuple[Part, ...]
    footnotes: tuple[Part, ...]
    properties: tuple[tuple[str, str], ...]  # (core property, its text)
    opened: object

    @property
    def parts(self) -> tuple[Part, ...]:
        return (self.body, *self.headers_footers, *self.footnotes)


def open_docx(data: bytes):
    """A DocxTemplate of the bytes, opened as its render() opens it."""
    from docxtpl import DocxTemplate

    tpl = DocxTemplate(io.BytesIO(data))
    tpl.render_init()
    return tpl


def _split(xml: str) -> str:
    # DocxTemplate.render_xml_part: each paragraph on a line of its own before Jinja sees it
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)


def _open(data: bytes, digest: str) -> TemplateSource:
    """Read the package with docxtpl as its render() does, part by part."""
    tpl = open_docx(data)
    body = Part(tpl.docx.part.partname.membername, _split(tpl.patch_xml(tpl.get_xml())))
    others = []
    for uri in (tpl.HEADER_URI, tpl.FOOTER_URI):
        for _rel, part in tpl.get_headers_footers(uri):
            xml = tpl.get_part_xml(part)
            encoding = tpl.get_headers_footers_encoding(xml)
            others.append(Part(part.partname.membername, _split(tpl.patch_xml(xml)), encoding))
    notes = []
    for part in tpl.docx.part.package.iter_parts():
        if part.content_type == FOOTNOTES:
            xml = part.blob.decode("utf-8") if isinstance(part.blob, bytes) else part.blob
            notes.append(Part(part.partname.membername, _split(tpl.patch_xml(xml))))
    props = tuple((p, getattr(tpl.docx.core_properties, p)) for p in PROPERTIES)
    return TemplateSource(digest, body, tuple(others), tuple(notes), props, tpl)


def _read(path: Path, where: str) -> bytes:
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):  # a folder, a pipe: never wait on one
            raise RenderError(f"{where}的模板 {path} 不是文件，应为 Word 文档（.docx）")
        return Path(path).read_bytes()
    except OSError as exc:
        raise RenderError(f"{where}的模板 {path} 无法读取：{os_reason(exc)}") from None


def _check_docx(data: bytes, path: Path, where: str) -> None:
    """Refuse bytes that are not a Word document, saying what they seem to be."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            if "word/document.xml" in z.namelist():
                return
        why = "不是 Word 文档（.docx）：其中没有正文"
    except zipfile.BadZipFile:
        why = (
            "不是 Word 文档（.docx）。是否把 .doc 或其他文件改了扩展名？请在 Word 中“另存为” .docx"
        )
    raise RenderError(f"{where}的模板 {path} {why}")


class Kept(Generic[K, V]):
    """What this process made, by what it was made from: at most `size` entries, the oldest
    dropped first; safe for the page's threads (two may make the same entry; one is kept)."""

    def __init__(self, size: int = KEPT) -> None:
        self._entries: dict[K, V] = {}
        self._lock = threading.Lock()
        self.size = size

    def get(self, key: K) -> V | None:
        with self._lock:
            return self._entries.get(key)

    def put(self, key: K, value: V) -> V:
        with self._lock:
            while len(self._entries) >= self.size:
                del self._entries[next(iter(self._entries))]
            self._entries[key] = value
        return value

    def pop(self, key: K) -> V | None:
        with self._lock:
            return self._entries.pop(key, None)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


_kept: Kept[str, TemplateSource] = Kept()


def template_source(path: Path, where: str) -> TemplateSource:
    """The template at `path`, read now and opened unless this process opened the same bytes
    before; RenderError (naming `where`, e.g. 格式“standard”) when it is no Word document."""
    data = _read(path, where)
    digest = hashlib.sha256(data).hexdigest()
    kept = _kept.get(digest)
    if kept is not None:
        return kept
    _check_docx(data, path, where)
    try:
        opened = _open(data, digest)
    except RenderError:
        raise
    except Exception as exc:  # a damaged package: python-docx and lxml raise many kinds
        raise RenderError(
            f"{where}的模板 {path} 已损坏，无法作为 Word 文档打开（{type(exc).__name__}）"
        ) from None
    return _kept.put(digest, opened)


def forget() -> None:
    """Drop what this process has read (tests compare a first read with a later one)."""
    _kept.clear()
