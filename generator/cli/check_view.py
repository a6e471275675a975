"""How `jixiao check` shows a unit: text for a terminal, one line (brief), or one JSON object;
and the summary that closes a check of several units."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from generator.cli import options
from generator.compute.numbers import fmt_number
from generator.errors import Problem

if TYPE_CHECKING:  # the pipeline loads when check runs, not with the command line
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
    held = standing(unit, len(errors))
    out = [
        head,
        f"  错误 {len(errors)} 个，警告 {len(warnings)} 个" + (f"；{held}" if held else ""),
    ]
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


BRIEF_OVER = options.BRIEF_OVER
MESSAGE_WIDTH = 40


def _cut(text: str, width: int = MESSAGE_WIDTH) -> str:
    return text if len(text) <= width else text[:width] + "…"


def standing(unit: Evaluated | None, errors: int) -> str:
    """总分 and 等级 as the report would print them, where the unit has them."""
    if unit is None or errors:
        return ""
    if not unit.fmt.settings.scoring.scored:
        return "不计分"
    if "总分" not in unit.figures:
        return ""
    return f"总分 {unit.display('总分')}，等级 {unit.display('等级')}"


def brief_line(source: Path, unit: Evaluated | None, problems: list[Problem]) -> str:
    """One line for a unit: its standing, or how many problems and the first error."""
    errors = [p for p in problems if p.is_error]
    warnings = len(problems) - len(errors)
    head = f"{source}" + (f"（{unit.fmt.id}）" if unit else "")
    counts = f"错误 {len(errors)} 个，警告 {warnings} 个"
    if not errors:
        return f"{head}：{standing(unit, 0)}；{counts}".replace("：；", "：")
    first = errors[0]
    where = f"第 {first.line} 行 " if first.line else ""
    return f"{head}：{counts}；{where}{first.key or ''}：{_cut(first.message)}"


class Tally:
    """What a check of several units found, for the closing summary."""

    def __init__(self) -> None:
        self.units: list[tuple[Path, Evaluated | None, list[Problem]]] = []

    def add(self, source: Path, unit: Evaluated | None, problems: list[Problem]) -> None:
        self.units.append((source, None if unit is None else unit, problems))

    def lines(self, brief: bool) -> list[str]:
        failed = sum(any(p.is_error for p in ps) for _, _, ps in self.units)
        errors = sum(p.is_error for _, _, ps in self.units for p in ps)
        warnings = sum(not p.is_error for _, _, ps in self.units for p in ps)
        out = []
        if not brief:  # the long form ends with each unit's standing, as the brief form shows it
            out += ["汇总："] + [f"  {brief_line(*u)}" for u in self.units]
        out.append(
            f"共 {len(self.units)} 个单位：无错误 {len(self.units) - failed} 个，有错误 {failed} 个；"
            f"错误共 {errors} 个，警告共 {warnings} 个"
        )
        if brief and (errors or warnings):
            out.append("逐项查看：jixiao check 文件（或加 --full 列出每个单位的全部信息）")
        return out
