"""After SIGKILL of `jixiao build --jobs 2` its worker processes end too (a real process test:
the parent is killed without any chance to clean up)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hostile.support import environment, minimal_text, named, set_key, write
from hostile.test_bad_formats import docx_with, make_format

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="reads the process table from /proc"
)

# A template that keeps a worker busy for seconds (within the loop budget), so the build is
# killed while its workers are running.
SLOW = "{% for i in range(90000) %}{% for j in range(30) %}{% endfor %}{% endfor %}{{ 单位.名称 }}"


def children(parent: int) -> set[int]:
    """Living (not zombie) processes whose parent is `parent`."""
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        state, ppid = stat.rpartition(")")[2].split()[:2]
        if int(ppid) == parent and state != "Z":
            found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_workers_end_with_a_killed_build(tmp_path):
    fmts = tmp_path / "formats"
    make_format(fmts, "slow", template=docx_with(SLOW))
    data = tmp_path / "data"
    data.mkdir()
    for n in range(6):
        text = set_key(named(minimal_text(), f"单位{n}"), "单位", "格式", '"slow"')
        write(data, f"u{n}.toml", text)
    env = environment({"JIXIAO_FORMATS": str(fmts), "JIXIAO_CACHE": "off"})
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator", "build", "data", "-o", "out", "--jobs", "2"],
        cwd=tmp_path,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    workers: set[int] = set()
    try:
        deadline = time.monotonic() + 60
        while len(workers) < 2 and time.monotonic() < deadline and proc.poll() is None:
            workers = children(proc.pid)
            time.sleep(0.05)
        assert len(workers) >= 2, "the build did not start two workers"
        time.sleep(0.5)  # the workers at work
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
        deadline = time.monotonic() + 5
        while any(alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        left = [w for w in workers if alive(w)]
        assert not left, f"workers {left} outlived the killed build"
    finally:
        for w in workers | children(proc.pid):
            if alive(w):
                os.kill(w, signal.SIGKILL)
        if proc.poll() is None:
            proc.kill()
