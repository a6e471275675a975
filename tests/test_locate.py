"""Key lines: the key-name class written for fast compiling means what it says."""

import re

from generator.data.loader import load
from generator.data.locate import NAME_CHAR, key_lines


def test_name_char_is_letters_digits_underscore_dash_and_the_rest_of_the_bmp():
    every = "".join(chr(i) for i in range(0x110000))
    plain = re.compile(r"[A-Za-z0-9_\-\u0080-\uffff]")
    fast = re.compile(NAME_CHAR)
    assert [m.start() for m in fast.finditer(every)] == [m.start() for m in plain.finditer(every)]


def test_lines_are_found_when_first_asked(example):
    path = example("standard")
    loaded = load(path)
    assert loaded.lines is None  # no message needed them
    assert (
        loaded.line("指标[2].分值") == key_lines(path.read_text(encoding="utf-8"))["指标[2].分值"]
    )
