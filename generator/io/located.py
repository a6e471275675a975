"""Where a workbook value came from, problems located there, and opening a workbook safely."""

from __future__ import annotations

import contextlib
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.errors import JixiaoError, Problem

CONVERT = "请在 Excel 或 WPS 中打开，“另存为” Excel 工作簿（.xlsx）后再导入"

# What a 自评表 workbook may hold, checked before it is parsed: an exported one is some 20 KB
# of XML; a decompression bomb of 20 KB would otherwise unpack to gigabytes.
MAX_MEMBERS = 1000  # files inside the .xlsx (a zip)
MAX_XML = 16 << 20  # bytes of unpacked XML, all parts together (about 10,000 rows)
MAX_UNPACKED = 200 << 20  # bytes unpacked in all (pictures included)
MAX_RATIO = 200  # unpacked ÷ packed of one part over 1 MB (sheets pack some 10–30 times)
MAX_ROWS = 10_000
MAX_COLUMNS = 256  # a 自评表 has about ten; XFD is 16,384
SHRINK = "请只保留自评表所在的工作表、删去多余的行列后另存，再导入"
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"([A-Z]+)?(\d+)?(?::([A-Z]+)(\d+))?\"")


@dataclass(frozen=True)
class Where:
    """自评表.xlsx 工作表“自评表” 第 12 行 “实际完成值”列"""

    file: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        out = self.file
        if self.sheet:
            out += f" 工作表“{self.sheet}”"
        if self.row:
            out += f" 第 {self.row} 行"
        if self.column:
            out += f" “{self.column}”列"
        return out


@dataclass(frozen=True)
class SheetProblem(Problem):
    """A Problem whose place is a cell of a workbook rather than a line of a unit file."""

    at: Where | None = None

    def where(self) -> str:
        if self.at is None:
            return super().where()
        return str(self.at)


@dataclass
class WorkbookProblems:
    items: list[Problem] = field(default_factory=list)

    def error(self, message: str, at: Where, check: str = "import.cell") -> None:
        self.items.append(SheetProblem(message, level="错误", check=check, at=at))

    def warn(self, message: str, at: Where, check: str = "import.cell") -> None:
        self.items.append(SheetProblem(message, level="警告", check=check, at=at))

    def fail(self, message: str, at: Where) -> None:
        self.error(message, at, "import.file")
        raise WorkbookError(self.items)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if not p.is_error]


