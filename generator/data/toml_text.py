"""TOML text → tables, or one Chinese message naming the line, quoting it, with a hint for what a
Chinese keyboard produces (curly quotes, full-width ＝：１２３, 万元 after a number, 【】…).

Used for unit files and for formats' settings.toml alike.
"""

from __future__ import annotations

import re
import tomllib
from decimal import Decimal
from pathlib import Path

from generator.errors import DataError, Problem

MAX_DEPTH = 40  # arrays and inline tables nested deeper are refused before parsing
_AT = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)\s*$")

# The parser's English, in Chinese (the most specific patterns first).
MESSAGES: list[tuple[str, str]] = [
    (r"Cannot overwrite a value", "键“{key}”重复：同一个表中每个键只能写一次"),
    (r"Cannot declare \((.*)\) twice", "表“{0}”重复：每个 [表] 只能出现一次，请把两处合并"),
    (r"Duplicate inline table key '(.*)'", "键“{0}”重复：同一个表中每个键只能写一次"),
    (
        r"Cannot (?:mutate immutable namespace|redefine namespace)",
        "键或表重复定义：同一个表只能在一处写全",
    ),
    (r"Expected '=' after a key", '键后面缺少等号 =（键和值之间用半角等号连接，如 "名称" = "…"）'),
    (r"Expected '\]' at the end of a table", '表头缺少右方括号 ]（表头写作 ["预算"]）'),
    (r"Expected '\]\]' at the end of an array", '表数组的表头缺少 ]]（写作 [["指标"]]）'),
    (
        r"Invalid initial character for a key part",
        '键名写法不对：中文键名须加英文双引号，如 "名称"',
    ),
    (r"Unclosed array", "数组没有结束：缺少右方括号 ]，或元素之间缺少半角逗号 ,"),
    (r"Unclosed inline table", "{{…}} 没有结束：缺少右花括号 }}，或各项之间缺少半角逗号 ,"),
    (r"Unterminated string", '文字缺少结尾的英文双引号 "'),
    (
        r"Escaped character is not a Unicode scalar value",
        "转义写的不是有效字符（如 \\ud800 这样的代理码位）",
    ),
    (r"Invalid hex value", "\\u 转义后须是十六进制数字"),
    (r"Unescaped '\\\\' in a string", "文字中的反斜杠 \\ 须写成 \\\\"),
    (
        r"Invalid date or datetime",
        "日期无效：日期写作 2024-03-31（不加引号），并须是日历上有的日子",
    ),
    (
        r"Illegal character '\\n'",
        '文字缺少结尾的英文双引号 "（一段文字不能跨行；多行文字用三个引号 """）',
    ),
    (r"Illegal character '(.*)'", "含有不允许的字符 {0}（控制字符；换行只能在多行文字中）"),
    (r"Found invalid character '(.*)'", "含有不允许的字符 {0}"),
    (r"Expected newline or end of document", "一行只能写一项：值的后面有多余的内容"),
    (r"Invalid value", "值的写法不对"),
    (r"Invalid statement", "这一行不是“键 = 值”或 [表]"),
    (r"An object other than list found behind this key", "[[表数组]] 与同名的普通键或 [表] 冲突"),
    (r"There is no nest behind this key", "键与同名的表冲突"),
]

# What the offending line shows → what to tell a clerk (checked in order; several may apply).
HINTS: list[tuple[re.Pattern, str]] = [
    (re.compile(r"[“”]"), '引号须用英文双引号 "，不能用中文引号 “ ”'),
    (re.compile(r"[‘’]"), "引号须用英文引号（\" 或 '），不能用中文引号 ‘ ’"),
    (re.compile(r"＝"), "等号须用半角 =，不能用全角 ＝"),
    (
        re.compile(r"^\s*(\"[^\"]*\"|[^=\s]+)\s*[：:]"),
        "键和值之间用等号 =，不用冒号 ：（全角或半角都不行）",
    ),
    (re.compile(r"[０-９．－＋]"), "数字须用半角 0-9，不能用全角 １２３"),
    (re.compile(r"[【】［］]"), "表头须用英文方括号 [ ]，不能用中文方括号 【 】"),
    (re.compile(r"，"), "数组各项之间须用半角逗号 ,，不能用中文逗号 ，"),
    (re.compile(r"=\s*\d+。\d"), "小数点须用半角 .，不能用句号 。"),
    (re.compile(r"=\s*[￥¥$]"), "金额只写数字，不加 ￥：单位统一是万元"),
    (re.compile(r"=\s*\d{1,3}(,\d{3})+"), "数字不带千分位逗号：写 1000.00，不写 1,000.00"),
    (re.compile(r"=\s*\d{4}\s*年\s*\d{1,2}\s*月"), "日期写作 2024-03-31（不加引号），不写“年月日”"),
    (
        re.compile(r"=\s*[-+]?\d[\d.]*\s*[^\d\s.,#\]}eE_:+-]"),
        "数字后面不能带单位或文字：金额统一以万元为单位，只写数字（如 114.00，不写 114.00万元）",
    ),
    (
        re.compile(r"^\s*\[*\s*[\u4e00-\u9fff]"),
        '中文键名须加英文双引号，如 "名称" = "…" 或 ["单位"]',
    ),
    (re.compile(r"=\s*(#.*)?$"), "等号后面缺少值"),
    (re.compile(r"=\s*\"[^\"]*$"), '文字缺少结尾的英文双引号 "'),
]


