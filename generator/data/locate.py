"""Find the line of a key path (`指标[3].分值`) in a unit file's TOML text, for messages."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

# A bare key's character: ASCII letter, digit, _ or -, or any other character of the Basic
# Multilingual Plane; that is [A-Za-z0-9_\-\u0080-\uffff], written as what it leaves out
# because re compiles the range \u0080-\uffff one character at a time (12 ms at start-up,
# against 0.3 ms; tests/test_locate.py checks the two classes agree on every character).
NAME_CHAR = r"[^\x00-\x2c./:-@\[-\^`{-\x7f\U00010000-\U0010ffff]"
_HEADER = re.compile(r"^\s*(\[\[?)\s*(.+?)\s*\]\]?\s*(#.*)?$")
_KEYLINE = re.compile(
    rf"^\s*((?:\"[^\"]*\"|'[^']*'|{NAME_CHAR}+)(?:\s*\.\s*(?:\"[^\"]*\"|'[^']*'|{NAME_CHAR}+))*)\s*="
)
_PART = re.compile(rf"\"([^\"]*)\"|'([^']*)'|({NAME_CHAR}+)")


def _parts(dotted: str) -> list[str]:
    return [a or b or c for a, b, c in _PART.findall(dotted)]


def key_lines(text: str) -> dict[str, int]:
    """Every table header and key in the text, by its path, to its 1-based line number."""
    lines: dict[str, int] = {}
    for path, number in _key_lines(text):
        lines.setdefault(path, number)
    return lines


class KeyLines(Mapping[str, int]):
    """key_lines(text), read only as far down the text as the keys asked for need.

    A unit's messages name a few keys, most near the top; a file of 2,000 indicators has
    some 18,000 lines to read for all of them.
    """

    def __init__(self, text: str):
        self._found: dict[str, int] = {}
        self._rest: Iterator[tuple[str, int]] | None = _key_lines(text)

    def _read_until(self, key: str | None) -> None:
        if self._rest is None:
            return
        for path, number in self._rest:
            if path not in self._found:
                self._found[path] = number
                if path == key:
                    return
        self._rest = None

    def __contains__(self, key: object) -> bool:
        if key not in self._found:
            self._read_until(key if isinstance(key, str) else None)
        return key in self._found

    def __getitem__(self, key: str) -> int:
        if key in self:
            return self._found[key]
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        self._read_until(None)
        return iter(self._found)

    def __len__(self) -> int:
        self._read_until(None)
        return len(self._found)


def _key_lines(text: str) -> Iterator[tuple[str, int]]:
    """(key path, line) for each header, key and inline element, in the text's order."""
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
            yield current, number
            continue
        keyline = _KEYLINE.match(raw)
        if keyline:
            path = ".".join(_parts(keyline.group(1)))
            full = f"{current}.{path}" if current else path
            yield full, number
            inside, end = _value_lines(text_lines, number - 1, keyline.end())
            for sub, at in inside.items():
                yield full + sub, at
            skip_to = end + 1  # the value's own lines hold no keys of the table


_STRING_END = {
    '"': re.compile(r'\\.|"'),
    '"""': re.compile(r'\\.|"""'),
    "'": re.compile("'"),
    "'''": re.compile("'''"),
}


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
        end = _STRING_END[quote]  # found by the regex engine: a paragraph is not walked by hand
        while self.row < len(self.lines):
            line = self.lines[self.row]
            m = end.search(line, self.col)
            while m is not None and m.group() != quote:  # an escape: \" does not end it
                m = end.search(line, m.end())
            if m is not None:
                self.col = m.end()
                return
            if len(quote) == 1:
                self.col = len(line)
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


def line_of(lines: Mapping[str, int], key_path: str) -> int | None:
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
