"""Every figure and figure decision is computed once, in compute/: check lists it with its
formula, and the report, the 自评表, the summary and the checks print what the figure holds.

Each test plants another value in a unit's figure and sees it come out where the figure is
read: a place that computed the number again would still print the old one.
"""

from __future__ import annotations

import json
from decimal import Decimal
from io import BytesIO

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES
from docxdump import dump
from openpyxl import Workbook, load_workbook

from generator.checks.budget import adjusted_down, outside_final, overspent
from generator.checks.printed import figure_sources
from generator.checks.scores import level_weights, weights_total
from generator.cli import cli
from generator.compute.figure_kinds import ECHOES, is_echo, is_score
from generator.compute.figures import MONEY, RATE, SCORE, Figure
from generator.compute.numbers import fmt_percent
from generator.compute.scores import group_names, groups, rate_is_actual
from generator.compute.scoring import score_indicator
from generator.compute.wording import score_note
from generator.cycle.diff import compare
from generator.data.formats import resolve
from generator.data.model import Indicator
from generator.evaluate import evaluate
from generator.io.writing.summary import UnitLine, indicators_sheet
from generator.io.writing.workbook_export import workbook_bytes
from generator.report.context import build_context
from generator.report.filters import filters
from generator.report.render import render


def check_json(path) -> dict:
    result = CliRunner().invoke(cli, ["check", str(path), "--json"])
    return json.loads(result.output.splitlines()[0])


def plant(u, name: str, value, kind: str) -> None:
    """Give the unit's figure another value, as a wrong formula in compute/ would."""
    u.figures[name] = Figure(name, value, kind, "planted")


def report_text(u) -> str:
    return dump(render(u))


def sheet_cells(u, sheet: str = "自评表") -> list[list]:
    ws = load_workbook(BytesIO(workbook_bytes(u)))[sheet]
    return [[c.value for c in row] for row in ws.iter_rows()]


# 来源执行率 ---------------------------------------------------------------------------------


def test_source_rate_is_a_figure_with_its_formula():
    listed = check_json(EXAMPLES / "standard.toml")
    assert listed["数据"]["来源1执行率"] == "100.00%"
    assert listed["公式"]["来源1执行率"].startswith("来源1执行率 = 财政拨款执行数 ")
    assert "÷ 财政拨款调整预算" in listed["公式"]["来源1执行率"]
    assert listed["数据"]["来源2执行率"] == "—"  # 调整预算 0: no rate


def test_source_rate_is_spent_over_budget(tmp_path):
    text = (EXAMPLES / "standard.toml").read_text(encoding="utf-8")
    source = (
        '"名称" = "财政拨款"\n"年初预算" = 14559.360324\n"调整预算" = 39858.695473\n"执行数" = '
    )
    assert source + "39858.695473" in text
    path = tmp_path / "半数.toml"
    path.write_text(text.replace(source + "39858.695473", source + "19929.3477365"))
    assert check_json(path)["数据"]["来源1执行率"] == "50.00%"
    u = evaluate(path)
    row = next(line for line in report_text(u).splitlines() if "其中：财政拨款" in line)
    assert "50.00%" in row
    source = next(r for r in sheet_cells(u) if r[0] == "其中：财政拨款")
    assert source[6] == '=IF(D6=0,"—",E6/D6)'  # Excel's E/D prints as the figure does


def test_report_and_workbook_print_the_source_rate_figure():
    u = evaluate(EXAMPLES / "standard.toml")
    assert "| 其中：财政拨款 |" in report_text(u)
    plant(u, "来源1执行率", Decimal("0.4321"), RATE)
    text = report_text(u)
    row = next(line for line in text.splitlines() if "其中：财政拨款" in line)
    assert "43.21%" in row and "100.00%" not in row
    cells = sheet_cells(u)
    source = next(r for r in cells if r[0] == "其中：财政拨款")
    assert source[6] == pytest.approx(0.4321)  # stored as the figure, not Excel's E/D


def test_filters_only_format():
    assert "比率" not in filters(resolve("standard").settings)


# 项目类别 (beijing-chaoyang) ------------------------------------------------------------------


def test_project_families_are_figures_the_template_prints():
    listed = check_json(EXAMPLES / "beijing-chaoyang.toml")
    assert listed["数据"]["项目类别数"] == "6"
    assert listed["公式"]["项目类别数"] == "项目类别数 = 指标中写明的不同“项目”的个数：6"
    assert listed["数据"]["项目类别"].startswith("综合治理、环境整治活动、")
    u = evaluate(EXAMPLES / "beijing-chaoyang.toml")
    assert f"本年度为{listed['数据']['项目类别']}等6类项目设立了绩效目标" in report_text(u)
    plant(u, "项目类别数", Decimal(9), "人数")
    plant(u, "项目类别", "甲、乙", "文字")
    assert "本年度为甲、乙等9类项目设立了绩效目标" in report_text(u)


def test_indicators_naming_no_project_have_none():
    u = evaluate(EXAMPLES / "chongqing-bishan.toml")
    assert u.figures["项目类别数"].value == 0 and u.figures["项目类别"].value == ""


def test_project_families_are_traced_to_the_indicators():
    assert {"指标[].项目"} <= figure_sources("项目类别数")
    assert {"指标[].项目"} <= figure_sources("项目类别")


# Checks read the figures -----------------------------------------------------------------


def findings(check, u) -> list[str]:
    said: list[str] = []
    check.run(u.computed, lambda message, key=None: said.append(message))
    return said