class WorkbookError(JixiaoError):
    """A workbook that cannot be imported; carries every problem found in it."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        errors = [p for p in problems if p.is_error]
        super().__init__("\n".join(str(p) for p in errors))


def open_workbook(path: Path, choose: Callable[[Any], set[str]] | None = None):
    """(values, formulas, problems): the workbook read twice, for computed values and formulas.
    `choose` (given the workbook opened read-only, streaming) names the sheets worth parsing;
    every other sheet is read as empty, however many rows it holds."""
    from openpyxl import load_workbook

    path = Path(path)
    found = WorkbookProblems()
    at = Where(str(path))
    suffix = path.suffix.lower()
    if suffix in (".xls", ".et"):
        found.fail(f"这是旧版 Excel 文件（{suffix}），本工具只读 .xlsx。{CONVERT}", at)
    if suffix == ".csv":
        found.fail(f"这是 CSV 文本文件，不含合并单元格和格式，本工具只读 .xlsx。{CONVERT}", at)
    if suffix in (".ods", ".numbers", ".wps"):
        found.fail(f"本工具只读 Excel 工作簿（.xlsx），不读 {suffix} 文件。{CONVERT}", at)
    if suffix not in (".xlsx", ".xlsm"):
        found.fail(f"不是 Excel 工作簿（.xlsx）：{path.name}", at)
    if not path.is_file():
        found.fail("找不到文件", at)
    if not zipfile.is_zipfile(path):
        found.fail(f"文件不是有效的 .xlsx（可能是改了扩展名的旧版 .xls 或已损坏）。{CONVERT}", at)
    bounded(path, found, at)
    try:  # openpyxl 3.1.2 prints a print title's sheet to stdout while it loads: not ours to show
        with contextlib.redirect_stdout(io.StringIO()):
            data = path.read_bytes()
            if choose is not None:
                streamed = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
                try:
                    data = only_sheets(data, choose(streamed))
                finally:
                    streamed.close()
            values = load_workbook(io.BytesIO(data), data_only=True)
            formulas = load_workbook(io.BytesIO(data), data_only=False)
    except PermissionError:
        found.fail("无法读取：文件被占用或没有权限（是否正在 Excel 中打开？请关闭后重试）", at)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        found.fail(f"无法读取这个工作簿（{type(exc).__name__}）。{CONVERT}", at)
    for ws in values.worksheets:  # the cells as parsed: a dimension may understate them
        too_big(ws.max_row, ws.max_column, f"工作表“{ws.title}”", found, at)
    return values, formulas, found


MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
EMPTY_SHEET = f'<worksheet xmlns="{MAIN}"><sheetData/></worksheet>'.encode()


def only_sheets(data: bytes, keep: set[str]) -> bytes:
    """The .xlsx with every worksheet not named in `keep` replaced by an empty one (the parts,
    names and order stay, so the workbook stays whole). The package is read by its standard
    parts: xl/workbook.xml names the sheets, its relationships name their parts."""
    from lxml import etree  # type: ignore[import-untyped]

    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        book = etree.fromstring(z.read("xl/workbook.xml"), parser)
        rels = etree.fromstring(z.read("xl/_rels/workbook.xml.rels"), parser)
        targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{{{RELS}}}Relationship")}
        drop = set()
        for sheet in book.iter(f"{{{MAIN}}}sheet"):
            if sheet.get("name") in keep:
                continue
            target = targets.get(sheet.get(f"{{{OFFICE_RELS}}}id") or "", "")
            drop.add(target.lstrip("/") if target.startswith("/") else f"xl/{target}")
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for info in z.infolist():
                body = EMPTY_SHEET if info.filename in drop else z.read(info)
                dst.writestr(info.filename, body)
    return out.getvalue()


def column_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - ord("A") + 1
    return n


def too_big(rows: int, columns: int, what: str, found: WorkbookProblems, at: Where) -> None:
    if rows > MAX_ROWS or columns > MAX_COLUMNS:
        found.fail(
            f"{what}有 {rows:,} 行、{columns:,} 列，超过导入的上限（{MAX_ROWS:,} 行、"
            f"{MAX_COLUMNS} 列）。{SHRINK}",
            at,
        )


def bounded(path: Path, found: WorkbookProblems, at: Where) -> None:
    """Refuse, before parsing, a workbook whose parts or sheets exceed what a 自评表 needs."""
    try:
        with zipfile.ZipFile(path) as z:
            members = z.infolist()
            if len(members) > MAX_MEMBERS:
                found.fail(f"工作簿中有 {len(members):,} 个部件，不像自评表。{SHRINK}", at)
            unpacked = sum(m.file_size for m in members)
            xml = sum(m.file_size for m in members if m.filename.endswith((".xml", ".rels")))
            ratio = max(
                (m.file_size / max(m.compress_size, 1) for m in members if m.file_size > 1 << 20),
                default=0,
            )
            if unpacked > MAX_UNPACKED or xml > MAX_XML or ratio > MAX_RATIO:
                found.fail(
                    f"工作簿解压后有 {unpacked / (1 << 20):,.0f} MB（其中表格内容 "
                    f"{xml / (1 << 20):,.0f} MB，压缩比最高 {ratio:,.0f} 倍），超过导入的上限"
                    f"（表格内容 {MAX_XML >> 20} MB、全部 {MAX_UNPACKED >> 20} MB、"
                    f"压缩比 {MAX_RATIO} 倍）。{SHRINK}",
                    at,
                )
            for m in members:
                if m.filename.startswith("xl/worksheets/") and m.filename.endswith(".xml"):
                    with z.open(m) as f:
                        head = f.read(4096)
                    dim = _DIMENSION.search(head)
                    if dim and dim.group(3) and dim.group(4):
                        what = f"工作表（{m.filename.rsplit('/', 1)[-1]}）声明的范围"
                        too_big(
                            int(dim.group(4)), column_number(dim.group(3).decode()), what, found, at
                        )
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as exc:
        found.fail(f"无法读取这个工作簿（{type(exc).__name__}）。{CONVERT}", at)
