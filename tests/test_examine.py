"""One way to check a unit (generator/examine.py): every command says the same about it, and a
broken unit fails alone; what a unit was made from (data, settings, template) is never stale."""

from __future__ import annotations

import os
import shutil
import stat

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES, rewrite
from docxdump import paragraphs
from openpyxl import load_workbook

from generator.building.unit import is_unchanged, target_for
from generator.cli.main import cli
from generator.examine import examine
from generator.report.write import atomic_write

UNKNOWN = '"格式" = "no-such-format"'


def jixiao(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture
def folder(tmp_path):
    """Every example, and one unit naming a format that does not exist."""
    data = tmp_path / "data"
    shutil.copytree(EXAMPLES, data)
    text = (EXAMPLES / "chongqing-bishan.toml").read_text(encoding="utf-8")
    assert '"格式" = "chongqing-bishan"' in text
    (data / "坏格式.toml").write_text(
        text.replace('"格式" = "chongqing-bishan"', UNKNOWN), encoding="utf-8"
    )
    return data


def format_line(path) -> int:
    return path.read_text(encoding="utf-8").splitlines().index(UNKNOWN) + 1


def test_an_example_passes_with_its_figures(example):
    e = examine(example("standard"))
    assert e.ok and e.errors == [] and e.unit is not None
    assert e.format_id == "standard" and e.format_digest == e.unit.fmt.digest()


def test_an_unknown_format_is_a_problem_at_the_format_line(folder):
    path = folder / "坏格式.toml"
    e = examine(path)
    assert e.unit is None and not e.ok
    assert e.loaded is not None and e.loaded.data["单位"]["格式"] == "no-such-format"
    [problem] = e.errors
    assert problem.check == "format" and problem.key == "单位.格式"
    assert problem.line == format_line(path) and problem.file == path
    assert "未知的格式“no-such-format”" in problem.message


def test_an_unknown_format_given_on_the_command_line_has_no_line(example):
    [problem] = examine(example("standard"), "no-such-format").errors
    assert problem.check == "format" and problem.line is None and problem.key == ""


def test_a_file_that_is_not_toml_has_its_syntax_error(tmp_path):
    path = tmp_path / "坏.toml"
    path.write_text('["单位"]\n"名称" = 北京\n', encoding="utf-8")
    e = examine(path)
    assert e.loaded is None and e.unit is None
    assert e.errors and e.errors[0].line == 2 and "TOML" in e.errors[0].message


def test_a_bug_becomes_one_internal_error_of_this_unit(example, monkeypatch):
    import generator.examine

    def boom(*args, **kwargs):
        raise ZeroDivisionError("planted")

    monkeypatch.setattr(generator.examine, "evaluate_loaded", boom)
    [problem] = examine(example("standard")).errors
    assert problem.check == "internal" and "内部错误" in problem.message
    assert "planted" in problem.message


def test_the_dry_run_finds_what_build_would_refuse(example, own_standard):
    rewrite(
        own_standard / "template.docx",
        "word/document.xml",
        lambda xml: xml.replace("{{ 单位.年度 }}", "{{ 单位.年度 ", 1),
    )
    [problem] = examine(example("standard")).errors
    assert problem.check == "report.template" and "出错的是模板中这一段" in problem.message
    assert examine(example("standard"), dry_run=False).errors == []  # build renders for real


def test_summary_writes_the_others_and_names_the_broken_unit(folder, tmp_path):
    out = tmp_path / "汇总表.xlsx"
    result = jixiao("summary", folder, "-o", out)
    assert result.exit_code == 1
    assert "7 个单位，1 个有错误" in result.output
    assert f"{folder / '坏格式.toml'}：第 {format_line(folder / '坏格式.toml')} 行" in result.output
    rows = list(load_workbook(out)["汇总"].iter_rows(min_row=4, values_only=True))[:-1]  # no 合计
    assert len(rows) == 7
    [broken] = [r for r in rows if r[-1] == "坏格式.toml"]
    assert broken[3] == "no-such-format" and broken[10] == 1
    assert "未知的格式“no-such-format”" in broken[12]
    assert sum(1 for r in rows if r[10] == 0 and r[8] is not None) >= 5  # the others, scored


def test_check_and_build_refuse_the_same_unit_and_build_the_others(folder, tmp_path):
    checked = jixiao("check", folder, "--brief")
    assert checked.exit_code == 1
    assert [ln for ln in checked.output.splitlines() if "坏格式" in ln and "未知的格式" in ln]
    out = tmp_path / "out"
    built = jixiao("build", folder, "-o", out, "--jobs", "1")
    assert built.exit_code == 1
    assert "未知的格式“no-such-format”" in built.output
    assert len(list(out.glob("*.docx"))) == 6


def test_an_edited_template_shows_in_the_next_build(tmp_path, own_standard):
    source = tmp_path / "standard.toml"
    shutil.copy(EXAMPLES / "standard.toml", source)
    out = tmp_path / "out"
    assert jixiao("build", source, "-o", out).exit_code == 0
    report = target_for(source, out)
    assert not any("（模板已改）" in p for p in paragraphs(report.read_bytes()))
    rewrite(
        own_standard / "template.docx",
        "word/document.xml",
        lambda xml: xml.replace("{{ 单位.年度 }}", "{{ 单位.年度 }}（模板已改）", 1),
    )
    again = jixiao("build", source, "-o", out)
    assert again.exit_code == 0 and "未变" not in again.output.replace("未变 0 个", "")
    assert any("（模板已改）" in p for p in paragraphs(report.read_bytes()))


def test_unchanged_follows_an_edited_settings_file_in_the_same_process(tmp_path, own_standard):
    source = tmp_path / "standard.toml"
    shutil.copy(EXAMPLES / "standard.toml", source)
    out = tmp_path / "out"
    assert jixiao("build", source, "-o", out).exit_code == 0
    assert is_unchanged(source, out)
    settings = own_standard / "settings.toml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace('"千分位" = true', '"千分位" = false'), encoding="utf-8")
    assert not is_unchanged(source, out)


def test_writing_a_file_leaves_the_umask_alone(tmp_path, monkeypatch):
    mask = os.umask(0o027)
    try:

        def refuse(_):
            raise AssertionError("os.umask called while writing")

        monkeypatch.setattr(os, "umask", refuse)
        atomic_write(tmp_path / "报告.docx", b"data")
    finally:
        monkeypatch.undo()
        os.umask(mask)
    assert stat.S_IMODE((tmp_path / "报告.docx").stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["报告.docx"]


def test_diff_compares_the_facts_of_a_unit_it_cannot_evaluate(folder):
    from generator.cycle.diff import compare

    d = compare(folder / "chongqing-bishan.toml", folder / "坏格式.toml")
    assert d.new.unit is None and d.new.errors == len(examine(folder / "坏格式.toml").errors) == 1
    assert [(c.key, c.old, c.new) for c in d.facts] == [
        ("单位.格式", "chongqing-bishan", "no-such-format")
    ]
    assert d.old.unit is not None and d.old.errors == 0
