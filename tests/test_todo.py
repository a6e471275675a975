"""The 待填 marker: any value may be left to fill in; check names each one, build refuses."""

from click.testing import CliRunner

from generator.cli.main import cli
from generator.evaluate import evaluate


def test_todo_values_are_errors_naming_key_and_line(fixture):
    path = fixture("chongqing-todo-adjusted-budget-and-actual")
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


def test_todo_in_a_list_is_reported_and_dropped(fixture):
    unit = evaluate(fixture("chongqing-todo-in-duties"))
    assert [(p.key, p.message) for p in unit.errors] == [("职责[3]", "尚未填写")]
    assert len(unit.report.duties) == 2


def test_todo_beside_other_errors_is_listed_with_them(fixture):
    path = fixture("chongqing-todo-beside-spending-in-words")
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code == 1
    assert "预算.调整预算：尚未填写" in result.output
    assert "预算.执行数：应为数字，实际是文字“很多”" in result.output


def test_build_refuses_a_file_with_todo(fixture, tmp_path):
    path = fixture("chongqing-todo-adjusted-budget-and-actual")
    result = CliRunner().invoke(cli, ["build", str(path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "预算.调整预算：尚未填写" in result.output
    assert not (tmp_path / "out" / f"{path.stem}.docx").exists()