def test_budget_checks_read_the_rates(fixture):
    u = evaluate(fixture("chongqing-budget-adjusted-down"))
    rate, of_initial = u.figures["预算执行率"].value, u.figures["年初预算完成率"].value
    (said,) = findings(adjusted_down, u)
    assert f"按调整预算为 {fmt_percent(rate)}" in said
    assert f"按年初预算只有 {fmt_percent(of_initial)}" in said
    plant(u, "预算执行率", Decimal("0.1234"), RATE)
    plant(u, "年初预算完成率", Decimal("0.5678"), RATE)
    plant(u, "预算调整数", Decimal("-7"), MONEY)
    (said,) = findings(adjusted_down, u)
    assert "调减了 7 万元" in said and "12.34%" in said and "56.78%" in said


def test_overspent_reads_the_rate(fixture):
    u = evaluate(fixture("chongqing-budget-adjusted-down"))
    b = u.report.budget
    u.report.budget.spent = b.adjusted * 2  # over the budget, as the warning needs
    plant(u, "预算执行率", Decimal("1.5"), RATE)
    (said,) = findings(overspent, u)
    assert "预算执行率为 150.00%" in said


def test_outside_funds_check_reads_the_totals():
    u = evaluate(EXAMPLES / "henan-pingdingshan.toml")
    total = u.figures["全部资金年初预算"]
    assert total.formula == "年初预算 + 政府性基金拨款年初预算"
    plant(u, "全部资金年初预算", Decimal("1.5"), MONEY)
    plant(u, "全部资金支出", Decimal("2.5"), MONEY)
    (said,) = findings(outside_final, u)
    assert "全部资金年初预算 1.5 万元" in said and "全部资金支出 2.5 万元" in said


def test_score_checks_read_the_weights(example, fixture):
    u = evaluate(example("standard"))
    assert findings(weights_total, u) == []
    plant(u, "满分", Decimal(99), SCORE)
    (said,) = findings(weights_total, u)
    assert "= 99，格式“standard”要求满分 100" in said
    u = evaluate(fixture("standard-level-weights-moved"))
    before = findings(level_weights, u)
    assert before, "the fixture moves weight between 一级 groups"
    levels = u.fmt.settings.scoring.levels
    for name in groups(u.report.indicators, "一级"):  # each group its format's weight: all well
        lw = next(lw for lw in levels if name.startswith(lw.name) or lw.name.startswith(name))
        plant(u, group_names("一级", name)[0], lw.weight, SCORE)
    assert findings(level_weights, u) == []


# The 预算执行率 as an indicator's 实际值 ----------------------------------------------------


def test_rate_as_actual_is_decided_once(example):
    u = evaluate(example("standard"))
    n = next(
        i
        for i, (ind, sc) in enumerate(zip(u.report.indicators, u.scores, strict=True))
        if rate_is_actual(ind, sc)
    )
    plant(u, "预算执行率", Decimal("0.8765"), RATE)
    assert build_context(u)["指标"][n]["实际值"] == "87.65%"
    line = UnitLine(u.path, u.report.unit.name, u.report.unit.year, u.fmt.id, u)
    ws = Workbook().active
    indicators_sheet(ws, [line])
    assert ws.cell(row=n + 2, column=7).value == "87.65%"
    cells = sheet_cells(u)
    actual = next(r for r in cells if r[4] and str(r[4]).startswith("=G"))
    assert actual[2] == u.report.indicators[n].level3


def test_given_actual_is_kept():
    ind = Indicator(
        level1="产出", level3="预算执行率", target="100%", actual="95%", weight=Decimal(10)
    )
    assert not rate_is_actual(ind, None)


# Met or not, and the 分档 band: the score and the words agree -----------------------------


@pytest.mark.parametrize(
    ("target", "actual"),
    [
        ("≥6个", "6个"),
        ("≥6个", "5个"),
        ("≤12月", "11月"),
        ("≤12月", "13月"),
        ("=100%", "99%"),
        ("=100%", "100%"),
        ("≥0个", "0个"),
    ],
)
def test_score_and_words_agree_on_met(target, actual):
    s = resolve("standard").settings
    ind = Indicator(level1="产出", level3="x", target=target, actual=actual, weight=Decimal(10))
    scored = score_indicator(ind, s.scoring, None)
    note = score_note(ind, scored, None, s)
    met = scored.score == ind.weight
    assert note is not None
    assert met == (not any(w in note for w in ("未达到目标", "超出目标", "不一致"))), note


def test_band_in_words_is_the_band_scored():
    s = resolve("hebei-qiaoxi").settings
    assert s.scoring.execution == "分档"
    ind = Indicator(level1="产出", level3="预算执行率", rule="预算执行率", weight=Decimal(10))
    for rate in ("0.995", "0.91", "0.85", "0.5"):
        scored = score_indicator(ind, s.scoring, Decimal(rate))
        note = score_note(ind, scored, Decimal(rate), s)
        assert note is not None
        if "≥" in scored.explanation:
            lower = scored.explanation.split("≥ ")[1].split("%")[0]
            assert f"达到{lower}%一档" in note, (scored.explanation, note)


# Figures sorted by name in one place --------------------------------------------------------


def test_figure_sheet_and_diff_sort_by_the_same_kinds(fixture):
    u = evaluate(EXAMPLES / "standard.toml")
    listed = [r[0] for r in sheet_cells(u, "计算值")[3:]]
    assert listed == [n for n in u.figures if not is_echo(n)]
    assert "年初预算" in ECHOES and "预算执行率" not in ECHOES
    d = compare(fixture("standard-level-weights-moved"), EXAMPLES / "standard.toml")
    assert d.scores and all(is_score(c.key) for c in d.scores if not c.key[0].isdigit())
    assert not any(is_score(c.key) or is_echo(c.key) for c in d.figures)
    assert (
        is_score("预算执行率分值")
        and is_score("一级指标“产出指标”得分")
        and not is_score("预算执行率")
    )
