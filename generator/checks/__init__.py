"""The catalogue of checks run on every unit: identities, scores, plausibility and prose.

Each check has an id and a level; an error blocks the build, a warning does not. The catalogue
is this explicit list, in the order findings are reported.
"""

from __future__ import annotations

from generator.checks import (
    budget,
    corrections,
    extension,
    identity,
    plausibility,
    printed,
    prose,
    scores,
    stated,
    year,
)
from generator.checks.base import Check, Reporter
from generator.compute.unit import Computed
from generator.errors import Findings, Problem

CATALOGUE: tuple[Check, ...] = (
    budget.parts_within,
    budget.supplement,
    budget.zero_adjusted,
    budget.overspent,
    budget.adjusted_down,
    budget.outside_final,
    budget.evaluation_order,
    identity.spending,
    identity.budget_parts,
    identity.sources,
    identity.source_spending,
    identity.net_assets,
    identity.staff,
    plausibility.low_execution,
    plausibility.unit_slip,
    plausibility.staff_over,
    plausibility.dates,
    plausibility.no_actual,
    plausibility.placeholder_name,
    plausibility.decimals,
    prose.references,
    prose.stale,
    prose.typed,
    stated.own_number,
    stated.denial,
    year.unconfirmed,
    year.other_year,
    year.stale_grade,
    scores.unscorable,
    scores.score_range,
    scores.weights_total,
    scores.rule_disagrees,
    scores.level_weights,
    scores.total_stated,
    scores.grade_stated,
    scores.readable,
    scores.unscored_weights,
    corrections.key_known,
    corrections.really_changed,
    printed.missing,
    printed.unprinted,
    extension.extra,
)


def run_checks(
    unit: Computed, only: set[str] | None = None, tolerate: bool = False
) -> tuple[Problem, ...]:
    """The findings of every check in the catalogue (or those named) on a computed unit.

    With `tolerate` (some values are missing or unusable, and already reported), a check that
    trips over such a value is skipped rather than stopping the others.
    """
    found = Findings()
    for c in CATALOGUE:
        if only is None or c.id in only:
            try:
                c.run(unit, Reporter(found, c))
            except (TypeError, AttributeError, ArithmeticError, ValueError):
                if not tolerate:
                    raise
    return tuple(found.items)
