"""What each example's printed report says agrees with its own data, recomputed here.

Every expected figure is derived in this file from the raw TOML (tomllib, Decimal) or from
other cells of the same page, with its own 四舍五入 (Decimal.quantize): never taken from the
tool's figures, so a wrong divisor, a wrong digit or a lost row fails here even after the
golden dumps were regenerated.
"""

import re
import tomllib
from decimal import ROUND_HALF_UP, Decimal

import pytest
from conftest import EXAMPLES, built, report_of
from docxdump import dump

from generator.data.formats import resolve

STEMS = sorted(p.stem for p in EXAMPLES.glob("*.toml"))
MERGED_ABOVE, SPANNED = "〃", "←"


def raw(path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)


def numbers_of(data: dict):
    return resolve(data["单位"]["格式"]).settings.numbers


def half_up(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def money(value: Decimal, n) -> str:
    """An amount as the format prints it: as written, or 四舍五入 to its places."""
    value = Decimal(value) if n.money_as_written else half_up(Decimal(value), n.money_places)
    return format(value, ",f" if n.separators else "f")


def percent(ratio: Decimal, n) -> str:
    """A ratio as the format prints it (0.70125 → 70.13%)."""
    value = half_up(ratio * 100, n.percent_places)
    text = f"{value:f}"
    if "." in text and (n.trim_percent or (n.trim_whole_percent and value == value // 1)):
        text = text.rstrip("0").rstrip(".")
    return text + "%"


def amount(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


# -- amounts and rates -------------------------------------------------------------------------

HALF_CENT = "standard-half-cent-amounts"


@pytest.mark.parametrize("stem", STEMS)
def test_budget_amounts_are_printed_as_written_or_rounded_half_up(stem):
    path = EXAMPLES / f"{stem}.toml"
    data = raw(path)
    _, text, _ = report_of(path)
    n = numbers_of(data)
    for key in ("年初预算", "调整预算", "执行数"):
        assert f"{money(data['预算'][key], n)}万元" in text, key


def test_half_cents_round_up_in_amounts_and_rates(fixture):
    path = fixture(HALF_CENT)
    data = raw(path)
    _, text, _ = report_of(path)
    n = numbers_of(data)
    b = data["预算"]
    assert [str(b[k])[-1] for k in ("年初预算", "基本支出")] == ["5", "5"]  # half a cent each
    for key in ("年初预算", "调整预算", "执行数", "基本支出", "项目支出"):
        shown = money(b[key], n)
        assert f"{shown}万元" in text, key
        assert amount(shown) >= b[key]  # a half is never rounded down
    rate = b["执行数"] / b["调整预算"]
    assert rate * 100 == half_up(rate * 100, n.percent_places + 1)  # exact, ends in 5
    assert f"预算执行率{percent(rate, n)}" in text


# 预算执行率 by name, or in words (河南：决算支出共计…万元，完成调整预算数的…).
EXECUTION_RATE = re.compile(r"(?:预算执行率为?|支出共计[\d.,]+万元，完成调整预算数的)(-?[\d.,]+%)")


@pytest.mark.parametrize("stem", STEMS)
def test_execution_rate_is_spending_over_the_adjusted_budget(stem):
    path = EXAMPLES / f"{stem}.toml"
    data = raw(path)
    _, text, _ = report_of(path)
    settings = resolve(data["单位"]["格式"]).settings
    rate = data["预算"]["执行数"] / data["预算"]["调整预算"]
    if settings.scoring.display_cap:
        rate = min(rate, Decimal(1))
    printed = EXECUTION_RATE.findall(text)
    assert printed and set(printed) == {percent(rate, settings.numbers)}


# (example, what the page says before the rate, current key, previous key): rates of change
# printed as (本年 − 上年) ÷ 上年; a fall is printed 减少 with the size, a rise 增加.
CHANGES = [
    ("standard", "预算调整率", "预算.调整预算", "预算.年初预算"),
    ("standard", "部门预决算差异率", "预算.执行数", "预算.年初预算"),
    ("beijing-chaoyang", "部门预决算差异率为", "预算.执行数", "预算.年初预算"),
    ("henan-pingdingshan", "调整率达", "预算.调整预算", "预算.年初预算"),
    ("hebei-qiaoxi", "较上年{上年}万元，{增减}", "资产.资产总额", "资产.上年资产总额"),
    ("hebei-qiaoxi", "较上年{上年}万元，{增减}", "资产.负债总额", "资产.上年负债总额"),
    ("hebei-qiaoxi", "较上年{上年}万元，{增减}", "资产.净资产", "资产.上年净资产"),
]


@pytest.mark.parametrize("stem, said, now, last", CHANGES)
def test_rates_of_change_are_this_year_against_last(stem, said, now, last):
    path = EXAMPLES / f"{stem}.toml"
    data = raw(path)
    _, text, _ = report_of(path)
    n = numbers_of(data)
    (t1, k1), (t2, k2) = now.split("."), last.split(".")
    current, previous = data[t1][k1], data[t2][k2]
    change = (current - previous) / previous
    if "{增减}" in said:
        words = said.format(上年=money(previous, n), 增减="减少" if change < 0 else "增加")
        expected = words + percent(abs(change), n)
    else:
        expected = said + percent(change, n)
    assert expected in text


# -- scores ------------------------------------------------------------------------------------

TOTAL_ROW = ("合计", "总分")
SCORE_HEAD = ("得分", "自评得分")


def score_tables(tables) -> list[tuple[list[Decimal], Decimal]]:
    """(the scores above the total, the total) of each table with a 得分 column and a total row."""
    found = []
    for rows in tables:
        head = next((r for r in rows[:2] if any(c in SCORE_HEAD for c in r)), None)
        if head is None or rows[-1][0] not in TOTAL_ROW:
            continue
        col = next(i for i, c in enumerate(head) if c in SCORE_HEAD)
        body = [r[col] for r in rows[1:-1] if re.fullmatch(r"-?[\d.,]+", r[col])]
        found.append(([amount(c) for c in body], amount(rows[-1][col])))
    return found


# The sentence that states the total score, by example.
TOTAL_SAID = {
    "standard": r"绩效得分([\d.]+)分",
    "chongqing-bishan": r"综合得分([\d.]+)分",
    "hebei-qiaoxi": r"最终得分“([\d.]+)”分",
    "henan-pingdingshan": r"最终得分为([\d.]+)分",
    "town-summary": r"我镇得分为([\d.]+)分",
}
UNSCORED = {"beijing-chaoyang"}  # its format prints no scores (评分.计分 = false)


def test_every_example_states_its_total_or_prints_no_scores():
    assert set(TOTAL_SAID) | UNSCORED == set(STEMS)
    for stem in UNSCORED:
        assert not resolve(raw(EXAMPLES / f"{stem}.toml")["单位"]["格式"]).settings.scoring.scored


def within_rounding(parts: list[Decimal], total: Decimal) -> bool:
    """Printed scores add up to the printed total, give or take their display rounding."""
    return abs(sum(parts, Decimal(0)) - total) <= Decimal("0.005") * (len(parts) + 1)


@pytest.mark.parametrize("stem", sorted(TOTAL_SAID))
def test_printed_total_is_the_sum_of_the_printed_scores(stem):
    path = EXAMPLES / f"{stem}.toml"
    data = raw(path)
    _, text, tables = report_of(path)
    [said] = {amount(x) for x in re.findall(TOTAL_SAID[stem], text)}
    sums = score_tables(tables)
    for parts, total in sums:
        assert parts and within_rounding(parts, total)
        assert total == said
    if stem == "chongqing-bishan":  # no table: each indicator's paragraph gives its score
        parts = [amount(x) for x in re.findall(r"该指标得分为([\d.]+)分", text)]
        assert len(parts) == len(data["指标"]) and within_rounding(parts, said)
    elif stem == "town-summary":  # the total, and the points lost by each module short of full
        weights = {i["三级"]: i["分值"] for i in data["指标"]}
        lost = re.findall(r"\d、([^，、]+?)模块，.*?得([\d.]+)分", text)
        assert lost
        short = sum((weights[name] - amount(got) for name, got in lost), Decimal(0))
        assert said == sum(weights.values()) - short
    else:
        assert sums, "no table of scores with a total"


# -- the indicator table -----------------------------------------------------------------------


def indicator_rows(tables, level: str) -> list[list[str]] | None:
    """The body rows of the first table with a column of `level` (三级) names, merged cells
    read from the row above, header and total rows left out; None without such a table."""
    for rows in tables:
        heads = [i for i, r in enumerate(rows[:2]) if {level, f"{level}指标"} & set(r)]
        if not heads:
            continue
        body = rows[heads[0] + 1 : -1 if rows[-1][0] in TOTAL_ROW else None]
        resolved: list[list[str]] = []
        for row in body:
            above = resolved[-1] if resolved else None
            resolved.append(
                [above[i] if c == MERGED_ABOVE and above else c for i, c in enumerate(row)]
            )
        return resolved
    return None


# Examples whose format names only some indicators: the town summary lists the modules short of
# full marks (test_printed_total_is_the_sum_of_the_printed_scores reads those).
SOME_NAMED = {"town-summary"}


@pytest.mark.parametrize("stem", sorted(set(STEMS) - SOME_NAMED))
def test_each_indicator_is_printed_once_in_its_table_or_named_in_the_text(stem):
    path = EXAMPLES / f"{stem}.toml"
    data = raw(path)
    _, text, tables = report_of(path)
    deepest = "三级" if any("三级" in i for i in data["指标"]) else "一级"
    columns = ("一级", "二级", "三级")[: 3 if deepest == "三级" else 1]
    rows = indicator_rows(tables, deepest)
    if rows is None:  # the format names the indicators in its text
        for i in data["指标"]:
            assert i[deepest] in text, i[deepest]
        return
    expected = [tuple(i.get(c, "") for c in columns) for i in data["指标"]]
    assert [tuple(r[: len(columns)]) for r in rows] == expected


def test_chongqing_gives_each_indicator_its_own_heading_with_its_weight(example):
    path = example("chongqing-bishan")
    data = raw(path)
    page = dump(built(path))
    headings = re.findall(r"^\[Heading 3\] \d+\. (.+)（([\d.]+)分）$", page, re.M)
    assert headings == [(i["三级"], str(i["分值"])) for i in data["指标"]]


# -- numbering of chapters and sections --------------------------------------------------------

CHINESE = "一二三四五六七八九"


def chinese_value(text: str) -> int:
    """一 → 1, 十 → 10, 十二 → 12, 二十五 → 25."""
    if "十" not in text:
        return CHINESE.index(text) + 1
    tens, _, ones = text.partition("十")
    return (CHINESE.index(tens) + 1 if tens else 1) * 10 + (CHINESE.index(ones) + 1 if ones else 0)


def heading_number(text: str) -> int | None:
    for pattern, value in (
        (r"([一二三四五六七八九十]+)、", chinese_value),
        (r"（([一二三四五六七八九十]+)）", chinese_value),
        (r"(\d+)\s*[.．、]", int),
    ):
        m = re.match(pattern, text)
        if m:
            return value(m.group(1))
    return None


@pytest.mark.parametrize("stem", STEMS)
def test_numbered_headings_count_up_by_one_under_each_parent(stem):
    page = dump(built(EXAMPLES / f"{stem}.toml"))
    last: dict[int, int] = {}  # heading level → the last number given at it under this parent
    seen = 0
    for level, text in re.findall(r"^\[Heading (\d)\] (.*)$", page, re.M):
        depth = int(level)
        last = {d: n for d, n in last.items() if d <= depth}
        number = heading_number(text)
        if number is None:
            last.pop(depth, None)
            continue
        seen += 1
        assert number == last.get(depth, 0) + 1, f"{text}: expected {last.get(depth, 0) + 1}"
        last[depth] = number
    assert seen >= 5
