"""Hostile files and folders: read-only output, a file where a folder belongs and the reverse,
symlinks, FIFOs, a file given twice, outputs that already exist. A message, never a traceback,
and nothing lost.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from hostile.support import (
    EXAMPLES,
    MINIMAL,
    assert_no_traceback,
    assert_unchanged,
    located,
    minimal_text,
    refused,
    run,
    run_process,
    set_key,
    snapshot,
    write,
)

POSIX = os.name == "posix"


# The report of minimal-standard, named by its unit and year (not by the data file).
REPORT = "某某区某某街道办事处2023年度部门整体支出绩效自评报告.docx"


def unit(tmp_path: Path, name: str = "unit.toml") -> Path:
    return write(tmp_path, name, minimal_text())


@contextlib.contextmanager
def read_only(folder: Path):
    """Make folder unwritable, even for root (chattr +i), and restore it afterwards."""
    folder.mkdir(exist_ok=True)
    if os.name == "posix" and os.geteuid() == 0:
        if (
            not shutil.which("chattr")
            or subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode
        ):
            pytest.skip("running as root and cannot make a folder immutable here")
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(folder)], check=False)
    else:
        mode = folder.stat().st_mode
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(mode)


def test_read_only_output_folder(tmp_path):
    u = unit(tmp_path)
    out = tmp_path / "out"
    with read_only(out):
        before = snapshot(tmp_path)
        r = run("build", u.name, "-o", "out", cwd=tmp_path)
        refused(r)
        assert "out" in r.text and ("权限" in r.text or "只读" in r.text), str(r)
        assert_unchanged(before, snapshot(tmp_path))


def test_read_only_output_folder_with_a_previous_report(tmp_path):
    u = unit(tmp_path)
    assert run("build", u.name, "-o", "out", cwd=tmp_path).code == 0
    write(tmp_path, u.name, set_key(minimal_text(), "预算", "收入", "5"))
    with read_only(tmp_path / "out"), read_only(tmp_path / "out" / ".jixiao"):
        before = snapshot(tmp_path)
        r = run("build", u.name, "-o", "out", cwd=tmp_path)
        refused(r)
        assert_unchanged(before, snapshot(tmp_path))


def test_read_only_output_folder_parallel(tmp_path):
    for name in ("a.toml", "b.toml", "c.toml"):
        unit(tmp_path, name)
    (tmp_path / "data").mkdir()
    for name in ("a.toml", "b.toml", "c.toml"):
        shutil.move(tmp_path / name, tmp_path / "data" / name)
    with read_only(tmp_path / "out"):
        before = snapshot(tmp_path)
        r = run("build", "data", "-o", "out", "--jobs", "2", cwd=tmp_path)
        refused(r)
        assert_unchanged(before, snapshot(tmp_path))


def test_output_option_is_a_file(tmp_path):
    u = unit(tmp_path)
    write(tmp_path, "out", "not a folder")
    before = snapshot(tmp_path)
    r = run("build", u.name, "-o", "out", cwd=tmp_path)
    refused(r, 2)
    assert "out" in r.text
    assert_unchanged(before, snapshot(tmp_path))


def test_output_folder_under_a_file(tmp_path):
    u = unit(tmp_path)
    write(tmp_path, "afile", "not a folder")
    before = snapshot(tmp_path)
    r = run("build", u.name, "-o", "afile/out", cwd=tmp_path)
    refused(r)
    assert "afile" in r.text, str(r)
    assert_unchanged(before, snapshot(tmp_path))


def test_report_path_is_a_folder(tmp_path):
    u = unit(tmp_path)
    (tmp_path / "out" / REPORT).mkdir(parents=True)
    write(tmp_path / "out" / REPORT, "keep.txt", "mine")
    before = snapshot(tmp_path)
    r = run("build", u.name, "-o", "out", cwd=tmp_path)
    refused(r)
    assert REPORT in r.text and "文件夹" in r.text, str(r)
    assert_unchanged(before, snapshot(tmp_path))


def test_state_folder_is_a_file(tmp_path):
    u = unit(tmp_path)
    (tmp_path / "out").mkdir()
    write(tmp_path / "out", ".jixiao", "a file where the records folder belongs")
    before = snapshot(tmp_path)
    r = run("build", u.name, "-o", "out", cwd=tmp_path)
    refused(r)
    assert ".jixiao" in r.text, str(r)
    assert_unchanged(before, snapshot(tmp_path))


@pytest.mark.skipif(not POSIX, reason="symlinks need privileges on Windows")
def test_report_is_a_symlink_to_another_file(tmp_path):
    u = unit(tmp_path)
    victim = write(tmp_path, "victim.docx", b"someone else's document")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / REPORT).symlink_to(victim)
    before = snapshot(tmp_path)
    r = run("build", u.name, "-o", "out", cwd=tmp_path)
    refused(r)
    assert REPORT in r.text
    assert_unchanged(before, snapshot(tmp_path))
    r = run("build", u.name, "-o", "out", "--force", cwd=tmp_path)
    assert_no_traceback(r)
    assert victim.read_bytes() == b"someone else's document"


@pytest.mark.skipif(not POSIX, reason="symlinks need privileges on Windows")
def test_unit_file_is_a_symlink(tmp_path):
    (tmp_path / "linked.toml").symlink_to(MINIMAL)
    r = run("build", "linked.toml", "-o", "out", cwd=tmp_path)
    assert_no_traceback(r)
    assert r.code == 0, str(r)
    assert (tmp_path / "out" / REPORT).is_file()


@pytest.mark.skipif(not POSIX, reason="symlinks need privileges on Windows")
def test_dangling_symlink(tmp_path):
    (tmp_path / "dangling.toml").symlink_to(tmp_path / "nowhere.toml")
    before = snapshot(tmp_path)
    for command in (("check", "dangling.toml"), ("build", "dangling.toml", "-o", "out")):
        r = run(*command, cwd=tmp_path)
        refused(r)
        located(r, "dangling.toml")
    assert_unchanged(before, snapshot(tmp_path))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX only")
def test_fifo_given_as_unit(tmp_path):
    os.mkfifo(tmp_path / "pipe.toml")
    before = snapshot(tmp_path)
    for command in (
        ("check", "pipe.toml"),
        ("build", "pipe.toml", "-o", "out"),
        ("diff", "pipe.toml", "pipe.toml"),
    ):
        r = run_process(*command, cwd=tmp_path, timeout=30)  # a hang must end in a failure
        refused(r)
        located(r, "pipe.toml")
    assert_unchanged(before, snapshot(tmp_path))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX only")
def test_fifo_in_a_folder(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    write(data, "a.toml", minimal_text())
    os.mkfifo(data / "b.toml")
    r = run_process("build", "data", "-o", "out", cwd=tmp_path, timeout=30)
    assert_no_traceback(r)
    assert (tmp_path / "out" / REPORT).is_file()


def test_unit_given_twice(tmp_path):
    u = unit(tmp_path)
    for args in (
        (u.name, u.name),
        (u.name, f"./{u.name}"),
        (".", u.name),
        (u.name, str(u.resolve())),
    ):
        shutil.rmtree(tmp_path / "out", ignore_errors=True)
        r = run("build", *args, "-o", "out", "--all", cwd=tmp_path)
        assert_no_traceback(r)
        assert r.code == 0, f"{args}\n{r}"
        assert [p.name for p in (tmp_path / "out").glob("*.docx")] == [REPORT]
        r = run("check", *args, cwd=tmp_path)
        assert_no_traceback(r)
        assert r.code == 0, str(r)


def test_two_files_with_the_same_name_in_two_folders(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        write(tmp_path / folder, "unit.toml", minimal_text())
    r = run("build", "a", "b", "-o", "out", cwd=tmp_path)
    refused(r)
    assert "unit.toml" in r.text


def _two_versions(tmp_path: Path) -> tuple[Path, Path]:
    old = write(tmp_path, "old.toml", minimal_text())
    new = write(
        tmp_path,
        "new.toml",
        set_key(minimal_text(), "预算", "执行数", "110.00").replace(
            '"项目支出" = 34.00', '"项目支出" = 30.00'
        ),
    )
    return old, new


@pytest.mark.parametrize("name", ["修订说明.md", "修订说明.docx"], ids=["md", "docx"])
def test_diff_output_exists_is_refused(tmp_path, name):
    old, new = _two_versions(tmp_path)
    note = write(tmp_path, name, b"hand-written note, do not lose")
    before = snapshot(tmp_path)
    r = run("diff", old.name, new.name, "--output", name, cwd=tmp_path)
    refused(r)
    assert name in r.text and "--force" in r.text, str(r)
    assert_unchanged(before, snapshot(tmp_path))
    r = run("diff", old.name, new.name, "--output", name, "--force", cwd=tmp_path)
    assert_no_traceback(r)
    assert r.code == 0, str(r)
    backups = [
        p
        for p in tmp_path.iterdir()
        if p.name != name and p.read_bytes() == b"hand-written note, do not lose"
    ]
    assert backups, f"no backup of {name}: {sorted(p.name for p in tmp_path.iterdir())}"
    assert note.read_bytes() != b"hand-written note, do not lose"


def test_diff_output_over_its_own_data_file(tmp_path):
    old, new = _two_versions(tmp_path)
    before = snapshot(tmp_path)
    for extra in ((), ("--force",)):
        r = run("diff", old.name, new.name, "--output", new.name, *extra, cwd=tmp_path)
        refused(r, r.code if r.code in (1, 2) else 1)
        assert r.code in (1, 2), str(r)
        assert_unchanged(before, snapshot(tmp_path))


def test_diff_output_is_a_folder(tmp_path):
    old, new = _two_versions(tmp_path)
    (tmp_path / "note.md").mkdir()
    before = snapshot(tmp_path)
    r = run("diff", old.name, new.name, "--output", "note.md", cwd=tmp_path)
    assert_no_traceback(r)
    assert r.code in (1, 2), str(r)
    assert_unchanged(before, snapshot(tmp_path))


def test_init_over_an_existing_file(tmp_path):
    u = unit(tmp_path)
    before = snapshot(tmp_path)
    r = run("init", u.name, "--format", "standard", cwd=tmp_path)
    refused(r)
    assert_unchanged(before, snapshot(tmp_path))


@pytest.mark.parametrize("target", ["unit.toml", "other.toml"])
def test_rollover_over_an_existing_file(tmp_path, target):
    u = unit(tmp_path)
    write(tmp_path, "other.toml", "# somebody's file\n")
    before = snapshot(tmp_path)
    r = run("rollover", u.name, "--year", "2024", "-o", target, cwd=tmp_path)
    refused(r)
    assert_unchanged(before, snapshot(tmp_path))


def test_rollover_to_an_absurd_year(tmp_path):
    u = unit(tmp_path)
    before = snapshot(tmp_path)
    for year in ("20244", "0", "-1"):
        r = run("rollover", u.name, "--year", year, cwd=tmp_path)
        assert_no_traceback(r)
        assert r.code in (1, 2), str(r)
    assert_unchanged(before, snapshot(tmp_path))


def test_long_file_name(tmp_path):
    # 251 bytes: the report is named by the unit, and a long unit name is cut to fit with the
    # temporary, record and backup names beside it
    name = "某" * 82 + ".toml"
    try:
        u = write(tmp_path, name, minimal_text())
    except OSError:
        pytest.skip("file system refuses the name")
    r = run("build", u.name, "-o", "out", cwd=tmp_path)
    assert_no_traceback(r)
    if r.code:
        refused(r)
        assert (
            not [p for p in (tmp_path / "out").rglob("*.tmp")]
            if (tmp_path / "out").exists()
            else True
        )
    else:
        assert (tmp_path / "out" / REPORT).is_file()
    long_unit = write(
        tmp_path, "long.toml", minimal_text().replace("某某区某某街道办事处", "某" * 120, 1)
    )
    r = run("build", long_unit.name, "-o", "out2", cwd=tmp_path)
    assert r.code == 0, str(r)
    (report,) = (tmp_path / "out2").glob("*.docx")
    assert report.name == "某" * 60 + ".docx"


def test_missing_and_empty_paths(tmp_path):
    (tmp_path / "empty").mkdir()
    before = snapshot(tmp_path)
    r = run("check", "nosuch.toml", cwd=tmp_path)
    refused(r)
    located(r, "nosuch.toml")
    r = run("build", "empty", cwd=tmp_path)
    refused(r, 2)
    assert_unchanged(before, snapshot(tmp_path))


def test_unit_file_is_a_folder_named_toml(tmp_path):
    (tmp_path / "folder.toml").mkdir()
    before = snapshot(tmp_path)
    r = run("diff", "folder.toml", cwd=tmp_path)
    assert_no_traceback(r)
    assert r.code in (1, 2), str(r)
    assert_unchanged(before, snapshot(tmp_path))


def test_examples_folder_is_not_written_by_check(tmp_path):
    before = snapshot(EXAMPLES)
    r = run("check", str(EXAMPLES), cwd=tmp_path)
    assert_no_traceback(r)
    assert r.code == 0, str(r)
    assert_unchanged(before, snapshot(EXAMPLES))
    assert sys.executable
