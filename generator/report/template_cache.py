"""Each format's template, prepared once per process and reused for every unit.

With plain docxtpl every report reads the .docx, parses its XML, cleans the XML into Jinja
source (docxtpl's patch_xml), compiles that source, and compresses parts that no report
changes (styles, settings, fonts…). For a typical unit that is most of the work. `prepared`
does it once per format digest (settings and template files); each `--jobs` worker process
keeps its own. A unit then runs only what depends on it, with docxtpl's own steps in
docxtpl's order, so the bytes are those of a fresh `DocxTemplate(...).render()` followed by
the same post-pass and writer (tests/test_template_cache.py holds the two side by side).

A template this path does not handle (one with footnotes, which docxtpl renders in a part
python-docx then ignores) is marked unsupported, and render.py renders it with docxtpl; an
error here (a broken tag, a missing placeholder) also sends the unit to docxtpl's path,
which words the message.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from docx.opc.coreprops import CoreProperties
from docx.opc.oxml import serialize_part_xml
from docx.oxml.parser import parse_xml
from docxtpl import DocxTemplate
from jinja2 import Template
from jinja2.sandbox import SandboxedEnvironment

from generator.data.formats import Format
from generator.data.settings import Settings
from generator.report import compiled, docx_passes
from generator.report.docx_text import body_lines, remember
from generator.report.docx_writer import Entry, deflate, package_parts, write_zip
from generator.report.layout import style_names

# The core properties docxtpl renders as templates (DocxTemplate.render_properties).
PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")
FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
CACHED_FORMATS = 16  # a process rarely sees more; the oldest is dropped beyond this

# What render does to a filled body and its core properties, given the template's style names.
Finish = Callable[[object, CoreProperties, dict[str, str]], None]


@dataclass
class XmlSource:
    """One XML part as docxtpl renders it: cleaned source, compiled."""

    source: str  # after patch_xml and render_xml_part's line breaks, as docxtpl compiles it
    template: Template

    def render(self, context: dict, helper: DocxTemplate) -> str:
        """docxtpl's render_xml_part after the compile: render, then its clean-up."""
        xml = self.template.render(context)
        # re.sub(r"\n<w:p([ >])", r"<w:p\1", xml) as two plain replacements
        xml = xml.replace("\n<w:p ", "<w:p ").replace("\n<w:p>", "<w:p>")
        xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%")
        return docx_passes.resolve_listing(helper, xml.replace("%_}", "%}"))


@dataclass
class Prepared:
    """A format's template ready to fill: compiled parts and the compressed unchanging ones."""

    template_path: str
    env: SandboxedEnvironment
    members: list[Entry | str]  # in the order python-docx writes them; a name is filled per unit
    body: XmlSource
    document: bytes  # the document part of the template, its body replaced per unit
    document_name: str
    skeleton: docx_passes.Skeleton | None = None  # None: the body takes docxtpl's steps
    parts: dict[str, tuple[XmlSource, str]] = field(default_factory=dict)  # header/footer
    core_name: str = ""
    core: bytes = b""
    properties: dict[str, Template | str] = field(default_factory=dict)  # str: renders as itself
    styles: dict[str, str] = field(default_factory=dict)  # paragraph style id → name

    def render(self, context: dict, finish: Finish) -> bytes:
        """The report's .docx bytes; `finish` is render.py's pass over the filled body (merged
        cells, the flow across pages) and the unit's own core properties."""
        helper = DocxTemplate(self.template_path)  # docxtpl's helpers; reads nothing
        helper.docx_ids_index = 1000
        filled: dict[str, bytes] = {}
        # Body (DocxTemplate.render: build_xml, fix_tables, fix_docpr_ids, map_tree).
        xml = self.body.render(context, helper)
        root = self.skeleton.assemble(xml) if self.skeleton else None
        if root is not None and docx_passes.grids_fit(root.body, xml):
            if "docPr" in xml:
                docx_passes.renumber_drawings(root.body, helper)
        else:  # docxtpl's own steps
            tree = helper.fix_tables(xml)
            helper.fix_docpr_ids(tree)
            root = parse_xml(self.document)
            root.replace(root.body, tree)
            del tree  # a plain element's proxy; the body found again gets python-docx's class
        del xml  # megabytes for a large report: not kept beside the tree and its serialisation
        # Headers and footers that hold placeholders (the others are in self.members).
        for name, (part, encoding) in self.parts.items():
            filled[name] = _xml_part(part.render(context, helper), encoding)
        # Core properties: docxtpl renders six as templates; then the unit's own.
        core = parse_xml(self.core)
        props = CoreProperties(core)
        for prop, template in self.properties.items():
            setattr(
                props, prop, template if isinstance(template, str) else template.render(context)
            )
        finish(root.body, props, self.styles)
        lines = body_lines(root.body)  # the text the build records, while the tree is here
        filled[self.document_name] = serialize_part_xml(root)
        filled[self.core_name] = serialize_part_xml(core)
        docx = write_zip(m if isinstance(m, Entry) else deflate(m, filled[m]) for m in self.members)
        remember(docx, lines)
        return docx


