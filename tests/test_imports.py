"""Start-up stays light: a command loads only the library it needs (no timings here, modules)."""

import os
import subprocess
import sys

import pytest
from conftest import ROOT

# Runs the command line in-process, then lists every module that was imported.
RUN = """
import sys
from generator.cli.main import cli
try:
    cli.main(sys.argv[1:])
except SystemExit:
    pass
print()
print(" ".join(sorted(sys.modules)))
"""

DOCX_MACHINERY = ("docx", "docxtpl", "lxml", "jinja2", "generator.report.render")
CYCLE_COMMANDS = (
    "generator.io",
    "generator.web",
    "openpyxl",
    "generator.cycle.diff",
    "generator.cycle.revision",
    "generator.cycle.rollover",
    "generator.cycle.init_file",
    "generator.building.batch",
)


def modules_after(*args: str) -> set[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-c", RUN, *args], env=env, capture_output=True, text=True
    )
    assert result.stdout.strip(), result.stderr
    return set(result.stdout.strip().splitlines()[-1].split())


def loaded(modules: set[str], names: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if any(m == n or m.startswith(n + ".") for n in names))


@pytest.mark.parametrize("args", [("--help",), ("build", "--help"), ("formats",)])
def test_command_loads_no_docx_machinery(args):
    modules = modules_after(*args)
    assert loaded(modules, DOCX_MACHINERY) == []
    assert loaded(modules, CYCLE_COMMANDS) == []


def test_check_loads_no_other_command(example):
    # check reads the template (the keys it prints, and a dry run of build), so it loads
    # docx; it loads nothing of the other commands.
    modules = modules_after("check", str(example("standard")))
    assert loaded(modules, CYCLE_COMMANDS) == []


def test_python_m_generator_help_imports_no_docx():
    code = (
        "import runpy, sys\n"
        "sys.argv = ['jixiao', '--help']\n"
        "try:\n"
        "    runpy.run_module('generator', run_name='__main__')\n"
        "except SystemExit:\n"
        "    pass\n"
        "print()\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    modules = set(result.stdout.strip().splitlines()[-1].split())
    assert "用法" in result.stdout
    assert loaded(modules, ("docx", "docxtpl")) == []


def test_a_cycle_command_loads_its_modules_when_called(tmp_path):
    target = tmp_path / "新单位.toml"
    modules = modules_after("init", str(target), "--format", "standard")
    assert target.exists()
    assert "generator.cycle.init_file" in modules
    assert loaded(modules, ("generator.cycle.diff", "generator.cycle.revision")) == []


def test_an_unchanged_rerun_loads_no_pipeline(tmp_path):
    # Naming each report reads only the 单位 table's lines and the format's 文件名; deciding
    # that it is unchanged reads the record. None of it needs the schema, checks or docx.
    data = tmp_path / "数据"
    data.mkdir()
    for name in ("standard", "beijing-chaoyang", "town-summary"):
        (data / f"{name}.toml").write_bytes(
            (ROOT / "data" / "examples" / f"{name}.toml").read_bytes()
        )
    out = tmp_path / "输出"
    first = modules_after("build", str(data), "-o", str(out))
    assert "generator.evaluate" in first and len(list(out.glob("*.docx"))) == 3
    again = modules_after("build", str(data), "-o", str(out))
    pipeline = (
        "generator.evaluate",
        "generator.checks",
        "generator.compute",
        "generator.data.schema",
        "generator.data.settings",
        "generator.data.model",
    )
    assert loaded(again, DOCX_MACHINERY + pipeline) == []
