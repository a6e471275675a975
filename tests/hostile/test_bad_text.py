"""Hostile text: control and XML-invalid characters, surrogates, huge names, odd line separators.

A character Word cannot hold is a located error naming the key and line; a length the document
properties cannot hold is an error, not a crash; line separators inside strings never shift the
line numbers of later messages; markup-looking text is printed as typed, never interpreted.
"""

from __future__ import annotations

import io
import zipfile

import pytest

from hostile.support import (
    assert_no_traceback,
    assert_refused_everywhere,
    check_and_build,
    located,
    minimal_text,
    report_path,
    set_key,
    write,
)

NAME_LINE = '"名称" = "某某区某某街道办事处"'

# (case, TOML literal for 单位.名称): the name is refused, naming 单位.名称 and its line.
BAD_NAMES = [
    ("control-01", r'"某某\u0001街道"'),
    ("control-0b", r'"某某\u000b街道"'),
    ("control-1f", r'"某某\u001f街道"'),
    ("control-0c", r'"某某\f街道"'),
    ("backspace", r'"某某\b街道"'),
    ("nul", r'"某某\u0000街道"'),
    ("u-fffe", r'"某某\ufffe街道"'),
    ("u-ffff", r'"某某\uffff街道"'),
    ("name-250-chars", '"' + "某" * 250 + '"'),
    ("name-10000-chars", '"' + "某" * 10000 + '"'),
    ("name-empty", '""'),
    ("name-blank", '"   "'),
]


@pytest.mark.parametrize(("case", "literal"), BAD_NAMES, ids=[c[0] for c in BAD_NAMES])
def test_bad_unit_name(tmp_path, case, literal):
    text = set_key(minimal_text(), "单位", "名称", literal)
    unit = write(tmp_path, f"{case}.toml", text)
    line = text.split("\n").index(f'"名称" = {literal}') + 1
    assert_refused_everywhere(tmp_path, unit, line=line, key="单位.名称")


def test_signing_unit_too_long_for_document_properties(tmp_path):
    literal = '"' + "编" * 300 + '"'
    text = set_key(minimal_text(), "单位", "编制单位", literal)
    unit = write(tmp_path, "author-300-chars.toml", text)
    line = text.split("\n").index(f'"编制单位" = {literal}') + 1
    assert_refused_everywhere(tmp_path, unit, line=line, key="单位.编制单位")


@pytest.mark.parametrize(
    ("case", "literal"),
    [("duty-control-07", r'["负责\u0007辖区事务。"]'), ("duty-ffff", r'["负责\uffff辖区事务。"]')],
    ids=["duty-control-07", "duty-ffff"],
)
def test_bad_character_in_a_paragraph(tmp_path, case, literal):
    text = minimal_text().replace(
        '"职责" = ["负责本辖区的公共服务与社会管理。"]', f'"职责" = {literal}'
    )
    unit = write(tmp_path, f"{case}.toml", text)
    assert_refused_everywhere(tmp_path, unit, line=3, key="职责[1]")


def test_bad_character_in_an_indicator(tmp_path):
    text = minimal_text().replace('"实际值" = "2次"', r'"实际值" = "2\u0002次"')
    unit = write(tmp_path, "indicator-control.toml", text)
    line = text.split("\n").index(r'"实际值" = "2\u0002次"') + 1
    assert_refused_everywhere(tmp_path, unit, line=line, key="指标[2].实际值")


# Escapes the TOML parser itself refuses (not Unicode scalar values) and raw bytes that are not
# UTF-8: a Chinese message on the right line, quoting it.
@pytest.mark.parametrize(
    ("case", "literal"),
    [
        ("lone-surrogate-escape", r'"某某\ud800街道"'),
        ("low-surrogate-escape", r'"某某\udfff街道"'),
        ("escape-beyond-unicode", r'"某某\U00110000街道"'),
    ],
    ids=["lone-surrogate-escape", "low-surrogate-escape", "escape-beyond-unicode"],
)
def test_surrogate_escapes(tmp_path, case, literal):
    text = set_key(minimal_text(), "单位", "名称", literal)
    unit = write(tmp_path, f"{case}.toml", text)
    line = text.split("\n").index(f'"名称" = {literal}') + 1
    assert_refused_everywhere(tmp_path, unit, line=line)


def test_raw_surrogate_bytes(tmp_path):
    text = set_key(minimal_text(), "单位", "名称", '"某某\ud800街道"')
    unit = write(tmp_path, "raw-surrogate.toml", text)  # written with surrogatepass: ED A0 80
    line = text.split("\n").index('"名称" = "某某\ud800街道"') + 1
    assert_refused_everywhere(tmp_path, unit, "UTF-8", line=line)


