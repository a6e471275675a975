"""docxtpl's passes over a rendered body, done only where they can change something.

After rendering, docxtpl turns tabs and line breaks in text into Word's own elements
(resolve_listing), parses the body and widens or narrows table grids whose rows have more or
fewer cells than the grid (fix_tables), renumbers drawings (fix_docpr_ids) and moves the body
into the document (map_tree, which makes lxml visit every node again to settle namespaces).
Each is a full pass in Python or C over the report. Here:

- resolve_listing runs only on paragraphs that hold a tab, line break, page break or bell;
- the body is parsed once, straight into the document (`Skeleton.assemble`), its namespace
  declarations being those the document already makes, which is what map_tree leaves;
- fix_tables is a check (`grids_fit`): docxtpl would change nothing, or the unit takes
  docxtpl's own path;
- drawings are renumbered only if the body has any.

Each shortcut gives what the full pass gives; where that cannot be shown for a unit, the
unit takes docxtpl's own steps there (tests/test_prepared.py compares the bytes).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from docx.oxml.ns import nsmap, qn
from docx.oxml.parser import element_class_lookup
from lxml import etree  # type: ignore[import-untyped]

from generator.report.docx_text import XmlElement

if TYPE_CHECKING:
    from docxtpl import DocxTemplate

LISTING = ("\t", "\a", "\n", "\f")  # what resolve_listing turns into tabs, paragraphs, breaks
PARAGRAPH = re.compile(r"<w:p(?: [^>]*)?>.*?</w:p>", flags=re.DOTALL)  # as resolve_listing
XMLNS = re.compile(r'\s+xmlns(?::([\w.-]+))?="([^"]*)"')
TBL, TBLGRID, GRIDCOL, TR, TRPR, TC, TCPR, GRIDSPAN, VAL = (
    qn(f"w:{t}")
    for t in ("tbl", "tblGrid", "gridCol", "tr", "trPr", "tc", "tcPr", "gridSpan", "val")
)
DOCPR = etree.XPath(".//wp:docPr", namespaces=nsmap)
W_URI = nsmap["w"]
# Start tags in the text: at least as many as there are elements (a comment may add some).
START_TBL = re.compile(r"<w:tbl[\s/>]")
START_TR = re.compile(r"<w:tr[\s/>]")
FEED = 1 << 18  # characters handed to the parser at a time


def resolve_listing(helper: DocxTemplate, xml: str) -> str:
    """DocxTemplate.resolve_listing, run only on the paragraphs it would change."""
    if not any(c in xml for c in LISTING):
        return xml

    def paragraph(m: re.Match) -> str:
        text = m.group(0)
        return helper.resolve_listing(text) if any(c in text for c in LISTING) else text

    return PARAGRAPH.sub(paragraph, xml)


def grids_fit(body: XmlElement, xml: str | None = None) -> bool:
    """True when DocxTemplate.fix_tables would leave every table as it is.

    fix_tables adds grid columns when a row has more cells than the grid, and removes them
    when no row spans the whole grid; it changes nothing else. `xml`, the body as parsed,
    lets a body whose tables and rows all sit directly in the body and its tables be
    checked without walking every element in search of others.
    """
    tables, rows_of = _tables(body, xml)
    for table in tables:
        grid = table.find(TBLGRID)
        if grid is None:
            return False  # docxtpl fails here; let it say so
        columns = len(grid.findall(GRIDCOL))
        spans_grid = False
        for row in rows_of(table):
            # A row cannot have more cells than children, nor than children less a first
            # one that is not a cell (its properties); count the cells only past that.
            most = len(row) - (len(row) > 0 and row[0].tag != TC)
            if most > columns and sum(1 for _ in row.iterchildren(TC)) > columns:
                return False
            if not spans_grid:
                width = _row_width(row)
                if width is None:
                    return False
                spans_grid = width >= columns
        if not spans_grid:
            return False
    return True


def _tables(
    body: XmlElement, xml: str | None
) -> tuple[list[XmlElement], Callable[[XmlElement], Iterable[XmlElement]]]:
    """The tables fix_tables visits (every w:tbl in the body) and how to get the rows it
    visits in each (every w:tr in it). When the text shows that every w:tbl is one of the
    body's own and every w:tr one of its table's own, both come without a full walk."""
    if xml is not None and xml.count(W_URI) == 1:  # the body's declaration, no other prefix
        tables = list(body.iterchildren(TBL))
        if len(START_TBL.findall(xml)) == len(tables):
            rows = {t: list(t.iterchildren(TR)) for t in tables}
            if len(START_TR.findall(xml)) == sum(len(r) for r in rows.values()):
                return tables, rows.__getitem__
    return list(body.iter(TBL)), lambda table: table.iter(TR)


def _row_width(row: XmlElement) -> int | None:
    """Columns a row's cells span, as fix_tables counts them (None: a span it cannot read)."""
    width = 0
    for cell in row.iterchildren(TC):
        props = cell.find(TCPR)
        span = None if props is None else props.find(GRIDSPAN)
        if span is None:
            width += 1
            continue
        value = span.get(VAL)
        if value is None or not value.isdigit() or not value.isascii():
            return None
        width += int(value)
    return width


