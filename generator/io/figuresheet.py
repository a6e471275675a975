"""The 计算值 sheet of an exported 自评表: each computed figure, its formula and its inputs."""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet

from generator.compute.figures import TEXT
from generator.compute.numbers import fmt_number
from generator.data.model import Assets, Budget
from generator.data.schema import fields_of
from generator.evaluate import Evaluated
from generator.io import sheetstyle as st
from generator.io.cells import shown_value

# Figures that only repeat a fact of the unit file (年初预算 …): the 自评表 shows those already.
FACTS = {"年度", "单位名称"} | set(fields_of(Budget)) | set(fields_of(Assets))
WIDTHS = [22, 16, 16, 90]
TITLES = ["名称", "数值", "报告中印为", "计算过程"]
SCORE_TITLES = ["序号", "指标", "分值", "得分", "方式", "评分说明"]


def value_cell(ws: Worksheet, row: int, col: int, value, display: str) -> None:
    shown = (
        shown_value(value, display) if value is not None and not isinstance(value, str) else None
    )
    if shown is None:
        st.put(ws, row, col, display)
    else:
        st.put(ws, row, col, shown[0], fmt=shown[1])


def figures_sheet(ws: Worksheet, u: Evaluated) -> None:
    s = u.fmt.settings
    st.set_widths(ws, WIDTHS)
    st.merge(
        ws, 1, 1, 4, f"{u.report.unit.name} {u.report.unit.year}年度 计算值", st.TITLE, border=False
    )
    ws.row_dimensions[1].height = 28
    st.merge(
        ws,
        2,
        1,
        4,
        "由 jixiao 按单位数据精确计算，印出时四舍五入；不要在此修改，改数据后重新导出。",
        st.SUBTITLE,
        st.LEFT,
        border=False,
    )
    st.header_row(ws, 3, TITLES)
    r = 4
    for name, fig in u.figures.items():
        if name in FACTS:
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
    if s.scoring.scored and u.report.indicators:
        r += 1
        st.merge(ws, r, 1, 4, "指标得分", st.BOLD, st.LEFT, border=False)
        r += 1
        widths = [22, 16, 16, 90]
        # the second table shares the four columns: 序号+指标 | 分值 | 得分 | 方式与说明
        st.header_row(ws, r, ["指标", "分值", "得分", "评分说明"])
        r += 1
        n = s.numbers
        for i, (ind, sc) in enumerate(zip(u.report.indicators, u.scores, strict=True), 1):
            st.put(ws, r, 1, f"{i}. {ind.label}", align=st.LEFT)
            value_cell(
                ws, r, 2, ind.weight, fmt_number(ind.weight, n.score_places, trim=n.trim_scores)
            )
            if sc is None:
                st.put(ws, r, 3, "—")
                why = next(
                    (m for k, m in u.computed.score_errors.items() if k.startswith(f"指标[{i}]")),
                    "无法计分",
                )
            else:
                value_cell(
                    ws, r, 3, sc.score, fmt_number(sc.score, n.score_places, trim=n.trim_scores)
                )
                why = ("计算：" if sc.computed else "给定：") + sc.explanation
            st.put(ws, r, 4, why, align=st.LEFT)
            st.fit_height(ws, r, [(why, widths[3]), (f"{i}. {ind.label}", widths[0])], minimum=18)
            r += 1
    st.a4(ws, landscape=True, repeat="3:3", area=f"A1:D{r - 1}")
