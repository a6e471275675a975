"""How the workbooks look: fonts, borders, column widths, row heights and A4 print settings."""

from __future__ import annotations

import io
import math
import re
import unicodedata
import zipfile
from collections.abc import Sequence
from functools import cache

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

FONT = "宋体"  # what Chinese finance offices print tables in; a machine without it substitutes
TITLE = Font(name=FONT, size=16, bold=True)
SUBTITLE = Font(name=FONT, size=11)
BODY = Font(name=FONT, size=10)
BOLD = Font(name=FONT, size=10, bold=True)
NORMAL_FONT_XML = f'<font><name val="{FONT}"/><sz val="{BODY.size:g}"/></font>'.encode()
HEADER_FILL = PatternFill("solid", fgColor="F2F2F2")
ERROR_FILL = PatternFill("solid", fgColor="FDE9E7")  # a unit with errors, in the summary
THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
CENTER_TOP = Alignment(horizontal="center", vertical="top", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True, indent=1)
LEFT_TOP = Alignment(horizontal="left", vertical="top", wrap_text=True, indent=1)
PLAIN_LEFT = Alignment(horizontal="left", vertical="center")
RIGHT = Alignment(horizontal="right", vertical="center")
# A Chinese character of 10 pt text is about 1.9 width units in Excel and 1.4 in LibreOffice; the
# estimate leans to Excel, so text is never cut off, at the price of some air in LibreOffice.
CJK_WIDTH = 1.8
LINE_HEIGHT = 15.5  # points per line of 10 pt text: 宋体 needs 13.5, Noto Sans CJK (LibreOffice's stand-in) 15.5
MIN_HEIGHT = 18.0
PAGE_HEIGHT = 500.0  # points of A4 landscape between the margins of `a4`

# Every cell takes one of the workbook's named styles (its font, alignment, border and fill), so
# a clerk changes the look of all 正文 cells in one place; a cell adds only its number format.
FONT_NAMES = ((TITLE, "标题"), (SUBTITLE, "副标题"), (BODY, "正文"), (BOLD, "粗体"))
ALIGN_NAMES = (
    (CENTER, "居中"),
    (CENTER_TOP, "居中靠上"),
    (LEFT, "靠左"),
    (LEFT_TOP, "靠左靠上"),
    (PLAIN_LEFT, "靠左不换行"),
    (RIGHT, "靠右"),
)
FILL_NAMES = ((HEADER_FILL, "表头"), (ERROR_FILL, "有错误"))


def role(obj, names) -> str:
    """The name of one of this module's fonts, alignments or fills (by identity)."""
    for known, name in names:
        if obj is known:
            return name
    raise ValueError(f"not one of sheetstyle's styles: {obj!r}")


def named(font=BODY, align=CENTER, border: bool = True, fill=None) -> NamedStyle:
    """The named style of a cell: "正文·居中·框线", "粗体·居中·框线·表头" …"""
    parts = [role(font, FONT_NAMES), role(align, ALIGN_NAMES)]
    parts += ["框线"] if border else []
    parts += [role(fill, FILL_NAMES)] if fill is not None else []
    style = NamedStyle(name="·".join(parts), font=font, alignment=align)
    if border:
        style.border = BOX
    if fill is not None:
        style.fill = fill
    return style


def saved(wb: Workbook, title: str) -> bytes:
    """The workbook as .xlsx bytes, titled in its properties, the tool as its author."""
    wb.properties.title, wb.properties.creator = title, "jixiao"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def new_workbook() -> Workbook:
    """A workbook whose default font (the Normal style: empty cells, new rows) is the table font,
    not Calibri."""
    return load_workbook(io.BytesIO(blank_workbook()))


@cache
def blank_workbook() -> bytes:
    """An empty .xlsx whose first font, the one the Normal style and empty cells use, is the table
    font. openpyxl has no public way to change the Normal style of a new workbook, but it reads one
    from a file: the file's styles part is edited (a standard part of the format)."""
    buf = io.BytesIO()
    Workbook().save(buf)
    out = io.BytesIO()
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "xl/styles.xml":
                first_font = re.compile(rb"(<fonts\b[^>]*>)\s*<font\b.*?</font>", re.S)
                data, found = first_font.subn(rb"\1" + NORMAL_FONT_XML, data, count=1)
                if found != 1:
                    raise RuntimeError("openpyxl wrote no font list in xl/styles.xml")
            dst.writestr(info, data)
    return out.getvalue()


