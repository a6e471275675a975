"""Whole folders: parallel builds, stable order, a summary, one bad unit never stops the rest."""

import os
import signal
import subprocess
import sys
import time

from click.testing import CliRunner
from conftest import FIXTURES, ROOT

from generator.cli.main import cli

UNIT = FIXTURES / "minimal-chongqing-bishan.toml"
BROKEN = FIXTURES / "chongqing-toml-unclosed-array.toml"
CORRECTED = FIXTURES / "chongqing-adjusted-budget-corrected.toml"


NAME = "重庆市璧山区人民政府璧泉街道办事处"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def unit_named(name: str, source=UNIT) -> bytes:
    """The unit file with its own 单位.名称, so that each unit has a report of its own name."""
    text = source.read_text(encoding="utf-8")
    return text.replace(f'"名称" = "{NAME}"', f'"名称" = "{name}"', 1).encode("utf-8")


def report(name: str) -> str:
    return f"{name}2023年度整体支出绩效自评报告.docx"


def folder(tmp_path, names, broken=()):
    data = tmp_path / "data"
    data.mkdir()
    for name in names:
        (data / f"{name}.toml").write_bytes(
            BROKEN.read_bytes() if name in broken else unit_named(name)
        )
    return data


def test_a_broken_unit_is_listed_and_the_others_are_built(tmp_path):
    data = folder(tmp_path, ["单位甲", "单位乙", "单位丙"], broken={"单位乙"})
    out = tmp_path / "out"
    result = run("build", data, "-o", out, "--jobs", "2")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert f"已生成：{out / report('单位甲')}" in lines
    assert f"已生成：{out / report('单位丙')}" in lines
    assert f"未生成：{data / '单位乙.toml'}（有 1 个错误，见上）" in lines
    assert "共 3 个单位：已生成 2 个，未变 0 个，失败 1 个" in lines
    failed = [line for line in lines if line.startswith("  失败：")]
    assert len(failed) == 1
    bad = data / "单位乙.toml"
    line = (
        bad.read_text(encoding="utf-8").splitlines().index('"执行数" = [') + 2
    )  # where TOML notices
    assert failed[0].startswith(f"  失败：{bad}：第 {line} 行：TOML 格式错误：数组没有结束")
    assert sorted(p.name for p in out.glob("*.docx")) == [report("单位丙"), report("单位甲")]


def test_parallel_build_gives_the_same_bytes_in_the_same_order(tmp_path):
    names = [f"单位{i:02d}" for i in range(6)]
    data = folder(tmp_path, names)
    one = run("build", data, "-o", tmp_path / "one", "--jobs", "1")
    two = run("build", data, "-o", tmp_path / "two", "--jobs", "2")
    assert one.exit_code == two.exit_code == 0
    assert [line.replace("/one/", "/x/") for line in one.output.splitlines()] == [
        line.replace("/two/", "/x/") for line in two.output.splitlines()
    ]
    built = [line for line in two.output.splitlines() if line.startswith("已生成：")]
    assert built == [f"已生成：{tmp_path / 'two' / report(n)}" for n in names]
    for n in names:
        assert (tmp_path / "one" / report(n)).read_bytes() == (
            tmp_path / "two" / report(n)
        ).read_bytes()
    again = run("build", data, "-o", tmp_path / "two", "--jobs", "2")
    assert again.output.splitlines()[-1] == "共 6 个单位：已生成 0 个，未变 6 个，失败 0 个"


def test_two_units_with_one_output_name_do_not_overwrite_each_other(tmp_path):
    """The report is named by the unit, not the file: two files of one unit (a copy left in
    another folder) would write the same report."""
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "甲.toml").write_bytes(UNIT.read_bytes())
    (b / "乙.toml").write_bytes(UNIT.read_bytes())
    result = run("build", a, b, "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert (
        f"与 {a / '甲.toml'} 的报告同名，都会写到 {tmp_path / 'out' / report(NAME)}"
        in result.output
    )
    assert [p.name for p in (tmp_path / "out").glob("*.docx")] == [report(NAME)]


def test_killed_build_leaves_every_report_usable(tmp_path):
    """Kill a real build mid-way: every report is whole, and the next build overwrites none by mistake."""
    names = [f"单位{i:02d}" for i in range(8)]
    data = folder(tmp_path, names)
    out = tmp_path / "out"
    assert run("build", data, "-o", out, "--jobs", "1").exit_code == 0
    for n in names:  # a correction to every unit, so all are built again
        (data / f"{n}.toml").write_bytes(unit_named(n, CORRECTED))
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator", "build", str(data), "-o", str(out), "--jobs", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
        cwd=tmp_path,
        text=True,
    )
    first = proc.stdout.readline()
    assert first.startswith("已生成：")
    time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    assert proc.wait() == -signal.SIGKILL  # killed, not finished
    from docx import Document

    for n in names:
        Document(str(out / report(n)))  # opens: never half written
    result = run("build", data, "-o", out, "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert "失败 0 个" in result.output.splitlines()[-1]


def test_a_changed_file_name_pattern_names_the_next_report_in_the_same_process(
    tmp_path, monkeypatch
):
    """The page and single builds read the 文件名 pattern as the settings say now."""
    import shutil

    from conftest import ROOT

    from generator.building.unit import target_for

    formats = tmp_path / "formats"
    shutil.copytree(ROOT / "templates" / "chongqing-bishan", formats / "chongqing-bishan")
    monkeypatch.setenv("JIXIAO_FORMATS", str(formats))
    unit = ROOT / "data" / "examples" / "chongqing-bishan.toml"
    before = target_for(unit, tmp_path / "out").name
    settings = formats / "chongqing-bishan" / "settings.toml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(
        text.replace("{简称}{年度}年度整体支出绩效自评报告", "{年度}年{简称}自评"), encoding="utf-8"
    )
    after = target_for(unit, tmp_path / "out").name
    assert before.endswith("年度整体支出绩效自评报告.docx")
    assert after.startswith("2023年") and after.endswith("自评.docx")


def test_a_rerun_rebuilds_exactly_the_unit_whose_data_changed(tmp_path):
    import tomllib
    from decimal import ROUND_HALF_UP, Decimal

    from docxdump import paragraphs

    names = ["单位甲", "单位乙", "单位丙"]
    data, out = folder(tmp_path, names), tmp_path / "out"
    assert run("build", data, "-o", out, "--jobs", "2").exit_code == 0
    (data / "单位乙.toml").write_bytes(unit_named("单位乙", CORRECTED))  # 调整预算 corrected
    result = run("build", data, "-o", out, "--jobs", "2")
    assert result.exit_code == 0, result.output
    assert f"已生成：{out / report('单位乙')}" in result.output.splitlines()
    assert "共 3 个单位：已生成 1 个，未变 2 个，失败 0 个" in result.output
    budget = tomllib.loads(CORRECTED.read_text(encoding="utf-8"), parse_float=Decimal)["预算"]
    text = "\n".join(paragraphs((out / report("单位乙")).read_bytes()))
    shown = budget["调整预算"].quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert f"全年（调整）预算{shown:,f}万元" in text
