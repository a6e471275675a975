"""Sentences that go stale silently: a number the text states that is no longer the fact, a
sentence that denies what a count records, a year written as the report's own that is not.

Each case starts from a shipped example copied to a temporary folder, changes one fact as a clerk
(or an imported 自评表) would, and runs `jixiao check` in this process.
"""

import re
from pathlib import Path

from conftest import EXAMPLES
from docxdump import paragraphs
from hostile.support import run

from generator.evaluate import evaluate
from generator.report.render import render


def copy_of(tmp_path: Path, stem: str, *changes: tuple[str, str]) -> Path:
    """An example copied into tmp_path with each (old, new) text replaced once."""
    text = (EXAMPLES / f"{stem}.toml").read_text(encoding="utf-8")
    for old, new in changes:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / f"{stem}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def line_of(path: Path, fragment: str) -> int:
    """The line of the file that holds fragment (it must be on exactly one)."""
    [line] = [
        i for i, t in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if fragment in t
    ]
    return line


def check_lines(path: Path, check_id: str) -> list[str]:
    result = run("check", path, "--full", cwd=path.parent)
    return [line for line in result.out.splitlines() if f"[{check_id}]" in line]


ECOLOGY_ACTUAL = '"实际值" = "90%"\n"分值" = 10\n"说明" = ["街道按年度'


def test_an_indicators_text_that_keeps_last_years_actual_is_reported(tmp_path):
    path = copy_of(
        tmp_path, "chongqing-bishan", (ECOLOGY_ACTUAL, ECOLOGY_ACTUAL.replace("90%", "85%"))
    )
    [line] = check_lines(path, "prose.indicator-number")
    said, fact = line_of(path, "完成效果比例为90%"), line_of(path, '"实际值" = "85%"')
    assert f"第 {said} 行 指标[2].说明[1]" in line
    assert "生态修复有效性" in line and "“90%”" in line and "85%" in line
    assert f"第 {fact} 行 指标[2].实际值" in line
    assert str(path) in run("check", path, "--full", cwd=tmp_path).out  # the file, then the line


def test_the_same_text_agreeing_with_the_actual_is_not_reported(tmp_path):
    path = copy_of(tmp_path, "chongqing-bishan", ('说明" = ["街道按年度', '说明" = ["街道按年度'))
    assert check_lines(path, "prose.indicator-number") == []


def test_a_count_stated_in_an_indicators_own_text_is_compared_with_its_actual(tmp_path):
    """Not the issue's case: a count (次) in the standard example, its text written by the clerk."""
    row = '"三级" = "举办宣传活动次数"\n"项目" = "综合治理"\n"指标值" = "≥2次"\n"实际值" = "2次"\n'
    said = '"说明" = ["全年共举办宣传活动3次，群众反映良好。"]\n'
    path = copy_of(tmp_path, "standard", (row, row + said))
    [line] = check_lines(path, "prose.indicator-number")
    assert "“3次”" in line and "实际值是 2次" in line
    assert f"第 {line_of(path, '共举办宣传活动3次')} 行" in line
    # A clause about the target is read against the target, one about a part is not compared.
    fine = '"说明" = ["目标不少于2次，其中线上1次、线下1次，实际举办2次。"]\n'
    path = copy_of(tmp_path, "standard", (row, row + fine))
    assert check_lines(path, "prose.indicator-number") == []


def test_a_target_restated_wrongly_is_compared_with_the_target(tmp_path):
    row = '"三级" = "服务社区个数"\n"项目" = "社区建设活动"\n"指标值" = "≥9个"\n"实际值" = "9个"\n'
    said = '"说明" = ["年初计划服务社区10个，实际服务9个。"]\n'
    path = copy_of(tmp_path, "standard", (row, row + said))
    [line] = check_lines(path, "prose.indicator-number")
    assert "“10个”" in line and "指标值是 ≥9个" in line


FIRE = '"实际值" = "0次"'


def test_a_sentence_denying_a_recorded_fire_is_reported(tmp_path):
    path = copy_of(tmp_path, "chongqing-bishan", (FIRE, '"实际值" = "1次"'))
    [line] = check_lines(path, "prose.denial")
    assert f"第 {line_of(path, '没有发生森林火灾')} 行 指标[10].说明[1]" in line
    assert "“全年辖区内没有发生森林火灾”" in line and "实际值是 1次" in line
    assert f"第 {line_of(path, FIRE.replace('0次', '1次'))} 行 指标[10].实际值" in line
    # With no fire the same sentence is true.
    assert check_lines(copy_of(tmp_path, "chongqing-bishan"), "prose.denial") == []