def test_raw_control_character_in_file(tmp_path):
    text = set_key(minimal_text(), "单位", "名称", '"某某\x01街道"')
    unit = write(tmp_path, "raw-control.toml", text)
    line = text.split("\n").index('"名称" = "某某\x01街道"') + 1
    assert_refused_everywhere(tmp_path, unit, line=line)


# U+2028, U+2029, U+0085 (and friends) are legal inside TOML strings but are line breaks to
# Python's str.splitlines(): an error later in the file must still be reported on its own line.
SEPARATORS = [("u2028", "\u2028"), ("u2029", "\u2029"), ("u0085", "\u0085"), ("u001c-escape", None)]


@pytest.mark.parametrize(("case", "sep"), SEPARATORS, ids=[c[0] for c in SEPARATORS])
def test_line_separators_do_not_shift_line_numbers(tmp_path, case, sep):
    text = minimal_text()
    inner = r"\u001c" if sep is None else sep * 3
    text = text.replace("负责本辖区的公共服务", f"负责{inner}本辖区的公共服务")
    text = set_key(text, "预算", "执行数", '"一百一十四"')  # a type error further down
    unit = write(tmp_path, f"{case}.toml", text)
    line = text.split("\n").index('"执行数" = "一百一十四"') + 1
    check, build = check_and_build(tmp_path, unit)
    for r in (check, build):
        assert_no_traceback(r)
        assert r.code == 1, str(r)
        located(r, unit.name, line, "预算.执行数")


@pytest.mark.parametrize(("case", "sep"), SEPARATORS[:3], ids=[c[0] for c in SEPARATORS[:3]])
def test_line_separators_do_not_shift_toml_error_lines(tmp_path, case, sep):
    text = minimal_text().replace("负责本辖区的公共服务", f"负责{sep}本辖区{sep}的公共服务")
    text = text.replace('"执行数" = 114.00', '"执行数" = 114.00.00')
    unit = write(tmp_path, f"{case}-toml.toml", text)
    line = text.split("\n").index('"执行数" = 114.00.00') + 1
    assert_refused_everywhere(tmp_path, unit, "114.00.00", line=line)


def test_line_separator_in_name_still_builds(tmp_path):
    text = set_key(minimal_text(), "单位", "名称", '"某某区\u2028某某街道办事处"')
    unit = write(tmp_path, "separator-in-name.toml", text)
    check, build = check_and_build(tmp_path, unit)
    for r in (check, build):
        assert_no_traceback(r)
    assert check.code == build.code, f"check and build disagree\n{check}\n{build}"


def _document_text(path) -> str:
    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as z:
        return z.read("word/document.xml").decode("utf-8")


@pytest.mark.parametrize(
    ("case", "name", "xml"),
    [
        ("markup", "某某<w:p/>&amp;街道", "某某&lt;w:p/&gt;&amp;amp;街道"),
        ("jinja-like", "某某{{ 7*7 }}{% if 1 %}街道", "某某{{ 7*7 }}{% if 1 %}街道"),
        ("quotes", "某某\"'`街道", "某某\"'`街道"),
    ],
    ids=["markup", "jinja-like", "quotes"],
)
def test_markup_in_text_is_printed_as_typed(tmp_path, case, name, xml):
    literal = '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
    text = set_key(minimal_text(), "单位", "名称", literal)
    unit = write(tmp_path, f"{case}.toml", text)
    check, build = check_and_build(tmp_path, unit)
    for r in (check, build):
        assert_no_traceback(r)
    assert check.code == build.code, f"check and build disagree\n{check}\n{build}"
    if build.code == 0:
        document = _document_text(report_path(unit, tmp_path / "out"))
        assert "49" not in document.split("某某")[1][:10]
        assert xml.replace('"', "&quot;") in document or xml in document


def test_long_paragraph_builds(tmp_path):
    text = minimal_text().replace(
        "负责本辖区的公共服务与社会管理。", "负责本辖区的公共服务与社会管理。" * 1200
    )
    unit = write(tmp_path, "long-paragraph.toml", text)
    check, build = check_and_build(tmp_path, unit)
    for r in (check, build):
        assert_no_traceback(r)
        assert r.code == 0, str(r)


def test_many_indicators_long_labels(tmp_path):
    row = (
        '\n[["指标"]]\n"一级" = "产出指标"\n"二级" = "数量指标"\n"三级" = "'
        + "长" * 500
        + '"\n"指标值" = "≥1次"\n"实际值" = "1次"\n"分值" = 0\n'
    )
    unit = write(tmp_path, "long-labels.toml", minimal_text() + row * 5)
    check, build = check_and_build(tmp_path, unit)
    for r in (check, build):
        assert_no_traceback(r)
    assert check.code == build.code, f"check and build disagree\n{check}\n{build}"
