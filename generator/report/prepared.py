"""Each format's template, prepared once per process and filled for every unit.

This is the one way a report is rendered. docxtpl's `render()` reads the .docx, parses its
XML, cleans the XML into Jinja source (patch_xml), compiles that source, fills it, fixes the
tables, and saves every part. Of these, reading, cleaning, compiling and compressing the
parts that no report changes (styles, settings, fonts…) depend on the template alone: they
are done once per template and settings (`prepared`), in memory, in this process (a `--jobs`
batch prepares its formats in the parent before the workers start). A unit then runs only
what depends on it, with docxtpl's own steps in docxtpl's order, so the bytes are those of a
fresh `DocxTemplate(...).render()` followed by the same post-pass and writer
(tests/test_prepared.py holds the two side by side).
"""

from __future__ import annotations

import hashlib
import io
import marshal
import types
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.util import MAGIC_NUMBER
from typing import TYPE_CHECKING

import jinja2
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.coreprops import CoreProperties
from docx.opc.oxml import serialize_part_xml
from docx.oxml.parser import parse_xml
from docxtpl import DocxTemplate
from jinja2 import Template
from jinja2.sandbox import SandboxedEnvironment

from generator.report import docx_passes
from generator.report.columns import style_sizes
from generator.report.docx_text import XmlElement, body_lines, remember
from generator.report.docx_writer import Entry, deflate, write_zip
from generator.report.layout import style_names
from generator.report.loops import count_loops, loop_budget
from generator.template.signed import kept
from generator.template.source import Kept, Part, TemplateSource, open_docx
from generator.template.use import take_parsed
from generator.version import tool_version

if TYPE_CHECKING:
    from docx.document import Document

KEPT = 16  # prepared templates per process; the oldest is dropped beyond this

# What render does to a filled body and its core properties, given the template's style names
# and font sizes.
Finish = Callable[[XmlElement, CoreProperties, dict[str, str], dict[str, int]], None]


class PartSyntaxError(Exception):
    """A part's Jinja does not compile: the error, and the part it is in (for its lines)."""

    def __init__(self, error: Exception, part: Part):
        super().__init__(str(error))
        self.error, self.part = error, part


@dataclass
class XmlSource:
    """One XML part as docxtpl renders it: its cleaned source, compiled."""

    part: Part
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

    env: SandboxedEnvironment
    members: list[Entry | str]  # in the order python-docx writes them; a name is filled per unit
    body: XmlSource
    document: bytes  # the document part of the template, its body replaced per unit
    document_name: str
    skeleton: docx_passes.Skeleton | None = None  # None: the body takes docxtpl's steps
    parts: dict[str, tuple[XmlSource, str]] = field(default_factory=dict)  # header/footer
    footnotes: dict[str, XmlSource] = field(default_factory=dict)
    core_name: str = ""
    core: bytes = b""
    properties: dict[str, Template | str] = field(default_factory=dict)  # str: renders as itself
    styles: dict[str, str] = field(default_factory=dict)  # paragraph style id → name
    sizes: dict[str, int] = field(default_factory=dict)  # paragraph style id → half-points

    def render(self, context: dict, finish: Finish, write: bool = True) -> bytes:
        """The report's .docx bytes; `finish` is render.py's pass over the filled body (merged
        cells, the flow across pages) and the unit's own core properties. `write` False (a dry
        run): every step that can fail is taken, then the filled tree is dropped unserialised
        (b"": for a very large report, hundreds of megabytes never made)."""
        helper = DocxTemplate(io.BytesIO())  # docxtpl's helpers; reads nothing
        helper.docx_ids_index = 1000
        filled: dict[str, bytes] = {}
        # Body (DocxTemplate.render: build_xml, fix_tables, fix_docpr_ids, map_tree).
        xml = self.body.render(context, helper)
        root = self.skeleton.assemble(xml) if self.skeleton else None
        if root is not None and docx_passes.grids_fit(root.body, xml):
            if "docPr" in xml:
                docx_passes.renumber_drawings(root.body, helper)
        else:  # a table docxtpl changes: its own steps
            tree = helper.fix_tables(xml)
            helper.fix_docpr_ids(tree)
            root = parse_xml(self.document)
            root.replace(root.body, tree)
            del tree  # a plain element's proxy; the body found again gets python-docx's class
        del xml  # megabytes for a large report: not kept beside the tree and its serialisation
        # Headers and footers that hold placeholders (the others are in self.members).
        for name, (part, encoding) in self.parts.items():
            filled[name] = _xml_part(part.render(context, helper), encoding)
        # Footnotes (DocxTemplate.render_footnotes: the rendered text is the part's bytes).
        for name, note in self.footnotes.items():
            filled[name] = note.render(context, helper).encode("utf-8")
        # Core properties: docxtpl renders six as templates; then the unit's own.
        core = parse_xml(self.core)
        props = CoreProperties(core)
        for prop, template in self.properties.items():
            setattr(
                props, prop, template if isinstance(template, str) else template.render(context)
            )
        finish(root.body, props, self.styles, self.sizes)
        if not write:
            return b""
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
        return env.from_string(count_loops(env.parse(text)))
    return text


