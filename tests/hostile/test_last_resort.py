"""The last resort: an unexpected exception (a bug) in one unit becomes one "内部错误" line naming
the unit and where to report it; the other units of the folder are still checked and built, in
the sequential and in the parallel path.

A bug is provoked from outside, without knowing the package's modules: a `sitecustomize` on
PYTHONPATH wraps `tomllib.loads` so that reading a text containing a marker raises (or kills
the process, as a crash in a C library would). Workers import it too. These tests start real
processes: a worker that dies, and a hook that must not leak into the test's own process.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from hostile.support import assert_unchanged, minimal_text, named, run_process, snapshot, write

HOOK = """
import os, tomllib
_loads = tomllib.loads
def loads(text, *args, **kwargs):
    if "JIXIAO-TEST-RAISE" in text:
        raise RuntimeError("provoked by the test")
    if "JIXIAO-TEST-RECURSE" in text:
        def f(n): return f(n + 1)
        f(0)
    if "JIXIAO-TEST-EXIT" in text:
        os._exit(70)
    return _loads(text, *args, **kwargs)
tomllib.loads = loads
"""


def hooked(tmp_path: Path) -> dict[str, str]:
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(HOOK, encoding="utf-8")
    return {"PYTHONPATH": os.pathsep.join([str(hook), os.environ.get("PYTHONPATH", "")])}


def folder_with(tmp_path: Path, marker: str) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    for name in ("a-good", "c-good", "d-good"):
        write(data, f"{name}.toml", named(minimal_text(), name))
    write(data, "b-crash.toml", named(minimal_text(), "b-crash") + f"\n# {marker}\n")
    return data


def assert_one_internal_error(text: str, unit: str) -> None:
    assert "Traceback" not in text, text
    lines = [line for line in text.splitlines() if "内部错误" in line]
    assert lines, text
    assert any(unit in line for line in lines), text
    assert any(("报告" in line or "反馈" in line) for line in lines), text


@pytest.mark.parametrize("marker", ["JIXIAO-TEST-RAISE", "JIXIAO-TEST-RECURSE"])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_build_goes_on_after_an_internal_error(tmp_path, jobs, marker):
    folder_with(tmp_path, marker)
    env = hooked(tmp_path)
    r = run_process("build", "data", "-o", "out", "--jobs", jobs, cwd=tmp_path, env=env)
    assert r.code == 1, str(r)
    assert_one_internal_error(r.text, "b-crash.toml")
    built = sorted(p.name for p in (tmp_path / "out").glob("*.docx"))
    assert built == [
        f"{n}2023年度部门整体支出绩效自评报告.docx" for n in ("a-good", "c-good", "d-good")
    ]


def test_parallel_build_goes_on_after_a_worker_dies(tmp_path):
    folder_with(tmp_path, "JIXIAO-TEST-EXIT")
    env = hooked(tmp_path)
    r = run_process("build", "data", "-o", "out", "--jobs", "2", cwd=tmp_path, env=env)
    assert r.code == 1, str(r)
    assert "Traceback" not in r.text, str(r)
    assert "b-crash.toml" in r.text
    built = sorted(p.name for p in (tmp_path / "out").glob("*.docx"))
    assert built == [
        f"{n}2023年度部门整体支出绩效自评报告.docx" for n in ("a-good", "c-good", "d-good")
    ]


@pytest.mark.parametrize("marker", ["JIXIAO-TEST-RAISE", "JIXIAO-TEST-RECURSE"])
def test_check_goes_on_after_an_internal_error(tmp_path, marker):
    folder_with(tmp_path, marker)
    env = hooked(tmp_path)
    before = snapshot(tmp_path)
    r = run_process("check", "data", cwd=tmp_path, env=env)
    assert r.code == 1, str(r)
    assert_one_internal_error(r.text, "b-crash.toml")
    for name in ("a-good.toml", "c-good.toml", "d-good.toml"):
        assert name in r.out, str(r)
    r = run_process("check", "data", "--json", cwd=tmp_path, env=env)
    assert r.code == 1, str(r)
    assert "Traceback" not in r.text
    assert len([line for line in r.out.splitlines() if line.startswith("{")]) == 4, str(r)
    assert_unchanged(before, snapshot(tmp_path))


@pytest.mark.parametrize(
    "command",
    [
        ("diff", "data/a-good.toml", "data/b-crash.toml"),
        ("rollover", "data/b-crash.toml", "--year", "2024"),
        ("formats",),
    ],
    ids=["diff", "rollover", "formats"],
)
def test_other_commands_end_with_one_line(tmp_path, command):
    folder_with(tmp_path, "JIXIAO-TEST-RAISE")
    fmts = tmp_path / "fmts" / "crashing"
    fmts.mkdir(parents=True)
    (fmts / "settings.toml").write_text(
        '# JIXIAO-TEST-RAISE\n"名称" = "x"\n"地区" = "y"\n', encoding="utf-8"
    )
    env = {**hooked(tmp_path), "JIXIAO_FORMATS": str(tmp_path / "fmts")}
    before = snapshot(tmp_path)
    r = run_process(*command, cwd=tmp_path, env=env)
    assert "Traceback" not in r.text, str(r)
    if command[0] == "formats":
        assert r.code == 0 and "standard" in r.out, str(r)
        return
    assert r.code == 1, str(r)
    assert_one_internal_error(r.text, "b-crash.toml")
    assert_unchanged(before, snapshot(tmp_path))
