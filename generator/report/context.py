"""What a template sees: the facts in Chinese keys, every computed figure, and the filters.

No arithmetic here: every number comes from the unit's figures (`compute/`), so `jixiao check`
lists and `jixiao diff` compares each one the report prints.
"""

from __future__ import annotations

from generator.compute.figures import RATE, show, source_rate_name
from generator.compute.measures import MET, is_qualitative
from generator.compute.scores import LEVELS, group_names, groups, rate_is_actual, row_rate_name
from generator.compute.scoring import uses_execution_rate
from generator.evaluate import Evaluated


def indicators(u: Evaluated) -> list[dict]:
    s = u.fmt.settings
    rows = []
    rate = u.figures.get("预算执行率")
    for i, (row, scored, ind) in enumerate(
        zip(u.data["指标"], u.scores, u.report.indicators, strict=True), 1
    ):
        row = dict(row)
        row["序号"] = i
        if scored is not None:
            row["得分"] = scored.score
            row["规则"] = scored.rule
            if not scored.computed and ind.reason and not row.get("偏差原因"):
                row["偏差原因"] = ind.reason  # the evaluator's reason, in the column formats print
            if rate_is_actual(ind, scored) and rate is not None:
                row["实际值"] = rate.display(s)
        # 计分说明 is the score in the report's words; the rule's arithmetic (Scored.explanation)
        # is tool wording that `jixiao check` lists and the context leaves out.
        row["计分说明"] = u.computed.notes[i - 1] if u.computed.notes else None
        target = u.figures.get("预算执行率目标值")
        if target is not None and uses_execution_rate(ind) and not row.get("指标值"):
            row["指标值"] = target.display(s)
        figure = u.figures.get(row_rate_name(i, ind))
        row["得分率"] = figure.display(s) if figure else show(None, RATE, s)
        row["达成情况"] = u.attained[i - 1] if u.attained else None
        row["定性"] = is_qualitative(row.get("指标值"), s.qualitative)
        rows.append(row)
    return rows


def level_groups(u: Evaluated, rows: list[dict], level: str) -> list[dict]:
    """Indicators grouped by 一级 (or 二级) in order of first appearance, with their subtotals."""
    s = u.fmt.settings
    out = []
    for name, members in groups(u.report.indicators, level).items():
        weight, score, rate = (u.figures.get(n) for n in group_names(level, name))
        mine = [rows[n] for n in members]
        out.append(
            {
                "名称": name,
                "一级": mine[0]["一级"],
                "指标": mine,
                "分值": weight.value if weight else None,
                "得分": score.value if score else None,
                "得分率": rate.display(s) if rate else show(None, RATE, s),
                "全部达成": all(r["达成情况"] == MET for r in mine),
            }
        )
    return out


def sources(u: Evaluated) -> list[dict]:
    """预算.来源, each with its 执行率 figure as printed (— where the data can't give it)."""
    s = u.fmt.settings
    rows = []
    for i, row in enumerate(u.data["预算"]["来源"], 1):
        figure = u.figures.get(source_rate_name(i))
        rows.append(dict(row) | {"执行率": figure.display(s) if figure else show(None, RATE, s)})
    return rows


def build_context(u: Evaluated) -> dict:
    s = u.fmt.settings
    context = dict(u.data)
    context["预算"] = dict(u.data["预算"]) | {"来源": sources(u)}
    rows = indicators(u)
    context["指标"] = rows
    # A format's own data (settings 字段): every declared key is there, None where not given.
    context["扩展"] = {f.key: None for f in s.fields} | dict(u.data.get("扩展") or {})
    for level in LEVELS:
        context[f"{level}指标"] = level_groups(u, rows, level)
    context["更正说明"] = [c.sentence for c in u.computed.corrections]
    context["数据"] = u.displays()
    context["数值"] = {name: fig.value for name, fig in u.figures.items()}
    context["格式"] = {
        "编号": u.fmt.id,
        "名称": s.name,
        "地区": s.region,
        "等级": [{"名称": g.name, "下限": g.lower} for g in s.grades],
        "附录计分说明": s.report.scoring_appendix,
    }
    return context
