"""Hostile numbers: zero denominators, NaN, infinities, huge and negative amounts, odd years.

Each is a located Chinese error (exit 1, nothing written) or, where the report still means
something, a warning or a dash — never a traceback, and `check` and `build` always agree.
"""

from __future__ import annotations

import pytest

from hostile.support import (
    assert_no_traceback,
    assert_refused_everywhere,
    assert_unchanged,
    check_and_build,
    located,
    minimal_text,
    refused,
    report_path,
    set_key,
    snapshot,
    variant,
    write,
)

FOUR_HUNDRED_DIGITS = "9" * 400

# (case, table, key, TOML literal): each must be refused by check and build, naming the key's line.
REFUSED = [
    ("adjusted-zero-with-spending", "预算", "调整预算", "0"),
    ("spent-nan", "预算", "执行数", "nan"),
    ("spent-inf", "预算", "执行数", "inf"),
    ("spent-plus-inf", "预算", "执行数", "+inf"),
    ("budget-minus-inf", "预算", "年初预算", "-inf"),
    ("budget-negative-nan", "预算", "年初预算", "-nan"),
    ("spent-1e30", "预算", "执行数", "1e30"),
    ("adjusted-1e13", "预算", "调整预算", "1e13"),
    ("spent-400-digits", "预算", "执行数", FOUR_HUNDRED_DIGITS),
    ("spent-400-digits-decimal", "预算", "执行数", FOUR_HUNDRED_DIGITS + ".5"),
    ("spent-negative", "预算", "执行数", "-114.00"),
    ("basic-negative", "预算", "基本支出", "-80.00"),
    ("budget-negative", "预算", "年初预算", "-100"),
    ("year-20233", "单位", "年度", "20233"),
    ("year-0", "单位", "年度", "0"),
    ("year-9999", "单位", "年度", "9999"),
    ("year-1999", "单位", "年度", "1999"),
    ("year-2101", "单位", "年度", "2101"),
    ("year-negative", "单位", "年度", "-2023"),
    ("year-string", "单位", "年度", '"2023"'),
    ("year-fraction", "单位", "年度", "2023.5"),
    ("year-400-digits", "单位", "年度", FOUR_HUNDRED_DIGITS),
    ("year-nan", "单位", "年度", "nan"),
]


@pytest.mark.parametrize(("case", "table", "key", "literal"), REFUSED, ids=[c[0] for c in REFUSED])
def test_refused_with_located_message(tmp_path, case, table, key, literal):
    unit, line = variant(tmp_path, f"{case}.toml", table, key, literal)
    assert_refused_everywhere(tmp_path, unit, line=line, key=f"{table}.{key}")


# Indicator weights and scores: numbers a template prints and the total adds up.
INDICATOR_REFUSED = [
    ("weight-nan", '"分值" = 50', '"分值" = nan'),
    ("weight-inf", '"分值" = 50', '"分值" = inf'),
    ("weight-negative", '"分值" = 50', '"分值" = -50'),
    ("weight-huge", '"分值" = 50', '"分值" = 1e30'),
    ("weight-400-digits", '"分值" = 50', f'"分值" = {FOUR_HUNDRED_DIGITS}'),
    ("score-nan", '"分值" = 50', '"分值" = 50\n"得分" = nan'),
    ("score-minus-inf", '"分值" = 50', '"分值" = 50\n"得分" = -inf'),
]


@pytest.mark.parametrize(
    ("case", "old", "new"), INDICATOR_REFUSED, ids=[c[0] for c in INDICATOR_REFUSED]
)
def test_indicator_numbers_refused(tmp_path, case, old, new):
    text = minimal_text()
    assert old in text
    text = text.replace(old, new, 1)
    unit = write(tmp_path, f"{case}.toml", text)
    line = text.split("\n").index(new.split("\n")[-1]) + 1
    assert_refused_everywhere(tmp_path, unit, line=line, key="指标[2]")


def test_staff_count_400_digits(tmp_path):
    text = minimal_text() + f'\n["人员编制"]\n"在职人数" = {FOUR_HUNDRED_DIGITS}\n'
    unit = write(tmp_path, "staff-400-digits.toml", text)
    line = len(text.rstrip("\n").split("\n"))
    assert_refused_everywhere(tmp_path, unit, line=line, key="人员编制.在职人数")


def test_assets_nan(tmp_path):
    text = minimal_text() + '\n["资产"]\n"资产总额" = nan\n"负债总额" = 10\n"净资产" = 0\n'
    unit = write(tmp_path, "assets-nan.toml", text)
    line = text.split("\n").index('"资产总额" = nan') + 1
    assert_refused_everywhere(tmp_path, unit, line=line, key="资产.资产总额")


