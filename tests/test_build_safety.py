"""build never destroys a hand-edited or foreign report; --force keeps a dated backup."""

import io
import zipfile

import pytest
from click.testing import CliRunner
from docx import Document
from docxdump import paragraphs

from generator.building import records as manifest
from generator.building import unit as build_module
from generator.building.unit import build_unit
from generator.cli.main import cli
from generator.errors import RenderError

EDITED = "（手工补充：本报告已经单位负责人审阅。）"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def lines(result):
    """The output without warnings about the data (they depend on the example's content)."""
    return [line for line in result.output.splitlines() if not line.startswith("警告：")]


def hand_edit(path):
    doc = Document(str(path))
    doc.add_paragraph(EDITED)
    doc.save(str(path))


UNIT = "minimal-chongqing-bishan"
CORRECTED = "chongqing-adjusted-budget-corrected"  # 调整预算 18580.25 → 16258.00
REPORT = (
    "重庆市璧山区人民政府璧泉街道办事处2023年度整体支出绩效自评报告.docx"  # the unit's, by name
)


@pytest.fixture
def built(fixture, tmp_path):
    source = fixture(UNIT, copy=True)
    out = tmp_path / "out"
    result = run("build", source, "-o", out)
    assert result.exit_code == 0, result.output
    return source, out, out / REPORT


@pytest.fixture
def correct(fixture):
    """Replace the built unit's data with its corrected version, as a clerk's edit would."""
    return lambda: fixture(CORRECTED, copy=UNIT)


def test_refuses_to_overwrite_a_hand_edited_report(built):
    source, out, target = built
    hand_edit(target)
    before = target.read_bytes()
    result = run("build", source, "-o", out)
    assert result.exit_code == 1
    assert (
        f"错误：{target} 在上次生成之后被修改过（可能是手工编辑），为免丢失其中的内容，没有覆盖。"
        "要保留它、照常生成其余报告，加 --keep-edited（或在数据文件夹的 jixiao.toml 中写 "
        "保留手工修改 = true）；确要重新生成，加 --force：原文件先备份到同一文件夹，"
        "并列出手工改动的段落"
    ) in result.output.splitlines()
    assert "共 1 个单位：已生成 0 个，未变 0 个，失败 1 个" in result.output
    assert target.read_bytes() == before
    assert list(out.glob("*.bak.docx")) == []


def test_refuses_to_overwrite_a_file_it_did_not_write(fixture, tmp_path):
    source = fixture(UNIT)
    out = tmp_path / "out"
    out.mkdir()
    target = out / REPORT
    doc = Document()
    doc.add_paragraph("科室自己写的报告")
    doc.save(str(target))
    before = target.read_bytes()
    result = run("build", source, "-o", out)
    assert result.exit_code == 1
    assert (
        f"错误：{target} 不是本工具生成的（没有生成记录），为免丢失其中的内容，没有覆盖。"
        in result.output
    )
    assert target.read_bytes() == before


def test_force_backs_up_then_writes(built):
    source, out, target = built
    hand_edit(target)
    edited = target.read_bytes()
    result = run("build", source, "-o", out, "--force")
    assert result.exit_code == 0, result.output
    (backup,) = out.glob(REPORT.replace(".docx", ".*.bak.docx"))
    assert backup.read_bytes() == edited
    assert f"已备份：{target} → {backup}" in result.output
    assert EDITED not in paragraphs(target.read_bytes())
    assert EDITED in paragraphs(backup.read_bytes())
    # The new report is ours again: the next build skips it as unchanged.
    again = run("build", source, "-o", out)
    assert again.exit_code == 0
    assert f"未变：{target}" in again.output


def test_backups_never_overwrite_each_other(tmp_path):
    target = tmp_path / "报告.docx"
    target.write_bytes(b"first")
    one = manifest.back_up(target)
    target.write_bytes(b"second")
    two = manifest.back_up(target)
    assert one != two
    assert (one.read_bytes(), two.read_bytes()) == (b"first", b"second")
    assert one.name.startswith("报告.") and one.name.endswith(".bak.docx")


