"""Read a 自评表 workbook: the layout `export` writes and the layouts clerks are sent.

Blocks are found by their column names, not by position: the 资金情况 block by 年初预算数 and
全年执行数, the goals by 年度总体目标 and 实际完成情况, the indicator table by its header row
(三级指标 or 一级指标, with 指标值 or 实际完成值, under any of their usual names). Merged
一级/二级 cells stand for every row they span; in a sheet without such merges a blank 一级/二级
repeats the one above. Every value keeps the cell it came from, so each message names it:
`自评表.xlsx 工作表“自评表” 第 12 行 “实际完成值”列`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from generator.data.schema import TODO
from generator.io import layout as L
from generator.io.cells import decimal_of, decimals, from_float, normalize
from generator.io.located import MAX_COLUMNS, MAX_ROWS, Where, WorkbookProblems, open_workbook
from generator.io.reading.headers import (
    EMPTY,
    FUND_SYNONYMS,
    GOAL_SYNONYMS,
    GRADE_LABELS,
    LITERAL_FORMULA,
    SYNONYMS,
    TOTAL_LABELS,
    TOTAL_NAMES,
    label,
)
from generator.io.reading.sheetdata import Field, FundRow, Read, Row

CELL_REFERENCE = re.compile(r"=\$?[A-Z]{1,3}\$?\d+")


class SheetReader:
    def __init__(self, ws: Worksheet, formulas: Worksheet, file: str, found: WorkbookProblems):
        self.ws, self.formulas, self.file, self.found = ws, formulas, file, found
        self.read = Read(file, ws.title)
        self.merged = {}  # (row, col) → (top row, left col) for every cell of a merged range
        for rng in ws.merged_cells.ranges:
            for r in range(rng.min_row, rng.max_row + 1):
                for c in range(rng.min_col, rng.max_col + 1):
                    self.merged[(r, c)] = (rng.min_row, rng.min_col)
        self.factor = Decimal(1)
        self.said: set[tuple[int, int]] = set()  # cells whose missing formula value was said
        # openpyxl counts a sheet's extent over every cell each time it is asked: once here.
        self.rows, self.columns = ws.max_row, ws.max_column

    def at(self, row: int, column: str | None = None) -> Where:
        return Where(self.file, self.ws.title, row, column)

    def raw(self, row: int, col: int, spread: bool = False) -> object:
        """A cell's value; a formula's computed value, or a literal one like =100% as text."""
        if spread and (row, col) in self.merged:
            row, col = self.merged[(row, col)]
        value = self.ws.cell(row=row, column=col).value
        formula = self.formulas.cell(row=row, column=col).value
        if isinstance(formula, str) and formula.startswith("="):
            if LITERAL_FORMULA.fullmatch(formula):
                return formula.replace(" ", "")
            return value  # None when no program has computed it: treated as empty
        return value

    def uncomputed(self, row: int, col: int, column: str | None) -> None:
        """Say (once per cell) that an empty cell holds a formula no program has computed:
        `=1+1` as a Python tool saves it would otherwise be imported as nothing."""
        if (row, col) in self.said or self.formulas.cell(row=row, column=col).data_type != "f":
            return
        self.said.add((row, col))
        formula = str(self.formulas.cell(row=row, column=col).value)[:40]
        if CELL_REFERENCE.fullmatch(formula):  # =G5: the value is that cell's (export's 执行率)
            return
        self.found.warn(
            f"单元格 {get_column_letter(col)}{row} 是公式（{formula}），没有计算结果，按空白处理；"
            "请在 Excel 或 WPS 中打开、保存后再导入",
            self.at(row, column),
        )

    def fmt(self, row: int, col: int) -> str:
        return self.ws.cell(row=row, column=col).number_format

    def text(
        self, row: int, col: int, spread: bool = False, column: str | None = None
    ) -> str | None:
        """A cell as text the unit file can hold: 95% stays 95%, 3000.0 is 3000, — is empty."""
        value = self.raw(row, col, spread)
        if value is None:
            self.uncomputed(row, col, column)
            return None
        if isinstance(value, bool):
            return "是" if value else "否"
        if isinstance(value, datetime):
            return value.date().isoformat()
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, (int, float)):
            number = from_float(float(value)) if isinstance(value, float) else Decimal(value)
            if "%" in self.fmt(row, col):
                return f"{(number * 100).normalize():f}%"
            return f"{number.normalize():f}"
        text = str(value).strip()
        return None if normalize(text) in EMPTY else text

    def number(
        self, row: int, col: int, column: str, unit: str, scale: bool = False, quiet: bool = False
    ) -> Field:
        where = self.at(row, column)
        value = self.raw(row, col)
        if isinstance(value, str) and normalize(value) in EMPTY:
            value = None
        if value is None:
            if not quiet:
                self.uncomputed(row, col, column)
            return Field(None, where)
        if isinstance(value, str) and value.strip() == TODO:
            return Field(TODO, where)
        number = decimal_of(value, self.fmt(row, col), unit)
        if number is None:
            self.found.error(
                f"应为数字，实际是“{value}”（不带单位和文字；没有的写 — 或留空）", where
            )
            return Field(None, where)
        if scale and self.factor != 1:
            number = (number * self.factor).normalize()  # 元 → 万元: 145593600 → 14559.36
            if decimals(number) < 2:
                number = number.quantize(Decimal("0.01"))
        return Field(number, where)

    def find_columns(
        self, row: int, synonyms: dict[str, list[str]], warn: bool = False
    ) -> dict[str, tuple[int, str]]:
        """key → (column, header as written) for the header cells of one row (see columns_in)."""
        values = [self.ws.cell(row=row, column=c).value for c in range(1, self.columns + 1)]

        def said(message: str, written: str) -> None:
            self.found.warn(message, self.at(row, written))

        return columns_in(values, synonyms, said if warn else None)

    # -- the blocks --------------------------------------------------------------------------

    def title_area(self, until: int) -> None:
        for r in range(1, until):
            for c in range(1, self.columns + 1):
                value = self.raw(r, c)
                if not isinstance(value, str):
                    continue
                text = normalize(value)
                m = re.search(r"单位名称[:：](.+?)(?:金额单位|填报日期|填报单位|$)", text)
                if m and self.read.unit is None:
                    self.read.unit = Field(m.group(1).strip(), self.at(r))
                m = re.search(r"((?:19|20)\d\d)年度?", text)
                if m and self.read.year is None:
                    self.read.year = Field(int(m.group(1)), self.at(r))
                if re.search(r"(?:金额)?单位[:：]元$|[（(]元[）)]", text):
                    self.factor = Decimal("0.0001")
                    self.found.warn("表中金额以元为单位，已换算为万元", self.at(r))

    def funds(self, head: int, cols: dict[str, tuple[int, str]]) -> int:
        """The 资金情况 rows under their header; returns the row after the block."""
        first_money = min(c for c, _ in cols.values())
        if any(
            "（元）" in normalize(str(self.ws.cell(row=head, column=c).value or ""))
            for c in range(1, first_money + 1)
        ):
            self.factor = Decimal("0.0001")
            self.found.warn("表中金额以元为单位，已换算为万元", self.at(head))
        r = head + 1
        seen_total = False
        while r <= self.rows:
            values = [self.raw(r, c) for c in range(1, self.columns + 1)]
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
                break
            names = [label(v) for v in values]
            if any(
                n in GOAL_SYNONYMS["总体目标"] or n in SYNONYMS["三级"] or n in SYNONYMS["一级"]
                for n in names
            ):
                break
            name = next(
                (
                    str(v).strip()
                    for v in reversed(values[: first_money - 1])
                    if isinstance(v, str) and v.strip()
                ),
                None,
            )
            amounts = {
                key: self.number(r, c, written, "万元", scale=True)
                for key, (c, written) in cols.items()
            }
            if name is None and all(f.value is None for f in amounts.values()):
                r += 1
                continue
            clean = re.sub(r"^其中[:：]?", "", normalize(name or ""))
            if normalize(name or "") in TOTAL_NAMES or (not seen_total and not clean):
                seen_total = True
                self.read.total = FundRow(None, self.at(r, name), amounts)
            elif clean:
                self.read.sources.append(FundRow(clean, self.at(r, name), amounts))
            r += 1
        return r

    def goals(self, head: int, cols: dict[str, tuple[int, str]]) -> None:
        for key, (c, written) in cols.items():
            value = self.text(head + 1, c, column=written)
            if value:
                self.read.goals[key] = Field(value, self.at(head + 1, written))

    def indicators(self, head: int, cols: dict[str, tuple[int, str]]) -> None:
        read = self.read
        read.columns = set(cols)
        merged_cols = {
            c
            for (r, c) in self.merged
            if r > head
            for key in ("一级", "二级")
            if key in cols and cols[key][0] == c
        }
        above: dict[str, str | None] = {"一级": None, "二级": None}
        for r in range(head + 1, self.rows + 1):
            first_text = next(
                (
                    label(v)
                    for v in (self.raw(r, c) for c in range(1, self.columns + 1))
                    if isinstance(v, str) and v.strip()
                ),
                "",
            )
            if first_text in TOTAL_LABELS:
                self.totals(r, cols)
                continue
            if first_text in GRADE_LABELS:
                grade = next(
                    (
                        self.text(r, c)
                        for c in range(1, self.columns + 1)
                        if self.text(r, c) and label(self.raw(r, c)) not in GRADE_LABELS
                    ),
                    None,
                )
                if grade:
                    read.stated_grade = Field(grade, self.at(r, first_text))
                continue
            fields: dict[str, Field] = {}
            for key, (c, written) in cols.items():
                where = self.at(r, written)
                if key in ("分值", "得分"):
                    fields[key] = self.number(r, c, written, "分")
                else:
                    spread = key in ("一级", "二级")
                    fields[key] = Field(self.text(r, c, spread, written), where)
            has_values = any(
                fields[k].value is not None
                for k in ("指标值", "实际值", "分值", "得分")
                if k in fields
            )
            named = any(
                fields[k].value is not None for k in ("一级", "二级", "三级") if k in fields
            )
            if not has_values and not (fields.get("三级") and fields["三级"].value):
                if named:  # a heading row: the 一级/二级 of the rows under it
                    self.ditto(fields, cols, merged_cols, above)
                continue
            self.ditto(fields, cols, merged_cols, above)
            read.rows.append(
                Row(self.at(r, cols.get("三级", cols.get("一级", (0, None)))[1]), fields)
            )

    def ditto(self, fields, cols, merged_cols, above) -> None:
        """A blank 一级/二级 repeats the one above, in sheets that do not merge those cells."""
        for key in ("一级", "二级"):
            if key not in fields:
                continue
            if fields[key].value is None and cols[key][0] not in merged_cols:
                own_first = (
                    key == "二级"
                    and "一级" in fields
                    and fields["一级"].value not in (None, above["一级"])
                )
                if not own_first:
                    fields[key] = Field(above[key], fields[key].at)
        for key in ("一级", "二级"):
            if key in fields:
                above[key] = fields[key].value

    def totals(self, r: int, cols: dict[str, tuple[int, str]]) -> None:
        if "得分" in cols:
            c, written = cols["得分"]
            f = self.number(
                r, c, written, "分", quiet=True
            )  # =SUM(…) not yet computed: no statement
            if f.value is not None:
                self.read.stated_total = f


def columns_in(
    values: Sequence[object], synonyms: dict[str, list[str]], warn: Callable | None = None
) -> dict[str, tuple[int, str]]:
    """key → (column, header as written) for the header cells of one row's values; where two
    cells name the same key, the more usual name wins (预期目标 over the row label 年度总体目标)."""
    found: dict[str, tuple[int, str, int]] = {}
    for c, raw in enumerate(values, 1):
        if raw is None:
            continue
        name = label(raw)
        for key, names in synonyms.items():
            if name not in names:
                continue
            rank, written = names.index(name), normalize(str(raw))
            if key in found:
                if warn is not None:
                    warn(
                        f"“{written}”与“{found[key][1]}”是同一列的不同写法，只读“"
                        f"{written if rank < found[key][2] else found[key][1]}”",
                        written,
                    )
                if rank >= found[key][2]:
                    continue
            found[key] = (c, written, rank)
    return {k: (c, w) for k, (c, w, _rank) in found.items()}


def sheets_to_read(book, sheet: str | None) -> set[str]:
    """The sheets an import reads, found in a streaming pass over the values only: the first
    sheet with an indicator table's header row (or the one named), and the export's record."""
    wanted = {L.RECORD_SHEET}
    for title in [sheet] if sheet else book.sheetnames:
        if title not in book.sheetnames:
            continue
        ws = book[title]
        if not hasattr(ws, "iter_rows"):  # a chart sheet
            continue
        rows = ws.iter_rows(max_row=MAX_ROWS, max_col=MAX_COLUMNS, values_only=True)
        if any(is_indicator_header(columns_in(row, SYNONYMS)) for row in rows):
            return wanted | {title}
    return wanted


def is_indicator_header(cols: dict) -> bool:
    return ("三级" in cols or "一级" in cols) and (
        "指标值" in cols or "实际值" in cols or "得分" in cols
    )


def read_sheet(
    ws: Worksheet, formulas: Worksheet, file: str, found: WorkbookProblems
) -> Read | None:
    """The sheet's blocks, or None when it has no indicator table."""
    reader = SheetReader(ws, formulas, file, found)
    first = next(
        (
            r
            for r in range(1, reader.rows + 1)
            if len(reader.find_columns(r, FUND_SYNONYMS)) >= 2
            or len(reader.find_columns(r, GOAL_SYNONYMS)) == 2
            or is_indicator_header(reader.find_columns(r, SYNONYMS))
        ),
        None,
    )
    if first is None:
        return None
    reader.title_area(first)  # the unit, the year, and whether amounts are in 元, above the blocks
    r = first
    while r <= reader.rows:
        fund = reader.find_columns(r, FUND_SYNONYMS)
        if "年初预算" in fund and "执行数" in fund and reader.read.total is None:
            r = reader.funds(r, fund)
            continue
        goals = reader.find_columns(r, GOAL_SYNONYMS)
        if len(goals) == 2 and not reader.read.goals:
            reader.goals(r, goals)
        cols = reader.find_columns(r, SYNONYMS)
        if is_indicator_header(cols):
            reader.find_columns(r, SYNONYMS, warn=True)
            reader.indicators(r, cols)
            return reader.read
        r += 1
    return None


