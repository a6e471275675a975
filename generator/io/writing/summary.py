"""`jixiao summary`: one workbook across many units, for an evaluation firm's client or a bureau.

Sheet 汇总: a row per unit (units with errors too, with their first error); every number is
stored as a number whose format prints it as `jixiao check --json` shows it. Sheet 指标: every
indicator of every unit. Sheet 统计图: 总分 by unit and the distribution of grades, as charts.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from generator.compute.across import mean, total
from generator.compute.scores import rate_is_actual
from generator.errors import JixiaoError, Problem
from generator.examine import examine
from generator.io.writing import sheetstyle as st
from generator.io.writing.ownership import SUMMARY, mark, may_replace
from generator.io.writing.summary_cells import (
    MONEY_FORMAT,
    RATE_FORMAT,
    SCORE_FORMAT,
    UnitLine,
    figure_cell,
    value_of,
)
from generator.io.writing.summary_charts import charts_sheet
from generator.report.write import atomic_write

TITLE = "部门整体支出绩效自评汇总表"
HEAD = 3  # the header row: title and date above it
COLUMNS = [
    "序号",
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
# Columns 5–9: one number format per column, as the standard report prints it, whatever the
# format of each unit (a unit's own rounding would put 14559.360324 beside 13,245.05).
FIGURES = {
    "年初预算": MONEY_FORMAT,
    "调整预算": MONEY_FORMAT,
    "执行数": MONEY_FORMAT,
    "预算执行率": RATE_FORMAT,
    "总分": SCORE_FORMAT,
}
FIRST_FIGURE = 5
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


def years_of(lines: list[UnitLine]) -> str:
    years = sorted({str(ln.year) for ln in lines if ln.year})
    return f"{years[0]}年度" if len(years) == 1 else ""


def title_rows(ws: Worksheet, lines: list[UnitLine], today: datetime.date) -> None:
    last = len(COLUMNS)
    st.merge(ws, 1, 1, last, years_of(lines) + TITLE, st.TITLE, border=False)
    ws.row_dimensions[1].height = 30
    failed = len([ln for ln in lines if ln.errors])
    count = f"共 {len(lines)} 个单位" + (f"，其中 {failed} 个有错误（浅红底）" if failed else "")
    when = f"编制日期：{today.year}年{today.month}月{today.day}日"
    st.merge(ws, 2, 1, 6, count, st.SUBTITLE, st.PLAIN_LEFT, border=False)
    st.merge(ws, 2, 7, last, when, st.SUBTITLE, st.RIGHT, border=False)
    ws.row_dimensions[2].height = 22


def totals_row(ws: Worksheet, row: int, lines: list[UnitLine]) -> list[str]:
    """合计 of the amounts and 平均 of 执行率 and 总分, over the units without errors."""
    good = [ln for ln in lines if not ln.errors]
    label = f"合计/平均（{len(good)} 个无错误的单位）"
    st.merge(ws, row, 1, 4, label, st.BOLD)
    shown = [label, "", "", ""]
    for col, (name, fmt) in enumerate(FIGURES.items(), FIRST_FIGURE):
        values = [value_of(ln.unit, name) for ln in good]
        value = mean(values) if fmt != MONEY_FORMAT else total(values)
        figure_cell(ws, row, col, value, fmt, st.BOLD)
        shown.append("" if value is None else f"{value:,.2f}")
    for col in range(FIRST_FIGURE + len(FIGURES), len(COLUMNS) + 1):
        st.put(ws, row, col, None)
    ws.row_dimensions[row].height = st.MIN_HEIGHT
    return shown


def units_sheet(ws: Worksheet, lines: list[UnitLine], today: datetime.date) -> None:
    ws.title = "汇总"
    title_rows(ws, lines, today)
    st.header_row(ws, HEAD, COLUMNS)
    shown_rows = [COLUMNS]
    for n, line in enumerate(lines, 1):
        i = HEAD + n
        scored = line.unit is not None and line.unit.fmt.settings.scoring.scored
        grade = line.display("等级") or ("不计分" if line.unit is not None and not scored else None)
        first = problem_text(line.errors[0]) if line.errors else ""
        fill = st.ERROR_FILL if line.errors else None  # a unit with errors: the row in red
        st.put(ws, i, 1, n, fill=fill)
        st.put(ws, i, 2, line.name, align=st.LEFT, fill=fill)
        st.put(ws, i, 3, line.year, fill=fill)
        st.put(ws, i, 4, line.format, fill=fill)
        for col, (name, fmt) in enumerate(FIGURES.items(), FIRST_FIGURE):
            figure_cell(ws, i, col, value_of(line.unit, name), fmt, fill=fill)
        st.put(ws, i, 10, grade, fill=fill)
        st.put(ws, i, 11, len(line.errors), fill=fill)
        st.put(ws, i, 12, len(line.warnings), fill=fill)
        st.put(ws, i, 13, first, align=st.LEFT, fill=fill)
        st.put(ws, i, 14, line.path.name, align=st.LEFT, fill=fill)
        shown_rows.append(
            [
                "00",
                line.name,
                str(line.year),
                line.format,
                *["0,000,000.00" if value_of(line.unit, f) is not None else "" for f in FIGURES],
                grade or "",
                "00",
                "00",
                first,
                line.path.name,
            ]
        )
    last = HEAD + len(lines)
    totals_row(ws, last + 1, lines)
    widths = autofit(ws, shown_rows, {2: 30, 13: 40, 14: 30})
    for i, row in enumerate(shown_rows[1:], HEAD + 1):
        st.fit_height(ws, i, [(row[1], widths[1]), (row[12], widths[12]), (row[13], widths[13])])
    ws.row_dimensions[HEAD].height = 30
    ws.freeze_panes = f"C{HEAD + 1}"
    end = get_column_letter(len(COLUMNS))
    ws.auto_filter.ref = f"A{HEAD}:{end}{last}"
    st.a4(ws, landscape=True, repeat=f"{HEAD}:{HEAD}", area=f"A1:{end}{last + 1}")


def indicators_sheet(ws: Worksheet, lines: list[UnitLine]) -> None:
    st.header_row(ws, 1, INDICATOR_COLUMNS)
    shown_rows = [INDICATOR_COLUMNS]
    r = 2
    for line in lines:
        u = line.unit
        if u is None:
            continue
        rate = u.display("预算执行率") if "预算执行率" in u.figures else None
        for i, (ind, sc) in enumerate(zip(u.report.indicators, u.scores, strict=True), 1):
            actual = rate if rate_is_actual(ind, sc) else ind.actual or None
            how = "" if sc is None else ("计算" if sc.computed else "给定")
            values = [line.name, i, ind.level1, ind.level2, ind.level3, ind.target, actual]
            for c, v in enumerate(values, 1):
                st.put(ws, r, c, v, align=st.LEFT if c in (1, 3, 4, 5) else st.CENTER)
            figure_cell(ws, r, 8, ind.weight, SCORE_FORMAT)
            figure_cell(ws, r, 9, sc.score if sc else None, SCORE_FORMAT)
            st.put(ws, r, 10, how)
            shown_rows.append([str(v or "") for v in values] + ["100.00", "100.00", how])
            r += 1
    widths = autofit(ws, shown_rows, {1: 30, 3: 16, 4: 20, 5: 30, 6: 20, 7: 20})
    for row, texts in enumerate(shown_rows[1:], 2):  # long names wrap inside their row
        st.fit_height(
            ws, row, [(t, widths[c]) for c, t in enumerate(texts) if c in (0, 2, 3, 4, 5, 6)]
        )
    ws.freeze_panes = "C2"
    last = f"{get_column_letter(len(INDICATOR_COLUMNS))}{max(r - 1, 1)}"
    ws.auto_filter.ref = f"A1:{last}"
    st.a4(ws, landscape=True, repeat="1:1", area=f"A1:{last}")


def summary_bytes(lines: list[UnitLine], today: datetime.date | None = None) -> bytes:
    wb = st.new_workbook()
    units_sheet(wb.active, lines, today or datetime.date.today())
    indicators_sheet(wb.create_sheet("指标"), lines)
    charts_sheet(wb.create_sheet("统计图"), lines)
    mark(wb, SUMMARY)
    return st.saved(wb, TITLE)


@dataclass
class Summary:
    target: Path
    lines: list[UnitLine]

    @property
    def failed(self) -> list[UnitLine]:
        return [ln for ln in self.lines if ln.errors]


def write_summary(paths: list[Path], target: Path, format_id: str | None = None) -> Summary:
    """Evaluate every unit and write the summary workbook (replacing an older summary, never
    another workbook)."""
    target = Path(target)
    if target.suffix.lower() != ".xlsx":
        raise JixiaoError(f"汇总表应写成 .xlsx 文件，而不是“{target.name}”")
    may_replace(target, SUMMARY)
    lines = collect(paths, format_id)
    atomic_write(target, summary_bytes(lines))
    return Summary(target, lines)
