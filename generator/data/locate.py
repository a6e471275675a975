"""Find the line of a key path (`指标[3].分值`) in a unit file's TOML text, for messages."""

from __future__ import annotations

import re

_HEADER = re.compile(r"^\s*(\[\[?)\s*(.+?)\s*\]\]?\s*(#.*)?$")
_KEYLINE = re.compile(
    r"^\s*((?:\"[^\"]*\"|'[^']*'|[A-Za-z0-9_\-\u0080-\uffff]+)(?:\s*\.\s*(?:\"[^\"]*\"|'[^']*'|[A-Za-z0-9_\-\u0080-\uffff]+))*)\s*="
)
_PART = re.compile(r"\"([^\"]*)\"|'([^']*)'|([A-Za-z0-9_\-\u0080-\uffff]+)")


def _parts(dotted: str) -> list[str]:
    return [a or b or c for a, b, c in _PART.findall(dotted)]


def key_lines(text: str) -> dict[str, int]:
    """Every table header and key in the text, by its path, to its 1-based line number."""
    lines: dict[str, int] = {}
    counters: dict[str, int] = {}
    current = ""
    # Not splitlines(): U+2028, U+0085 … are no line ends in TOML or in an editor.
    text_lines = [line.removesuffix("\r") for line in text.split("\n")]
    skip_to = 0
    for number, raw in enumerate(text_lines, 1):
        if number <= skip_to:
            continue
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        header = _HEADER.match(raw)
        if header and not _KEYLINE.match(raw):
            parts = _parts(header.group(2))
            # Resolve array-of-table parents to their latest element: [[问题.子项]] after [[问题]].
            resolved = ""
            for part in parts[:-1]:
                resolved = f"{resolved}.{part}" if resolved else part
                if resolved in counters:
                    resolved = f"{resolved}[{counters[resolved]}]"
            name = f"{resolved}.{parts[-1]}" if resolved else parts[-1]
            if header.group(1) == "[[":
                counters[name] = counters.get(name, 0) + 1
                # children of an earlier element start counting again
                for k in [k for k in counters if k.startswith(name + "[")]:
                    del counters[k]
                name = f"{name}[{counters[name]}]"
            current = name
            lines.setdefault(current, number)
            continue
        keyline = _KEYLINE.match(raw)
        if keyline:
            path = ".".join(_parts(keyline.group(1)))
            full = f"{current}.{path}" if current else path
            lines.setdefault(full, number)
            inside, end = _value_lines(text_lines, number - 1, keyline.end())
            for sub, at in inside.items():
                lines.setdefault(full + sub, at)
            skip_to = end + 1  # the value's own lines hold no keys of the table
    return lines


class _Cursor:
    """A position in the text, for reading one inline value that may run over several lines."""

    def __init__(self, text_lines: list[str], row: int, col: int):
        self.lines, self.row, self.col = text_lines, row, col

    def peek(self) -> str:
        """The next character that matters (skipping blanks, line ends and comments), or ""."""
        while self.row < len(self.lines):
            line = self.lines[self.row]
            while self.col < len(line) and line[self.col] in " \t":
                self.col += 1
            if self.col < len(line) and line[self.col] != "#":
                return line[self.col]
            self.row, self.col = self.row + 1, 0
        return ""

    def take(self, n: int = 1) -> None:
        self.col += n

    def skip_string(self) -> None:
        line = self.lines[self.row]
        ch = line[self.col]
        quote = ch * 3 if line.startswith(ch * 3, self.col) else ch
        self.take(len(quote))
        while self.row < len(self.lines):
            line = self.lines[self.row]
            while self.col < len(line):
                if quote[0] == '"' and line[self.col] == "\\":
                    self.col += 2
                    continue
                if line.startswith(quote, self.col):
                    self.take(len(quote))
                    return
                self.col += 1
            if len(quote) == 1:
                return  # an unclosed one-line string: TOML reports it elsewhere
            self.row, self.col = self.row + 1, 0

    def skip_bare(self) -> None:
        line = self.lines[self.row]
        while self.col < len(line) and line[self.col] not in ",]}#" and line[self.col] != " ":
            self.col += 1


def _value_lines(text_lines: list[str], row: int, col: int) -> tuple[dict[str, int], int]:
    """Inside an inline value (after `=`): the 1-based line of each element and key it holds,
    and the (0-based) row where the value ends.

    `"问题" = [{ "标题" = "…", "内容" = ["…"] }, …]` gives [1], [1].标题, [1].内容, [1].内容[1] ….
    """
    found: dict[str, int] = {}
    cursor = _Cursor(text_lines, row, col)
    try:
        _read_value(cursor, "", found, depth=0)
    except IndexError:
        return found, row  # text TOML itself rejects; nothing more to locate
    return found, max(row, cursor.row)


def _read_value(c: _Cursor, path: str, found: dict[str, int], depth: int) -> None:
    ch = c.peek()
    if depth > 50 or not ch:
        return
    if ch in "\"'":
        c.skip_string()
    elif ch == "[":
        c.take()
        i = 0
        while c.peek() not in ("]", ""):
            if c.peek() == ",":
                c.take()
                continue
            i += 1
            found.setdefault(f"{path}[{i}]", c.row + 1)
            _read_value(c, f"{path}[{i}]", found, depth + 1)
        c.take()
    elif ch == "{":
        c.take()
        while c.peek() not in ("}", ""):
            if c.peek() == ",":
                c.take()
                continue
            line = c.lines[c.row]
            m = _KEYLINE.match(line[c.col :])
            if not m:
                return
            key = ".".join(_parts(m.group(1)))
            found.setdefault(f"{path}.{key}", c.row + 1)
            c.take(m.end())
            _read_value(c, f"{path}.{key}", found, depth + 1)
        c.take()
    else:
        c.skip_bare()


def line_of(lines: dict[str, int], key_path: str) -> int | None:
    """The line of the key, or of its nearest enclosing key or table that the text shows."""
    path = key_path
    while path:
        if path in lines:
            return lines[path]
        cut = max(path.rfind("."), path.rfind("["))
        if cut <= 0:
            break
        path = path[:cut]
    return lines.get(path)
