"""check on a folder: one line per unit when there are many, and a closing summary always."""

import shutil
from pathlib import Path

from click.testing import CliRunner
from conftest import EXAMPLES

from generator.cli.main import cli

FIXTURES = Path(__file__).parent / "fixtures"


def run(*args):
    return CliRunner().invoke(cli, list(map(str, args)))


def folder_of_forty(tmp_path):
    """40 units: the six examples over and over, and two with errors."""
    folder = tmp_path / "data"
    folder.mkdir()
    stems = sorted(p.stem for p in EXAMPLES.glob("*.toml"))
    for n in range(38):
        stem = stems[n % len(stems)]
        shutil.copy(EXAMPLES / f"{stem}.toml", folder / f"{n + 1:02d}-{stem}.toml")
    shutil.copy(FIXTURES / "type-errors-hide-nothing.toml", folder / "39-有错.toml")
    shutil.copy(FIXTURES / "evaluator-score.toml", folder / "40-评价人.toml")
    return folder


def test_forty_units_fit_on_one_screen(tmp_path):
    folder = folder_of_forty(tmp_path)
    result = run("check", folder)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert len(lines) <= 45, len(lines)
    assert len([x for x in lines if x.startswith(str(folder))]) == 40
    assert (
        f"{folder / '02-chongqing-bishan.toml'}（chongqing-bishan）：总分 97.00，等级 优；错误 0 个，警告 2 个"
        in lines
    )
    assert (
        f"{folder / '01-beijing-chaoyang.toml'}（beijing-chaoyang）：不计分；错误 0 个，警告 0 个"
        in lines
    )
    bad = next(x for x in lines if "39-有错" in x)
    assert bad.startswith(
        f"{folder / '39-有错.toml'}（standard）：错误 5 个，警告 0 个；第 30 行 预算.年中追加：应为数字"
    )
    assert lines[-2].startswith("共 40 个单位：无错误 39 个，有错误 1 个；错误共 5 个，警告共")
    assert lines[-1] == "逐项查看：jixiao check 文件（或加 --full 列出每个单位的全部信息）"


def test_full_lists_every_unit_and_ends_with_the_summary(tmp_path):
    folder = folder_of_forty(tmp_path)
    result = run("check", folder, "--full")
    lines = result.output.splitlines()
    assert len(lines) > 500
    assert "  错误 0 个，警告 2 个；总分 97.00，等级 优" in lines
    summary = lines.index("汇总：")
    assert len(lines) - summary == 1 + 40 + 1
    assert lines[-1].startswith("共 40 个单位：无错误 39 个，有错误 1 个")


def test_a_few_units_are_listed_in_full_with_a_summary(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    for stem in ("standard", "chongqing-bishan"):
        shutil.copy(EXAMPLES / f"{stem}.toml", folder / f"{stem}.toml")
    result = run("check", folder)
    assert result.exit_code == 0
    assert "  计算值：" in result.output
    assert (
        result.output.splitlines()[-1]
        # one of them: the standard example's six-decimal amounts (plausible.decimals)
        == "共 2 个单位：无错误 2 个，有错误 0 个；错误共 0 个，警告共 4 个"
    )
    brief = run("check", folder, "--brief").output.splitlines()
    assert len(brief) == 4