def test_failed_render_leaves_the_old_report(built, correct, monkeypatch):
    source, out, target = built
    before = target.read_bytes()
    record = manifest.record_path(target).read_bytes()

    def broken(unit):
        raise RenderError("模板坏了")

    monkeypatch.setattr(build_module, "render", broken)
    correct()
    outcome = build_unit(source, out)
    assert not outcome.ok
    assert [p.message for p in outcome.errors] == ["模板坏了"]
    assert target.read_bytes() == before
    assert manifest.record_path(target).read_bytes() == record
    assert sorted(p.name for p in out.iterdir()) == [".jixiao", REPORT]


def test_interrupted_write_leaves_the_old_report(built, correct, monkeypatch):
    source, out, target = built
    before = target.read_bytes()
    correct()

    def killed(src, dst):
        raise KeyboardInterrupt  # as if the process died just before the rename

    monkeypatch.setattr("generator.report.write.os.replace", killed)
    with pytest.raises(KeyboardInterrupt):
        build_unit(source, out)
    monkeypatch.undo()
    assert target.read_bytes() == before
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
    # Whatever the record says now, the old report is still recognised as ours.
    result = run("build", source, "-o", out)
    assert result.exit_code == 0, result.output
    assert f"已生成：{target}" in result.output


def test_unchanged_units_are_skipped_by_content_not_time(built, correct):
    source, out, target = built
    result = run("build", source, "-o", out)
    assert lines(result) == [f"未变：{target}", "共 1 个单位：已生成 0 个，未变 1 个，失败 0 个"]
    source.write_bytes(source.read_bytes())  # newer file time, same content
    assert f"未变：{target}" in run("build", source, "-o", out).output
    forced = run("build", source, "-o", out, "--all")
    assert lines(forced) == [f"已生成：{target}", "共 1 个单位：已生成 1 个，未变 0 个，失败 0 个"]
    correct()
    assert f"已生成：{target}" in run("build", source, "-o", out).output


def test_a_changed_format_rebuilds(fixture, tmp_path, monkeypatch):
    from conftest import ROOT

    formats = tmp_path / "formats"
    fmt = formats / "chongqing-bishan"
    fmt.mkdir(parents=True)
    for f in (ROOT / "templates" / "chongqing-bishan").iterdir():
        (fmt / f.name).write_bytes(f.read_bytes())
    monkeypatch.setenv("JIXIAO_FORMATS", str(formats))
    source, out = fixture(UNIT), tmp_path / "out"
    assert "已生成" in run("build", source, "-o", out).output
    assert "未变" in run("build", source, "-o", out).output
    settings = fmt / "settings.toml"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace('"千分位" = true', '"千分位" = false'),
        encoding="utf-8",
    )
    assert "已生成" in run("build", source, "-o", out).output


def test_record_names_data_format_and_tool(built):
    source, out, target = built
    record = manifest.read_record(target)
    assert record.docx == manifest.sha256(target.read_bytes())
    assert record.data == manifest.sha256(source.read_bytes())
    assert record.format_id == "chongqing-bishan"
    assert record.source == str(source.resolve())
    assert manifest.data_copy_path(target).read_bytes() == source.read_bytes()
    with zipfile.ZipFile(io.BytesIO(target.read_bytes())) as z:
        assert "word/document.xml" in z.namelist()


def test_a_report_identical_to_the_new_one_is_adopted_without_a_record(built):
    """Reports from before records were kept: one that is byte for byte the new report is taken over."""
    source, out, target = built
    manifest.record_path(target).unlink()
    result = run("build", source, "-o", out)
    assert result.exit_code == 0, result.output
    assert f"已生成：{target}" in result.output
    assert list(out.glob("*.bak.docx")) == []
    assert manifest.read_record(target) is not None
