"""TOML as typed on a Chinese keyboard: curly quotes, full-width ＝ ： １２３, a 万元 suffix,
duplicate keys, unclosed tables. The parser's English is translated; the message names the file
and line, quotes the offending line and gives a hint in Chinese.
"""

from __future__ import annotations

import re

import pytest

from hostile.support import (
    assert_no_traceback,
    assert_refused_everywhere,
    assert_unchanged,
    check_and_build,
    located,
    minimal_text,
    refused,
    snapshot,
    write,
)

ENGLISH = re.compile(
    r"\b(Invalid|Expected|Unclosed|Cannot|Illegal|Unterminated|invalid|expected|at line)\b"
)

# (case, line as in the minimal unit, the line as typed, hint the message must contain)
TYPED = [
    (
        "curly-quotes-key",
        '"名称" = "某某区某某街道办事处"',
        "“名称” = “某某区某某街道办事处”",
        "英文双引号",
    ),
    (
        "curly-quotes-value",
        '"名称" = "某某区某某街道办事处"',
        '"名称" = “某某区某某街道办事处”',
        "英文双引号",
    ),
    (
        "single-curly-quotes",
        '"名称" = "某某区某某街道办事处"',
        "‘名称’ = ‘某某区某某街道办事处’",
        "英文",
    ),
    (
        "unquoted-chinese-key",
        '"名称" = "某某区某某街道办事处"',
        '名称 = "某某区某某街道办事处"',
        "英文双引号",
    ),
    (
        "fullwidth-equals",
        '"名称" = "某某区某某街道办事处"',
        '"名称" ＝ "某某区某某街道办事处"',
        "全角",
    ),
    (
        "fullwidth-colon",
        '"名称" = "某某区某某街道办事处"',
        '"名称"："某某区某某街道办事处"',
        "等号",
    ),
    ("fullwidth-digits", '"年度" = 2023', '"年度" = ２０２３', "全角"),
    ("fullwidth-digits-money", '"执行数" = 114.00', '"执行数" = １１４.００', "全角"),
    ("wanyuan-suffix", '"执行数" = 114.00', '"执行数" = 114.00万元', "单位"),
    ("wanyuan-suffix-space", '"执行数" = 114.00', '"执行数" = 114 万元', "单位"),
    ("year-suffix", '"年度" = 2023', '"年度" = 2023年', "单位"),
    ("yuan-sign", '"执行数" = 114.00', '"执行数" = ￥114.00', "数字"),
    ("thousands-comma", '"年初预算" = 100.00', '"年初预算" = 1,000.00', "千分位"),
    ("chinese-decimal-point", '"执行数" = 114.00', '"执行数" = 114。00', "小数点"),
    (
        "chinese-comma-in-array",
        '"职责" = ["负责本辖区的公共服务与社会管理。"]',
        '"职责" = ["负责本辖区的公共服务。"，"负责社会管理。"]',
        "逗号",
    ),
    ("chinese-brackets-table", '["预算"]', '【"预算"】', "方括号"),
    ("unclosed-table", '["预算"]', '["预算"', "]"),
    (
        "unclosed-string",
        '"名称" = "某某区某某街道办事处"',
        '"名称" = "某某区某某街道办事处',
        "引号",
    ),
    ("missing-value", '"执行数" = 114.00', '"执行数" = ', "值"),
    ("date-not-in-calendar", '"年度" = 2023', '"年度" = 2023\n"报告日期" = 2024-02-30', "日期"),
    ("date-in-chinese", '"年度" = 2023', '"年度" = 2023\n"报告日期" = 2024年3月31日', "日期"),
]


@pytest.mark.parametrize(("case", "old", "new", "hint"), TYPED, ids=[c[0] for c in TYPED])
def test_typed_on_a_chinese_keyboard(tmp_path, case, old, new, hint):
    text = minimal_text()
    assert old in text
    text = text.replace(old, new, 1)
    unit = write(tmp_path, f"{case}.toml", text)
    bad_line = new.split("\n")[-1]
    line = text.split("\n").index(bad_line) + 1
    assert_refused_everywhere(tmp_path, unit, hint, bad_line.strip(), line=line)
    r = check_and_build(tmp_path, unit)[0]
    assert not ENGLISH.search(r.text), f"untranslated parser message\n{r}"