def test_a_denial_in_other_words_of_another_count_is_reported(tmp_path):
    """Not the issue's case: 未出现 … 投诉 against 3件."""
    row = '"三级" = "环境卫生项目个数"\n"项目" = "环境整治"\n"指标值" = "≥2个"\n"实际值" = "2个"\n'
    new = '"三级" = "群众投诉件数"\n"项目" = "环境整治"\n"指标值" = "≤5件"\n"实际值" = "3件"\n'
    said = '"说明" = ["环境整治工作扎实，全年未出现群众投诉。"]\n'
    [line] = check_lines(copy_of(tmp_path, "standard", (row, new + said)), "prose.denial")
    assert "“环境整治工作扎实，全年未出现群众投诉”" in line and "实际值是 3件" in line


def year_case(tmp_path: Path, sentence: str) -> list[str]:
    path = copy_of(
        tmp_path,
        "chongqing-bishan",
        ('"年度" = 2023', '"年度" = 2024'),
        ('"问题" = ["绩效目标', f'"问题" = ["{sentence}", "绩效目标'),
    )
    return check_lines(path, "prose.year")


def test_last_year_written_as_the_current_one_is_reported(tmp_path):
    [line] = year_case(tmp_path, "2023年，街道全面完成了各项工作任务。")
    assert "问题[1]" in line and "文字把 2023 年写作本年，而本报告是 2024 年度" in line
    assert "{年度}" in line


def test_next_year_written_as_the_current_one_is_reported(tmp_path):
    """Not the issue's case: a year after the report's, told as done."""
    [line] = year_case(tmp_path, "2025年度，街道完成了辖区道路改造。")
    assert "文字把 2025 年写作本年" in line


def test_a_year_named_as_an_earlier_or_later_one_is_not_reported(tmp_path):
    sentence = "与2023年相比，支出有所下降；2023年结转的项目已完成，2025年将继续推进。"
    assert year_case(tmp_path, sentence) == []


def test_a_named_fact_in_yuan_and_a_count_of_people_are_compared(tmp_path):
    """Not the issue's case: the unit's facts named in a chapter paragraph, in 元 and 人."""
    said = "全年执行数13,000,000元，在职人数118人。"
    path = copy_of(
        tmp_path, "chongqing-bishan", ('"问题" = ["绩效目标', f'"问题" = ["{said}", "绩效目标')
    )
    lines = check_lines(path, "prose.stale-number")
    spent = next(line for line in lines if "执行数" in line)
    assert "“13,000,000元”与计算的执行数 130067000元 不符" in spent
    spent_line = line_of(path, '"执行数" = 13006.70')
    assert f"第 {spent_line} 行 预算.执行数" in spent
    assert any("“118人”与计算的在职人数 120人 不符" in line for line in lines)


def test_an_indicator_text_citing_its_actual_follows_the_data(tmp_path):
    """{实际值} in an indicator's text is its actual as written; correcting it corrects the text."""
    old = '覆盖率为{实际值}。"]\n\n[["指标"]]\n"一级" = "产出指标"\n"二级" = "质量指标"\n"三级" = "市政'
    assert old in (EXAMPLES / "chongqing-bishan.toml").read_text(encoding="utf-8")
    row = '"三级" = "辖区保洁覆盖率"\n"指标值" = "=100%"\n"实际值" = "100%"'
    path = copy_of(tmp_path, "chongqing-bishan", (row, row.replace('"100%"', '"98%"')))
    unit = evaluate(path)
    text = "\n".join(paragraphs(render(unit)))
    assert "保洁范围覆盖全部辖区，覆盖率为98%。" in text
    assert not [p for p in unit.problems if p.check == "prose.reference"]
    assert not re.search(r"\{实际值\}", text)


def test_three_public_expenses_named_in_other_words_are_compared(tmp_path):
    said = "三公经费支出4.5万元，较上年有所下降。"
    path = copy_of(
        tmp_path,
        "chongqing-bishan",
        ('"问题" = ["绩效目标', f'"问题" = ["{said}", "绩效目标'),
        ('"执行数" = 13006.70\n', '"执行数" = 13006.70\n"三公经费实际" = 4.0\n'),
    )
    [line] = check_lines(path, "prose.stale-number")
    assert "“4.5万元”与计算的三公经费实际 4.0万元 不符" in line
    assert f"第 {line_of(path, '三公经费实际')} 行 预算.三公经费实际" in line
