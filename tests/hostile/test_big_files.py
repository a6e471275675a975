"""A very large data file is checked in bounded memory: 8,000 职责 paragraphs (3 MB)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tracemalloc

import pytest

from hostile.support import TIMEOUT, environment, minimal_text, run, write

PARAGRAPH = "负责本辖区的公共服务与社会管理，组织实施城市管理、环境卫生、社区建设和群众工作。" * 3


def test_check_of_many_paragraphs_in_bounded_memory(tmp_path):
    paragraphs = ",\n".join(f'  "{PARAGRAPH}{i}"' for i in range(8_000))
    text = minimal_text().replace(
        '"职责" = ["负责本辖区的公共服务与社会管理。"]', f'"职责" = [\n{paragraphs}\n]'
    )
    unit = write(tmp_path, "big.toml", text)
    small = write(tmp_path, "small.toml", minimal_text())
    assert run("check", small.name, cwd=tmp_path).code == 0  # modules and template loaded
    tracemalloc.start()
    try:
        r = run("check", unit.name, cwd=tmp_path)
        _now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert r.code == 0, str(r)
    # Python's own allocations at their peak: some 20 times the file, not a per-string copy of
    # the scan's state (the nesting scan once held 50 bytes per character: 150 MB here).
    assert peak < 60 << 20, f"peak {peak >> 20} MB for a {len(text.encode()) >> 20} MB file"


PEAK = """
import resource, sys
from generator.cli.main import main
try:
    main()
except SystemExit as exit:
    code = exit.code
try:  # this process's own peak: ru_maxrss also counts the parent's, copied when it forked
    with open("/proc/self/status") as status:
        kib = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
except OSError:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kib = peak // 1024 if sys.platform == "darwin" else peak
print("peak-kib", kib, file=sys.stderr)
"""


def peak_rss_mb(folder, *args: str) -> float:
    """The peak resident set of a whole `jixiao` process (the memory a clerk's computer gives)."""
    proc = subprocess.run(
        [sys.executable, "-c", PEAK, *args],  # sys.argv[1:] are the command's arguments
        cwd=folder,
        env=environment(),
        capture_output=True,
        timeout=TIMEOUT,
        stdin=subprocess.DEVNULL,
    )
    found = re.search(r"peak-kib (\d+)", proc.stderr.decode("utf-8", "replace"))
    assert found, proc.stderr.decode("utf-8", "replace")[-2000:]
    return int(found.group(1)) / 1024


@pytest.mark.skipif(not hasattr(os, "fork") or sys.platform == "win32", reason="resource: POSIX")
def test_check_of_a_15_mb_file_holds_the_report_in_memory_only_once(tmp_path):
    """A dry run renders and lays out the report but never serialises or zips it, nor keeps it
    (40,000 paragraphs, 14 MB: 157 MB above a small check before, 117 MB now).
    Counted above a small unit's run, so Python and the libraries are not part of the bound."""
    paragraphs = ",\n".join(f'  "{PARAGRAPH}{i}"' for i in range(40_000))
    text = minimal_text().replace(
        '"职责" = ["负责本辖区的公共服务与社会管理。"]', f'"职责" = [\n{paragraphs}\n]'
    )
    big = write(tmp_path, "big.toml", text)
    small = write(tmp_path, "small.toml", minimal_text())
    size = len(text.encode()) / (1 << 20)
    grown = peak_rss_mb(tmp_path, "check", big.name) - peak_rss_mb(tmp_path, "check", small.name)
    assert grown < 9.5 * size, (
        f"{grown:.0f} MB above a small unit's check, for a {size:.0f} MB file"
    )
