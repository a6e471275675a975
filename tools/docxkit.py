"""Build the shipped Word templates: a GB/T 9704 base document and helpers for docxtpl tags.

The .docx files under templates/ are what users edit; this kit only makes the shipped ones
reproducible. Run `python tools/build_templates.py` after changing a builder.
"""

from __future__ import annotations

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

FANGSONG, HEITI, KAITI, XIAOBIAOSONG, SONGTI = (
    "仿宋_GB2312",
    "黑体",
    "楷体_GB2312",
    "方正小标宋简体",
    "宋体",
)
LATIN = "Times New Roman"


def set_fonts(style_or_run, east_asian: str, latin: str = LATIN) -> None:
    """Fonts on both slots: Word takes Chinese glyphs from w:eastAsia only."""
    el = style_or_run.element
    rpr = el.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for slot in ("w:ascii", "w:hAnsi", "w:cs"):
        rfonts.set(qn(slot), latin)
    rfonts.set(qn("w:eastAsia"), east_asian)


def _para_style(
    doc,
    name,
    font,
    size,
    *,
    bold=False,
    align=None,
    indent=True,
    spacing=28,
    before=0,
    after=0,
    base="Normal",
    keep=False,
):
    styles = doc.styles
    style = (
        styles[name]
        if name in [s.name for s in styles]
        else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    )
    if name != "Normal":
        style.base_style = styles[base]
        style.quick_style = True
    set_fonts(style, font)
    style.font.size = Pt(size)
    style.font.bold = bold
    pf = style.paragraph_format
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(spacing)
    pf.first_line_indent = Pt(size * 2) if indent else Pt(0)
    pf.space_before, pf.space_after = Pt(before), Pt(after)
    pf.widow_control = True
    pf.keep_with_next = keep  # headings stay with the paragraph they introduce
    if align is not None:
        pf.alignment = align
    return style


def base_document(body_size: float = 16, line: float = 28):
    """A4, GB/T 9704 margins, 仿宋_GB2312 三号 body, headings 黑体/楷体/仿宋, page numbers."""
    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin, sec.bottom_margin = Mm(37), Mm(35)
    sec.left_margin, sec.right_margin = Mm(28), Mm(26)
    sec.footer_distance = Mm(25)
    _para_style(doc, "Normal", FANGSONG, body_size, align=WD_ALIGN_PARAGRAPH.JUSTIFY, spacing=line)
    _para_style(
        doc, "报告标题", XIAOBIAOSONG, 22, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, spacing=36
    )
    _para_style(
        doc,
        "报告副标题",
        KAITI,
        body_size,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        indent=False,
        spacing=line,
    )
    _para_style(doc, "一级标题", HEITI, body_size, spacing=line, keep=True)
    _para_style(doc, "二级标题", KAITI, body_size, spacing=line, keep=True)
    _para_style(doc, "三级标题", FANGSONG, body_size, bold=True, spacing=line, keep=True)
    _para_style(doc, "四级标题", FANGSONG, body_size, spacing=line, keep=True)
    _para_style(
        doc,
        "表题",
        HEITI,
        14,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        indent=False,
        spacing=24,
        before=6,
        after=6,
        keep=True,
    )
    _para_style(
        doc, "表格文字", FANGSONG, 12, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, spacing=18
    )
    _para_style(
        doc, "表格左齐", FANGSONG, 12, align=WD_ALIGN_PARAGRAPH.LEFT, indent=False, spacing=18
    )
    _para_style(doc, "表头", HEITI, 12, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, spacing=18)
    _para_style(
        doc, "落款", FANGSONG, body_size, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False, spacing=line
    )
    page_number_footer(doc)
    doc.core_properties.author = "jixiao"
    doc.core_properties.title = "绩效自评报告模板"
    return doc


def page_number_footer(doc) -> None:
    """'— 1 —' centred, 宋体 四号."""
    footer = doc.sections[0].footer
    p = footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.first_line_indent = Pt(0)

    def run(text=None, field=None):
        r = p.add_run(text or "")
        set_fonts(r, SONGTI, SONGTI)
        r.font.size = Pt(14)
        if field:
            for kind, value in (
                ("begin", None),
                ("instr", field),
                ("separate", None),
                ("end", None),
            ):
                if kind == "instr":
                    el = OxmlElement("w:instrText")
                    el.set(qn("xml:space"), "preserve")
                    el.text = value
                else:
                    el = OxmlElement("w:fldChar")
                    el.set(qn("w:fldCharType"), kind)
                r._r.append(el)
                if kind == "separate":
                    t = OxmlElement("w:t")
                    t.text = "1"
                    r._r.append(t)
        return r

    run("— ")
    run(field=" PAGE ")
    run(" —")


