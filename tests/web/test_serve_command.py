"""`jixiao serve` as a clerk starts it: prints the address, serves the folder, stops on a signal."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import urllib.request

import pytest
from hostile.support import run

from generator.web.serve import hosts_for

from .conftest import ROOT


def started(args: list[str], cwd) -> tuple[subprocess.Popen, str, str]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONPATH": str(ROOT)}
    # A process started in the background of a shell ignores Ctrl+C, and so does every process it
    # starts: the server must get Ctrl+C as a clerk's console gives it, however the suite was
    # started. A Python handler in this process is reset to the default in the child.
    ignored = signal.getsignal(signal.SIGINT) == signal.SIG_IGN
    if ignored:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "generator", "serve", *args],
            cwd=cwd,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
    finally:
        if ignored:
            signal.signal(signal.SIGINT, signal.SIG_IGN)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    match = re.search(r"(http://\S+)", line)
    if not match:
        proc.kill()
        pytest.fail(f"no address printed: {line!r} {proc.stderr.read() if proc.stderr else ''}")
    return proc, match.group(1), line


def stop(proc: subprocess.Popen) -> str:
    """Ctrl+C: the server says it stopped and ends with 0."""
    proc.send_signal(signal.SIGINT)
    try:
        out, err = proc.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        pytest.fail("the server did not stop on Ctrl+C")
    assert "已停止" in out and proc.returncode == 0, (proc.returncode, out, err)
    return err


def test_serve_prints_its_address_and_serves_the_folder(folder):
    proc, url, line = started([str(folder), "--port", "0", "--no-browser"], folder)
    try:
        assert url.startswith("http://127.0.0.1:")
        page = urllib.request.urlopen(url, timeout=20).read().decode("utf-8")
        assert "全部单位（6 个）" in page
    finally:
        err = stop(proc)
    assert "警告" not in err


def test_another_host_warns(folder):
    proc, url, _ = started(
        [str(folder), "--port", "0", "--no-browser", "--host", "0.0.0.0"], folder
    )
    try:
        assert urllib.request.urlopen(url, timeout=20).status == 200
    finally:
        err = stop(proc)
    assert "警告：监听 0.0.0.0" in err


def test_missing_folder_is_a_usage_error(tmp_path):
    result = run("serve", tmp_path / "nope", "--no-browser", cwd=tmp_path)
    assert result.code == 2, str(result)
    assert "nope" in result.err and "Traceback" not in result.text


def test_only_local_names_are_accepted_on_the_local_address():
    assert hosts_for("127.0.0.1") == ("127.0.0.1", "localhost", "[::1]")
    assert hosts_for("0.0.0.0") == ("*",)
