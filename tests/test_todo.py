"""The 待填 marker: any value may be left to fill in; check names each one, build refuses."""

from click.testing import CliRunner

from generator.cli.main import cli
from generator.evaluate import evaluate


def test_todo_values_are_errors_naming_key_and_line(unit_copy):
    path = unit_copy(
        "chongqing-bishan",
        ('"调整预算" = 18580.25', '"调整预算" = "待填"'),
        ('"实际值" = "90%"', '"实际值" = "待填"'),
    )
    unit = evaluate(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    todo = [(p.key, p.line, p.message) for p in unit.errors]
    assert todo == [
        (
            "预算.调整预算",
            lines.index('"调整预算" = "待填"') + 1,
            "尚未填写（全年（调整后）预算数，单位万元）",
        ),
        (
            "指标[2].实际值",
            lines.index('"实际值" = "待填"') + 1,
            "尚未填写（实际完成值，如 100%、2次、达成；预算执行率指标由工具计算）",
        ),
    ]
    assert all(p.check == "data.todo" for p in unit.errors)
    # The rest is still checked: figures that don't need the missing values are computed.
    assert unit.display("年初预算完成率") == "98.20%"
    assert unit.display("预算执行率") == "—"


def test_todo_in_a_list_is_reported_and_dropped(unit_copy):
    path = unit_copy("chongqing-bishan", ('"完成上级交办的其他事项。",', '"待填",'))
    unit = evaluate(path)
    assert [(p.key, p.message) for p in unit.errors] == [("职责[7]", "尚未填写")]
    assert len(unit.report.duties) == 6


def test_todo_beside_other_errors_is_listed_with_them(unit_copy):
    path = unit_copy(
        "chongqing-bishan",
        ('"调整预算" = 18580.25', '"调整预算" = "待填"'),
        ('"执行数" = 13006.70', '"执行数" = "很多"'),
    )
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code == 1
    assert "预算.调整预算：尚未填写" in result.output
    assert "预算.执行数：应为数字，实际是文字“很多”" in result.output


def test_build_refuses_a_file_with_todo(unit_copy, tmp_path):
    path = unit_copy("chongqing-bishan", ('"调整预算" = 18580.25', '"调整预算" = "待填"'))
    result = CliRunner().invoke(cli, ["build", str(path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "预算.调整预算：尚未填写" in result.output
    assert not (tmp_path / "out" / "chongqing-bishan.docx").exists()