def p(doc, text: str = "", style: str | None = None):
    return doc.add_paragraph(text, style=style)


def tag(doc, statement: str):
    """A docxtpl paragraph tag ({%p ... %}); the paragraph disappears from the output."""
    return doc.add_paragraph("{%p " + statement + " %}")


def loop(doc, item: str, items: str, *lines: tuple[str, str | None]):
    """{%p for item in items %} … {%p endfor %} around the given (text, style) paragraphs."""
    tag(doc, f"for {item} in {items}")
    for text, style in lines:
        p(doc, text, style)
    tag(doc, "endfor")


def topics(doc, expr: str, numbering: str | None = "条", title_style: str = "三级标题") -> None:
    """A list of 叙述 topics: optional numbered title, then paragraphs."""
    number = "{{ loop.index | " + numbering + " }} " if numbering else ""
    tag(doc, f"for t in {expr}")
    tag(doc, "if t.标题")
    p(doc, number + "{{ t.标题 }}", title_style)
    tag(doc, "endif")
    tag(doc, "for x in t.内容")
    p(doc, "{{ x }}")
    tag(doc, "endfor")
    tag(doc, "endfor")


def table(
    doc,
    headers: list[str],
    widths_mm: list[float],
    rows: list[list[str]],
    header_rows: list[list[str]] | None = None,
    repeat_header: bool = True,
    row_mm: float = 7.5,
):
    """A bordered table: header row(s), then body rows whose cells may hold {%tr %} tags.

    Rows are at least row_mm high, centred vertically and never split across pages; header
    rows repeat on each page; column widths are fixed and set on the grid too, which is what
    LibreOffice and WPS lay out by. Put a paragraph between two tables, or Word and
    LibreOffice join them into one.
    """
    all_header = header_rows or [headers]
    t = doc.add_table(rows=0, cols=len(widths_mm))
    t.style = doc.styles["Table Grid"]
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    for hr in all_header:
        cells = t.add_row().cells
        for c, text in zip(cells, hr, strict=True):
            c.text = text
            c.paragraphs[0].style = doc.styles["表头"]
        if repeat_header:
            _row_flag(t.rows[-1], "w:tblHeader")
    for r in rows:
        cells = t.add_row().cells
        for c, text in zip(cells, r, strict=True):
            c.text = text
            c.paragraphs[0].style = doc.styles["表格文字"]
    t.autofit = False
    for row in t.rows:
        _row_flag(row, "w:cantSplit")
        row.height, row.height_rule = Mm(row_mm), WD_ROW_HEIGHT_RULE.AT_LEAST
        for c, w in zip(row.cells, widths_mm, strict=True):
            c.width = Mm(w)
            c.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    for col, w in zip(t._tbl.tblGrid.gridCol_lst, widths_mm, strict=True):
        col.w = Mm(w)
    return t


def _row_flag(row, tag_name: str) -> None:
    trPr = row._tr.get_or_add_trPr()
    trPr.append(OxmlElement(tag_name))


def loop_rows(item: str, items: str, cells: list[str]) -> list[list[str]]:
    """Rows for a {%tr for %} loop: a tag row, the repeated row, an end tag row."""
    n = len(cells)
    return [
        ["{%tr for " + item + " in " + items + " %}"] + [""] * (n - 1),
        cells,
        ["{%tr endfor %}"] + [""] * (n - 1),
    ]


def new_section_landscape(doc) -> None:
    sec = doc.add_section(WD_SECTION.NEW_PAGE)
    sec.page_width, sec.page_height = Mm(297), Mm(210)


def run_in(doc, head: str, body: str, style: str | None = None):
    """A paragraph opening with a bold run-in head ("1. 预算管理制度缺失。") and plain text after it."""
    para = doc.add_paragraph(style=style)
    para.add_run(head).bold = True
    para.add_run(body)
    return para


def merge(
    table,
    first: tuple[int, int],
    last: tuple[int, int],
    text: str | None = None,
    style: str = "表头",
):
    """Merge the cells from first (row, col) to last; the merged cell keeps one paragraph of text."""
    cell = table.cell(*first).merge(table.cell(*last))
    if text is not None:
        for extra in cell.paragraphs[1:]:
            extra._p.getparent().remove(extra._p)
        cell.paragraphs[0].text = text
        cell.paragraphs[0].style = table.part.document.styles[style]
    return cell
