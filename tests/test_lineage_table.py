"""The stored table of which facts feed which figure is the one the code traces."""

from generator.compute.lineage import figure_facts, trace_figure_facts
from generator.compute.lineage_table import FIGURE_FACTS


def test_the_stored_lineage_is_what_the_code_traces():
    traced = trace_figure_facts()
    assert figure_facts() == traced, (
        "generator/compute/lineage_table.py is stale: run `python tools/lineagetable.py`"
    )


def test_the_table_names_the_budget_figures_and_their_facts():
    assert set(FIGURE_FACTS["预算执行率"]) == {"预算.执行数", "预算.调整预算"}
    assert len(FIGURE_FACTS) > 50
