"""The year's files, round 2: a report built from one data file is not replaced by a build of
another data file of the same unit and year (separate runs, as within one run); the folder's
jixiao.toml that is a folder, and an unknown 格式, are located messages."""

from __future__ import annotations

import hashlib

from hostile.support import (
    assert_unchanged,
    line_no,
    located,
    minimal_text,
    refused,
    report_path,
    run,
    set_key,
    snapshot,
    write,
)


def two_files(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    a = write(data, "a.toml", minimal_text())
    b = write(data, "b.toml", minimal_text().replace('"实际值" = "2次"', '"实际值" = "3次"'))
    return a, b


def test_another_data_file_of_the_same_unit_and_year_is_refused(tmp_path):
    a, b = two_files(tmp_path)
    first = run("build", "data/a.toml", "-o", "out", cwd=tmp_path)
    assert first.code == 0, str(first)
    report = report_path(a, tmp_path / "out")
    before = snapshot(tmp_path / "out")
    second = run("build", "data/b.toml", "-o", "out", cwd=tmp_path)
    refused(second, 1)
    assert "另一个数据文件" in second.text and "a.toml" in second.text, str(second)
    assert "--force" in second.text, str(second)
    assert_unchanged(before, snapshot(tmp_path / "out"))
    # --keep-edited is about hand edits: it does not let the other file's report be replaced
    kept = run("build", "data/b.toml", "-o", "out", "--keep-edited", cwd=tmp_path)
    refused(kept, 1)
    assert_unchanged(before, snapshot(tmp_path / "out"))
    forced = run("build", "data/b.toml", "-o", "out", "--force", cwd=tmp_path)
    assert forced.code == 0, str(forced)
    backups = list((tmp_path / "out").glob("*.bak.docx"))  # a's report, kept
    assert len(backups) == 1, backups
    assert hashlib.sha256(backups[0].read_bytes()).hexdigest() == before[str(report)][2]


def test_a_report_whose_data_file_was_renamed_is_rebuilt(tmp_path):
    # the same category, the case that must pass: the first file is gone (renamed), no conflict
    a, _b = two_files(tmp_path)
    assert run("build", "data/a.toml", "-o", "out", cwd=tmp_path).code == 0
    a.rename(a.with_name("a-renamed.toml"))
    r = run("build", "data/b.toml", "-o", "out", cwd=tmp_path)
    assert r.code == 0, str(r)


def test_both_files_in_one_run_are_refused(tmp_path):
    two_files(tmp_path)
    r = run("build", "data", "-o", "out", cwd=tmp_path)
    refused(r, 1)
    assert "b.toml" in r.text, str(r)


def test_folder_settings_that_are_a_folder(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "jixiao.toml").mkdir()
    write(data, "a.toml", minimal_text())
    r = run("build", "data", "-o", "out", cwd=tmp_path)
    refused(r, 1)
    assert "jixiao.toml" in r.text and "不是普通文件" in r.text, str(r)


def test_unknown_format_is_located(tmp_path):
    text = set_key(minimal_text(), "单位", "格式", '"no-such"')
    unit = write(tmp_path, "unit.toml", text)
    for args in (("check", unit.name), ("build", unit.name, "-o", "out")):
        r = run(*args, cwd=tmp_path)
        refused(r, 1)
        located(r, unit.name, line_no(text, '"格式" ='), "单位.格式")
        assert "no-such" in r.text, str(r)


def test_unknown_format_is_located_by_every_command_that_reads_the_unit(tmp_path):
    # unlisted, the same category: export (and any command that evaluates one file) said the
    # unknown format without the file and line
    text = set_key(minimal_text(), "单位", "格式", '"no-such"')
    unit = write(tmp_path, "unit.toml", text)
    for args in (
        ("export", unit.name, "-o", "自评表.xlsx"),
        ("summary", unit.name, "-o", "s.xlsx"),
    ):
        r = run(*args, cwd=tmp_path)
        refused(r, 1)
        located(r, unit.name, line_no(text, '"格式" ='), "单位.格式")
    assert not (tmp_path / "自评表.xlsx").exists()
