"""The 统计图 sheet of the summary workbook: 总分 by unit and the distribution of grades.

Units are named by their full names. Grades are counted on one scale: the scale of the first
format present, best first; another format's grades of the same number count by rank (河北的
优秀/良好/一般/较差 as 优/良/中/差), and a note under the table says so.
"""

from __future__ import annotations

from openpyxl.chart import BarChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.worksheet.worksheet import Worksheet

from generator.compute.across import rank_map
from generator.io.writing import sheetstyle as st
from generator.io.writing.summary_cells import SCORE_FORMAT, UnitLine, figure_cell, value_of


def grade_scales(lines: list[UnitLine]) -> list[list[str]]:
    """The grade scales of the formats present, each best first, the first unit's first."""
    scales: list[list[str]] = []
    for line in lines:
        if line.unit is not None and line.unit.fmt.settings.scoring.scored:
            grades = sorted(line.unit.fmt.settings.grades, key=lambda g: g.lower, reverse=True)
            scale = [g.name for g in grades]
            if scale not in scales:
                scales.append(scale)
    return scales


def values_only() -> DataLabelList:
    """Data labels with the value alone (LibreOffice adds series and category names otherwise)."""
    return DataLabelList(
        showVal=True,
        showSerName=False,
        showCatName=False,
        showLegendKey=False,
        showPercent=False,
        showLeaderLines=False,
    )


def scale_note(scales: list[list[str]], mapping: dict[str, str]) -> str:
    mapped = [s for s in scales[1:] if any(mapping[n] != n for n in s)]
    return "；".join(
        "、".join(s) + " 按次序计为 " + "、".join(mapping[n] for n in s) for s in mapped
    )


def charts_sheet(ws: Worksheet, lines: list[UnitLine]) -> None:
    """Two small tables (the charts' data) and a chart beside each."""
    ranked = sorted(
        ((ln, t) for ln in lines if not ln.errors if (t := value_of(ln.unit, "总分")) is not None),
        key=lambda lt: lt[1],
        reverse=True,
    )
    usable = [ln for ln, _t in ranked]  # a ranking, best first
    left_out = len([ln for ln in lines if ln.unit is None or ln.errors])
    st.set_widths(ws, [34, 10, 4, 12, 10])
    st.header_row(ws, 1, ["单位", "总分"])
    for i, (line, score) in enumerate(ranked, 2):
        st.put(ws, i, 1, line.name, align=st.LEFT)
        figure_cell(ws, i, 2, score, SCORE_FORMAT)
        st.fit_height(ws, i, [(line.name, 34)])
    st.header_row(ws, 1, ["等级", "单位数"], first=4)
    scales = grade_scales(usable)
    mapping = rank_map(scales)
    grades = list(dict.fromkeys(mapping[n] for s in scales for n in s))
    for i, name in enumerate(grades, 2):
        st.put(ws, i, 4, name)
        st.put(ws, i, 5, sum(1 for ln in usable if mapping.get(ln.display("等级") or "") == name))
    note = scale_note(scales, mapping)
    if note:  # under both tables, across them
        row = max(len(usable), len(grades)) + 3
        st.merge(ws, row, 1, 5, "注：" + note, st.SUBTITLE, st.LEFT_TOP, border=False)
        st.fit_height(ws, row, [("注：" + note, 70)])
    excluded = f"（不含有错误的 {left_out} 个单位）" if left_out else ""
    if usable:
        bars = BarChart()
        bars.type, bars.style = "bar", 10
        bars.title = "各单位总分" + excluded
        bars.y_axis.title = bars.x_axis.title = None  # the chart title says 总分
        bars.y_axis.scaling.min, bars.y_axis.scaling.max = 0, 100
        bars.y_axis.majorGridlines = None
        bars.add_data(
            Reference(ws, min_col=2, min_row=1, max_row=len(usable) + 1), titles_from_data=True
        )
        bars.set_categories(Reference(ws, min_col=1, min_row=2, max_row=len(usable) + 1))
        bars.x_axis.scaling.orientation = "maxMin"  # the best at the top, as in the table
        bars.legend = None
        bars.dataLabels = values_only()
        bars.y_axis.numFmt, bars.y_axis.majorUnit = "0", 20
        bars.x_axis.delete = bars.y_axis.delete = False
        bars.height, bars.width = max(7.5, 1.0 * len(usable) + 3), 22
        ws.add_chart(bars, "G1")
    if grades:
        dist = BarChart()
        dist.type, dist.style = "col", 10
        dist.title = "等级分布" + excluded
        dist.y_axis.title = "单位数"
        dist.y_axis.majorUnit = 1
        dist.y_axis.scaling.min = 0
        dist.add_data(
            Reference(ws, min_col=5, min_row=1, max_row=len(grades) + 1), titles_from_data=True
        )
        dist.set_categories(Reference(ws, min_col=4, min_row=2, max_row=len(grades) + 1))
        dist.legend = None
        dist.dataLabels = values_only()
        dist.y_axis.numFmt = "0"
        dist.x_axis.delete = dist.y_axis.delete = False
        dist.height, dist.width = 7.5, 22
        ws.add_chart(dist, f"G{max(18, len(usable) + 6)}")
    st.a4(ws, landscape=True)
