"""A normal install works anywhere: build a wheel from this checkout, install it into a fresh
virtual environment outside the checkout (dependencies from the package index, as a user gets
them; within constraints.txt when PIP_CONSTRAINT names it, as in CI's run on the locked versions),
and from an unrelated folder list the six formats and build every example.

Takes half a minute to a minute (creating the environment and installing), so it runs in CI's own
step (`python -m pytest -m ci`), not in the everyday suite.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest
from docx import Document

from generator.building.unit import target_for

ROOT = Path(__file__).resolve().parent.parent
FORMATS = {"standard", "beijing-chaoyang", "town-summary", "henan-pingdingshan", "hebei-qiaoxi",
           "chongqing-bishan"}  # fmt: skip
# What a wheel is built from; nothing else of the checkout may be needed.
SOURCES = ("pyproject.toml", "README.md", "generator", "templates")


def clean_env() -> dict[str, str]:
    """No trace of the checkout: no PYTHONPATH, no custom formats."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "JIXIAO_FORMATS")}
    env["PYTHONIOENCODING"] = "utf-8"
    return env


def run(*args, cwd: Path) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=clean_env(), capture_output=True, timeout=900
    )
    out = result.stdout.decode("utf-8", "replace") + result.stderr.decode("utf-8", "replace")
    assert result.returncode == 0, f"{args}\n{out}"
    return result


@pytest.mark.ci
def test_wheel_installs_and_builds_every_example_from_elsewhere(tmp_path):
    # Build from a copy, so the checkout gets no build/ or *.egg-info.
    src = tmp_path / "src"
    src.mkdir()
    for name in SOURCES:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, src / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(path, src / name)
    dist = tmp_path / "dist"
    run(sys.executable, "-m", "pip", "wheel", src, "-w", dist, "--no-deps", "-q", cwd=tmp_path)
    (wheel,) = dist.glob("jixiao-*.whl")

    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    bindir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    python = bindir / ("python.exe" if os.name == "nt" else "python")
    run(python, "-m", "pip", "install", "-q", wheel, cwd=tmp_path)

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    where = run(python, "-c", "import generator; print(generator.__file__)", cwd=elsewhere)
    assert str(env_dir) in where.stdout.decode(), "the installed package, not the checkout"

    jixiao = bindir / ("jixiao.exe" if os.name == "nt" else "jixiao")
    listed = run(jixiao, "formats", cwd=elsewhere).stdout.decode("utf-8")
    assert {line.split("\t")[0] for line in listed.splitlines()} == FORMATS, listed
    assert "不可用" not in listed

    data = elsewhere / "data"
    shutil.copytree(ROOT / "data" / "examples", data)
    run(jixiao, "build", "data", "-o", "reports", cwd=elsewhere)
    names = sorted(target_for(p, elsewhere / "reports").name for p in data.glob("*.toml"))
    assert sorted(p.name for p in (elsewhere / "reports").glob("*.docx")) == names

    built = elsewhere / "reports" / "璧泉街道办事处2023年度整体支出绩效自评报告.docx"
    report = Document(io.BytesIO(built.read_bytes()))
    text = "\n".join(p.text for p in report.paragraphs)
    assert "重庆市璧山区人民政府璧泉街道办事处" in text
    assert "70.00%" in text
