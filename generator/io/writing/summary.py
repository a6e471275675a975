"""`jixiao summary`: one workbook across many units, for an evaluation firm's client or a bureau.

Sheet 汇总: a row per unit (units with errors too, with their first error); every number is
stored as a number whose format prints it as `jixiao check --json` shows it. Sheet 指标: every
indicator of every unit. Sheet 统计图: 总分 by unit and the distribution of grades, as charts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from openpyxl.chart import BarChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.styles import PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from generator.compute.numbers import fmt_number
from generator.compute.scores import rate_is_actual
from generator.errors import JixiaoError, Problem
from generator.evaluate import Evaluated
from generator.examine import examine
from generator.io.cells import shown_value
from generator.io.writing import sheetstyle as st
from generator.report.write import atomic_write

COLUMNS = [
    "单位",
    "年度",
    "格式",
    "年初预算（万元）",
    "调整预算（万元）",
    "执行数（万元）",
    "预算执行率",
    "总分",
    "等级",
    "错误数",
    "警告数",
    "第一个错误",
    "文件",
]
FIGURES = [
    "年初预算",
    "调整预算",
    "执行数",
    "预算执行率",
    "总分",
]  # columns 4–8, as check shows them
INDICATOR_COLUMNS = [
    "单位",
    "序号",
    "一级指标",
    "二级指标",
    "三级指标",
    "指标值",
    "实际值",
    "分值",
    "得分",
    "得分方式",
]
ERROR_FILL = PatternFill("solid", fgColor="FDE9E7")


@dataclass
class UnitLine:
    """One unit as the summary shows it."""

    path: Path
    name: str
    year: object
    format: str = ""
    unit: Evaluated | None = None
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def display(self, name: str) -> str | None:
        if self.unit is None or name not in self.unit.figures:
            return None
        return self.unit.display(name)


def problem_text(p: Problem) -> str:
    where = " ".join(x for x in (f"第 {p.line} 行" if p.line else "", p.key) if x)
    return f"{where}：{p.message}" if where else p.message


def line_of(path: Path, format_id: str | None) -> UnitLine:
    e = examine(path, format_id)
    unit = e.loaded.data.get("单位") if e.loaded is not None else None
    named = unit if isinstance(unit, dict) else {}  # as written, when it could not be evaluated
    r = e.unit.report.unit if e.unit is not None else None
    name = r.name if r is not None else named.get("名称") or path.stem
    year = r.year if r is not None else named.get("年度")
    fmt = e.unit.fmt.id if e.unit is not None else e.format_id or ""
    return UnitLine(path, str(name), year, fmt, e.unit, e.errors, e.warnings)


def collect(paths: list[Path], format_id: str | None = None) -> list[UnitLine]:
    return [line_of(Path(p), format_id) for p in paths]


def number_or_text(
    ws: Worksheet, row: int, col: int, value, display: str | None, font=st.BODY
) -> None:
    if display is None:
        st.put(ws, row, col, None, font)
        return
    shown = shown_value(value, display) if isinstance(value, Decimal) else None
    if shown is None:
        st.put(ws, row, col, display, font)
    else:
        st.put(ws, row, col, shown[0], font, fmt=shown[1])


def autofit(
    ws: Worksheet, rows: list[list[str]], limits: dict[int, float] | None = None
) -> list[float]:
    """Column widths from the longest text in each column (capped where the text wraps)."""
    limits = limits or {}
    widths = []
    for c in range(len(rows[0])):
        longest = max((st.text_width(str(r[c] or "")) for r in rows), default=4)
        widths.append(min(max(longest + 2, 6), limits.get(c + 1, 40)))
    st.set_widths(ws, widths)
    return widths


def units_sheet(ws: Worksheet, lines: list[UnitLine]) -> None:
    ws.title = "汇总"
    st.header_row(ws, 1, COLUMNS)
    shown_rows = [COLUMNS]
    for i, line in enumerate(lines, 2):
        fig = line.unit.figures if line.unit else {}
        scored = line.unit is not None and line.unit.fmt.settings.scoring.scored
        grade = line.display("等级") or ("不计分" if line.unit is not None and not scored else None)
        first = problem_text(line.errors[0]) if line.errors else ""
        st.put(ws, i, 1, line.name, align=st.LEFT)
        st.put(ws, i, 2, line.year)
        st.put(ws, i, 3, line.format)
        for col, name in enumerate(FIGURES, 4):
            number_or_text(ws, i, col, fig[name].value if name in fig else None, line.display(name))
        st.put(ws, i, 9, grade)
        st.put(ws, i, 10, len(line.errors))
        st.put(ws, i, 11, len(line.warnings))
        st.put(ws, i, 12, first, align=st.LEFT)
        st.put(ws, i, 13, str(line.path), align=st.LEFT)
        if line.errors:
            for c in range(1, len(COLUMNS) + 1):
                ws.cell(row=i, column=c).fill = ERROR_FILL
        shown_rows.append(
            [
                line.name,
                str(line.year),
                line.format,
                *[line.display(n) or "" for n in FIGURES],
                grade or "",
                "00",
                "00",
                first,
                str(line.path),
            ]
        )
    widths = autofit(ws, shown_rows, {1: 30, 12: 44, 13: 40})
    for i, row in enumerate(shown_rows[1:], 2):
        st.fit_height(ws, i, [(row[0], widths[0]), (row[11], widths[11])])
    ws.row_dimensions[1].height = 30
    ws.freeze_panes = "B2"
    last = f"{get_column_letter(len(COLUMNS))}{len(lines) + 1}"
    ws.auto_filter.ref = f"A1:{last}"
    # The 文件 column helps on screen; the printed page leaves it out to stay legible.
    st.a4(
        ws,
        landscape=True,
        repeat="1:1",
        area=f"A1:{get_column_letter(len(COLUMNS) - 1)}{len(lines) + 1}",
    )


def indicators_sheet(ws: Worksheet, lines: list[UnitLine]) -> None:
    st.header_row(ws, 1, INDICATOR_COLUMNS)
    shown_rows = [INDICATOR_COLUMNS]
    r = 2
    for line in lines:
        u = line.unit
        if u is None:
            continue
        n = u.fmt.settings.numbers
        rate = u.display("预算执行率") if "预算执行率" in u.figures else None
        for i, (ind, sc) in enumerate(zip(u.report.indicators, u.scores, strict=True), 1):
            actual = rate if rate_is_actual(ind, sc) else ind.actual or None
            weight = (
                fmt_number(ind.weight, n.score_places, trim=n.trim_scores)
                if ind.weight is not None
                else None
            )
            score = (
                fmt_number(sc.score, n.score_places, trim=n.trim_scores) if sc is not None else None
            )
            how = "" if sc is None else ("计算" if sc.computed else "给定")
            values = [line.name, i, ind.level1, ind.level2, ind.level3, ind.target, actual]
            for c, v in enumerate(values, 1):
                st.put(ws, r, c, v, align=st.LEFT if c in (1, 3, 4, 5) else st.CENTER)
            number_or_text(ws, r, 8, ind.weight, weight)
            number_or_text(ws, r, 9, sc.score if sc else None, score)
            st.put(ws, r, 10, how)
            shown_rows.append([str(v or "") for v in values] + [weight or "", score or "", how])
            r += 1
    autofit(ws, shown_rows, {1: 30, 5: 30})
    ws.freeze_panes = "C2"
    last = f"{get_column_letter(len(INDICATOR_COLUMNS))}{max(r - 1, 1)}"
    ws.auto_filter.ref = f"A1:{last}"
    st.a4(ws, landscape=True, repeat="1:1", area=f"A1:{last}")


def grade_order(lines: list[UnitLine]) -> list[str]:
    """Grade names of the formats present, best first (优 良 中 差, then 优秀 良好 …)."""
    names: list[str] = []
    for line in lines:
        if line.unit is not None and line.unit.fmt.settings.scoring.scored:
            for g in sorted(line.unit.fmt.settings.grades, key=lambda g: g.lower, reverse=True):
                if g.name not in names:
                    names.append(g.name)
    return names


def total_of(line: UnitLine) -> Decimal | None:
    fig = line.unit.figures.get("总分") if line.unit is not None else None
    return fig.value if fig is not None and isinstance(fig.value, Decimal) else None


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


def charts_sheet(ws: Worksheet, lines: list[UnitLine]) -> None:
    """Two small tables (the charts' data) and a chart beside each."""
    scored = [(ln, total_of(ln)) for ln in lines if not ln.errors]
    ranked = sorted(
        ((ln, t) for ln, t in scored if t is not None), key=lambda lt: lt[1], reverse=True
    )
    usable = [ln for ln, _t in ranked]  # a ranking, best first
    left_out = len([ln for ln in lines if ln.unit is None or ln.errors])
    st.set_widths(ws, [30, 10, 4, 12, 10])
    st.header_row(ws, 1, ["单位", "总分"])
    for i, (line, total) in enumerate(ranked, 2):
        short = line.unit.report.unit.short_name if line.unit else None
        st.put(ws, i, 1, short or line.name, align=st.LEFT)
        number_or_text(ws, i, 2, total, line.display("总分"))
    st.header_row(ws, 1, ["等级", "单位数"], first=4)
    grades = grade_order(usable)
    for i, name in enumerate(grades, 2):
        st.put(ws, i, 4, name)
        st.put(ws, i, 5, sum(1 for ln in usable if ln.display("等级") == name))
    note = f"（不含有错误的 {left_out} 个单位）" if left_out else ""
    if usable:
        bars = BarChart()
        bars.type, bars.style = "bar", 10
        bars.title = "各单位总分" + note
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
        bars.height, bars.width = max(7.5, 1.0 * len(usable) + 3), 18
        ws.add_chart(bars, "G1")
    if grades:
        dist = BarChart()
        dist.type, dist.style = "col", 10
        dist.title = "等级分布" + note
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
        dist.height, dist.width = 7.5, 18
        ws.add_chart(dist, f"G{max(18, len(usable) + 6)}")
    st.a4(ws, landscape=True)


def summary_bytes(lines: list[UnitLine]) -> bytes:
    wb = st.new_workbook()
    units_sheet(wb.active, lines)
    indicators_sheet(wb.create_sheet("指标"), lines)
    charts_sheet(wb.create_sheet("统计图"), lines)
    return st.saved(wb, "绩效自评汇总表")


@dataclass
class Summary:
    target: Path
    lines: list[UnitLine]

    @property
    def failed(self) -> list[UnitLine]:
        return [ln for ln in self.lines if ln.errors]


def write_summary(paths: list[Path], target: Path, format_id: str | None = None) -> Summary:
    """Evaluate every unit and write the summary workbook (replacing an older one)."""
    target = Path(target)
    if target.suffix.lower() != ".xlsx":
        raise JixiaoError(f"汇总表应写成 .xlsx 文件，而不是“{target.name}”")
    lines = collect(paths, format_id)
    atomic_write(target, summary_bytes(lines))
    return Summary(target, lines)
