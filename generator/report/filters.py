"""Template filters, named in Chinese like the placeholders: they format, they never compute."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from jinja2 import TemplateRuntimeError, Undefined

from generator.compute import numbers
from generator.compute.figures import MONEY, RATE, SCORE, show
from generator.compute.numbers import fmt_number
from generator.data.settings import Settings
from generator.report.template_errors import describe

# Appended by the 合并 filter; render.py merges equal marked cells of a column, then removes it.
MERGE_MARK = "\u2063"


def filters(s: Settings) -> dict[str, Callable[..., object]]:
    """Template filters, named in Chinese like the placeholders."""

    def money(v: object) -> str:
        return show(_dec(v), MONEY, s)

    def percent(v: object) -> str:
        return show(_dec(v), RATE, s)

    def score(v: object) -> str:
        return show(_dec(v), SCORE, s)

    def item_score(v: object) -> str:
        return fmt_number(_dec(v), s.numbers.score_places, trim=s.numbers.trim_scores)

    def up_down(v: object) -> str:
        """A signed change rate as 增加 19.09% / 减少 19.09%."""
        rate = _dec(v)
        if rate is None:
            return numbers.DASH
        word = "增加" if rate > 0 else "减少" if rate < 0 else "持平"
        return word if rate == 0 else f"{word}{show(abs(rate), RATE, s)}"

    def person(v: object) -> str:
        """A two-character name padded with a full-width space (张帅 → 张　帅), as name lists are set."""
        name = "" if v is None else str(v)
        return f"{name[0]}\u3000{name[1]}" if len(name) == 2 else name

    named: dict[str, Callable[..., object]] = {
        "金额": money,
        "百分比": percent,
        "得分": score,
        "单项得分": item_score,
        "增减": up_down,
        "数字": lambda v, places=0: fmt_number(_dec(v), places, trim=places == 0),
        "中文数字": lambda n: numbers.chinese_number(int(n)),
        "章": lambda n: numbers.chapter(int(n)),
        "节": lambda n: numbers.section(int(n)),
        "条": lambda n: numbers.item(int(n)),
        "款": lambda n: numbers.subitem(int(n)),
        "合并": lambda v: f"{'' if v is None else v}{MERGE_MARK}",
        "或": lambda v, alt="": alt if v in (None, "", []) else v,
        "姓名": person,
    }
    return {name: _guarded(name, fn) for name, fn in named.items()}


class FilterError(TemplateRuntimeError):
    """A filter given a value it cannot format (text to 金额, a list to 百分比 …)."""


def _guarded(name: str, fn: Callable[..., object]) -> Callable[..., object]:
    """The filter, failing as an undefined placeholder on a missing value and in Chinese on a
    value of the wrong kind — never with a Python error."""

    def run(*args: object, **kwargs: object) -> object:
        for a in (*args, *kwargs.values()):
            if isinstance(a, Undefined):
                str(a)  # the environment's StrictUndefined raises, naming the placeholder
        try:
            return fn(*args, **kwargs)
        except (TypeError, ValueError, ArithmeticError) as exc:
            what = describe(args[0]) if args else "空值"
            raise FilterError(f"过滤器“{name}”不能用于{what}（{type(exc).__name__}）") from None

    return run


def _dec(v: object) -> Decimal | None:
    if v is None or isinstance(v, Decimal):
        return v
    if isinstance(v, (int, str)) and not isinstance(v, bool):
        return Decimal(v)
    raise TypeError(f"不是数字：{v!r}")
