"""The 计算值 sheet of an exported 自评表: each computed figure, its formula and its inputs."""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet

from generator.compute.figure_kinds import is_echo
from generator.compute.figures import TEXT
from generator.compute.numbers import fmt_number
from generator.evaluate import Evaluated
from generator.io.cells import shown_value
from generator.io.writing import sheetstyle as st

WIDTHS = [32, 14, 14, 84]
TITLES = ["名称", "数值", "报告中印为", "计算过程"]
SCORE_TITLES = ["指标", "分值", "得分", "评分说明"]


def value_cell(ws: Worksheet, row: int, col: int, value, display: str) -> None:
    shown = (
        shown_value(value, display) if value is not None and not isinstance(value, str) else None
    )
    if shown is None:
        st.put(ws, row, col, display)
    else:
        st.put(ws, row, col, shown[0], fmt=shown[1])


def heading(ws: Worksheet, u: Evaluated, what: str, titles: list[str]) -> None:
    st.set_widths(ws, WIDTHS)
    title = f"{u.report.unit.name} {u.report.unit.year}年度 {what}"
    st.merge(ws, 1, 1, 4, title, st.TITLE, border=False)
    ws.row_dimensions[1].height = 28
    note = "由 jixiao 按单位数据精确计算，印出时四舍五入；不要在此修改，改数据后重新导出。"
    st.merge(ws, 2, 1, 4, note, st.SUBTITLE, st.LEFT, border=False)
    st.header_row(ws, 3, titles)


def figures_sheet(ws: Worksheet, u: Evaluated) -> None:
    """Every computed figure: its value (a number), as the report prints it, and how it came about."""
    s = u.fmt.settings
    heading(ws, u, "计算值", TITLES)
    r = 4
    for name, fig in u.figures.items():
        if is_echo(name):  # the 自评表 shows the unit's own amounts already
            continue
        display = fig.display(s)
        st.put(ws, r, 1, name, align=st.LEFT)
        if fig.kind == TEXT:
            st.put(ws, r, 2, display)
        else:
            value_cell(ws, r, 2, fig.value, display)
        st.put(ws, r, 3, display)
        explain = fig.explain(s)
        st.put(ws, r, 4, explain, align=st.LEFT)
        st.fit_height(ws, r, [(explain, WIDTHS[3]), (name, WIDTHS[0])], minimum=18)
        r += 1
    st.a4(ws, landscape=True, repeat="3:3")  # no print area: hidden, it is not printed


def scores_sheet(ws: Worksheet, u: Evaluated) -> None:
    """How each indicator was scored: by the rule (计算) or by the evaluator (给定)."""
    n = u.fmt.settings.numbers
    heading(ws, u, "指标得分", SCORE_TITLES)
    r = 4
    for i, (ind, sc) in enumerate(zip(u.report.indicators, u.scores, strict=True), 1):
        st.put(ws, r, 1, f"{i}. {ind.label}", align=st.LEFT)
        value_cell(ws, r, 2, ind.weight, fmt_number(ind.weight, n.score_places, trim=n.trim_scores))
        if sc is None:
            st.put(ws, r, 3, "—")
            errors = u.computed.score_errors.items()
            why = next((m for k, m in errors if k.startswith(f"指标[{i}]")), "无法计分")
        else:
            value_cell(ws, r, 3, sc.score, fmt_number(sc.score, n.score_places, trim=n.trim_scores))
            why = ("计算：" if sc.computed else "给定：") + sc.explanation
        st.put(ws, r, 4, why, align=st.LEFT)
        st.fit_height(ws, r, [(why, WIDTHS[3]), (f"{i}. {ind.label}", WIDTHS[0])], minimum=18)
        r += 1
    st.a4(ws, landscape=True, repeat="3:3")  # no print area: hidden, it is not printed
