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
    text_lines = text.splitlines()
    for number, raw in enumerate(text_lines, 1):
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
            for i, at in enumerate(_element_lines(text_lines, number - 1, keyline.end()), 1):
                lines.setdefault(f"{full}[{i}]", at)
    return lines


def _element_lines(text_lines: list[str], row: int, col: int) -> list[int]:
    """The 1-based line where each element of an array value starts, if the value is an array.

    Scans from just after `=` (row and col from 0), minding strings and nesting, to the
    array's closing bracket; an inline value on one line gives every element that line.
    """
    starts: list[int] = []
    depth, quote, expecting = 0, "", False
    for r in range(row, min(len(text_lines), row + 2000)):
        line = text_lines[r]
        c = col if r == row else 0
        while c < len(line):
            ch = line[c]
            if quote:
                if line.startswith(quote, c):
                    c += len(quote) - 1
                    quote = ""
                elif ch == "\\" and quote in ('"', '"""'):
                    c += 1
            elif ch == "#":
                break
            elif ch in "\"'":
                quote = line[c : c + 3] if line.startswith(ch * 3, c) else ch
                c += len(quote) - 1
                if depth == 1 and expecting:
                    starts.append(r + 1)
                    expecting = False
            elif ch in "[{":
                if depth == 0 and ch == "{":
                    return []  # an inline table: its keys are not located here
                if depth == 1 and expecting:
                    starts.append(r + 1)
                    expecting = False
                depth += 1
                expecting = expecting or depth == 1
            elif ch in "]}":
                depth -= 1
                if depth <= 0:
                    return starts
            elif ch == ",":
                expecting = expecting or depth == 1
            elif not ch.isspace():
                if depth == 0:
                    return []  # not an array
                if depth == 1 and expecting:
                    starts.append(r + 1)
                    expecting = False
            c += 1
    return starts


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
