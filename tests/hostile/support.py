"""Shared helpers for the hostile-input tests: run the command line, snapshot folders, make variants.

Every test drives the public interface only: the `jixiao` command with its own current folder, so
it keeps working whatever the package's modules are called. `run` calls the command in this
process (click's CliRunner: the same entry point, options, exit codes and output as the console
script, in milliseconds); `run_process` starts `python -m generator` for what only a real process
shows (the console's encoding, a crash that kills the process, a hang that needs a timeout).
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import subprocess
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "data" / "examples"
MINIMAL = ROOT / "tests" / "fixtures" / "minimal-standard.toml"
CASES = Path(__file__).resolve().parent / "cases"
TIMEOUT = 120

CHINESE = re.compile(r"[\u4e00-\u9fff]")


@dataclass
class Result:
    code: int
    out: str
    err: str

    @property
    def text(self) -> str:
        return self.out + self.err

    def __str__(self) -> str:  # shown by pytest when an assertion fails
        return f"exit {self.code}\n--- stdout ---\n{self.out}\n--- stderr ---\n{self.err}"


def environment(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The test's environment: the checkout first on PYTHONPATH, no custom formats, UTF-8 pipes."""
    env = {k: v for k, v in os.environ.items() if k not in ("JIXIAO_FORMATS", "PYTHONIOENCODING")}
    paths = [str(ROOT)] + [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]
    env["PYTHONPATH"] = os.pathsep.join(paths)
    env["PYTHONIOENCODING"] = "utf-8"
    env.pop("PYTHONUTF8", None)
    if extra:
        for k, v in extra.items():
            if v is None:
                env.pop(k, None)
            else:
                env[k] = v
    return env


def run(*args: object, cwd: Path, env: dict[str, str | None] | None = None) -> Result:
    """`jixiao ARGS` in cwd, in this process; env adds (or, with None, removes) variables.

    An exception that escapes the command (which the command's last resort must never let
    happen) is shown as a traceback in the output, so the tests' no-traceback checks see it.
    """
    from click.testing import CliRunner

    from generator.cli import cli

    try:  # click < 8.2 mixes stderr into stdout unless told not to; 8.2 always keeps both
        runner = CliRunner(mix_stderr=False)
    except TypeError:
        runner = CliRunner()
    here = os.getcwd()
    os.chdir(cwd)
    try:
        result = runner.invoke(
            cli, [str(a) for a in args], env={"JIXIAO_FORMATS": None, **(env or {})},
            prog_name="jixiao",
        )  # fmt: skip
    finally:
        os.chdir(here)
    err = result.stderr
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        trace = traceback.format_exception(*result.exc_info) if result.exc_info else []
        err += "Traceback (escaped the command):\n" + "".join(trace)
    return Result(result.exit_code, result.stdout, err)


def run_process(
    *args: object,
    cwd: Path,
    env: dict[str, str] | None = None,
    encoding: str = "utf-8",
    timeout: float = TIMEOUT,
) -> Result:
    """`python -m generator ARGS` in cwd; output decoded (bad bytes replaced, never an exception)."""
    proc = subprocess.run(
        [sys.executable, "-m", "generator", *map(str, args)],
        cwd=cwd,
        env=environment(env),
        capture_output=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )
    return Result(
        proc.returncode,
        proc.stdout.decode(encoding, "replace"),
        proc.stderr.decode(encoding, "replace"),
    )


def snapshot(*roots: Path) -> dict[str, tuple]:
    """Every file and folder under roots (hidden ones too): kind, mode and content hash."""
    seen: dict[str, tuple] = {}
    for root in roots:
        root = Path(root)
        if not os.path.lexists(root):
            continue
        items = [root] + (
            sorted(root.rglob("*")) if root.is_dir() and not root.is_symlink() else []
        )
        for p in items:
            st = os.lstat(p)
            if stat.S_ISLNK(st.st_mode):
                seen[str(p)] = ("link", os.readlink(p))
            elif stat.S_ISDIR(st.st_mode):
                seen[str(p)] = ("dir", stat.S_IMODE(st.st_mode))
            elif stat.S_ISREG(st.st_mode):
                digest = hashlib.sha256(p.read_bytes()).hexdigest()
                seen[str(p)] = ("file", stat.S_IMODE(st.st_mode), digest)
            else:
                seen[str(p)] = ("other", stat.S_IFMT(st.st_mode))
    return seen


