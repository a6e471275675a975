"""What went wrong in a template, in Chinese: the broken tag with its paragraph's text, the unknown
placeholder with a did-you-mean, and — for a figure the data cannot give — the data key to fill.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Iterable

from jinja2 import TemplateSyntaxError, UndefinedError

from generator.compute.lineage import figure_facts, missing_facts
from generator.data.model import Report


class MissingPlaceholder(UndefinedError):
    """An undefined name, with what it was looked up in (for did-you-mean and the data key)."""

    def __init__(self, message: str | None, name: str | None, obj: object):
        super().__init__(message)
        self.name, self.obj = name, obj


def _close(name: str, candidates: Iterable[str]) -> str | None:
    names = [c for c in candidates if isinstance(c, str)]
    match = difflib.get_close_matches(name, names, n=1, cutoff=0.5)
    return match[0] if match else None


def missing_placeholder(exc: UndefinedError, context: dict, report: Report) -> tuple[str, str]:
    """(message, data key to fill or "") for a name the template uses and the context lacks."""
    name = getattr(exc, "name", None)
    obj = getattr(exc, "obj", None)
    if name is None:
        m = re.search(r"'([^']+)' is undefined", str(exc)) or re.search(
            r"has no attribute '([^']+)'", str(exc)
        )
        name = m.group(1) if m else str(exc)
    figures = context.get("数据"), context.get("数值")
    if isinstance(obj, dict) and any(obj is f for f in figures):
        table = "数据" if obj is figures[0] else "数值"
        if figure_facts().get(name):
            missing = missing_facts(name, report)
            keys = "、".join(missing)
            return (
                f"占位符中的“{table}.{name}”不存在：数据中没有 {keys}，本格式的模板要用到它。"
                f"请在数据文件中填写 {keys}",
                missing[0].replace("[]", "[1]"),
            )
    candidates = obj.keys() if isinstance(obj, dict) else context.keys()
    close = _close(name, candidates)
    hint = f"是不是“{close}”？" if close and close != name else "数据中没有这个键，或名称写错"
    return f"占位符中的“{name}”不存在（{hint}）", ""


# ---------------------------------------------------------------------------------------------
# Syntax errors: Jinja's English, and the paragraph of the template where the tag is.

SYNTAX = [
    (
        r"Unexpected end of template.*innermost block that needs to be closed is '(\w+)'",
        "“{{% {0} %}}”没有结束：缺少对应的 {{% end{0} %}}",
    ),
    (r"Encountered unknown tag '(end\w+)'", "多余的 {{% {0} %}}：前面没有与之对应的开始标签"),
    (
        r"Encountered unknown tag '(\w+)'",
        "未知的标签“{0}”（可用的有 if、for、else、endif、endfor 等）",
    ),
    (
        r"expected token 'end of print statement', got '(.*)'",
        "占位符没有正确结束：缺少 }}}}，或 {{{{ }}}} 中有多余的文字“{0}”",
    ),
    (r"expected token 'name', got '(.*)'", "过滤器或属性名缺失（“|”或“.”后面应有名称）"),
    (r"expected token '(.*)', got '(.*)'", "此处应为“{0}”，却是“{1}”"),
    (r"unexpected '(.*)'", "多余的“{0}”"),
    (r"unexpected end of template", "模板在标签中间结束：缺少 }}}} 或 %}}"),
    (r"No (filter|test) named '(.*)'", "没有名为“{1}”的{0}"),
]
_KIND = {"filter": "过滤器", "test": "判断"}
_BLOCKS = re.compile(r"\{%-?\s*(?:[ptrc]{1,2}\s+)?(if|for|with|macro|call|filter|set|raw|end\w+)\b")
_OPENERS = {"if", "for", "with", "macro", "call", "filter", "raw"}


def _translate(message: str, names: Iterable[str]) -> str:
    for pattern, chinese in SYNTAX:
        m = re.search(pattern, message, re.S)
        if not m:
            continue
        groups = [_KIND.get(g, g) for g in m.groups()]
        text = chinese.format(*groups)
        if pattern.startswith("No ("):
            close = _close(m.group(2), names)
            text += f"，是不是“{close}”？" if close else ""
        return text
    return f"模板语法错误（{message}）"


def _unclosed(lines: list[str], block: str) -> int | None:
    """The line of the innermost `block` tag left open at the end of the template."""
    stack: list[tuple[str, int]] = []
    for n, text in enumerate(lines, 1):
        for m in _BLOCKS.finditer(text):
            word = m.group(1)
            if word in _OPENERS:
                stack.append((word, n))
            elif word.startswith("end") and stack and stack[-1][0] == word[3:]:
                stack.pop()
    open_lines = [n for word, n in stack if word == block]
    return open_lines[-1] if open_lines else None


def syntax_message(exc: TemplateSyntaxError, lines: list[str], names: Iterable[str]) -> str:
    """The error in Chinese, quoting the text of the template paragraph the tag is in."""
    message = exc.message or str(exc)
    line = exc.lineno
    m = re.search(r"innermost block that needs to be closed is '(\w+)'", message)
    if m:
        line = _unclosed(lines, m.group(1)) or line
    text = _translate(message, names)
    if line and 0 < line <= len(lines) and lines[line - 1].strip():
        quoted = lines[line - 1].strip()
        start = max(0, min((quoted.find(t) for t in ("{{", "{%") if t in quoted), default=0) - 20)
        quoted = ("…" if start else "") + quoted[start : start + 80]
        text += ("" if text.endswith("？") else "。") + f"出错的是模板中这一段：“{quoted}”"
    return text


def describe(value: object) -> str:
    if value is None:
        return "空值"
    if isinstance(value, str):
        return f"文字“{value[:20]}”"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (list, tuple)):
        return "列表"
    if isinstance(value, dict) or dataclasses.is_dataclass(value):
        return "表"
    return f"“{str(value)[:20]}”"
