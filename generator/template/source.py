"""A format's template.docx read once per process: checked to be a Word document, and each
templated part (body, headers, footers, footnotes, document properties) cleaned into the Jinja
source docxtpl renders.

Entries are kept in memory by a hash of the file's bytes, so an edited template is read again
on its next use: what a build renders always comes from the template as it is now.
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
from typing import TYPE_CHECKING, Generic, TypeVar

from generator.errors import RenderError, os_reason

if TYPE_CHECKING:
    from docxtpl import DocxTemplate

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
    """A template file read as docxtpl reads it: its templated parts, and its bytes (preparing
    it opens the document itself: `open_docx`)."""

    digest: str  # sha256 of the file's bytes
    body: Part
    headers_footers: tuple[Part, ...]
    footnotes: tuple[Part, ...]
    properties: tuple[tuple[str, str], ...]  # (core property, its text)
    data: bytes

    @property
    def parts(self) -> tuple[Part, ...]:
        return (self.body, *self.headers_footers, *self.footnotes)


def open_docx(data: bytes) -> DocxTemplate:
    """A DocxTemplate of the bytes, opened as its render() opens it."""
    from docxtpl import DocxTemplate

    tpl = DocxTemplate(io.BytesIO(data))
    tpl.render_init()
    return tpl


def _split(xml: str) -> str:
    # DocxTemplate.render_xml_part: each paragraph on a line of its own before Jinja sees it
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)


def _open(data: bytes, digest: str) -> TemplateSource:
    """Read the templated parts as docxtpl's render() reads them, from the package's XML parts
    as python-docx parses them, without loading the whole document (its styles, fonts and every
    other part): a check needs only these, and preparing a template opens the document itself.
    """
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.coreprops import CoreProperties
    from docx.oxml.parser import parse_xml
    from docxtpl import DocxTemplate

    tpl = DocxTemplate(io.BytesIO())  # for patch_xml and xml_to_string; reads nothing
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        main = _target(z, "", RT.OFFICE_DOCUMENT)
        if main is None:
            raise ValueError("no main document part")
        root = parse_xml(z.read(main))
        body = Part(main, _split(tpl.patch_xml(tpl.xml_to_string(root.find(_BODY)))))
        others = []
        for kind in (RT.HEADER, RT.FOOTER):  # DocxTemplate.get_headers_footers: non-empty parts
            for name in _targets(z, main, kind):
                blob = z.read(name)
                if blob:
                    xml = tpl.xml_to_string(parse_xml(blob))
                    encoding = tpl.get_headers_footers_encoding(xml)
                    others.append(Part(name, _split(tpl.patch_xml(xml)), encoding))
        notes = [  # DocxTemplate.render_footnotes: the part's own text
            Part(name, _split(tpl.patch_xml(z.read(name).decode("utf-8"))))
            for name in _targets(z, main, RT.FOOTNOTES)
        ]
        core = _target(z, "", RT.CORE_PROPERTIES)
        if core is not None:
            props = CoreProperties(parse_xml(z.read(core)))
            texts = tuple((p, getattr(props, p)) for p in PROPERTIES)
        else:  # python-docx makes default properties for a package without them
            opened = open_docx(data).docx
            texts = tuple((p, getattr(opened.core_properties, p)) for p in PROPERTIES)
    return TemplateSource(digest, body, tuple(others), tuple(notes), texts, data)


_BODY = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}body"


def _targets(z: zipfile.ZipFile, source: str, kind: str) -> list[str]:
    """Member names of the parts `source` (a member name, "" for the package) relates to by
    `kind`, in the order of its relationships."""
    import posixpath

    from lxml import etree  # type: ignore[import-untyped]

    folder, name = posixpath.split(source)
    rels = posixpath.join(folder, "_rels", name + ".rels")
    try:
        root = etree.fromstring(z.read(rels))
    except KeyError:
        return []
    return [
        posixpath.normpath(posixpath.join("/" + folder, rel.get("Target", ""))).lstrip("/")
        for rel in root
        if rel.get("Type") == kind and rel.get("TargetMode") != "External"
    ]


def _target(z: zipfile.ZipFile, source: str, kind: str) -> str | None:
    found = _targets(z, source, kind)
    return found[0] if found else None


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
