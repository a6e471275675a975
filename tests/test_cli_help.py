"""Every command has Chinese help with an example (as sqlite-utils does for its commands)."""

import pytest
from click.testing import CliRunner

from generator.cli.main import cli


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_command_has_help_and_example(name):
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0
    assert result.output.startswith("用法：")
    assert "示例：" in result.output
    assert f"jixiao {name}" in result.output.split("示例：", 1)[1]


def test_cycle_commands_are_registered():
    assert {"build", "check", "diff", "rollover", "init"} <= set(cli.commands)
