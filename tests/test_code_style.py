"""The habits CI holds to: ruff lint and format (here, under a second), mypy on the package (in
CI's own step: `python -m pytest -m ci`; half a minute from a cold cache)."""

import os
import subprocess
import sys

import pytest
from conftest import ROOT

PATHS = ["generator", "tests", "tools", "bench"]


def run(*args: str) -> subprocess.CompletedProcess:
    # mypy counts PYTHONPATH folders as installed packages: with the checkout on PYTHONPATH, a
    # missing optional module (generator.io before the Excel work lands) reads as "installed but
    # untyped" instead of "not found", which the code's type: ignore comments do not cover.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, env=env
    )


def test_ruff_lint_is_clean():
    result = run("ruff", "check", *PATHS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_is_applied():
    result = run("ruff", "format", "--check", *PATHS)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.ci
def test_mypy_is_clean_on_the_package():
    result = run("mypy")
    assert result.returncode == 0, result.stdout + result.stderr
