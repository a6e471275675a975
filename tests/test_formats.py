"""Formats are found on a search path, extend each other, and fail with helpful messages."""

import pytest
from click.testing import CliRunner
from docxdump import paragraphs

from generator.cli.main import cli
from generator.data.formats import available, resolve
from generator.errors import FormatError
from generator.evaluate import evaluate
from generator.report.render import render


@pytest.fixture
def formats_dir(tmp_path, monkeypatch):
    folder = tmp_path / "我的格式"
    folder.mkdir()
    monkeypatch.setenv("JIXIAO_FORMATS", str(folder))
    return folder


def make(folder, format_id, text):
    (folder / format_id).mkdir()
    (folder / format_id / "settings.toml").write_text(text, encoding="utf-8")


def test_extending_format_overrides_only_what_it_says(formats_dir):
    make(
        formats_dir,
        "hebei-like",
        '"名称" = "测试"\n"地区" = "某区"\n"继承" = "chongqing-bishan"\n'
        '[["等级"]]\n"名称" = "优秀"\n"下限" = 85\n[["等级"]]\n"名称" = "较差"\n"下限" = 0\n',
    )
    fmt = resolve("hebei-like")
    assert [g.name for g in fmt.settings.grades] == ["优秀", "较差"]
    assert fmt.settings.numbers.separators is True  # from chongqing-bishan
    assert fmt.settings.numbers.percent_places == 2  # from the defaults
    assert fmt.template.parent.name == "chongqing-bishan"  # no template of its own


def test_extended_format_renders_with_parent_template_and_own_grades(formats_dir, example):
    make(
        formats_dir,
        "strict",
        '"名称" = "严格"\n"地区" = "某区"\n"继承" = "chongqing-bishan"\n'
        '[["等级"]]\n"名称" = "合格"\n"下限" = 98\n[["等级"]]\n"名称" = "不合格"\n"下限" = 0\n',
    )
    text = paragraphs(render(evaluate(example("chongqing-bishan"), "strict")))
    assert "本次绩效评价综合得分97.00分，绩效评价等级为“不合格”。" in text


def test_user_folder_comes_first_on_the_search_path(formats_dir):
    make(formats_dir, "standard", '"名称" = "本地标准"\n"地区" = "本地"\n')
    assert available()["standard"] == formats_dir / "standard"


def test_unknown_parent_is_an_error(formats_dir):
    make(formats_dir, "orphan", '"名称" = "孤儿"\n"地区" = "某区"\n"继承" = "nowhere"\n')
    with pytest.raises(FormatError, match="继承的格式“nowhere”不存在。可用的格式："):
        resolve("orphan")


def test_inheritance_cycle_is_an_error(formats_dir):
    make(formats_dir, "a", '"名称" = "甲"\n"地区" = "某区"\n"继承" = "b"\n')
    make(formats_dir, "b", '"名称" = "乙"\n"地区" = "某区"\n"继承" = "a"\n')
    with pytest.raises(FormatError, match="成环"):
        resolve("a")


def test_settings_typo_is_reported_with_suggestion(formats_dir):
    make(formats_dir, "typo", '"名称" = "错"\n"地区" = "某区"\n["数字"]\n"千分为" = true\n')
    with pytest.raises(FormatError, match="未知的键“千分为”，是不是“千分位”？"):
        resolve("typo")


def test_unknown_format_suggests_and_lists():
    with pytest.raises(FormatError) as info:
        resolve("standerd")
    assert "是不是“standard”？" in str(info.value)
    assert "chongqing-bishan" in str(info.value)


def test_formats_command_survives_a_broken_format(formats_dir):
    make(formats_dir, "broken", '"名称" = "坏"\n')
    result = CliRunner().invoke(cli, ["formats"])
    assert result.exit_code == 0
    assert "broken\t（不可用：" in result.output
    assert "缺少必填项“地区”" in result.output
