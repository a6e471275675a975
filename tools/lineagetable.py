"""Write generator/compute/lineage_table.py, which figures each fact feeds, traced from the
code: `python tools/lineagetable.py` after changing the model or a figure's formula."""

from __future__ import annotations

from pathlib import Path

from generator.compute.lineage import trace_figure_facts

TARGET = Path(__file__).resolve().parent.parent / "generator" / "compute" / "lineage_table.py"

HEADER = '''"""Figure name → the facts (key paths, indices as []) it is computed from.

Written by `python tools/lineagetable.py` from `lineage.trace_figure_facts`; do not edit.
tests/test_lineage.py fails while it is stale.
"""

FIGURE_FACTS: dict[str, tuple[str, ...]] = {
'''


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render() -> str:
    """The module as ruff formats it: one fact on the key's line, several one per line."""
    rows = []
    for name, paths in sorted(trace_figure_facts().items()):
        facts = sorted(paths)
        if len(facts) == 1:
            rows.append(f"    {_q(name)}: ({_q(facts[0])},),\n")
        else:
            inner = "".join(f"        {_q(p)},\n" for p in facts)
            rows.append(f"    {_q(name)}: (\n{inner}    ),\n")
    return HEADER + "".join(rows) + "}\n"


if __name__ == "__main__":
    TARGET.write_text(render(), encoding="utf-8")
    print(f"wrote {TARGET}")
