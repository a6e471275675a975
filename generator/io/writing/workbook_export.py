"""`jixiao export`: a unit's 部门整体支出绩效自评表 as a workbook a clerk prints, edits and imports.

Sheet 自评表: the 资金情况 block, 年度总体目标 and 实际完成情况, the indicator table with merged
一级/二级 cells, 总分 and 等级 — every number stored as a number whose format prints it as the
report does. A formula is written only where Excel's result prints the same as the tool's exact
figure (执行率 = 执行数 ÷ 全年预算数, 总分 = SUM of 得分); elsewhere the value. Sheet 计算值: every
computed figure with its formula and inputs; sheet 指标得分: how each indicator was scored.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from generator.compute.figures import MONEY, show, source_rate_name
from generator.compute.numbers import fmt_number
from generator.compute.scores import rate_is_actual
from generator.errors import JixiaoError
from generator.evaluate import Evaluated, evaluate
from generator.io import layout as L
from generator.io.cells import DASH, format_for, to_excel
from generator.io.writing import sheetstyle as st
from generator.io.writing.figuresheet import figures_sheet, scores_sheet
from generator.io.writing.numbercells import Stored, formula_or_value, item_score, number, value_of
from generator.io.writing.ownership import SHEET, mark, may_replace
from generator.report.write import atomic_write


class Sheet:
    """Writes the 自评表 sheet row by row."""

    def __init__(self, ws: Worksheet, u: Evaluated):
        self.ws, self.u, self.s = ws, u, u.fmt.settings
        self.todo = u.loaded.todo_keys
        self.row = 1
        self.rate_cell: str | None = None

    def money(self, row: int, col: int, value: Decimal | None, key: str) -> Stored:
        return number(self.ws, row, col, value, show(value, MONEY, self.s), todo=key in self.todo)

    def title(self) -> None:
        ws, u = self.ws, self.u
        st.merge(ws, 1, 1, 8, L.TITLE, st.TITLE, border=False)
        ws.row_dimensions[1].height = 30
        st.merge(ws, 2, 1, 8, f"（{u.report.unit.year}年度）", st.SUBTITLE, border=False)
        st.merge(
            ws,
            3,
            1,
            5,
            L.UNIT_LABEL + (u.report.unit.name or ""),
            st.SUBTITLE,
            st.PLAIN_LEFT,
            border=False,
        )
        st.merge(ws, 3, 6, 8, L.MONEY_UNIT, st.SUBTITLE, st.RIGHT, border=False)
        ws.row_dimensions[3].height = 22
        self.row = 4

    def fund_row(
        self, label: str, values: tuple, keys: tuple[str, str, str], bold=False
    ) -> list[Stored]:
        ws, r = self.ws, self.row
        st.merge(ws, r, 1, 2, label, st.BOLD if bold else st.BODY, st.CENTER if bold else st.LEFT)
        stored = [
            self.money(r, 3 + i, v, k) for i, (v, k) in enumerate(zip(values, keys, strict=True))
        ]
        ws.row_dimensions[r].height = st.MIN_HEIGHT
        return stored

    def funds(self) -> None:
        ws, u, b = self.ws, self.u, self.u.report.budget
        st.merge(ws, self.row, 1, 2, L.FUND_LABEL, st.BOLD, fill=st.HEADER_FILL)
        st.header_row(ws, self.row, L.FUND_TITLES, first=3)
        ws.row_dimensions[self.row].height = 22
        self.row += 1
        r = self.row
        stored = self.fund_row(
            L.TOTAL_ROW,
            (b.initial, b.adjusted, b.spent),
            ("预算.年初预算", "预算.调整预算", "预算.执行数"),
            bold=True,
        )
        weight, score = value_of(u, "预算执行率分值"), value_of(u, "预算执行率得分")
        number(ws, r, 6, weight, item_score(u, weight) if weight is not None else DASH)
        rate = value_of(u, "预算执行率")
        self.rate_formula(r, stored, rate, u.display("预算执行率") if rate is not None else DASH)
        self.rate_cell = f"G{r}"
        number(ws, r, 8, score, item_score(u, score) if score is not None else DASH)
        self.row += 1
        for i, src in enumerate(b.sources, 1):
            r = self.row
            key = f"预算.来源[{i}]"
            stored = self.fund_row(
                L.PART_PREFIX + src.name,
                (src.initial, src.adjusted, src.spent),
                (f"{key}.年初预算", f"{key}.调整预算", f"{key}.执行数"),
            )
            st.put(ws, r, 6, DASH)
            name = source_rate_name(i)
            shown = u.display(name) if name in u.figures else DASH
            self.rate_formula(r, stored, value_of(u, name), shown)
            st.put(ws, r, 8, DASH)
            self.row += 1

    def rate_formula(
        self, r: int, stored: list[Stored], exact: Decimal | None, display: str
    ) -> None:
        spent, budget = stored[2].value, stored[1].value
        simulated = spent / budget if spent is not None and budget else None
        formula_or_value(
            self.ws, r, 7, f'=IF(D{r}=0,"{DASH}",E{r}/D{r})', simulated, exact, display
        )

    def goals(self) -> None:
        g = self.u.report.goals
        if not (g.overall or g.achieved):
            return
        ws = self.ws
        self.row += 1
        r = self.row
        st.merge(ws, r, 1, 4, L.GOAL_TITLES[0], st.BOLD, fill=st.HEADER_FILL)
        st.merge(ws, r, 5, 8, L.GOAL_TITLES[1], st.BOLD, fill=st.HEADER_FILL)
        ws.row_dimensions[r].height = st.MIN_HEIGHT
        r += 1
        overall = "\n".join(f"{i}. {t}" for i, t in enumerate(g.overall, 1))
        achieved = "\n".join(g.achieved)
        st.merge(ws, r, 1, 4, overall, align=st.LEFT_TOP)
        st.merge(ws, r, 5, 8, achieved, align=st.LEFT_TOP)
        w = L.WIDTHS
        st.fit_height(
            ws, r, [(overall, st.span_width(w, 1, 4)), (achieved, st.span_width(w, 5, 8))]
        )
        self.row = r + 1

    def indicators(self) -> int:
        """The indicator table; returns the row of its header (repeated on every printed page)."""
        ws, u = self.ws, self.u
        self.row += 1
        head = self.row
        st.header_row(ws, head, L.INDICATOR_TITLES)
        ws.row_dimensions[head].height = 28
        first = head + 1
        rows = list(enumerate(zip(u.report.indicators, u.scores, strict=True), 1))
        scored = u.fmt.settings.scoring.scored
        for i, (ind, sc) in rows:
            r = head + i
            key = f"指标[{i}]"
            st.put(ws, r, 1, ind.level1, align=st.CENTER)
            st.put(ws, r, 2, ind.level2 or "", align=st.CENTER)
            st.put(ws, r, 3, ind.level3 or "", align=st.LEFT)
            st.put(ws, r, 4, ind.target or DASH)
            if rate_is_actual(ind, sc) and self.rate_cell:
                rate = u.figures.get("预算执行率")
                display = u.display("预算执行率") if rate else DASH
                st.put(
                    ws,
                    r,
                    5,
                    f"={self.rate_cell}",
                    fmt=format_for(display) or "General",
                    formula=True,
                )
            else:
                st.put(ws, r, 5, ind.actual or DASH)
            if scored:
                number(
                    ws, r, 6, ind.weight, item_score(u, ind.weight), todo=f"{key}.分值" in self.todo
                )
                value = sc.score if sc is not None else None
                number(ws, r, 7, value, item_score(u, value), todo=f"{key}.得分" in self.todo)
            else:
                st.put(ws, r, 6, "")
                st.put(ws, r, 7, "")
            st.put(ws, r, 8, ind.deviation or "", align=st.LEFT)
            w = L.WIDTHS
            st.fit_height(
                ws,
                r,
                [
                    (ind.level3 or "", w[2]),
                    (ind.deviation or "", w[7]),
                    (ind.target or "", w[3]),
                    (ind.actual or "", w[4]),
                    (ind.level1, w[0]),
                    (ind.level2 or "", w[1]),
                ],
            )
        last = head + len(rows)
        self.merge_groups(first, [(ind.level1, ind.level2 or "") for ind in u.report.indicators])
        self.row = last + 1
        if scored and rows:
            self.totals(first, last)
        return head

    def merge_groups(self, first: int, levels: list[tuple[str, str]]) -> None:
        """Merge runs of equal 一级 cells, and of equal (non-empty) 二级 cells within one 一级."""
        for col in (1, 2):
            start = 0
            for i in range(1, len(levels) + 1):
                same = (
                    i < len(levels)
                    and levels[i][:col] == levels[start][:col]
                    and levels[start][col - 1]
                )
                if same:
                    continue
                if i - 1 > start:
                    self.ws.merge_cells(
                        start_row=first + start,
                        start_column=col,
                        end_row=first + i - 1,
                        end_column=col,
                    )
                start = i

    def totals(self, first: int, last: int) -> None:
        ws, u = self.ws, self.u
        r = self.row
        st.merge(ws, r, 1, 5, L.TOTAL_LABEL, st.BOLD)
        weights = [ind.weight for ind in u.report.indicators]
        scores = [sc.score if sc else None for sc in u.scores]
        full, total = value_of(u, "满分"), value_of(u, "总分")
        full_display = fmt_number(full, u.fmt.settings.numbers.score_places, trim=True)
        self.sum_cell(r, 6, weights, full, full_display, first, last)
        self.sum_cell(
            r,
            7,
            scores,
            total,
            u.display("总分") if total is not None else DASH,
            first,
            last,
        )
        st.put(ws, r, 8, "")
        ws.row_dimensions[r].height = st.MIN_HEIGHT
        r += 1
        st.merge(ws, r, 1, 5, L.GRADE_LABEL, st.BOLD)
        grade = u.display("等级") if "等级" in u.figures else DASH
        st.merge(ws, r, 6, 8, grade, st.BOLD)
        ws.row_dimensions[r].height = st.MIN_HEIGHT
        self.row = r + 1

    def sum_cell(
        self,
        r: int,
        col: int,
        parts: list,
        exact: Decimal | None,
        display: str,
        first: int,
        last: int,
    ) -> None:
        simulated = None
        if parts and all(p is not None for p in parts):
            simulated = 0.0
            for p in parts:
                simulated += float(p)
        letter = get_column_letter(col)
        formula_or_value(
            self.ws,
            r,
            col,
            f"=SUM({letter}{first}:{letter}{last})",
            simulated,
            exact,
            display,
            st.BOLD,
        )


def assessment_sheet(ws: Worksheet, u: Evaluated) -> None:
    ws.title = L.SHEET
    st.set_widths(ws, L.WIDTHS)
    sheet = Sheet(ws, u)
    sheet.title()
    sheet.funds()
    sheet.goals()
    head = sheet.indicators()
    last = sheet.row - 1
    st.a4(ws, landscape=True, repeat=f"{head}:{head}", area=f"A1:H{last}", one_page_if_short=True)
    if ws.page_setup.fitToHeight != 1:
        ws.page_setup.fitToHeight = 2  # the form prints on one or two pages, never more
        # Printed over pages, a merged 一级/二级 cell centred may fall on a page break; at the top
        # of its range the name prints on the page where its group begins.
        for rng in ws.merged_cells.ranges:
            if rng.min_row > head and rng.max_row > rng.min_row and rng.min_col <= 2:
                st.use_style(
                    ws.cell(row=rng.min_row, column=rng.min_col), st.named(align=st.CENTER_TOP)
                )
    ws.sheet_view.zoomScale = 100


def record_sheet(ws: Worksheet, u: Evaluated) -> None:
    """The hidden record of the scores as exported (see layout.RECORD_SHEET)."""
    ws.sheet_state = "hidden"
    st.append_row(ws, list(L.RECORD_TITLES))
    for ind, sc in zip(u.report.indicators, u.scores, strict=True):
        score = to_excel(sc.score) if sc is not None else None
        st.append_row(ws, [ind.level1, ind.level2 or "", ind.level3 or "", score])


def workbook_bytes(u: Evaluated) -> bytes:
    wb = st.new_workbook()
    assessment_sheet(wb.active, u)
    reference = [wb.create_sheet(L.FIGURES_SHEET)]
    figures_sheet(reference[0], u)
    if u.fmt.settings.scoring.scored and u.report.indicators:
        reference.append(wb.create_sheet(L.SCORES_SHEET))
        scores_sheet(reference[-1], u)
    for ws in reference:
        # Kept for reference, not printed: LibreOffice and Excel's "print workbook" print every
        # visible sheet, and a .xlsx has no per-sheet "do not print" flag; a hidden sheet is
        # skipped (右键工作表标签 → 取消隐藏 shows it).
        ws.sheet_state = "hidden"
    record_sheet(wb.create_sheet(L.RECORD_SHEET), u)
    mark(wb, SHEET)
    return st.saved(wb, f"{u.report.unit.name} {u.report.unit.year}年度 {L.TITLE}")


@dataclass
class Exported:
    target: Path
    errors: int
    warnings: int


def default_target(source: Path, out_dir: Path) -> Path:
    return Path(out_dir) / f"{Path(source).stem}-自评表.xlsx"


def export(
    source: Path, target: Path, format_id: str | None = None, force: bool = False
) -> Exported:
    """Write the unit's 自评表 workbook; an existing file (perhaps edited by the clerk) needs force."""
    target = Path(target)
    if target.suffix.lower() != ".xlsx":
        raise JixiaoError(f"自评表应写成 .xlsx 文件，而不是“{target.name}”")
    may_replace(target, SHEET, force)
    u = evaluate(Path(source), format_id)
    atomic_write(target, workbook_bytes(u))
    return Exported(target, len(u.errors), len(u.warnings))