def _property(env: SandboxedEnvironment, text: str) -> Template | str:
    """A core property compiled as docxtpl compiles it, or the text itself when Jinja would
    render it unchanged: no delimiter (all begin with "{"; line statements are off), no
    line break to normalise and no final one to drop."""
    if "{" in text or "\r" in text or text.endswith("\n"):
        return env.from_string(text)
    return text


def _xml_part(xml: str, encoding: str) -> bytes:
    """A rendered header or footer as python-docx saves it (XmlPart.load, then its blob)."""
    return serialize_part_xml(parse_xml(xml.encode(encoding)))


def _compile(env: SandboxedEnvironment, patched: str) -> XmlSource:
    source = re.sub(r"<w:p([ >])", r"\n<w:p\1", patched)
    return XmlSource(source, compiled.from_source(env, source))


def prepare(
    fmt: Format, environment: Callable[[Settings], SandboxedEnvironment]
) -> Prepared | None:
    """Read, clean and compile the format's template; None if it needs docxtpl itself."""
    tpl = DocxTemplate(str(fmt.template))
    tpl.render_init()
    doc = tpl.docx
    package = doc.part.package
    if any(part.content_type == FOOTNOTES for part in package.parts):
        return None
    env = environment(fmt.settings)
    prepared = Prepared(
        template_path=str(fmt.template),
        env=env,
        members=[],
        body=_compile(env, tpl.patch_xml(tpl.get_xml())),
        document=serialize_part_xml(doc.element),
        document_name=doc.part.partname.membername,
    )
    prepared.skeleton = docx_passes.Skeleton.of(doc.element, prepared.body.source)
    prepared.styles = style_names(doc)
    static: dict[str, bytes] = {}
    for uri in (tpl.HEADER_URI, tpl.FOOTER_URI):
        for _rel, part in tpl.get_headers_footers(uri):
            xml = tpl.get_part_xml(part)
            encoding = tpl.get_headers_footers_encoding(xml)
            compiled = _compile(env, tpl.patch_xml(xml))
            name = part.partname.membername
            if "{" in compiled.source or "}" in compiled.source:
                prepared.parts[name] = (compiled, encoding)
            else:  # no placeholder: the same in every report
                static[name] = _xml_part(compiled.render({}, tpl), encoding)
    core_part = package._core_properties_part
    prepared.core_name = core_part.partname.membername
    prepared.core = serialize_part_xml(core_part.element)
    prepared.properties = {
        prop: _property(env, getattr(doc.core_properties, prop)) for prop in PROPERTIES
    }
    filled = {prepared.document_name, prepared.core_name, *prepared.parts}
    for name, data in package_parts(package):
        if name in filled:
            prepared.members.append(name)
        else:
            prepared.members.append(deflate(name, static.get(name, data)))
    return prepared


_cache: dict[str, Prepared | None] = {}


def prepared(
    fmt: Format, environment: Callable[[Settings], SandboxedEnvironment]
) -> Prepared | None:
    """The format's prepared template, from this process's cache when its digest matches.

    `environment` makes the Jinja environment for the format's settings (render.py's).
    """
    key = fmt.digest()
    if key not in _cache:
        if len(_cache) >= CACHED_FORMATS:
            del _cache[next(iter(_cache))]
        _cache[key] = prepare(fmt, environment)
    return _cache[key]


def forget() -> None:
    _cache.clear()
