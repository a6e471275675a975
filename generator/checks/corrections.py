"""Corrections (更正): each names a fact the data holds, and really changes it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.checks.base import ERROR, WARNING, Reporter, check

if TYPE_CHECKING:
    from generator.compute.unit import Computed


@check("correction.key", ERROR, "每条更正的“键”是数据中已填写的键")
def key_known(unit: Computed, report: Reporter) -> None:
    for i, c in enumerate(unit.corrections, 1):
        if not c.found:
            report(
                f"更正的键“{c.key}”在数据中没有值：请写被更正的键（如 预算.调整预算、"
                f"评价.开始日期），并在该键填上更正后的值",
                f"更正[{i}].键",
            )


@check("correction.same", WARNING, "更正的原值与数据中的现值不同")
def really_changed(unit: Computed, report: Reporter) -> None:
    for i, c in enumerate(unit.corrections, 1):
        if c.found and c.original == c.current:
            report(
                f"“{c.name}”的原值与现值都是 {c.current}：报告会说它被更正为同一个数。"
                f"请核对“原值”，或删去这条更正",
                f"更正[{i}].原值",
            )
