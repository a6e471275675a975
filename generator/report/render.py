"""Render a docxtpl template with a unit's context into deterministic .docx bytes.

Each format's template is prepared once per process (`template_cache.py`) and filled for
every unit; a template that path does not handle is rendered by docxtpl itself
(`render_with_docxtpl`). Both give the same bytes.
"""

from __future__ import annotations

import re
from datetime import datetime

from docx.opc.coreprops import CoreProperties
from docxtpl import DocxTemplate
from jinja2 import TemplateError, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment

from generator.errors import RenderError
from generator.evaluate import Evaluated
from generator.report import template_cache
from generator.report.context import build_context
from generator.report.docx_writer import package_bytes
from generator.report.merge import merge_marked_cells


def environment(u: Evaluated) -> SandboxedEnvironment:
    return template_cache.jinja_environment(u.fmt.settings)


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


def render(u: Evaluated) -> bytes:
    """The finished report as .docx bytes; RenderError names the template and placeholder."""
    if u.fmt.template is None:
        folder = u.fmt.folders[0]
        raise RenderError(
            f"格式“{u.fmt.id}”缺少模板文件 {u.fmt.settings.template}（应在 {folder} 中）"
        )
    try:
        prepared = template_cache.prepared(u.fmt)
        if prepared is not None:
            return prepared.render(build_context(u), lambda props: set_properties(props, u))
        return render_with_docxtpl(u)
    except TemplateError as exc:
        raise RenderError(f"模板 {u.fmt.template}：{_explain(exc)}") from None


def set_properties(props: CoreProperties, u: Evaluated) -> None:
    """The document properties of a unit's report (title, author, fixed dates)."""
    props.title = f"{u.report.unit.name}{u.report.unit.year}年度绩效自评报告"
    props.author = u.report.unit.author or u.report.unit.name
    props.last_modified_by = "jixiao"
    stamp = datetime((u.report.unit.year or 1999) + 1, 1, 1)
    props.created = props.modified = stamp
    props.revision = 1


def render_with_docxtpl(u: Evaluated) -> bytes:
    """A fresh DocxTemplate rendered as docxtpl documents it, then the same post-pass and
    writer: for templates the prepared path does not handle, and what tests compare it with."""
    tpl = DocxTemplate(str(u.fmt.template))
    tpl.render(build_context(u), environment(u), autoescape=True)
    doc = tpl.docx
    merge_marked_cells(doc.element.body)
    set_properties(doc.core_properties, u)
    return package_bytes(doc.part.package)
