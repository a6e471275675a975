"""Render a docxtpl template with a unit's context into deterministic .docx bytes."""

from __future__ import annotations

import io
import re
from datetime import datetime

from docx.oxml.ns import qn
from docxtpl import DocxTemplate
from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment

from generator.errors import RenderError
from generator.evaluate import Evaluated
from generator.report.context import build_context
from generator.report.filters import MERGE_MARK, filters
from generator.report.layout import keep_rows_together, keep_signature_with_text, set_properties
from generator.report.write import normalise_zip


def environment(u: Evaluated) -> SandboxedEnvironment:
    env = SandboxedEnvironment(undefined=StrictUndefined, autoescape=True)
    env.filters.update(filters(u.fmt.settings))
    return env


def _explain(exc: TemplateError) -> str:
    text = str(exc)
    if isinstance(exc, UndefinedError):
        m = re.search(r"'([^']+)' is undefined", text) or re.search(
            r"has no attribute '([^']+)'", text
        )
        name = m.group(1) if m else text
        return f"占位符中的“{name}”不存在（数据中没有这个键，或名称写错）"
    if isinstance(exc, TemplateSyntaxError):
        near = " ".join(s.strip() for s in getattr(exc, "docx_context", []) if s.strip())
        return f"模板语法错误：{exc.message}" + (f"（附近文字：{near[:120]}）" if near else "")
    return f"{type(exc).__name__}：{text}"


def merge_marked_cells(doc) -> None:
    """Vertically merge runs of equal cells that the 合并 filter marked, column by column.

    Merging is hierarchical: a marked cell joins the one above only if every marked cell to
    its left in the same row did too, so a 二级 never runs across a change of 一级. The rows of
    a merged cell are kept on one page, so a page break never leaves it split with an empty half.
    """
    for table in doc.tables:
        above: dict[int, tuple[str, object, int]] = {}  # column → (text, first cell, its row)
        runs: dict[tuple[int, int], int] = {}  # (column, first row) → last row of the merged cell
        rows = table._tbl.tr_lst
        for r, tr in enumerate(rows):
            chain = True
            for col, tc in enumerate(tr.tc_lst):
                text = "".join(t.text or "" for t in tc.iter(qn("w:t")))
                if MERGE_MARK not in text:
                    above.pop(col, None)
                    continue
                value = text.replace(MERGE_MARK, "")
                prev = above.get(col)
                if chain and prev and prev[0] == value:
                    _set_vmerge(prev[1], "restart")
                    _set_vmerge(tc, None)
                    for t in tc.iter(qn("w:t")):
                        t.text = ""
                    runs[(col, prev[2])] = r
                else:
                    chain = False
                    above[col] = (value, tc, r)
        keep_rows_together(rows, [(first, last) for (_, first), last in runs.items()])
        for t in table._tbl.iter(qn("w:t")):
            if t.text and MERGE_MARK in t.text:
                t.text = t.text.replace(MERGE_MARK, "")


def _set_vmerge(tc, value: str | None) -> None:
    tcPr = tc.get_or_add_tcPr()
    vm = tcPr.find(qn("w:vMerge"))
    if vm is None:
        vm = tcPr.makeelement(qn("w:vMerge"), {})
        tcPr.append(vm)
    if value:
        vm.set(qn("w:val"), value)
    elif qn("w:val") in vm.attrib:
        del vm.attrib[qn("w:val")]


def render(u: Evaluated) -> bytes:
    """The finished report as .docx bytes; RenderError names the template and placeholder."""
    if u.fmt.template is None:
        folder = u.fmt.folders[0]
        raise RenderError(
            f"格式“{u.fmt.id}”缺少模板文件 {u.fmt.settings.template}（应在 {folder} 中）"
        )
    tpl = DocxTemplate(str(u.fmt.template))
    try:
        tpl.render(build_context(u), environment(u), autoescape=True)
    except TemplateError as exc:
        raise RenderError(f"模板 {u.fmt.template}：{_explain(exc)}") from None
    doc = tpl.docx
    merge_marked_cells(doc)
    keep_signature_with_text(doc)
    set_properties(doc, u.report.unit, datetime((u.report.unit.year or 1999) + 1, 1, 1))
    buf = io.BytesIO()
    doc.save(buf)
    return normalise_zip(buf.getvalue())
