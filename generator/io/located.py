"""Where a workbook value came from, problems located there, and opening a workbook safely."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import JixiaoError, Problem

CONVERT = "请在 Excel 或 WPS 中打开，“另存为” Excel 工作簿（.xlsx）后再导入"


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


def open_workbook(path: Path):
    """(values, formulas, problems): the workbook read twice, for computed values and formulas."""
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
    try:
        values = load_workbook(path, data_only=True)
        formulas = load_workbook(path, data_only=False)
    except PermissionError:
        found.fail("无法读取：文件被占用或没有权限（是否正在 Excel 中打开？请关闭后重试）", at)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        found.fail(f"无法读取这个工作簿（{type(exc).__name__}）。{CONVERT}", at)
    return values, formulas, found