def test_source_row_infinite(tmp_path):
    text = (
        minimal_text()
        + '\n[["预算"."来源"]]\n"名称" = "财政拨款"\n"年初预算" = 100\n"调整预算" = 120\n"执行数" = inf\n'
    )
    unit = write(tmp_path, "source-inf.toml", text)
    line = text.split("\n").index('"执行数" = inf') + 1
    assert_refused_everywhere(tmp_path, unit, line=line, key="预算.来源[1].执行数")


# More decimals than the format prints: the report would show a number that isn't the one
# computed with. A warning that names the key; the report is still built.
WARNED = [
    ("spent-three-decimals", "预算", "执行数", "114.004"),
    ("basic-many-decimals", "预算", "基本支出", "80.0000000001"),
    ("budget-tiny-exponent", "预算", "年初预算", "100.00000000000000000000000001"),
]


@pytest.mark.parametrize(("case", "table", "key", "literal"), WARNED, ids=[c[0] for c in WARNED])
def test_more_decimals_than_printed_is_a_located_warning(tmp_path, case, table, key, literal):
    text = set_key(minimal_text(), table, key, literal)
    if key == "执行数":  # keep 基本支出 + 项目支出 = 执行数 exact
        text = set_key(text, "预算", "项目支出", "34.004")
    if key == "基本支出":
        text = set_key(text, "预算", "项目支出", "33.9999999999")
    unit = write(tmp_path, f"{case}.toml", text)
    line = text.split("\n").index(f'"{key}" = {literal}') + 1
    check, build = check_and_build(tmp_path, unit)
    for r in (check, build):
        assert_no_traceback(r)
        assert r.code == 0, str(r)
    located(check, unit.name, line, f"{table}.{key}")
    assert "警告" in check.text and "小数" in check.text, str(check)
    assert report_path(unit, tmp_path / "out").is_file()


# Zero denominators that leave a meaningful report: a dash where the rate would be, and check
# and build agree (both pass, or both refuse naming the key).
AGREE = [
    ("budget-zero-all-added-later", [("预算", "年初预算", "0")]),
    (
        "nothing-spent",
        [("预算", "执行数", "0"), ("预算", "基本支出", "0"), ("预算", "项目支出", "0")],
    ),
    (
        "all-zero",
        [
            ("预算", "年初预算", "0"),
            ("预算", "调整预算", "0"),
            ("预算", "执行数", "0"),
            ("预算", "基本支出", "0"),
            ("预算", "项目支出", "0"),
        ],
    ),
    ("year-2000", [("单位", "年度", "2000")]),
    ("year-2100", [("单位", "年度", "2100")]),
    ("amount-exactly-1e12", [("预算", "调整预算", "1000000000000")]),
]


@pytest.mark.parametrize(("case", "changes"), AGREE, ids=[c[0] for c in AGREE])
def test_zero_denominators_agree(tmp_path, case, changes):
    text = minimal_text()
    for table, key, literal in changes:
        text = set_key(text, table, key, literal)
    unit = write(tmp_path, f"{case}.toml", text)
    check, build = check_and_build(tmp_path, unit)
    for r in (check, build):
        assert_no_traceback(r)
        assert r.code in (0, 1), str(r)
    assert check.code == build.code, f"check and build disagree\n{check}\n{build}"
    if build.code == 1:
        refused(build)
        located(check, unit.name)
    else:
        assert report_path(unit, tmp_path / "out").is_file()


def test_zero_weights_agree(tmp_path):
    text = (
        minimal_text()
        .replace('"分值" = 10\n', '"分值" = 0\n')
        .replace('"分值" = 50', '"分值" = 0')
        .replace('"分值" = 30', '"分值" = 0')
    )
    unit = write(tmp_path, "weights-zero.toml", text)
    before = snapshot(tmp_path)
    check, build = check_and_build(tmp_path, unit)
    for r in (check, build):
        assert_no_traceback(r)
    assert check.code == build.code, f"check and build disagree\n{check}\n{build}"
    if build.code:
        assert_unchanged(before, snapshot(tmp_path))


def test_previous_assets_zero_prints_a_dash(tmp_path):
    text = (
        minimal_text()
        + '\n["资产"]\n"资产总额" = 10\n"负债总额" = 5\n"净资产" = 5\n"上年资产总额" = 0\n"上年负债总额" = 0\n"上年净资产" = 0\n'
    )
    unit = write(tmp_path, "previous-assets-zero.toml", text)
    check, build = check_and_build(tmp_path, unit)
    for r in (check, build):
        assert_no_traceback(r)
    assert check.code == build.code, f"check and build disagree\n{check}\n{build}"


def test_integer_too_long_to_read(tmp_path):
    # Python refuses to convert integers of more than 4300 digits: the parser itself fails.
    unit, line = variant(tmp_path, "spent-5000-digits.toml", "预算", "执行数", "9" * 5000)
    assert_refused_everywhere(tmp_path, unit, "位数", line=line)
