"""How `jixiao check` shows a unit: text for a terminal, or one JSON object."""

from __future__ import annotations

from pathlib import Path

from generator.compute.numbers import fmt_number
from generator.errors import Problem
from generator.evaluate import Evaluated


def _line(p: Problem) -> str:
    where = []
    if p.line:
        where.append(f"第 {p.line} 行")
    if p.key:
        where.append(p.key)
    check = f"[{p.check}] " if p.check else ""
    return (
        f"  {p.level} {check}{' '.join(where)}：{p.message}"
        if where
        else f"  {p.level} {check}{p.message}"
    )


def check_text(source: Path, unit: Evaluated | None, problems: list[Problem]) -> str:
    errors = [p for p in problems if p.is_error]
    warnings = [p for p in problems if not p.is_error]
    head = f"{source}" + (f"（格式 {unit.fmt.id}）" if unit else "")
    out = [head, f"  错误 {len(errors)} 个，警告 {len(warnings)} 个"]
    out += [_line(p) for p in errors + warnings]
    if unit is None:
        return "\n".join(out)
    s = unit.fmt.settings
    if unit.computed.corrections:
        out.append("  更正（报告中照此写明）：")
        out += [f"    {c.key}：{c.sentence}" for c in unit.computed.corrections]
    out.append("  计算值：")
    out += [f"    {fig.explain(s)}" for fig in unit.figures.values() if fig.formula]
    if not s.scoring.scored:
        out.append("  指标完成情况（本格式不计分）：")
        for i, (ind, verdict) in enumerate(
            zip(unit.report.indicators, unit.attained, strict=True), 1
        ):
            out.append(
                f"    {i}. {ind.label}：目标 {ind.target or '—'}，实际 {ind.actual or '—'}，{verdict or '未判断'}"
            )
        return "\n".join(out) + "\n"
    out.append("  指标得分（计分说明是报告中的说法）：")
    notes = unit.computed.notes or (None,) * len(unit.scores)
    for i, (ind, scored, note) in enumerate(
        zip(unit.report.indicators, unit.scores, notes, strict=True), 1
    ):
        weight = fmt_number(ind.weight, 2, trim=True)
        if scored is None:
            out.append(f"    {i}. {ind.label}（分值 {weight}）：无法计分")
            continue
        how = "计算" if scored.computed else "给定"
        out.append(
            f"    {i}. {ind.label}（分值 {weight}）：{how} {fmt_number(scored.score, 2)} 分；{scored.explanation}"
        )
        out.append(f"       计分说明：{note}")
    return "\n".join(out) + "\n"


def check_json(source: Path, unit: Evaluated | None, problems: list[Problem]) -> dict:
    result = {
        "文件": str(source),
        "错误": [p.as_json() for p in problems if p.is_error],
        "警告": [p.as_json() for p in problems if not p.is_error],
        "数据": unit.displays() if unit else {},
    }
    if unit is not None:
        s = unit.fmt.settings
        result["格式"] = unit.fmt.id
        result["更正"] = [
            {"键": c.key, "名称": c.name, "原值": c.original, "现值": c.current, "报告": c.sentence}
            for c in unit.computed.corrections
        ]
        result["公式"] = {name: fig.explain(s) for name, fig in unit.figures.items() if fig.formula}
        result["指标"] = [
            {
                "三级": ind.level3,
                "名称": ind.label,
                "分值": fmt_number(ind.weight, 2, trim=True),
                "得分": None if sc is None else fmt_number(sc.score, s.numbers.score_places),
                "规则": None if sc is None else sc.rule,
                "计算": None if sc is None else sc.computed,
                "说明": None if sc is None else sc.explanation,
                "计分说明": note,
            }
            for ind, sc, note in zip(
                unit.report.indicators,
                unit.scores,
                unit.computed.notes or (None,) * len(unit.scores),
                strict=True,
            )
        ]
    return result
