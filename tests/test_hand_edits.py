"""A report finished by hand survives: a folder build keeps it (--keep-edited or the folder's
jixiao.toml) and builds the rest; --force keeps a backup and lists the paragraphs the hand
changed; saving in Word, WPS or LibreOffice without a change is not an edit."""

import os
import shutil

import pytest
from click.testing import CliRunner
from docx import Document
from docxdump import paragraphs

from generator.building.edits import hand_edits, text_lines
from generator.building.unit import target_for
from generator.cli.main import cli

UNITS = ("minimal-chongqing-bishan", "minimal-standard", "minimal-hebei-qiaoxi")
ADDED = "（本报告已经单位负责人审阅。）"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture
def folder(fixture, tmp_path):
    """Three units built into out/; the first report then finished by hand in Word."""
    data = tmp_path / "data"
    data.mkdir()
    for name in UNITS:
        shutil.copy(fixture(name), data / f"{name}.toml")
    out = tmp_path / "out"
    assert run("build", data, "-o", out, "--jobs", 1).exit_code == 0
    return data, out, target_for(data / f"{UNITS[0]}.toml", out)


def finish_by_hand(path):
    """Add a paragraph and reword the first paragraph that mentions 预算执行率."""
    doc = Document(str(path))
    doc.add_paragraph(ADDED)
    para = next(p for p in doc.paragraphs if "预算执行率" in p.text)
    old = para.text
    for run_ in para.runs[1:]:
        run_.text = ""
    para.runs[0].text = old + "（已核实）"
    doc.save(str(path))
    return old


def test_keep_edited_leaves_the_report_builds_the_rest_and_exits_0(folder):
    data, out, target = folder
    old = finish_by_hand(target)
    before = target.read_bytes()
    result = run("build", data, "-o", out, "--all", "--keep-edited", "--jobs", 1)
    assert result.exit_code == 0, result.output
    assert target.read_bytes() == before
    kept = [x for x in result.output.splitlines() if x.startswith("保留手工修改的报告：")]
    assert kept == [
        f"保留手工修改的报告：{target}（手工改了 2 处；要重新生成并列出改了哪些段落，加 --force）"
    ]
    for name in UNITS[1:]:
        assert f"已生成：{target_for(data / f'{name}.toml', out)}" in result.output
    assert "共 3 个单位：已生成 2 个，未变 0 个，保留手工修改 1 个，失败 0 个" in result.output
    assert old  # the reworded paragraph existed


def test_a_folder_setting_keeps_hand_finished_reports_without_any_option(folder):
    data, out, target = folder
    finish_by_hand(target)
    before = target.read_bytes()
    (data / "jixiao.toml").write_text('"保留手工修改" = true\n', encoding="utf-8")
    result = run("build", data, "-o", out, "--all", "--jobs", 1)
    assert result.exit_code == 0, result.output
    assert target.read_bytes() == before
    assert "保留手工修改 1 个" in result.output
    assert "jixiao" not in " ".join(p.name for p in out.glob("*.docx"))  # not a unit
    (data / "jixiao.toml").unlink()
    (out / "jixiao.toml").write_text('"保留手工修改" = true\n', encoding="utf-8")
    assert run("build", data, "-o", out, "--all", "--jobs", 1).exit_code == 0
    assert target.read_bytes() == before


def test_a_wrong_folder_setting_is_named(folder):
    data, out, _target = folder
    (data / "jixiao.toml").write_text('"保留修改" = true\n', encoding="utf-8")
    result = run("build", data, "-o", out, "--all", "--jobs", 1)
    assert result.exit_code == 1
    assert f"{data / 'jixiao.toml'}：未知的设置“保留修改”，可用：保留手工修改" in result.output


def test_without_keep_the_build_still_refuses_and_says_how_to_go_on(folder):
    data, out, target = folder
    finish_by_hand(target)
    result = run("build", data, "-o", out, "--all", "--jobs", 1)
    assert result.exit_code == 1
    assert "要保留它、照常生成其余报告，加 --keep-edited" in result.output


def test_force_keeps_a_backup_and_lists_the_paragraphs_to_carry_over(folder):
    data, out, target = folder
    old = finish_by_hand(target)
    result = run("build", data / f"{UNITS[0]}.toml", "-o", out, "--force")
    assert result.exit_code == 0, result.output
    (backup,) = out.glob(target.name.replace(".docx", ".*.bak.docx"))
    assert ADDED in paragraphs(backup.read_bytes())
    assert ADDED not in paragraphs(target.read_bytes())
    lines = result.output.splitlines()
    at = lines.index("备份中的手工修改（请对照补到新报告中）：")
    assert lines[at - 1] == f"已备份：{target} → {backup}"
    assert lines[at + 1] == f"  改：“{old}” → “{old}（已核实）”"
    assert lines[at + 2].startswith(f"  增：“{ADDED}”（在“")


def test_saving_without_a_change_or_changing_only_the_look_is_not_an_edit(folder):
    data, out, target = folder
    doc = Document(str(target))
    doc.save(str(target))  # another program's bytes, the same text
    doc = Document(str(target))
    for para in doc.paragraphs[:5]:
        for run_ in para.runs:
            run_.bold = True
    doc.save(str(target))
    result = run("build", data / f"{UNITS[0]}.toml", "-o", out)
    assert result.exit_code == 0, result.output
    assert f"未变：{target}" in result.output
    again = run("build", data / f"{UNITS[0]}.toml", "-o", out, "--all")
    assert again.exit_code == 0 and f"已生成：{target}" in again.output
    assert not list(out.glob("*.bak.docx"))


def test_hand_edits_are_told_paragraph_by_paragraph():
    edits = hand_edits(["甲", "乙", "丙"], ["甲", "乙（改）", "丙", "丁"])
    assert [e.describe() for e in edits] == ["改：“乙” → “乙（改）”", "增：“丁”（在“丙”之后）"]
    assert [e.describe() for e in hand_edits(["甲", "乙"], ["乙"])] == ["删：“甲”"]
    assert text_lines(b"not a docx") is None


SOFFICE = shutil.which("soffice")
if not SOFFICE and os.environ.get("JIXIAO_REQUIRE_PDF"):
    raise RuntimeError("JIXIAO_REQUIRE_PDF is set but soffice is not installed")


@pytest.mark.skipif(not SOFFICE, reason="LibreOffice (soffice) is not installed")
def test_a_report_saved_again_by_libreoffice_is_not_an_edit(folder, tmp_path, office):
    data, out, target = folder
    saved = tmp_path / "libreoffice"
    office("--convert-to", "docx", "--outdir", saved, target)
    resaved = (saved / target.name).read_bytes()
    assert resaved != target.read_bytes()  # LibreOffice wrote its own file
    target.write_bytes(resaved)
    result = run("build", data, "-o", out, "--jobs", 1)
    assert result.exit_code == 0, result.output
    assert f"未变：{target}" in result.output
    assert "保留" not in result.output and "错误" not in result.output
    forced = run("build", data, "-o", out, "--all", "--jobs", 1)
    assert forced.exit_code == 0, forced.output
    assert not list(out.glob("*.bak.docx"))


def test_folder_settings_are_read_as_the_file_says_now(tmp_path):
    import os

    from generator.building.folder_settings import keeps_edited

    f = tmp_path / "jixiao.toml"
    f.write_text('"保留手工修改" = true\n', encoding="utf-8")
    st = f.stat()
    assert keeps_edited(tmp_path)
    f.write_text('"保留手工修改" = false\n', encoding="utf-8")
    os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns))  # the same time: only the content differs
    assert not keeps_edited(tmp_path)
