"""Every check in the catalogue is planted in a fixture named by its case and must be reported.

Removing a check from the catalogue makes its plant go unreported and this test fail; adding a
check without a plant fails `test_every_check_has_a_plant`.
"""

import pytest

from generator.checks import CATALOGUE
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
