"""`jixiao import`: a 自评表 workbook into a unit file.

`--into 单位.toml` updates the budget figures (年度资金总额 and its 其中 rows, the 来源) and the
indicator table of an existing file in place — comments, order and every other key kept — and
reports the change as `jixiao diff` does. `-o 新单位.toml` writes a new file: what the workbook
holds, every other key "待填" as `jixiao init` writes it.

How the indicator rows are matched and their scores settled: import_rows.py.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import tomlkit

from generator.cycle.diff import compare_sides, read_side, to_text
from generator.cycle.init_file import unit_text
from generator.data.formats import resolve
from generator.data.loader import parse, read_text
from generator.data.schema import TODO
from generator.errors import JixiaoError, Problem
from generator.examine import examine
from generator.io.located import SheetProblem, Where, WorkbookError, WorkbookProblems
from generator.io.reading.import_rows import (
    fold,
    plain,
    plan_indicators,
    settle_scores,
)
from generator.io.reading.sheetdata import Read
from generator.io.reading.tomledit import new_table, replace_tables, set_value, tables_of
from generator.io.reading.workbook_read import read_workbook
from generator.report.write import atomic_write, read_only

FUND_KEYS = ("年初预算", "调整预算", "执行数")


@dataclass
class Imported:
    target: Path
    changed: bool
    diff: str = ""
    problems: list[Problem] = field(default_factory=list)  # the workbook's, located in it
    other_errors: int = 0  # errors of the unit file not traced to a cell
    unit_errors: int = 0  # errors the unit has after the import, but 待填 (a new file's many)
    other_warnings: int = 0

    @property
    def sheet_errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]


def apply_budget(doc, read: Read, found: WorkbookProblems, new_file: bool) -> None:
    if read.total is None and not read.sources:
        return
    if doc.get("预算") is None:
        doc["预算"] = tomlkit.table()
    if read.total is not None:
        for key in FUND_KEYS:
            value = read.total.amounts[key].value if key in read.total.amounts else None
            set_value(doc, "预算", key, TODO if value is None else value)
    if not read.sources:
        return
    old = [] if new_file else tables_of(doc["预算"], "来源")
    tables, used = list(old), set()
    for src in read.sources:
        amounts = {k: f.value for k, f in src.amounts.items()}
        j = next(
            (
                j
                for j, t in enumerate(old)
                if plain(str(t.get("名称"))) == plain(src.name) and j not in used
            ),
            None,
        )
        if j is not None:
            used.add(j)
            for key, value in amounts.items():
                set_value(tables, j, key, value)
        elif any(v is not None for v in amounts.values()) or new_file:
            tables.append(new_table({"名称": src.name, **amounts}))
    for j, t in enumerate(old):
        if j not in used:
            found.warn(
                f"数据文件中的资金来源“{t.get('名称')}”不在表中，保留未改",
                read.total.at if read.total else Where(read.file),
            )
    replace_tables(doc, "预算", "来源", tables)


def goal_lines(text: str) -> list[str]:
    return [
        re.sub(r"^\s*(\d+[.、．]|（\d+）)\s*", "", line).strip()
        for line in text.split("\n")
        if line.strip()
    ]


def check_identity(doc, read: Read, found: WorkbookProblems, path: Path) -> None:
    unit = doc.get("单位") or {}
    names = {plain(str(unit.get(k))) for k in ("名称", "简称") if unit.get(k)}
    if read.unit and names and plain(str(read.unit.value)) not in names:
        found.error(
            f"表中的单位“{read.unit.value}”与 {path.name} 的“{unit.get('名称')}”不同：是不是导入错了单位？"
            "（确是同一单位，请把表中的单位名称改成与数据文件一致）",
            read.unit.at,
            "import.unit",
        )
    year = unit.get("年度")
    if read.year and isinstance(year, int) and read.year.value != year:
        found.error(
            f"表是 {read.year.value} 年度的，而 {path.name} 是 {year} 年度的",
            read.year.at,
            "import.unit",
        )


def places(read: Read, rows: list[dict]) -> dict[str, Where]:
    """Key path in the unit file → the cell its value came from."""
    out: dict[str, Where] = {}
    if read.total:
        out.update({f"预算.{k}": f.at for k, f in read.total.amounts.items()})
    for row_i, row in enumerate(read.rows, 1):
        out[f"指标[{row_i}]"] = row.at
        for key, f in row.fields.items():
            out[f"指标[{row_i}].{key}"] = f.at
        for folded, into in (
            ("性质", "指标值"),
            ("单位", "实际值"),
        ):  # only where that column is missing
            if folded in row.fields:
                out.setdefault(f"指标[{row_i}].{into}", row.fields[folded].at)
    if read.stated_total:
        out["评价.总分"] = read.stated_total.at
    if read.stated_grade:
        out["评价.等级"] = read.stated_grade.at
    return out


def source_places(doc, read: Read) -> dict[str, Where]:
    out = {}
    for k, t in enumerate(tables_of(doc.get("预算"), "来源"), 1):
        for src in read.sources:
            if plain(str(t.get("名称"))) == plain(src.name):
                out[f"预算.来源[{k}]"] = src.at
                out.update({f"预算.来源[{k}].{key}": f.at for key, f in src.amounts.items()})
    return out


def located(
    problems: Sequence[Problem], where: dict[str, Where]
) -> tuple[list[Problem], list[Problem]]:
    """(problems traced to a cell, moved there; the others)."""
    inside: list[Problem] = []
    outside: list[Problem] = []
    for p in problems:
        key = p.key
        while key and key not in where:
            cut = max(key.rfind("."), key.rfind("["))
            key = key[:cut] if cut > 0 else ""
        if key:
            inside.append(
                SheetProblem(p.message, key=p.key, level=p.level, check=p.check, at=where[key])
            )
        else:
            outside.append(p)
    return inside, outside


def diff_text(path: Path, before: str, after: str, what: str) -> str:
    with tempfile.TemporaryDirectory(prefix="jixiao-import-") as tmp:
        old, new = Path(tmp) / "old" / path.name, Path(tmp) / "new" / path.name
        for p, text in ((old, before), (new, after)):
            p.parent.mkdir()
            p.write_text(text, encoding="utf-8")
        d = compare_sides(
            read_side(old, f"{path}（导入前）"), read_side(new, f"{path}（导入 {what} 后）")
        )
    return to_text(d)


def finish(
    path: Path,
    text: str,
    read: Read,
    rows: list[dict],
    doc,
    found: WorkbookProblems,
    result: Imported,
) -> Imported:
    problems = examine(path, raw=text.encode("utf-8")).problems
    inside, outside = located(problems, places(read, rows) | source_places(doc, read))
    result.problems = found.items + inside
    result.other_errors = sum(p.is_error for p in outside)
    result.other_warnings = sum(not p.is_error for p in outside)
    result.unit_errors = sum(p.is_error and p.check != "data.todo" for p in problems)
    return result


def rows_of(read: Read, found: WorkbookProblems) -> list[dict]:
    rows = [fold(row, found) for row in read.rows]
    if found.errors:
        raise WorkbookError(found.items)
    return rows


def import_into(
    xlsx: Path, unit_path: Path, sheet: str | None = None, dry_run: bool = False
) -> Imported:
    """Update an existing unit file from the workbook; nothing is written when nothing changes."""
    unit_path = Path(unit_path)
    if not dry_run and read_only(unit_path):
        raise JixiaoError(
            f"没有导入：{unit_path} 是只读的（有人把它设为只读，以防改动）。"
            "确要导入，请先取消只读属性；只看会改什么，用 --dry-run"
        )
    read, found = read_workbook(Path(xlsx), sheet)
    before = read_text(unit_path)
    parse(unit_path, before)  # a broken file is reported with its line, as everywhere
    doc = tomlkit.parse(before)
    check_identity(doc, read, found, unit_path)
    rows = rows_of(read, found)
    old_unit = examine(unit_path, dry_run=False).unit
    apply_budget(doc, read, found, new_file=False)
    plan = plan_indicators(doc, read, rows, old_unit)
    settle_scores(doc, unit_path, plan)
    after = tomlkit.dumps(doc)
    changed = after != before
    result = Imported(unit_path, changed)
    if changed:
        result.diff = diff_text(unit_path, before, after, Path(xlsx).name)
        if not dry_run:
            atomic_write(unit_path, after.encode("utf-8"))
    for key, f in read.goals.items():
        goals = doc.get("绩效目标") or {}
        if goal_lines(str(f.value)) != [str(x) for x in goals.get(key, [])]:
            found.warn(
                f"表中的{'年度总体目标' if key == '总体目标' else '实际完成情况'}与数据文件不同，"
                f'没有导入：请在 {unit_path.name} 的 ["绩效目标"] 中修改',
                f.at,
                "import.goals",
            )
    return finish(unit_path, after, read, rows, doc, found, result)


def import_new(
    xlsx: Path, target: Path, format_id: str | None = None, sheet: str | None = None
) -> Imported:
    """A new unit file from the workbook; every key it does not hold is 待填. Never overwrites."""
    target = Path(target)
    if target.suffix.lower() != ".toml":
        raise JixiaoError(f"单位数据文件应以 .toml 结尾，而不是“{target.name}”")
    if target.exists():
        raise JixiaoError(
            f"{target} 已经存在，没有覆盖；要更新它请用 --into {target}，或用 -o 另指一个文件名"
        )
    read, found = read_workbook(Path(xlsx), sheet)
    rows = rows_of(read, found)
    fmt = resolve(format_id or "standard")
    head = (
        f"# 由 jixiao import 从 {Path(xlsx).name}（工作表“{read.sheet}”）生成：单位名称、年度、资金情况、"
        f'绩效目标和指标取自工作表，\n# 其余各项为 "{TODO}"。\n'
    )
    template = unit_text(fmt.id, fmt.settings.name).split("\n", 1)[
        1
    ]  # without its "由 jixiao init 生成"
    doc = tomlkit.parse(head + template)
    if read.unit:
        set_value(doc, "单位", "名称", str(read.unit.value))
    if read.year:
        set_value(doc, "单位", "年度", read.year.value)
    apply_budget(doc, read, found, new_file=True)
    for key, f in read.goals.items():
        set_value(doc, "绩效目标", key, goal_lines(str(f.value)))
    replace_tables(doc, None, "指标", [])
    plan = plan_indicators(doc, read, rows, None)
    if read.stated_total:
        set_value(doc, "评价", "总分", read.stated_total.value)
    if read.stated_grade:
        set_value(doc, "评价", "等级", str(read.stated_grade.value))
    settle_scores(doc, target, plan)
    text = tomlkit.dumps(doc)
    atomic_write(target, text.encode("utf-8"))
    return finish(target, text, read, rows, doc, found, Imported(target, True))
