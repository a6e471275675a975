"""Render a format's template with a unit's context into deterministic .docx bytes.

One path: the template is read (template/source.py), prepared with the format's Jinja
environment (`prepared.py`) and filled. Whatever fails on the way is a RenderError that says,
in Chinese, which template and what: a broken tag with its paragraph, a placeholder the data
lacks with the key to fill, a filter's complaint.
"""

from __future__ import annotations

import math
from datetime import datetime
from decimal import Decimal
from functools import partial
from typing import TYPE_CHECKING

from docx.opc.coreprops import CoreProperties
from jinja2 import (
    StrictUndefined,
    TemplateError,
    TemplateRuntimeError,
    TemplateSyntaxError,
    UndefinedError,
)
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment
from jinja2.utils import missing

from generator.data.formats import Format, resolve
from generator.data.settings import Settings
from generator.data.values import short
from generator.errors import JixiaoError, Problem, RenderError
from generator.evaluate import Evaluated
from generator.report import prepared
from generator.report.columns import fit_columns
from generator.report.context import build_context
from generator.report.docx_text import XmlElement
from generator.report.filters import FilterError, filters
from generator.report.layout import keep_signature_with_text, set_properties
from generator.report.loops import FILTER as LOOP_FILTER
from generator.report.loops import counted, data_only, loop_budget
from generator.report.merge import merge_marked_cells
from generator.report.template_errors import MissingPlaceholder, missing_placeholder, syntax_message
from generator.template.source import template_source
from generator.template.use import use_of

if TYPE_CHECKING:
    from jinja2.runtime import Context

MAX_POWER = 100  # exponent allowed in a template's ** (9 ** 9 ** 9 would never finish)
MAX_REPEAT = 100_000  # length allowed for text or a list repeated with *
FLOAT_SAFE = 10**300  # a base beyond this (or nan) counts as infinite: float() would overflow


class Missing(StrictUndefined):
    """An undefined name that remembers where it was looked up, for the message."""

    __slots__ = ()

    def __init__(
        self,
        hint: str | None = None,
        obj: object = missing,
        name: str | None = None,
        exc: type[TemplateRuntimeError] = UndefinedError,
    ) -> None:
        super().__init__(hint, obj, name, exc)
        self._undefined_exception = partial(MissingPlaceholder, name=name, obj=obj)  # type: ignore[assignment]


class Sandbox(SandboxedEnvironment):
    """The sandbox, with arithmetic that cannot exhaust time or memory."""

    intercepted_binops = frozenset({"**", "*"})

    def call_binop(self, context: Context, operator: str, left: object, right: object) -> object:
        numbers = (int, float, Decimal)
        if operator == "**" and isinstance(left, numbers) and isinstance(right, numbers):
            base = abs(float(left)) if -FLOAT_SAFE < left < FLOAT_SAFE else math.inf
            too_far = right < -MAX_POWER or right > MAX_POWER
            if too_far or (base > 1 and float(right) * math.log2(base) > 4000):
                raise SecurityError(f"幂运算 {short(left)} ** {short(right)} 的结果过大")
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(times, int):
                    if len(seq) * times > MAX_REPEAT:
                        raise SecurityError("重复生成的文字或列表过长")
        return super().call_binop(context, operator, left, right)


def jinja_environment(settings: Settings) -> SandboxedEnvironment:
    env = Sandbox(undefined=Missing, autoescape=True, finalize=data_only)
    env.filters.update(filters(settings))
    env.filters[LOOP_FILTER] = counted
    return env


def finish(
    u: Evaluated,
    body: XmlElement,
    props: CoreProperties,
    styles: dict[str, str],
    sizes: dict[str, int],
) -> None:
    """What the filled document needs besides the template, on either path: merged cells, columns
    as wide as their content needs, the 落款 kept with the text before it, and the document
    properties (fixed dates from the year keep the bytes reproducible)."""
    merge_marked_cells(body)
    fit_columns(body, sizes)
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
        render(u, write=False)
    except RenderError as exc:
        return [render_problem(u, exc)]
    return []


def template_of(fmt: Format) -> prepared.Prepared:
    """The format's template, prepared (once per process for the same bytes and settings);
    RenderError when it is missing, no Word document, or its Jinja is broken."""
    path, where = fmt.template, f"格式“{fmt.id}”"
    if path is None:
        folder = fmt.folders[0]
        raise RenderError(
            f"{where}缺少模板文件 {fmt.settings.template}（{folder / 'settings.toml'} 中的"
            f"“模板”，应在 {folder} 中）"
        )
    source = template_source(path, where)
    settings = fmt.settings
    try:
        return prepared.prepared(source, repr(fmt.raw), lambda: jinja_environment(settings))
    except prepared.PartSyntaxError as exc:
        error = exc.error
        if isinstance(error, TemplateSyntaxError):
            message = syntax_message(error, exc.part.lines, filters(settings))
        else:
            message = f"模板无法编译（{type(error).__name__}：{str(error)[:120]}）"
        raise RenderError(f"{where}的模板 {path}：{message}") from None


def prepare_formats(format_ids: frozenset[str]) -> None:
    """Prepare these formats' templates now (a batch does, before its workers start, so each
    begins with them); a format that can't be prepared is left for its units to report."""
    for format_id in sorted(format_ids):
        try:
            fmt = resolve(format_id)
            if fmt.template is not None:
                use_of(template_source(fmt.template, format_id))  # parsed once for both
            template_of(fmt)
        except JixiaoError:
            continue


def render(u: Evaluated, write: bool = True) -> bytes:
    """The finished report as .docx bytes; RenderError names the template and placeholder.
    `write` False: the same steps short of serialising the document (b"", see dry_run)."""
    template = template_of(u.fmt)
    where = f"格式“{u.fmt.id}”的模板 {u.fmt.template}"
    context = build_context(u)
    try:
        with loop_budget():
            return template.render(context, partial(finish, u), write)
    except UndefinedError as exc:
        message, key = missing_placeholder(exc, context, u.report)
        raise RenderError(f"{where}：{message}", key) from None
    except (FilterError, SecurityError) as exc:
        raise RenderError(f"{where}：{exc}") from None
    except RecursionError:
        raise RenderError(f"{where}：模板中的循环或宏嵌套过深") from None
    except (TemplateError, ArithmeticError, LookupError, TypeError, ValueError) as exc:
        # what a template's own expressions may raise: {{ 1 / 0 }}, {{ 列表[99] }}, …
        raise RenderError(
            f"{where}：生成时出错（{type(exc).__name__}：{str(exc)[:120]}）"
        ) from None