def text_width(text: str) -> float:
    """Width in Excel's character units: a Chinese character takes two."""
    return sum(CJK_WIDTH if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def lines_needed(text: str, width: float) -> int:
    """Lines a wrapped text takes in a cell `width` characters wide."""
    usable = max(width - 1, 1)
    return sum(max(1, math.ceil(text_width(part) / usable)) for part in str(text).split("\n"))


def fit_height(
    ws: Worksheet, row: int, cells: list[tuple[str, float]], minimum: float = MIN_HEIGHT
) -> None:
    """Set a row tall enough for its wrapped texts: (text, width of its cell or merged range)."""
    lines = max((lines_needed(t, w) for t, w in cells if t), default=1)
    ws.row_dimensions[row].height = minimum if lines == 1 else max(minimum, lines * LINE_HEIGHT + 4)


def set_widths(ws: Worksheet, widths: Sequence[float]) -> None:
    for i, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = w


def span_width(widths: Sequence[float], first: int, last: int) -> float:
    """Width of columns first..last (1-based), as one merged cell."""
    return sum(widths[first - 1 : last])


def use_style(cell, style: NamedStyle) -> None:
    """Give the cell a named style, adding it to the workbook the first time."""
    book = cell.parent.parent
    if style.name not in book.named_styles:
        book.add_named_style(style)
    cell.style = style.name


def put(
    ws: Worksheet,
    row: int,
    col: int,
    value,
    font=BODY,
    align=CENTER,
    fmt: str | None = None,
    border: bool = True,
    fill=None,
    formula: bool = False,
):
    """One cell. Text is text: "=100%" is a target a clerk typed, not a formula, unless `formula`."""
    cell = ws.cell(row=row, column=col, value=value)
    use_style(cell, named(font, align, border, fill))
    if isinstance(value, str) and not formula:
        as_text(cell)
    if fmt:
        cell.number_format = fmt
    return cell


# What Excel (or a CSV made from the sheet) could take for the start of a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def as_text(cell) -> None:
    """The one way a text cell is written: stored as a string, never a formula; text that starts
    like a formula also carries Excel's quote prefix, so editing the cell keeps it text."""
    cell.data_type = "s"
    if isinstance(cell.value, str) and cell.value.startswith(FORMULA_START):
        cell.quotePrefix = True


def append_row(ws: Worksheet, values: list) -> None:
    """A plain row at the end of the sheet (no style), its text written as text."""
    ws.append(values)
    for cell in ws[ws.max_row]:
        if isinstance(cell.value, str):
            as_text(cell)


def merge(
    ws: Worksheet,
    row: int,
    first: int,
    last: int,
    value,
    font=BODY,
    align=CENTER,
    border: bool = True,
    fill=None,
    end_row: int | None = None,
):
    """Write a value into a merged range and border every cell of it (Excel draws each one)."""
    end_row = end_row or row
    cell = put(ws, row, first, value, font, align, border=border, fill=fill)
    for r in range(row, end_row + 1):
        for c in range(first, last + 1):
            if (r, c) != (row, first) and border:
                use_style(ws.cell(row=r, column=c), named(font, align, border, fill))
    if last > first or end_row > row:
        ws.merge_cells(start_row=row, start_column=first, end_row=end_row, end_column=last)
    return cell


def header_row(ws: Worksheet, row: int, titles: list[str], first: int = 1) -> None:
    for i, title in enumerate(titles):
        put(ws, row, first + i, title, BOLD, CENTER, fill=HEADER_FILL)


def total_height(ws: Worksheet) -> float:
    return sum((ws.row_dimensions[r].height or 15.0) for r in range(1, ws.max_row + 1))


def a4(
    ws: Worksheet,
    landscape: bool = True,
    repeat: str | None = None,
    area: str | None = None,
    one_page_if_short: bool = False,
) -> None:
    """A4, fitted to the page width, centred, page numbers in the footer, header rows repeated."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top, ws.page_margins.bottom = 0.6, 0.7
    ws.page_margins.header, ws.page_margins.footer = 0.3, 0.3
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    ws.oddFooter.center.font = FONT
    ws.oddFooter.center.size = 9
    if one_page_if_short and total_height(ws) <= PAGE_HEIGHT * 1.25:
        ws.page_setup.fitToHeight = 1  # a table a little longer than a page is printed on one
    if repeat:
        ws.print_title_rows = repeat
    if area:
        ws.print_area = area
