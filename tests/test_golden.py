"""Golden text dumps of every example's report: a change to any report shows up in review.

Set JIXIAO_UPDATE_GOLDEN=1 to rewrite the golden files after an intended change.
"""

import os

import pytest
from conftest import EXAMPLES, ROOT
from docxdump import dump

from generator.evaluate import evaluate
from generator.report.render import render

GOLDEN = ROOT / "tests" / "golden"
UNITS = sorted(p.stem for p in EXAMPLES.glob("*.toml"))


@pytest.mark.parametrize("stem", UNITS)
def test_example_matches_golden_dump(stem):
    unit = evaluate(EXAMPLES / f"{stem}.toml")
    assert [str(p) for p in unit.errors] == []
    text = dump(render(unit))
    golden = GOLDEN / f"{stem}.txt"
    if os.environ.get("JIXIAO_UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert golden.exists(), (
        f"no golden dump for {stem}: run with JIXIAO_UPDATE_GOLDEN=1, review, commit"
    )
    assert text == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("stem", UNITS)
def test_output_is_byte_identical_run_after_run(stem):
    first = render(evaluate(EXAMPLES / f"{stem}.toml"))
    second = render(evaluate(EXAMPLES / f"{stem}.toml"))
    assert first == second
