"""The nesting guard jumps over plain text; it finds what the character-by-character walk found."""

import random

import pytest

from generator.data.toml_text import MAX_DEPTH, _nesting


def walk(text: str) -> int | None:
    """The first version: one Python step per character."""
    depth, line, i, n = 0, 1, 0, len(text)
    while i < n:
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


PIECES = [
    "[",
    "]",
    "{",
    "}",
    '"',
    "'",
    '"""',
    "'''",
    "\\",
    "\n",
    "#",
    "a",
    " ",
    "键",
    "=",
    "[" * 12,
]
PIECES += ['\\"', "\\\n", '"x"', "'y'", '"a\\\\"', '""', "''", '"""x"""', "'''y'''"]


@pytest.mark.parametrize("seed", range(300))
def test_jumping_walk_finds_the_same_line(seed):
    rng = random.Random(seed)
    text = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 400)))
    assert _nesting(text) == walk(text)


def test_deep_arrays_are_found_and_strings_ignored():
    deep = "a = " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1)
    assert _nesting("x = 1\n" + deep) == 2
    assert _nesting('s = "' + "[" * 100 + '"\n') is None
