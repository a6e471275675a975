"""A finished report read back as text: its paragraphs (with their heading level) and its tables,
in document order. Reads .docx from Word or WPS; a .doc goes through LibreOffice first."""

from __future__ import annotations

import re
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn

from generator.errors import JixiaoError

# Numbered headings as reports write them: 一、 · （一） · 1. / 1、 / 1． · （1）
LEVELS = (
    (1, re.compile(r"^[一二三四五六七八九十]+\s*[、.．]")),
    (2, re.compile(r"^[（(][一二三四五六七八九十]+[）)]")),
    (3, re.compile(r"^\d+\s*[.．、](?!\d)")),
    (4, re.compile(r"^[（(]\d+[）)]")),
)
HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)", re.IGNORECASE)
ARTEFACT = re.compile(r"\[bookmark: [^\]]*\]")
SAVE_AS = "请在 Word 或 WPS 中打开它，“另存为” Word 文档（.docx）后再导入"


class ReportReadError(JixiaoError):
    """The file is not a report that can be read: which file, why, what to do."""


@dataclass(frozen=True)
class Para:
    """One paragraph: its text, the style it has, and its heading level (0: body text)."""

    text: str
    style: str = ""
    level: int = 0


@dataclass(frozen=True)
class Table:
    """A table as rows of cell texts; a merged cell repeats its text in every row and column."""

    rows: tuple[tuple[str, ...], ...]


@dataclass
class ReportText:
    """A report's body in document order."""

    source: str
    blocks: list[Para | Table] = field(default_factory=list)

    @property
    def paragraphs(self) -> list[Para]:
        return [b for b in self.blocks if isinstance(b, Para)]

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]


def numbered_level(text: str) -> int:
    """The level a heading's numbering says (一、 → 1 … （1） → 4); 0 if it has none."""
    return next((level for level, pattern in LEVELS if pattern.match(text)), 0)


def heading_level(text: str, style: str) -> int:
    """A heading by its style, or a short numbered line that does not end as a sentence does."""
    m = HEADING_STYLE.match(style)
    if m:
        return int(m.group(1))
    level = numbered_level(text)
    if level and len(text) <= 40 and not text.endswith(("。", "；", ";", "：", ":")):
        return level
    return 0


def _cell_text(tc) -> str:
    return "\n".join(
        "".join(t.text or "" for t in p.iter(qn("w:t"))).strip() for p in tc.iter(qn("w:p"))
    ).strip()


def _rows(tbl) -> tuple[tuple[str, ...], ...]:
    """Cell texts by row; merged cells (across or down) repeat the text they show."""
    rows: list[list[str]] = []
    for tr in tbl.tr_lst:
        cells: list[str] = []
        for tc in tr.tc_lst:
            props = tc.tcPr
            merge = props.find(qn("w:vMerge")) if props is not None else None
            text = _cell_text(tc)
            if merge is not None and merge.get(qn("w:val")) in (None, "continue") and rows:
                above = rows[-1]
                text = above[len(cells)] if len(cells) < len(above) else text
            span = props.find(qn("w:gridSpan")) if props is not None else None
            cells.extend([text] * (int(span.get(qn("w:val"))) if span is not None else 1))
        rows.append(cells)
    return tuple(tuple(r) for r in rows)


def _style_names(doc) -> dict[str, str]:
    return {s.style_id: s.name for s in doc.styles if s.style_id}


def read_docx(path: Path) -> ReportText:
    """The body of a .docx; ReportReadError when it is not one."""
    path = Path(path)
    if not zipfile.is_zipfile(path):
        raise ReportReadError(f"{path} 不是 Word 文档（.docx）：{SAVE_AS}")
    try:
        doc = Document(str(path))
    except Exception as exc:  # python-docx raises many kinds for a broken package
        raise ReportReadError(f"{path} 打不开（{type(exc).__name__}）：{SAVE_AS}") from None
    names = _style_names(doc)
    out = ReportText(path.name)
    for child in doc.element.body.iterchildren():
        if child.tag == qn("w:p"):
            text = ARTEFACT.sub("", "".join(t.text or "" for t in child.iter(qn("w:t")))).strip()
            if not text:
                continue
            ppr = child.find(qn("w:pPr"))
            sid = ppr.find(qn("w:pStyle")) if ppr is not None else None
            style = names.get(sid.get(qn("w:val")), "") if sid is not None else ""
            out.blocks.append(Para(text, style, heading_level(text, style)))
        elif child.tag == qn("w:tbl"):
            out.blocks.append(Table(_rows(child)))
    return out


def read_report(path: Path) -> ReportText:
    """A .docx as it is; a .doc converted by LibreOffice (ReportReadError if it is not installed)."""
    path = Path(path)
    if not path.is_file():
        raise ReportReadError(f"找不到文件 {path}：请检查路径")
    if path.suffix.lower() != ".doc":
        return read_docx(path)
    from generator.io.pdf import PdfError, convert, find_soffice

    if find_soffice() is None:
        raise ReportReadError(
            f"{path} 是旧的 .doc 文件，读它需要 LibreOffice，本机没有安装：{SAVE_AS}，"
            "或安装 LibreOffice 后再试"
        )
    with tempfile.TemporaryDirectory(prefix="jixiao-doc-") as tmp:
        target = Path(tmp) / (path.stem + ".docx")
        try:
            convert(path, target, to="docx")
        except PdfError as exc:
            raise ReportReadError(f"{path} 没能转换为 .docx（{exc}）：{SAVE_AS}") from None
        text = read_docx(target)
    text.source = path.name
    return text


def text_report(name: str, lines: list[str]) -> ReportText:
    """A report given as plain lines (one paragraph each), as text extracted from Word or PDF."""
    out = ReportText(name)
    for line in lines:
        text = ARTEFACT.sub("", line).strip()
        if text:
            out.blocks.append(Para(text, "", heading_level(text, "")))
    return out