def exported_scores(ws: Worksheet) -> list[tuple[tuple[str, str, str], Decimal | None]]:
    out: list[tuple[tuple[str, str, str], Decimal | None]] = []
    for row in ws.iter_rows(min_row=2, max_col=4, values_only=True):
        one, two, three = (re.sub(r"\s+", "", str(v or "")) for v in row[:3])
        names = (one, two, three)
        score = row[3]
        out.append(
            (
                names,
                from_float(score)
                if isinstance(score, float)
                else Decimal(score)
                if isinstance(score, int)
                else None,
            )
        )
    return out


def read_workbook(path: Path, sheet: str | None = None) -> tuple[Read, WorkbookProblems]:
    """The first sheet holding an indicator table (or the one named); WorkbookError if none."""
    values, formulas, found = open_workbook(path, lambda book: sheets_to_read(book, sheet))
    name = Path(path).name
    names = [sheet] if sheet else values.sheetnames
    if sheet and sheet not in values.sheetnames:
        found.fail(f"没有工作表“{sheet}”（有：{'、'.join(values.sheetnames)}）", Where(name))
    for title in names:
        read = read_sheet(values[title], formulas[title], name, found)
        if read is not None:
            if L.RECORD_SHEET in values.sheetnames:
                read.exported = exported_scores(values[L.RECORD_SHEET])
            return read, found
    wanted = "、".join(SYNONYMS["三级"][:1] + SYNONYMS["指标值"][:1] + SYNONYMS["实际值"][:1])
    found.fail(f"没有找到指标表：须有一行列名，含“{wanted}”等（{L.TITLE}的格式）", Where(name))
    raise AssertionError("unreachable")
