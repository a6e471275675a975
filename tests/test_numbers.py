from decimal import Decimal as D

import pytest

from generator.compute.numbers import (
    change,
    chapter,
    chinese_number,
    fmt_number,
    fmt_percent,
    ratio,
    section,
)


@pytest.mark.parametrize(
    "value, places, shown",
    [
        ("2.675", 2, "2.68"),
        ("0.125", 2, "0.13"),
        ("-2.675", 2, "-2.68"),
        ("1.005", 2, "1.01"),
        ("0.0049", 2, "0.00"),
    ],
)
def test_round_half_up_never_bankers_nor_binary(value, places, shown):
    assert fmt_number(D(value), places) == shown


def test_money_as_written_and_separators():
    assert fmt_number(D("39858.695473"), None, separators=True) == "39,858.695473"
    assert fmt_number(D("13245.05"), 2, separators=True) == "13,245.05"
    assert fmt_number(D("728.8"), 2) == "728.80"
    assert fmt_number(D("-1234567.891"), 2, separators=True) == "-1,234,567.89"


def test_percent_from_unrounded_inputs():
    assert fmt_percent(D("13006.70") / D("18580.25")) == "70.00%"
    assert fmt_percent(D("20.34") / D("30")) == "67.80%"
    assert fmt_percent(D("0.0012345"), 2) == "0.12%"


def test_zero_or_missing_denominator_has_no_rate():
    assert ratio(D(5), D(0)) is None
    assert ratio(D(5), None) is None
    assert fmt_percent(None) == "—"


@pytest.mark.parametrize(
    "current, previous", [("120", "100"), ("875.39", "1081.87"), ("0", "50"), ("-3", "4")]
)
def test_change_is_this_year_less_last_year_over_last_year(current, previous):
    now, last = D(current), D(previous)
    assert change(now, last) == (now - last) / last
    assert (change(now, last) > 0) == (now > last)  # a rise is positive, a fall negative


def test_change_without_last_year_or_from_zero_has_no_rate():
    assert change(D(5), None) is None and change(None, D(5)) is None
    assert change(D(5), D(0)) is None


def test_trim_scores():
    assert fmt_number(D("8.0001"), 2, trim=True) == "8"
    assert fmt_number(D("14.2"), 2, trim=True) == "14.2"


def test_chinese_numbering():
    assert [chinese_number(n) for n in (1, 10, 11, 20, 25)] == [
        "一",
        "十",
        "十一",
        "二十",
        "二十五",
    ]
    assert chapter(3) == "三、"
    assert section(12) == "（十二）"
