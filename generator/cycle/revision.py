"""A short revision note (修订说明) for the finance bureau, from a diff: Markdown or Word."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from generator.building.records import back_up
from generator.cycle.diff import Diff
from generator.cycle.note_rows import note_rows
from generator.errors import JixiaoError, OutputError
from generator.report.write import atomic_write

SECTIONS = (
    ("一、更正的数据", "facts", "项目"),
    ("二、随之变化的计算值", "figures", "计算值"),
    ("三、随之变化的得分和等级", "scores", "指标或项目"),
)


def _who(d: Diff) -> tuple[str, str, str]:
    """Unit name, year and signing unit, from the new data (or the old, if the new is unreadable)."""
    for side in (d.new, d.old):
        unit = side.data.get("单位")
        if isinstance(unit, dict) and unit.get("名称"):
            return (
                str(unit["名称"]),
                str(unit.get("年度", "")),
                str(unit.get("编制单位") or unit["名称"]),
            )
    return "", "", ""


def _cn_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _parts(d: Diff) -> tuple[str, str, list[tuple[str, str, list[tuple[str, str, str]]]], str]:
    name, year, _ = _who(d)
    title = f"{name}{year}年度部门整体支出绩效自评报告" if name else "部门整体支出绩效自评报告"
    intro = (
        f"根据审核反馈意见，我单位对《{title}》的数据作了更正，相关计算值和得分随之更新，具体如下："
    )
    rows = note_rows(d)
    sections = [(heading, column, rows[attr]) for heading, attr, column in SECTIONS]
    old, new = d.old.total_and_grade(), d.new.total_and_grade()
    closing = ""
    if new:
        closing = f"更正后总分为 {new[0]} 分，评价等级为“{new[1]}”"
        closing += f"（更正前为 {old[0]} 分，“{old[1]}”）。" if old else "。"
    return title, intro, [s for s in sections if s[2]], closing


def to_markdown(d: Diff, day: date | None = None) -> str:
    title, intro, sections, closing = _parts(d)
    _, _, signer = _who(d)
    out = ["# 修订说明", "", intro, ""]
    if not sections:
        out += ["经核对，更正前后的数据没有差别。", ""]
    for heading, column, rows in sections:
        out += [f"## {heading}", "", f"| {column} | 原为 | 更正为 |", "| --- | --- | --- |"]
        out += [f"| {a} | {b} | {c} |".replace("\n", " ") for a, b, c in rows]
        out.append("")
    if closing:
        out += [closing, ""]
    out += [signer, _cn_date(day or date.today()), ""]
    return "\n".join(out)


def _font(run_or_style, east_asian: str, size: float, bold: bool = False) -> None:
    font = run_or_style.font
    font.size, font.bold, font.name = Pt(size), bold, "Times New Roman"
    rpr = run_or_style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), east_asian)


def _para(
    doc,
    text: str,
    font: str = "仿宋_GB2312",
    size: float = 16,
    *,
    bold=False,
    align=None,
    indent=True,
):
    p = doc.add_paragraph()
    p.paragraph_format.first_line_indent = Pt(size * 2) if indent else None
    p.paragraph_format.line_spacing = Pt(28)
    if align is not None:
        p.alignment = align
    _font(p.add_run(text), font, size, bold)
    return p


def to_docx(d: Diff, day: date | None = None) -> bytes:
    title, intro, sections, closing = _parts(d)
    _, _, signer = _who(d)
    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Cm(21), Cm(29.7)
    sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin = (
        Cm(3.7),
        Cm(3.5),
        Cm(2.8),
        Cm(2.6),
    )
    _font(doc.styles["Normal"], "仿宋_GB2312", 16)
    _para(doc, "修订说明", "方正小标宋简体", 22, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    _para(doc, intro)
    if not sections:
        _para(doc, "经核对，更正前后的数据没有差别。")
    for heading, column, rows in sections:
        _para(doc, heading, "黑体", 16)
        table = doc.add_table(rows=1, cols=3)
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for cells in [(column, "原为", "更正为"), *rows]:
            row = table.rows[-1] if cells[1] == "原为" else table.add_row()
            for cell, text in zip(row.cells, cells, strict=True):
                cell.text = ""
                fmt = cell.paragraphs[0].paragraph_format
                fmt.space_before, fmt.space_after, fmt.first_line_indent = Pt(3), Pt(3), None
                run = cell.paragraphs[0].add_run(text)
                _font(run, "黑体" if cells[1] == "原为" else "仿宋_GB2312", 12)
                if cell is not row.cells[0]:
                    cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    if closing:
        _para(doc, closing)
    for line in ("", signer, _cn_date(day or date.today())):
        _para(doc, line, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def check_note_path(path: Path, inputs: tuple[Path, ...] = (), force: bool = False) -> None:
    """Refuse a note that is not .md/.docx, would overwrite a data file, or (without force) any
    file that exists: a revision note may have been edited by hand before it was sent."""
    path = Path(path)
    if path.suffix.lower() not in (".md", ".docx"):
        raise JixiaoError(f"修订说明只能写成 .md 或 .docx 文件，而不是“{path.name}”")
    if any(_same(path, p) for p in inputs):
        raise JixiaoError(f"修订说明不能写到数据文件 {path} 上：请另给一个 .md 或 .docx 文件名")
    if _exists(path) and not force:
        raise OutputError(
            f"{path} 已存在，为免丢失其中的内容，没有覆盖。"
            "确要重写，请加 --force：原文件会先备份到同一文件夹"
        )


def _exists(path: Path) -> bool:
    try:
        return path.exists() or path.is_symlink()
    except OSError:
        return False


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == Path(b).resolve()
    except (OSError, RuntimeError):
        return False


def write_note(d: Diff, path: Path, day: date | None = None, force: bool = False) -> Path | None:
    """Write the note as .md or .docx, by the file's suffix; with force an existing file is
    first copied to a dated backup, which is returned."""
    path = Path(path)
    check_note_path(path, force=force)
    data = to_markdown(d, day).encode("utf-8") if path.suffix.lower() == ".md" else to_docx(d, day)
    backup = back_up(path) if path.is_file() else None
    atomic_write(path, data)
    return backup
