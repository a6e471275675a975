"""rollover into the next year: every yearly value reset whatever TOML syntax holds it, every
carried paragraph marked 【待核对】, the new file in the new year's folder."""

import shutil
from pathlib import Path

import tomlkit
from click.testing import CliRunner

from generator.cli.main import cli
from generator.evaluate import evaluate

FIXTURES = Path(__file__).parent / "fixtures"


def run(*args):
    return CliRunner().invoke(cli, list(map(str, args)))


def rolled(tmp_path, folder="2023", name="某单位.toml"):
    source = tmp_path / "data" / folder / name
    source.parent.mkdir(parents=True)
    shutil.copy(FIXTURES / "rollover-inline-2023.toml", source)
    return source


def test_new_file_goes_to_the_new_years_folder(tmp_path):
    source = rolled(tmp_path)
    result = run("rollover", source, "--year", 2024)
    assert result.exit_code == 0, result.output
    target = tmp_path / "data" / "2024" / "某单位.toml"
    assert result.output.splitlines()[0] == f"已生成：{target}"
    assert "提示" not in result.output
    assert sorted(p.name for p in source.parent.iterdir()) == ["某单位.toml"]
    named = rolled(tmp_path, "2023年度", "某单位-2023.toml")
    assert run("rollover", named, "--year", 2024).exit_code == 0
    assert (tmp_path / "data" / "2024年度" / "某单位-2024.toml").is_file()


def test_a_folder_not_named_for_the_year_gets_the_file_beside_and_a_hint(tmp_path):
    source = rolled(tmp_path, "街道", "某单位.toml")
    result = run("rollover", source, "--year", 2024)
    assert (source.parent / "某单位-2024.toml").is_file()
    assert "提示：新文件与上年的数据在同一文件夹" in result.output


def test_every_yearly_value_is_reset_in_inline_tables_arrays_and_dotted_keys(tmp_path):
    source = rolled(tmp_path)
    result = run("rollover", source, "--year", 2024)
    assert "移入上年数 4 项，待填 15 项，沿用的叙述 5 段标为【待核对】" in result.output
    assert "删去了上年确认的 评价.总分、评价.等级（新年度确认后再写）" in result.output
    new = tomlkit.parse((tmp_path / "data" / "2024" / "某单位.toml").read_text(encoding="utf-8"))
    assert new["单位"]["年度"] == 2024
    assert new["单位"]["报告日期"] == "待填"
    budget = new["预算"]
    assert [budget[k] for k in ("年初预算", "调整预算", "执行数", "三公经费实际")] == ["待填"] * 4
    assert budget["上年三公经费"] == 3.5
    assert dict(new["资产"]) == {
        "资产总额": "待填",
        "负债总额": "待填",
        "净资产": "待填",
        "上年资产总额": 80,
        "上年负债总额": 30,
        "上年净资产": 50,
    }
    assert dict(new["评价"]) == {"方式": "自评"}
    rows = new["指标"]
    assert [r.get("实际值") for r in rows] == [None, "待填", "待填", "待填"]
    assert rows[2]["得分"] == "待填"
    assert [r["指标值"] for r in rows[1:]] == ["≥1200亩", "明显改善", "≥90%"]


def test_carried_text_is_marked_and_titles_are_not(tmp_path):
    source = rolled(tmp_path)
    run("rollover", source, "--year", 2024)
    text = (tmp_path / "data" / "2024" / "某单位.toml").read_text(encoding="utf-8")
    new = tomlkit.parse(text)
    assert new["问题"][0]["标题"] == "预算执行"
    assert new["问题"][0]["内容"] == ["【待核对】2023年度预算执行率偏低。"]
    assert new["问题"][1] == "【待核对】自评得分{总分}分，\n等级为“{等级}”。"
    assert '"""【待核对】自评得分{总分}分，\n等级为“{等级}”。"""' in text  # still two lines
    assert new["预算"]["差异原因"] == ["【待核对】部分项目未完工。"]
    assert new["指标"][1]["说明"] == ["【待核对】全年保洁1286亩。"]
    assert new["指标"][2]["偏差原因"] == "【待核对】个别小区整治未完成。"
    assert new["职责"] == ["履行职能。"]  # duties are the unit's, not the year's


def test_check_names_every_value_to_fill_and_every_paragraph_to_review(tmp_path):
    source = rolled(tmp_path)
    run("rollover", source, "--year", 2024)
    unit = evaluate(tmp_path / "data" / "2024" / "某单位.toml")
    todo = [(p.key, p.line) for p in unit.problems if p.check == "data.todo"]
    review = [(p.key, p.line) for p in unit.problems if p.check == "prose.unconfirmed"]
    assert {p.check for p in unit.errors} == {"data.todo", "prose.unconfirmed"}
    assert len(todo) == 15
    assert ("资产.净资产", 28) in todo and ("指标[3].得分", 34) in todo
    assert review == [
        ("问题[1].内容[1]", 8),
        ("问题[2]", 9),
        ("预算.差异原因[1]", 26),
        ("指标[2].说明[1]", 33),
        ("指标[3].偏差原因", 34),
    ]
