"""Bounds on what a template may do besides printing data: every `{% for %}` of one report
counts against one budget of iterations, and only data (no method or function) reaches the page.

The loops are counted by wrapping each loop's iterable, in the compiled tree, in a filter: the
nested `range(99999)` loops of a hostile template stop after MAX_ITERATIONS with a message, where
each loop alone (the sandbox limits a range to 100,000) would pass.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from jinja2 import Undefined, nodes
from jinja2.exceptions import SecurityError

MAX_ITERATIONS = 5_000_000  # a report of 5,000 indicators loops some 100,000 times
FILTER = "jixiao_counted_loop"  # the filter each loop's iterable passes through


class LoopLimit(SecurityError):
    """The template's loops went past MAX_ITERATIONS in one report."""


_left: ContextVar[list[int] | None] = ContextVar("jixiao_loop_budget", default=None)


@contextmanager
def loop_budget() -> Iterator[None]:
    """One report's budget of loop iterations (an enclosing one, if any, goes on counting)."""
    if _left.get() is not None:
        yield
        return
    token = _left.set([MAX_ITERATIONS])
    try:
        yield
    finally:
        _left.reset(token)


def counted(iterable: Iterable[object]) -> Iterator[object]:
    """The items of a loop, each counted against the report's budget."""
    left = _left.get()
    if left is None:  # rendered outside `loop_budget`: a budget of its own, never none
        left = [MAX_ITERATIONS]
    for item in iterable:
        left[0] -= 1
        if left[0] < 0:
            raise LoopLimit(
                f"模板中的循环共执行了超过 {MAX_ITERATIONS:,} 次，已停止："
                "请检查模板中的 {% for %}（是否嵌套了过大的 range）"
            )
        yield item


def count_loops(tree: nodes.Template) -> nodes.Template:
    """The tree with every loop's iterable passed through the counting filter."""
    for loop in tree.find_all(nodes.For):
        loop.iter = nodes.Filter(loop.iter, FILTER, [], [], None, None, lineno=loop.lineno)
    return tree


def data_only(value: object) -> object:
    """The finalize of the template environment: a method or function printed by the template
    (`{{ 单位.名称.format_map }}` would print its memory address) is refused."""
    if callable(value) and not isinstance(value, Undefined):  # Undefined: its own message
        name = getattr(value, "__name__", type(value).__name__)
        raise SecurityError(
            f"模板要印出的“{name}”是一个方法或函数，不是数据：报告中只能印数据（请去掉它，或写成数据的键）"
        )
    return value
