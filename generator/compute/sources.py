"""Which data keys each computed figure is made from: so a message about a figure the data
cannot give (in a template or in a {reference}) names the key to fill."""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from typing import Any

from generator.compute.figures import fact_figures
from generator.data.model import Assets, Budget, Report, Source
from generator.data.schema import fields_of, walk

# Figures not read off the budget and asset amounts: staff counts, funds outside the accounts.
_OTHER_SOURCES = {
    "在职人数": ("人员编制.在职人数", "人员编制.类别[每类在职人员].实有"),
    "核定编制合计": ("人员编制.类别",),
    "控制编制合计": ("人员编制.类别",),
    "实有人数合计": ("人员编制.类别",),
    "在职人员控制率": ("人员编制.类别",),
    "决算外年初预算": ("预算.决算外资金",),
    "决算外支出": ("预算.决算外资金",),
    "全部资金年初预算": ("预算.决算外资金",),
    "全部资金支出": ("预算.决算外资金",),
}


@cache
def figure_sources() -> dict[str, tuple[str, ...]]:
    """Figure name → the data keys it is computed from; found by computing a unit with every
    amount given, so the map cannot drift from `figures.py`."""
    keys: dict[str, str] = {}
    sections: dict[str, Any] = {}
    for table, cls in (("预算", Budget), ("资产", Assets)):
        values: dict[str, Any] = {}
        for key, (f, typ) in fields_of(cls).items():
            keys[key] = f"{table}.{key}"
            if typ is Decimal:
                values[f.name] = Decimal(1)
            elif typ is int:
                values[f.name] = 1
        sections[table] = cls(**values)
    sections["预算"].outside = [Source(name="x", initial=Decimal(1), spent=Decimal(1))]
    report = Report(budget=sections["预算"], assets=sections["资产"])  # type: ignore[call-arg]
    out: dict[str, tuple[str, ...]] = dict(_OTHER_SOURCES)
    for name, fig in fact_figures(report).items():
        if name in keys:
            out[name] = (keys[name],)
        elif name not in out:
            found = tuple(dict.fromkeys(keys[label] for label, _, _ in fig.inputs if label in keys))
            if found:
                out[name] = found
    return out


def missing_sources(name: str, report: Report) -> list[str]:
    """The data keys behind a figure that the unit does not give (all of them if it gives each)."""
    sources = figure_sources().get(name, ())
    given = {key for key, _, _ in walk(report)}
    missing = [
        k for k in sources if not any(g == k or g.startswith((k + ".", k + "[")) for g in given)
    ]
    return missing or list(sources)