def _xml_part(xml: str, encoding: str) -> bytes:
    """A rendered header or footer as python-docx saves it (XmlPart.load, then its blob)."""
    return serialize_part_xml(parse_xml(xml.encode(encoding)))


def _compile(
    env: SandboxedEnvironment, source: TemplateSource, part: Part, settings_key: str
) -> XmlSource:
    """The part compiled with `env`, as `env.from_string` compiles it: from the tree `use_of`
    parsed if no compile has used it yet, or from the signed entry an earlier run of this
    jixiao left for the same source and settings (template/signed.py)."""
    made_from = "\0".join(
        (MAGIC_NUMBER.hex(), jinja2.__version__, tool_version(), settings_key, part.source)
    )
    name = hashlib.sha256(made_from.encode("utf-8")).hexdigest() + ".jinja"

    def make() -> types.CodeType:
        tree = take_parsed(source, part.name)
        return env.compile(count_loops(env.parse(part.source) if tree is None else tree))

    try:
        code = kept(name, make, marshal.dumps, _code)
        return XmlSource(part, env.template_class.from_code(env, code, env.make_globals(None)))
    except Exception as exc:  # TemplateSyntaxError, TemplateAssertionError (unknown filter)…
        raise PartSyntaxError(exc, part) from None


def _code(data: bytes) -> types.CodeType:
    """Compiled code from a verified entry."""
    code = marshal.loads(data)
    if not isinstance(code, types.CodeType):
        raise TypeError("not compiled code")
    return code


def _saved_members(document: Document) -> list[tuple[str, bytes]]:
    """(member name, bytes) of the template as python-docx saves it, in its order."""
    buf = io.BytesIO()
    document.save(buf)
    with zipfile.ZipFile(buf) as z:
        return [(info.filename, z.read(info)) for info in z.infolist()]


def prepare(source: TemplateSource, env: SandboxedEnvironment, settings_key: str) -> Prepared:
    """Compile the template's parts with `env` and compress what no report changes.
    PartSyntaxError when a part's Jinja does not compile."""
    tpl = open_docx(source.data)
    doc = tpl.docx
    prepared = Prepared(
        env=env,
        members=[],
        body=_compile(env, source, source.body, settings_key),
        document=serialize_part_xml(doc.element),
        document_name=source.body.name,
    )
    prepared.skeleton = docx_passes.Skeleton.of(doc.element, source.body.source)
    prepared.styles = style_names(doc)
    prepared.sizes = style_sizes(doc)
    static: dict[str, bytes] = {}
    for part in source.headers_footers:
        compiled = _compile(env, source, part, settings_key)
        if part.has_tags:
            prepared.parts[part.name] = (compiled, part.encoding)
        else:  # no placeholder: the same in every report
            with loop_budget():
                static[part.name] = _xml_part(compiled.render({}, tpl), part.encoding)
    for part in source.footnotes:
        prepared.footnotes[part.name] = _compile(env, source, part, settings_key)
    core_part = next(
        p for p in doc.part.package.iter_parts() if p.content_type == CT.OPC_CORE_PROPERTIES
    )
    prepared.core_name = core_part.partname.membername
    prepared.core = serialize_part_xml(core_part.element)
    for prop, text in source.properties:
        try:
            prepared.properties[prop] = _property(env, text)
        except Exception as exc:  # as _compile
            raise PartSyntaxError(exc, Part(prepared.core_name, text)) from None
    filled = {prepared.document_name, prepared.core_name, *prepared.parts, *prepared.footnotes}
    for name, data in _saved_members(doc):
        if name in filled:
            prepared.members.append(name)
        else:
            prepared.members.append(deflate(name, static.get(name, data)))
    return prepared


_kept: Kept[tuple[str, str], Prepared] = Kept(KEPT)


def prepared(
    source: TemplateSource, settings_key: str, environment: Callable[[], SandboxedEnvironment]
) -> Prepared:
    """The template prepared with the environment its settings make, from this process's
    memory when the same template bytes were prepared with the same settings before."""
    key = (source.digest, hashlib.sha256(settings_key.encode("utf-8")).hexdigest())
    return _kept.get(key) or _kept.put(key, prepare(source, environment(), settings_key))


def forget() -> None:
    _kept.clear()
