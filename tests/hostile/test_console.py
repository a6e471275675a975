"""Consoles that cannot print Chinese (or print only GBK): output is UTF-8 or degrades to what
the code page has — never a crash. A reader that goes away early (`| head -1`) is no crash either.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from hostile.support import EXAMPLES, environment, minimal_text, named, report_path, set_key, write

ENCODINGS = ["gbk", "cp1252", "ascii", "latin-1", "cp437"]


def raw_run(*args, cwd, encoding: str, extra: dict | None = None) -> tuple[int, bytes, bytes]:
    env = environment({"PYTHONIOENCODING": encoding, **(extra or {})})
    proc = subprocess.run(
        [sys.executable, "-m", "generator", *map(str, args)],
        cwd=cwd,
        env=env,
        capture_output=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    return proc.returncode, proc.stdout, proc.stderr


def readable(data: bytes, encoding: str) -> str:
    """The output is UTF-8, or text in the console's own encoding."""
    for enc in ("utf-8", encoding):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise AssertionError(f"output is neither UTF-8 nor {encoding}: {data[:200]!r}")


def assert_clean(code: int, out: bytes, err: bytes, encoding: str, expected: int) -> str:
    text = readable(out, encoding) + readable(err, encoding)
    assert "Traceback" not in text, text
    assert "UnicodeEncodeError" not in text, text
    assert code == expected, f"exit {code}\n{text}"
    return text


def bad_unit(tmp_path):
    text = set_key(named(minimal_text(), "坏单位"), "预算", "执行数", '"一百"')
    return write(tmp_path, "bad.toml", text.replace('"其他支出" = 0', '"其他支出" = -1'))


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_check_example(tmp_path, encoding):
    text = assert_clean(
        *raw_run("check", EXAMPLES / "chongqing-bishan.toml", cwd=tmp_path, encoding=encoding),
        encoding,
        0,
    )
    assert "chongqing-bishan" in text


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_check_all_examples_json(tmp_path, encoding):
    assert_clean(
        *raw_run("check", EXAMPLES, "--json", cwd=tmp_path, encoding=encoding), encoding, 0
    )


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_check_unit_with_errors(tmp_path, encoding):
    unit = bad_unit(tmp_path)
    text = assert_clean(*raw_run("check", unit.name, cwd=tmp_path, encoding=encoding), encoding, 1)
    assert "bad.toml" in text


@pytest.mark.parametrize("encoding", ["gbk", "cp1252", "ascii"])
def test_build_with_errors_and_warnings(tmp_path, encoding):
    good = write(tmp_path, "good.toml", minimal_text())
    bad_unit(tmp_path)
    assert_clean(*raw_run("build", ".", "-o", "out", cwd=tmp_path, encoding=encoding), encoding, 1)
    assert report_path(good, tmp_path / "out").is_file()


@pytest.mark.parametrize("encoding", ["gbk", "cp1252", "ascii"])
@pytest.mark.parametrize(
    "args",
    [
        ("formats",),
        ("--help",),
        ("build", "--help"),
        ("check",),
        ("nosuch",),
        ("build", "x.toml", "--jobs", "0"),
    ],
    ids=["formats", "help", "build-help", "missing-arg", "unknown-command", "bad-jobs"],
)
def test_other_commands(tmp_path, encoding, args):
    code, out, err = raw_run(*args, cwd=tmp_path, encoding=encoding)
    expected = 0 if args[0] == "formats" or "--help" in args else 2
    assert_clean(code, out, err, encoding, expected)


@pytest.mark.parametrize("encoding", ["gbk", "cp1252"])
def test_diff(tmp_path, encoding):
    write(tmp_path, "old.toml", minimal_text())
    write(tmp_path, "new.toml", minimal_text().replace('"实际值" = "95%"', '"实际值" = "85%"'))
    assert_clean(
        *raw_run("diff", "old.toml", "new.toml", cwd=tmp_path, encoding=encoding), encoding, 0
    )


def test_no_encoding_variable_and_c_locale(tmp_path):
    unit = bad_unit(tmp_path)
    env = {
        "PYTHONIOENCODING": None,
        "LANG": "C",
        "LC_ALL": "C",
        "PYTHONUTF8": "0",
        "PYTHONCOERCECLOCALE": "0",
    }
    proc = subprocess.run(
        [sys.executable, "-m", "generator", "check", unit.name],
        cwd=tmp_path,
        env=environment(env),
        capture_output=True,
        timeout=120,
    )
    assert_clean(proc.returncode, proc.stdout, proc.stderr, "ascii", 1)


@pytest.mark.skipif(
    sys.platform == "win32", reason="closing a pipe early behaves differently on Windows"
)
@pytest.mark.parametrize(
    "args",
    [("check", str(EXAMPLES)), ("check", str(EXAMPLES), "--json"), ("formats",)],
    ids=["check", "check-json", "formats"],
)
def test_reader_goes_away(tmp_path, args):
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator", *args],
        cwd=tmp_path,
        env=environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    proc.stdout.readline()
    proc.stdout.close()  # like `| head -1`
    err = proc.stderr.read().decode("utf-8", "replace")
    proc.wait(timeout=120)
    assert "Traceback" not in err, err
    assert "BrokenPipeError" not in err, err
