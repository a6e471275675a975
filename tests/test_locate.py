"""Key lines: the key-name class written for fast compiling means what it says."""

import re

from generator.data.loader import load
from generator.data.locate import NAME_CHAR, KeyLines, key_lines


def test_name_char_is_letters_digits_underscore_dash_and_the_rest_of_the_bmp():
    every = "".join(chr(i) for i in range(0x110000))
    plain = re.compile(r"[A-Za-z0-9_\-\u0080-\uffff]")
    fast = re.compile(NAME_CHAR)
    assert [m.start() for m in fast.finditer(every)] == [m.start() for m in plain.finditer(every)]


def test_lines_are_read_only_as_far_as_a_key_needs(example):
    path = example("standard")
    text = path.read_text(encoding="utf-8")
    full = key_lines(text)
    lazy = KeyLines(text)
    first = next(iter(full))
    assert lazy[first] == full[first]
    assert len(lazy._found) < len(full)  # the rest of the text is not read yet
    assert load(path).line("指标[2].分值") == full["指标[2].分值"]
    assert dict(lazy) == full
