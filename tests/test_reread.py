"""import --into, diff and rollover list the sentences that state a fact they changed, with the
file and line, so that the clerk knows what to read again."""

import json
import shutil

from conftest import EXAMPLES
from hostile.support import run
from test_stated_prose import FIRE, copy_of, line_of
from test_workbook_import import edit, exported

HEADING = "这些文字写着改动了的数据，请对照新数据重读、改正"


def listed(output: str) -> list[str]:
    """The lines under the heading, each “第 N 行 key（fact）：“sentence””."""
    lines = output.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith(HEADING))
    return [line.strip() for line in lines[at + 1 :] if line.startswith("  第")]


def test_import_into_lists_the_sentence_stating_the_changed_actual(tmp_path):
    unit, book = exported("chongqing-bishan", tmp_path)
    changed = edit(book, {("生态修复有效性", 5): "85%"})
    result = run("import", changed, "--into", unit, cwd=tmp_path)
    assert result.code == 0, result
    assert f"{HEADING}（{unit}（导入 edited.xlsx 后））" in result.out
    said = line_of(unit, "完成效果比例为90%")
    assert listed(result.out) == [
        f"第 {said} 行 指标[2].说明[1]（指标[2].实际值）："
        "“街道按年度部署推进生态修复，修复区域的恢复效果良好，工作完成效果比例为90%”"
    ]


def test_diff_lists_a_denial_and_a_typed_amount_but_not_a_reference(tmp_path):
    """Not the issue's case: an amount typed in a chapter paragraph beside one cited by name."""
    typed = "全年执行13006.70万元，资金使用规范。"
    old = copy_of(
        tmp_path, "chongqing-bishan", ('"问题" = ["绩效目标', f'"问题" = ["{typed}", "绩效目标')
    )
    new = tmp_path / "new.toml"
    text = old.read_text(encoding="utf-8")
    new.write_text(
        text.replace('"执行数" = 13006.70', '"执行数" = 13106.70', 1).replace(
            FIRE, '"实际值" = "1次"'
        ),
        encoding="utf-8",
    )
    result = run("diff", old, new, cwd=tmp_path)
    assert result.code == 0, result
    assert listed(result.out) == [
        f"第 {line_of(new, typed)} 行 问题[1]（预算.执行数）：“全年执行13006.70万元，资金使用规范”",
        f"第 {line_of(new, '没有发生森林火灾')} 行 指标[10].说明[1]（指标[10].实际值）："
        "“全年辖区内没有发生森林火灾”",
    ]
    # 指标[1].说明 cites {执行数}: it follows the data and is not listed.
    assert "指标[1].说明" not in result.out
    as_json = json.loads(run("diff", old, new, "--json", cwd=tmp_path).out)
    assert [r["事实"] for r in as_json["须重读的文字"]] == ["预算.执行数", "指标[10].实际值"]


def test_diff_of_facts_no_sentence_states_lists_nothing(tmp_path):
    old = copy_of(tmp_path, "chongqing-bishan")
    new = tmp_path / "new.toml"
    new.write_text(
        old.read_text(encoding="utf-8").replace('"执行数" = 13006.70', '"执行数" = 13106.70', 1),
        encoding="utf-8",
    )
    result = run("diff", old, new, cwd=tmp_path)
    assert result.code == 0 and "预算.执行数" in result.out and HEADING not in result.out


def test_rollover_lists_the_sentences_stating_last_years_actuals(tmp_path):
    (tmp_path / "2023").mkdir()
    shutil.copy(EXAMPLES / "chongqing-bishan.toml", tmp_path / "2023" / "璧山.toml")
    result = run("rollover", "2023/璧山.toml", "--year", "2024", cwd=tmp_path)
    assert result.code == 0, result
    target = tmp_path / "2024" / "璧山.toml"
    assert listed(result.out) == [
        f"第 {line_of(target, '完成效果比例为90%')} 行 指标[2].说明[1]（指标[2].实际值）："
        "“街道按年度部署推进生态修复，修复区域的恢复效果良好，工作完成效果比例为90%”",
        f"第 {line_of(target, '没有发生森林火灾')} 行 指标[10].说明[1]（指标[10].实际值）："
        "“全年辖区内没有发生森林火灾”",
    ]
