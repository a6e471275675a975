"""check reports every problem in one pass: a value of the wrong type is reported and treated as
missing, and the spending, staff and prose checks still run."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli.main import cli
from generator.evaluate import evaluate

FIXTURES = Path(__file__).parent / "fixtures"


def test_type_errors_hide_no_other_problem():
    unit = evaluate(FIXTURES / "type-errors-hide-nothing.toml")
    found = [(p.check, p.key) for p in unit.errors]
    assert found == [
        ("schema.type", "预算.年中追加"),
        ("schema.type", "指标[2].分值"),
        ("identity.spending", "预算.基本支出"),
        ("identity.staff", "人员编制.在职人数"),
        ("prose.stale-number", "预算.差异原因[1]"),
    ]
    first = unit.errors[0]
    assert first.line == 30
    assert first.message.startswith("应为数字，实际是文字“20.5万元”")


def test_check_command_lists_them_all_and_fails():
    result = CliRunner().invoke(cli, ["check", str(FIXTURES / "type-errors-hide-nothing.toml")])
    assert result.exit_code == 1
    assert "错误 5 个，警告 0 个" in result.output
    for check in ("schema.type", "identity.spending", "identity.staff", "prose.stale-number"):
        assert f"[{check}]" in result.output


def test_a_unit_with_a_type_error_is_not_built(tmp_path):
    result = CliRunner().invoke(
        cli, ["build", str(FIXTURES / "type-errors-hide-nothing.toml"), "-o", str(tmp_path)]
    )
    assert result.exit_code == 1
    assert not list(tmp_path.glob("*.docx"))


SCALARS = ("单位", "预算", "资产", "评价")


@pytest.mark.parametrize("stem", ["hebei-qiaoxi"])
def test_any_value_of_the_wrong_type_leaves_the_rest_checked(example, tmp_path, stem):
    """Every key of an example in turn given a table of the wrong shape: check still runs and names that key."""
    import tomlkit

    source = tmp_path / f"{stem}.toml"
    source.write_bytes(example(stem).read_bytes())
    doc = tomlkit.parse(source.read_text(encoding="utf-8"))
    keys = [(t, k) for t in SCALARS if t in doc for k in doc[t] if not hasattr(doc[t][k], "items")]
    keys += [("指标", k) for k in doc["指标"][0]]
    assert len(keys) > 15
    for table, key in keys:
        broken = tomlkit.parse(source.read_text(encoding="utf-8"))
        holder = broken[table][0] if table == "指标" else broken[table]
        holder[key] = {"错": 1}
        path = source.with_name("broken.toml")
        path.write_text(tomlkit.dumps(broken), encoding="utf-8")
        unit = evaluate(path)
        where = f"{table}[1].{key}" if table == "指标" else f"{table}.{key}"
        named = [p.key for p in unit.errors if p.key == where or p.key.startswith(where + ".")]
        assert named, (where, [str(p) for p in unit.errors])
