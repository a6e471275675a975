"""Corrections (更正): a fact that differs from its source is stated once in the report, in the
format's words, and `check` lists it; a correction naming no fact is an error."""

import json

import pytest
from click.testing import CliRunner
from conftest import checks_of, report_of, text_of

from generator.cli import cli
from generator.cycle.rollover import rollover
from generator.evaluate import evaluate

STANDARD = "standard-adjusted-budget-noted-as-corrected"
SAID = "全年预算数原为{}万元，经核实更正为120.00万元。原数是年初预算，漏记了年中追加的20.00万元。"


def sentences(path, format_id=None, word="更正为"):
    _, text, _ = report_of(path, format_id)
    return [line for line in text.splitlines() if word in line or "经评价组核实" in line]


@pytest.mark.parametrize("format_id", ["standard", "chongqing-bishan", "beijing-chaoyang"])
def test_the_report_states_a_correction_once(fixture, format_id):
    assert sentences(fixture(STANDARD), format_id) == [SAID.format("100.00")]


def test_standard_says_it_under_other_matters_instead_of_nothing(fixture, example):
    lines = text_of(fixture(STANDARD)).splitlines()
    after = lines[lines.index("七、其他需要说明的问题") + 1 :]
    assert after[0] == SAID.format("100.00") and "无。" not in after
    plain = text_of(fixture("minimal-standard")).splitlines()
    assert plain[plain.index("七、其他需要说明的问题") + 1] == "无。"


def test_town_says_it_in_chapter_five_instead_of_nothing(fixture):
    lines = text_of(fixture("town-spending-noted-as-corrected")).splitlines()
    after = lines[lines.index("五、其他需要说明的问题") + 1 :]
    assert after[:1] == [
        "实际支出原为2179.77万元，经核实更正为2183.25万元。原数照抄了申请预算数，现按决算填写。"
    ]
    assert "无。" not in after


def test_henan_states_its_adjusted_budget_in_the_evaluators_words(example):
    lines = text_of(example("henan-pingdingshan")).splitlines()
    said = [line for line in lines if line.startswith("经评价组核实，调整预算数为667.92万元，")]
    assert len(said) == 1 and "原报送资料中为552.45万元。" in said[0]
    assert (
        lines[lines.index(said[0]) + 1] == "（三）重点工作完成情况"
    )  # the budget section ends with it


def test_hebei_states_its_evaluation_year_with_dates_in_chinese(example):
    lines = text_of(example("hebei-qiaoxi")).splitlines()
    said = [line for line in lines if "更正为" in line]
    assert said == [
        "自评工作的开始日期原写作2022年2月21日，现更正为2023年2月21日。"
        "本次评价的是2022年度的支出，自评工作在该年度结束后开展。"
    ]
    assert lines[lines.index(said[0]) + 1].startswith("三、")  # closes chapter 二


def test_check_lists_corrections_as_information(fixture):
    result = CliRunner().invoke(cli, ["check", str(fixture(STANDARD))])
    assert result.exit_code == 0, result.output
    assert "更正（报告中照此写明）：\n    预算.调整预算：" + SAID.format("100.00") in result.output
    assert "错误 0 个" in result.output and "[correction." not in result.output
    result = CliRunner().invoke(cli, ["check", "--json", str(fixture(STANDARD))])
    (entry,) = json.loads(result.output)["更正"]
    assert entry == {
        "键": "预算.调整预算",
        "名称": "全年预算数",
        "原值": "100.00万元",
        "现值": "120.00万元",
        "报告": SAID.format("100.00"),
    }


def test_a_correction_of_no_fact_is_an_error(fixture):
    unit = evaluate(fixture("chongqing-correction-key-misspelt"))
    problem = checks_of(unit)["correction.key"]
    assert problem.is_error and problem.key == "更正[1].键" and "预算.调整预箅" in problem.message


def test_a_correction_that_changes_nothing_is_a_warning(fixture):
    problem = checks_of(evaluate(fixture("chongqing-correction-changes-nothing")))[
        "correction.same"
    ]
    assert not problem.is_error and "18,580.25万元" in problem.message


def test_rollover_leaves_the_years_corrections_behind(fixture, tmp_path):
    rolled = rollover(fixture(STANDARD), 2024, tmp_path / "next.toml")
    assert "更正" in rolled.dropped
    assert '[["更正"]]' not in (tmp_path / "next.toml").read_text(encoding="utf-8")


def test_a_new_unit_file_shows_corrections_without_asking_for_them(tmp_path):
    result = CliRunner().invoke(
        cli, ["init", str(tmp_path / "新.toml"), "--format", "henan-pingdingshan"]
    )
    assert result.exit_code == 0, result.output
    text = (tmp_path / "新.toml").read_text(encoding="utf-8")
    assert '# [["更正"]]' in text and '\n[["更正"]]' not in text


def test_corrections_and_the_short_name_count_as_used_by_the_report(example):
    unit = evaluate(example("henan-pingdingshan"))  # 简称 names the report file
    (unprinted,) = [p for p in unit.warnings if p.check == "format.unprinted"]
    assert "更正" not in unprinted.message and "单位.简称" not in unprinted.message