def renumber_drawings(body: XmlElement, helper: DocxTemplate) -> None:
    """DocxTemplate.fix_docpr_ids on the body: drawings numbered from 1001 in order."""
    for element in DOCPR(body):
        helper.docx_ids_index += 1
        element.attrib["id"] = str(helper.docx_ids_index)


@dataclass
class Skeleton:
    """A template's document part around its body, to parse a rendered body straight into."""

    head: str  # the document's start tag and whatever comes before the body
    tail: str
    body_tag: str  # the body's start tag as docxtpl renders it, namespaces declared
    body_open: str  # the same without the declarations the document already makes
    children: int  # elements in the document, the body among them
    index: int  # the body's place among them

    @classmethod
    def of(cls, document: XmlElement, body_source: str) -> Skeleton | None:
        """From the template's document element and the compiled body source; None if the
        template is one this shortcut has not been shown to handle."""
        if document.getprevious() is not None or document.getnext() is not None:
            return None  # comments or processing instructions around the document
        m = re.match(r"<w:body\b[^>{}]*>", body_source)
        if m is None:
            return None
        declared = document.nsmap
        uris = list(declared.values())
        for prefix, uri in XMLNS.findall(m.group(0)):
            if declared.get(prefix or None) != uri or uris.count(uri) != 1:
                return None
        copy = etree.fromstring(etree.tostring(document))
        body = copy.find(qn("w:body"))
        if body is None:
            return None
        index, children = list(copy).index(body), len(copy)
        copy.replace(body, etree.Element("jixiao-body"))
        head, sep, tail = etree.tostring(copy, encoding="unicode").partition("<jixiao-body/>")
        if not sep or "<jixiao-body/>" in tail or "docPr" in head + tail:
            return None
        return cls(head, tail, m.group(0), XMLNS.sub("", m.group(0)), children, index)

    def assemble(self, xml: str) -> XmlElement | None:
        """The document element with the rendered body in it, or None where the shortcut
        cannot be shown to equal docxtpl's parse-then-move (the caller then takes that path).
        """
        if not (xml.startswith(self.body_tag) and xml.endswith("</w:body>")):
            return None
        parser = etree.XMLParser()  # as fix_tables parses (it recovers only from errors)
        parser.set_element_class_lookup(element_class_lookup)  # as python-docx's tree
        try:
            parser.feed(self.head)
            parser.feed(self.body_open)
            # In slices: a report of 2,000 indicators is megabytes, and a copy of it all
            # (and lxml's UTF-8 of it) would add to the peak memory while the tree grows.
            for start in range(len(self.body_tag), len(xml), FEED):
                parser.feed(xml[start : start + FEED])
            parser.feed(self.tail)
            root = parser.close()
        except etree.XMLSyntaxError:
            return None
        if len(root) != self.children or root[self.index].tag != qn("w:body"):
            return None
        return root