def assert_unchanged(before: dict, after: dict) -> None:
    added = sorted(set(after) - set(before))
    removed = sorted(set(before) - set(after))
    changed = sorted(k for k in set(before) & set(after) if before[k] != after[k])
    assert not (added or removed or changed), (
        f"files changed: added {added}, removed {removed}, changed {changed}"
    )


def assert_no_traceback(r: Result) -> None:
    assert "Traceback" not in r.text, str(r)
    assert "内部错误" not in r.text, str(r)


def assert_chinese_message(r: Result, *fragments: str) -> None:
    """A line of the output is Chinese and holds every fragment (a file, a key, a hint …)."""
    lines = [line for line in r.text.splitlines() if CHINESE.search(line)]
    assert lines, str(r)
    for fragment in fragments:
        assert fragment in r.text, f"{fragment!r} not in output\n{r}"


def located(r: Result, file_name: str, line: int | None = None, key: str | None = None) -> None:
    """The message names the file, and the line (`:12` or `第 12 行`) and/or key path."""
    assert file_name in r.text, f"{file_name!r} not named\n{r}"
    if line is not None:
        assert re.search(rf"(:{line}\b|第 ?{line} ?行)", r.text), f"line {line} not named\n{r}"
    if key is not None:
        assert key in r.text, f"key {key!r} not named\n{r}"


def refused(r: Result, code: int = 1) -> None:
    """Exit code as given, no traceback, some Chinese explanation."""
    assert_no_traceback(r)
    assert r.code == code, str(r)
    assert CHINESE.search(r.text), str(r)


# ---------------------------------------------------------------------------------------------
# Unit files: the minimal valid unit, and variants of it with one thing changed.


def minimal_text() -> str:
    return MINIMAL.read_text(encoding="utf-8")


def line_no(text: str, needle: str) -> int:
    """1-based line of the first line containing needle (counting only \\n, as an editor does)."""
    for n, line in enumerate(text.split("\n"), 1):
        if needle in line:
            return n
    raise AssertionError(f"{needle!r} not in text")


def set_key(text: str, table: str, key: str, literal: str | None) -> str:
    """The text with `"key" = literal` in [table] (replaced, or added after the header);
    literal None removes the key. Only for the plain tables of the minimal unit."""
    lines = text.split("\n")
    header = f'["{table}"]'
    start = lines.index(header)
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("[")), len(lines))
    for i in range(start + 1, end):
        if lines[i].startswith(f'"{key}" ='):
            if literal is None:
                del lines[i]
            else:
                lines[i] = f'"{key}" = {literal}'
            return "\n".join(lines)
    assert literal is not None, f"{table}.{key} not in text"
    lines.insert(start + 1, f'"{key}" = {literal}')
    return "\n".join(lines)


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = Path(folder) / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
    return path


def variant(folder: Path, name: str, table: str, key: str, literal: str | None) -> tuple[Path, int]:
    """A copy of the minimal unit with one key set (or removed); returns (path, line of the key)."""
    text = set_key(minimal_text(), table, key, literal)
    path = write(folder, name, text)
    line = line_no(text, f'"{key}" =') if literal is not None else None
    return path, line


def report_path(unit: Path, out: Path) -> Path:
    """Where `build` writes a unit's report: named by the unit's 简称 (or 名称) and year."""
    from generator.building.unit import target_for

    return target_for(unit, out)


def named(text: str, name: str) -> str:
    """The minimal unit under another 名称: units of one folder need reports of their own names."""
    return set_key(text, "单位", "名称", f'"{name}"')


def check_and_build(folder: Path, unit: Path, out: str = "out") -> tuple[Result, Result]:
    """`check` and `build` of one unit, in folder as the current directory."""
    return run("check", unit.name, cwd=folder), run("build", unit.name, "-o", out, cwd=folder)


def assert_refused_everywhere(
    folder: Path, unit: Path, *fragments: str, line: int | None = None, key: str | None = None
) -> None:
    """check and build both refuse the unit with exit 1, a located Chinese message, no file written."""
    before = snapshot(folder)
    for r in check_and_build(folder, unit):
        refused(r, 1)
        located(r, unit.name, line, key)
        assert_chinese_message(r, *fragments)
    assert_unchanged(before, snapshot(folder))
