"""Render a docxtpl template with a unit's context into deterministic .docx bytes.

Each format's template is prepared once per process (`template_cache.py`) and filled for
every unit. A template that path does not handle, and a unit whose template fails, is
rendered by docxtpl itself (`rendered`), which also words what went wrong: the same bytes
either way, the same messages.
"""

from __future__ import annotations

import math
import re
import zipfile
from datetime import datetime
from decimal import Decimal
from functools import partial

from docx.opc.coreprops import CoreProperties
from docxtpl import DocxTemplate
from jinja2 import StrictUndefined, TemplateSyntaxError, UndefinedError
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment
from jinja2.utils import missing

from generator.data.settings import Settings
from generator.data.values import short
from generator.errors import Problem, RenderError, os_reason
from generator.evaluate import Evaluated
from generator.report import template_cache
from generator.report.context import build_context
from generator.report.docx_writer import package_bytes
from generator.report.filters import FilterError, filters
from generator.report.layout import keep_signature_with_text, set_properties, style_names
from generator.report.merge import merge_marked_cells
from generator.report.template_errors import MissingPlaceholder, missing_placeholder, syntax_message

MAX_POWER = 100  # exponent allowed in a template's ** (9 ** 9 ** 9 would never finish)
MAX_REPEAT = 100_000  # length allowed for text or a list repeated with *


class Missing(StrictUndefined):
    """An undefined name that remembers where it was looked up, for the message."""

    __slots__ = ()

    def __init__(self, hint=None, obj=missing, name=None, exc=UndefinedError):
        super().__init__(hint, obj, name, exc)
        self._undefined_exception = partial(MissingPlaceholder, name=name, obj=obj)  # type: ignore[assignment]


class Sandbox(SandboxedEnvironment):
    """The sandbox, with arithmetic that cannot exhaust time or memory."""

    intercepted_binops = frozenset({"**", "*"})

    def call_binop(self, context, operator, left, right):
        numbers = (int, float, Decimal)
        if operator == "**" and isinstance(left, numbers) and isinstance(right, numbers):
            base = abs(float(left)) if abs(left) < 10**300 else math.inf
            if abs(right) > MAX_POWER or (base > 1 and float(right) * math.log2(base) > 4000):
                raise SecurityError(f"幂运算 {short(left)} ** {short(right)} 的结果过大")
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(times, int):
                    if len(seq) * times > MAX_REPEAT:
                        raise SecurityError("重复生成的文字或列表过长")
        return super().call_binop(context, operator, left, right)


def jinja_environment(settings: Settings) -> SandboxedEnvironment:
    env = Sandbox(undefined=Missing, autoescape=True)
    env.filters.update(filters(settings))
    return env


def environment(u: Evaluated) -> SandboxedEnvironment:
    return jinja_environment(u.fmt.settings)


def _template_lines(tpl: DocxTemplate) -> list[str]:
    """The template's text as docxtpl hands it to Jinja: one line per paragraph, tags kept."""
    xml = re.sub(r"<w:p([ >])", r"\n<w:p\1", tpl.patch_xml(tpl.get_xml()))
    return [re.sub(r"<[^>]+>", "", line) for line in re.split(r"\r\n|\r|\n", xml)]


def open_template(u: Evaluated) -> DocxTemplate:
    """The format's template, checked to be a Word document before anything is rendered."""
    path, where = u.fmt.template, f"格式“{u.fmt.id}”"
    if path is None:
        folder = u.fmt.folders[0]
        raise RenderError(
            f"{where}缺少模板文件 {u.fmt.settings.template}（{folder / 'settings.toml'} 中的"
            f"“模板”，应在 {folder} 中）"
        )
    try:
        with zipfile.ZipFile(path) as z:
            if "word/document.xml" not in z.namelist():
                raise RenderError(f"{where}的模板 {path} 不是 Word 文档（.docx）：其中没有正文")
        tpl = DocxTemplate(str(path))
        tpl.init_docx()
        return tpl
    except zipfile.BadZipFile:
        why = (
            "不是 Word 文档（.docx）。是否把 .doc 或其他文件改了扩展名？请在 Word 中“另存为” .docx"
        )
    except OSError as exc:
        why = f"无法读取：{os_reason(exc)}"
    except RenderError:
        raise
    except Exception as exc:  # a damaged package: python-docx and lxml raise many kinds
        why = f"已损坏，无法作为 Word 文档打开（{type(exc).__name__}）"
    raise RenderError(f"{where}的模板 {path} {why}")


def rendered(u: Evaluated):
    """The report as a python-docx Document in memory; RenderError says what the template or the
    data lacks — `check` calls this as a dry run of `build`."""
    tpl = open_template(u)
    where = f"格式“{u.fmt.id}”的模板 {u.fmt.template}"
    context = build_context(u)
    env = environment(u)
    try:
        tpl.render(context, env, autoescape=True)
    except TemplateSyntaxError as exc:
        message = syntax_message(exc, _template_lines(tpl), env.filters)
        raise RenderError(f"{where}：{message}") from None
    except UndefinedError as exc:
        message, key = missing_placeholder(exc, context, u.report)
        raise RenderError(f"{where}：{message}", key) from None
    except (FilterError, SecurityError) as exc:
        raise RenderError(f"{where}：{exc}") from None
    except RecursionError:
        raise RenderError(f"{where}：模板中的循环或宏嵌套过深") from None
    except Exception as exc:  # anything a template's own expressions may raise
        raise RenderError(
            f"{where}：生成时出错（{type(exc).__name__}：{str(exc)[:120]}）"
        ) from None
    doc = tpl.docx
    finish(u, doc.element.body, doc.core_properties, style_names(doc))
    return doc


def finish(u: Evaluated, body, props: CoreProperties, styles: dict[str, str]) -> None:
    """What the filled document needs besides the template, on either path: merged cells, the
    落款 kept with the text before it, and the document properties (fixed dates from the year
    keep the bytes reproducible)."""
    merge_marked_cells(body)
    keep_signature_with_text(body, styles)
    set_properties(
        props, body, styles, u.report.unit, datetime((u.report.unit.year or 1999) + 1, 1, 1)
    )


def render_problem(u: Evaluated, exc: RenderError) -> Problem:
    """A template failure as a finding of the unit: the data key to fill, where there is one."""
    line = u.loaded.line(exc.key) if exc.key else None
    return Problem(str(exc), key=exc.key, line=line, check="report.template", file=u.path)


def dry_run(u: Evaluated) -> list[Problem]:
    """What `build` would refuse after the checks passed: the template rendered in memory."""
    try:
        render(u)
    except RenderError as exc:
        return [render_problem(u, exc)]
    return []


def render(u: Evaluated) -> bytes:
    """The finished report as .docx bytes; RenderError names the template and placeholder."""
    try:
        prepared = template_cache.prepared(u.fmt, jinja_environment)
        if prepared is not None:
            return prepared.render(build_context(u), partial(finish, u))
    except Exception:  # noqa: S110 - docxtpl's own path below renders it, or says what is wrong
        pass
    return render_with_docxtpl(u)


def render_with_docxtpl(u: Evaluated) -> bytes:
    """A fresh DocxTemplate rendered as docxtpl documents it, then the same post-pass and
    writer: for templates the prepared path does not handle, and what tests compare it with."""
    return package_bytes(rendered(u).part.package)