def lines_of(text: str) -> list[str]:
    """The text's lines as TOML and editors count them: only \\n ends a line (not U+2028 …)."""
    return [line.removesuffix("\r") for line in text.split("\n")]


# What _nesting may pass over whole: text that is not a bracket, comment or quote, one-line
# strings as its walk reads them (no line break in them, none escaped), and line breaks,
# counted. A C match instead of a Python step per character: the walk took longer than
# parsing a large unit file.
# Possessive (*+): a plain run is never given back, so the engine keeps no backtracking state
# per string it passes (with a plain *, 160,000 paragraphs cost gigabytes).
_PLAIN = re.compile(
    "(?:[^\\[\\]{}#\"'\\n]++|(?!\"{3})\"(?:[^\"\\\\\\n]|\\\\[^\\n])*+\"|(?!'{3})'[^'\\n]*+'|\\n)*+"
)


def _nesting(text: str) -> int | None:
    """The first line where arrays/inline tables nest deeper than MAX_DEPTH, outside strings."""
    depth, line, i, n = 0, 1, 0, len(text)
    while i < n:
        plain = _PLAIN.match(text, i).end()  # type: ignore[union-attr]  # it matches "" too
        if plain > i:
            line += text.count("\n", i, plain)
            i = plain
            if i >= n:
                break
        c = text[i]
        if c == "\n":
            line += 1
        elif c == "#":
            j = text.find("\n", i)
            i = n if j < 0 else j
            continue
        elif c in "\"'":
            quote = c * 3 if text.startswith(c * 3, i) else c
            j = i + len(quote)
            while j < n and not text.startswith(quote, j):
                if c == '"' and text[j] == "\\":
                    j += 1
                elif text[j] == "\n":
                    if len(quote) == 1:
                        break
                    line += 1
                j += 1
            i = j + len(quote)
            continue
        elif c in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return line
        elif c in "]}":
            depth = max(0, depth - 1)
        i += 1
    return None


def _translate(detail: str, source: str, key: str) -> str:
    for pattern, chinese in MESSAGES:
        m = re.search(pattern, detail)
        if m:
            return chinese.format(*m.groups(), key=key)
    return "格式错误"


def _hints(source: str) -> list[str]:
    quoted = re.sub(r'"(?:[^"\\]|\\.)*"', '""', source)  # text inside quotes is the user's own
    found: list[str] = []
    for pattern, hint in HINTS:
        target = source if "引号" in hint or "键名" in hint else quoted
        if hint.startswith("数字后面") and any("日期" in h or "小数点" in h for h in found):
            continue  # the more specific hint says it already
        if pattern.search(target) and hint not in found:
            found.append(hint)
    return found[:2]


def syntax_problem(path: Path, text: str, detail: str) -> Problem:
    """A parser message as a located Chinese problem quoting the line."""
    lines = lines_of(text)
    m = _AT.search(detail)
    line = int(m.group(1)) if m and m.group(1) else len(lines)
    source = lines[line - 1] if 0 < line <= len(lines) else ""
    key_match = re.match(r"\s*\"([^\"]*)\"|\s*([\w-]+)", source)
    key = (key_match.group(1) or key_match.group(2)) if key_match else ""
    message = "TOML 格式错误：" + _translate(_AT.sub("", detail), source, key)
    hints = [h for h in _hints(source) if h not in message]
    if hints:
        message += "。" + "；".join(hints)
    if source.strip():
        message += f"。这一行是：{source.strip()[:120]}"
    return Problem(message, line=line, file=path, check="file.toml")


def parse_toml(path: Path, text: str) -> dict:
    """The tables of a TOML text; DataError with one located Chinese problem if it is not TOML."""
    deep = _nesting(text)
    if deep is not None:
        source = lines_of(text)[deep - 1].strip()[:60]
        message = f"数组或表嵌套过深（超过 {MAX_DEPTH} 层）：{source}…"
        raise DataError(path, [Problem(message, line=deep, file=path, check="file.toml")])
    try:
        return tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        raise DataError(path, [syntax_problem(path, text, str(exc))]) from None
    except ValueError as exc:  # an integer of thousands of digits (int() refuses to convert it)
        long = re.compile(r"\d{1000,}")
        line = next((n for n, s in enumerate(lines_of(text), 1) if long.search(s)), None)
        message = (
            "数字位数过多，无法读取：金额以万元为单位，只写实际的数" if line else f"无法读取：{exc}"
        )
        raise DataError(path, [Problem(message, line=line, file=path, check="file.toml")]) from None