def test_duplicate_key(tmp_path):
    text = minimal_text().replace('"执行数" = 114.00', '"执行数" = 114.00\n"执行数" = 115.00', 1)
    unit = write(tmp_path, "duplicate-key.toml", text)
    line = text.split("\n").index('"执行数" = 115.00') + 1
    assert_refused_everywhere(tmp_path, unit, "重复", "执行数", line=line)


def test_duplicate_table(tmp_path):
    text = minimal_text() + '\n["预算"]\n"收入" = 1\n'
    unit = write(tmp_path, "duplicate-table.toml", text)
    line = text.split("\n").index('"收入" = 1') - 1 + 1
    assert_refused_everywhere(tmp_path, unit, "重复", "预算", line=line)


def test_duplicate_key_in_other_spelling(tmp_path):
    text = minimal_text().replace('["预算"]', '["预算"]\n"执行数" = 1', 1)
    unit = write(tmp_path, "duplicate-key-first.toml", text)
    line = text.split("\n").index('"执行数" = 114.00') + 1
    assert_refused_everywhere(tmp_path, unit, "重复", line=line)


def test_top_level_key_after_a_table(tmp_path):
    text = (
        minimal_text().replace('"职责" = ["负责本辖区的公共服务与社会管理。"]\n', "")
        + '\n"职责" = ["负责社会管理。"]\n'
    )
    unit = write(tmp_path, "top-level-after-table.toml", text)
    check, build = check_and_build(tmp_path, unit)
    for r in (check, build):
        refused(r)
        located(r, unit.name)
        assert "开头" in r.text, str(r)


def test_deep_nesting(tmp_path):
    text = minimal_text() + '\n["叙述"]\n"其他说明" = ' + "[" * 5000 + "]" * 5000 + "\n"
    unit = write(tmp_path, "deep-nesting.toml", text)
    line = len(text.rstrip("\n").split("\n"))
    assert_refused_everywhere(tmp_path, unit, "嵌套", line=line)


def test_deep_inline_tables(tmp_path):
    text = minimal_text() + '\n"x" = ' + "{a=" * 3000 + "1" + "}" * 3000 + "\n"
    unit = write(tmp_path, "deep-inline-tables.toml", text)
    before = snapshot(tmp_path)
    for r in check_and_build(tmp_path, unit):
        refused(r)
        located(r, unit.name)
    assert_unchanged(before, snapshot(tmp_path))


def test_gbk_file(tmp_path):
    unit = write(tmp_path, "gbk.toml", minimal_text().encode("gbk"))
    assert_refused_everywhere(tmp_path, unit, "UTF-8", line=1)


def test_utf16_file(tmp_path):
    unit = write(tmp_path, "utf16.toml", minimal_text().encode("utf-16"))
    assert_refused_everywhere(tmp_path, unit, "UTF-8")


def test_binary_file(tmp_path):
    unit = write(tmp_path, "binary.toml", b"PK\x03\x04" + bytes(range(256)) * 4)
    assert_refused_everywhere(tmp_path, unit)


def test_empty_file(tmp_path):
    unit = write(tmp_path, "empty.toml", "")
    assert_refused_everywhere(tmp_path, unit, "单位")


def test_bom_and_crlf_are_fine(tmp_path):
    unit = write(
        tmp_path,
        "bom-crlf.toml",
        b"\xef\xbb\xbf" + minimal_text().replace("\n", "\r\n").encode("utf-8"),
    )
    check, build = check_and_build(tmp_path, unit)
    for r in (check, build):
        assert_no_traceback(r)
        assert r.code == 0, str(r)


def test_crlf_error_line(tmp_path):
    text = (
        minimal_text().replace('"执行数" = 114.00', '"执行数" = 114.00万元').replace("\n", "\r\n")
    )
    unit = write(tmp_path, "crlf-error.toml", text)
    line = text.split("\r\n").index('"执行数" = 114.00万元') + 1
    assert_refused_everywhere(tmp_path, unit, line=line)


def test_lone_cr_line_breaks(tmp_path):
    text = minimal_text().replace('"执行数" = 114.00', '"执行数" = 114.00万元').replace("\n", "\r")
    unit = write(tmp_path, "cr-only.toml", text)
    before = snapshot(tmp_path)
    for r in check_and_build(tmp_path, unit):
        refused(r)
        located(r, unit.name)
    assert_unchanged(before, snapshot(tmp_path))
