"""Every check in the catalogue is planted in a fixture named by its case and must be reported.

Removing a check from the catalogue makes its plant go unreported and this test fail; adding a
check without a plant fails `test_every_check_has_a_plant`.
"""

import re

import pytest
from click.testing import CliRunner

from generator.checks import CATALOGUE
from generator.cli.main import cli
from generator.evaluate import evaluate

PLANTS = {
    "identity.spending": "chongqing-basic-spending-off-by-10",
    "identity.budget-parts": "standard-budget-parts-short",
    "identity.sources": "chongqing-fund-spending-transposed",
    "identity.source-spending": "chongqing-fund-spending-transposed",
    "identity.net-assets": "chongqing-net-assets-off-by-0.41",
    "identity.staff": "chongqing-staff-total-off-by-one",
    "identity.parts-within": "town-bond-funds-above-total",
    "score.unscorable": "chongqing-actual-unreadable",
    "score.range": "chongqing-score-above-weight",
    "score.weights-total": "chongqing-weights-total-101",
    "score.rule-disagrees": "chongqing-stated-score-disagrees",
    "score.level-weights": "standard-level-weights-moved",
    "score.total-stated": "chongqing-stated-total-wrong",
    "score.grade-stated": "chongqing-stated-grade-wrong",
    "indicator.unscored-weights": "beijing-weight-in-unscored-format",
    "indicator.readable": "beijing-target-unreadable",
    "data.date-order": "hebei-evaluation-ends-before-it-starts",
    "plausible.overspent": "chongqing-spent-above-budget",
    "budget.zero-adjusted": "chongqing-adjusted-budget-zero-with-spending",
    "plausible.decimals": "chongqing-adjusted-budget-three-decimals",
    "plausible.supplement": "chongqing-supplement-disagrees",
    "plausible.adjusted-down": "chongqing-budget-adjusted-down",
    "plausible.outside-final": "minimal-henan-pingdingshan",
    "plausible.low-execution": "minimal-chongqing-bishan",
    "plausible.unit-slip": "chongqing-fund-income-in-yuan",
    "plausible.staff-over": "chongqing-staff-over-approved",
    "plausible.dates": "hebei-evaluation-dated-in-the-year",
    "plausible.no-actual": "chongqing-actual-missing",
    "plausible.placeholder-name": "minimal-town-summary",
    "prose.reference": "chongqing-reference-misspelt",
    "prose.stale-number": "chongqing-typed-rate-disagrees",
    "prose.typed-number": "chongqing-typed-rate-agrees",
    "prose.indicator-number": "chongqing-indicator-text-keeps-last-actual",
    "prose.denial": "chongqing-forest-fire-denied",
    "prose.unconfirmed": "stale-prose-2024",
    "prose.year": "stale-prose-2024",
    "prose.stale-grade": "stale-prose-2024",
    "format.unprinted": "assets-for-standard",
    "format.missing": "standard-other-spending-missing",
    "format.extra": "standard-extra-undeclared",
    "correction.key": "chongqing-correction-key-misspelt",
    "correction.same": "chongqing-correction-changes-nothing",
}


def test_every_check_has_a_plant():
    assert {c.id for c in CATALOGUE} == set(PLANTS)


@pytest.mark.parametrize("check_id", sorted(PLANTS))
def test_planted_problem_is_reported(check_id, fixture):
    unit = evaluate(fixture(PLANTS[check_id]))
    found = [p for p in unit.problems if p.check == check_id]
    level = next(c.level for c in CATALOGUE if c.id == check_id)
    assert found, f"{check_id} not reported; got {[str(p) for p in unit.problems]}"
    assert all(p.level == level and p.key and p.message for p in found)


ERRORS = sorted(c.id for c in CATALOGUE if c.level == "错误")
HEADER = re.compile(r"^\s*(\[\[?)\s*(.+?)\s*\]\]?\s*(?:#.*)?$")
KEY = re.compile(r'^\s*"([^"]+)"\s*=\s*(.*)$')
LAST_PART = re.compile(r"(\[\d+\]|\.[^.\[]+)$")


def written_at(text: str) -> dict[str, int]:
    """Key path → line, for tables, keys and the elements of arrays written one a line."""
    found: dict[str, int] = {}
    arrays: dict[str, int] = {}  # [[表]] → how many so far
    table, array, element = "", "", 0  # the array whose elements are being read, one a line
    for number, line in enumerate(text.split("\n"), 1):
        header, key = HEADER.match(line), KEY.match(line)
        if array and not line.strip():
            continue
        if array and line.strip().startswith("]"):
            array = ""
        elif array:
            element += 1
            found.setdefault(f"{array}[{element}]", number)
        elif header and not key:
            name = ".".join(re.findall(r'"([^"]+)"', header.group(2)))
            if header.group(1) == "[[":
                arrays[name] = arrays.get(name, 0) + 1
                name = f"{name}[{arrays[name]}]"
            table = name
            found.setdefault(table, number)
        elif key:
            path = f"{table}.{key.group(1)}" if table else key.group(1)
            found.setdefault(path, number)
            if key.group(2).strip() == "[":
                array, element = path, 0
    return found


def line_of(text: str, key: str) -> int | None:
    """The line of a key path, or else of the nearest table or key around it."""
    found = written_at(text)
    while key and key not in found:
        key = LAST_PART.sub("", key) if LAST_PART.search(key) else ""
    return found.get(key)


@pytest.mark.parametrize("check_id", ERRORS)
def test_check_exits_1_and_names_the_line_of_each_error(check_id, fixture):
    path = fixture(PLANTS[check_id])
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code == 1, result.output
    text = path.read_text(encoding="utf-8")
    keys = [p.key for p in evaluate(path).problems if p.check == check_id]
    assert keys
    for key in keys:
        line = line_of(text, key)
        where = f"第 {line} 行 {key}" if line else key
        assert f"错误 [{check_id}] {where}：" in result.output
