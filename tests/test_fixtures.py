"""The unit files in tests/fixtures: a minimal unit per format, and cases named by what they show.

Each file says its case on its first line; each case is used by a test; each minimal unit builds.
"""

import tomllib

import pytest
from conftest import FIXTURES, ROOT, built

from generator.evaluate import evaluate

NAMES = sorted(p.stem for p in FIXTURES.glob("*.toml"))
FORMATS = sorted(p.parent.name for p in (ROOT / "templates").glob("*/settings.toml"))


def test_each_fixture_says_its_case_on_its_first_line():
    for name in NAMES:
        first = (FIXTURES / f"{name}.toml").read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# ") and len(first) > 10, name


def test_each_fixture_but_the_broken_one_is_valid_toml():
    for name in NAMES:
        if name != "chongqing-toml-unclosed-array":
            tomllib.loads((FIXTURES / f"{name}.toml").read_text(encoding="utf-8"))


def test_each_case_is_used_by_a_test():
    tests = "".join(
        p.read_text(encoding="utf-8")
        for p in FIXTURES.parent.glob("test_*.py")
        if p.name != "test_fixtures.py"
    )
    cases = [n for n in NAMES if not n.startswith("minimal-")]
    assert [n for n in cases if n not in tests] == []


@pytest.mark.parametrize("format_id", FORMATS)
def test_each_format_has_a_minimal_unit_that_builds(format_id, fixture):
    path = fixture(f"minimal-{format_id}")
    assert evaluate(path).fmt.id == format_id
    built(path)  # no errors, and the format's template renders it
