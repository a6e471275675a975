"""What the pages show about a unit, read through the library (evaluate, build records).

Nothing here raises for a bad unit: a file that cannot be read, a format that is broken, even a
bug in the tool, become the unit's problems (generator/examine.py), and the page shows them.
"""

from __future__ import annotations

import hashlib
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path

from generator.building import records
from generator.building.unit import is_unchanged
from generator.compute.figure_kinds import is_score
from generator.compute.numbers import fmt_number
from generator.data.files import decode
from generator.data.formats import current_digest
from generator.data.schema import TODO, TODO_CHECK
from generator.errors import DataError, Judged, Problem
from generator.evaluate import Evaluated
from generator.examine import Examined, examine
from generator.web.forms import section_for
from generator.web.safety import Folder, Refused, inside
from generator.web.words import label, plain

KEY_PATH = re.compile(r"[\w\u4e00-\u9fff]+(?:\[\d+\])?(?:\.[\w\u4e00-\u9fff]+(?:\[\d+\])?)+")
# The state of a unit's report, as the folder page shows it.
NONE, CURRENT, STALE, EDITED, BLOCKED = "尚未生成", "最新", "已过时", "手工改过", "无法访问"
STATE_HELP = {
    NONE: "还没有生成报告",
    CURRENT: "报告与现在的数据、格式一致",
    STALE: "数据或格式在上次生成后改过，需要重新生成",
    EDITED: "报告在生成后被改过（或不是本工具生成的），网页不会覆盖它",
    BLOCKED: "输出文件夹指向本文件夹之外，不读不写",
}


@dataclass
class Indicator:
    number: int
    level1: str
    level2: str
    level3: str
    target: str
    actual: str
    weight: str
    score: str
    how: str  # 计算 / 给定 / 无法计分 / 达成 …


@dataclass
class UnitView(Judged):
    """One unit for the pages: its figures and problems, and the state of its report."""

    name: str  # the file's stem: how URLs name the unit
    path: Path
    unit: Evaluated | None = None
    problems: list[Problem] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)  # the file's text, for quoting a line
    state: str = NONE
    report: Path | None = None

    @property
    def title(self) -> str:
        name = self.unit.report.unit.name if self.unit else ""
        return name if name and name != TODO else self.name

    @property
    def year(self) -> str:
        year = self.unit.report.unit.year if self.unit else None
        return str(year) if isinstance(year, int) else ""

    @property
    def format_id(self) -> str:
        return self.unit.fmt.id if self.unit else ""

    @property
    def format_name(self) -> str:
        return self.unit.fmt.settings.name if self.unit else ""

    @property
    def provisional(self) -> bool:
        """总分 and 等级 shown while the unit has errors: provisional (暂定), not final."""
        return bool(self.unit and self.errors and not self.waiting)

    @property
    def can_build(self) -> bool:
        """Whether the page's build button may build: no errors and a report it may write."""
        return self.unit is not None and not self.errors and self.state not in (EDITED, BLOCKED)

    def key_label(self, key: str) -> str:
        """A key path in the clerk's words (第 2 项指标“…”的实际值)."""
        return label(key, self.unit.report if self.unit else None)

    def section_of(self, key: str) -> str | None:
        """The edit form that holds a key path (预算.执行数 → 预算)."""
        return section_for(key) if key else None

    def say(self, message: str) -> str:
        """A problem's message in the clerk's words: no key paths, format ids or flags."""
        return plain(message, self.unit.report if self.unit else None, self.path.parent)

    @property
    def unfilled(self) -> int:
        """How many errors only say a value is still 待填."""
        return sum(p.check == TODO_CHECK for p in self.errors)

    @property
    def waiting(self) -> bool:
        """Values still 待填: the total and grade would only mislead until they are filled in."""
        return bool(self.unit and self.unit.loaded.todo)

    def figure(self, name: str) -> str:
        if self.unit is None or name not in self.unit.figures:
            return ""
        if self.waiting and is_score(name):
            return ""
        return self.unit.display(name)

    def quote(self, line: int | None) -> str:
        """The text of a line of the data file (for showing where to fix it)."""
        if not line or line > len(self.lines):
            return ""
        text = self.lines[line - 1].strip()
        return text if len(text) <= 120 else text[:120] + "…"

    def related(self, p: Problem) -> list[tuple[int, str]]:
        """Other lines the message names (请核对 预算.项目支出 …): (line, key), own line excluded."""
        if self.unit is None:
            return []
        out: list[tuple[int, str]] = []
        for key in dict.fromkeys(KEY_PATH.findall(p.message)):
            if not re.search(r"[\u4e00-\u9fff]", key):
                continue  # a number such as 2,778.36
            line = self.unit.loaded.line(key)
            if line and line != p.line and (line, key) not in out:
                out.append((line, key))
        return out

    def formulas(self, scores: bool = False) -> list[tuple[str, str]]:
        """The computed figures with formula and inputs: the facts' figures, or (scores=True)
        the score figures: 总分, 等级 and every 一级/二级 subtotal and 得分率."""
        if self.unit is None:
            return []
        s = self.unit.fmt.settings
        return [
            (n, f.explain(s))
            for n, f in self.unit.figures.items()
            if f.formula and is_score(n) == scores
        ]

    @property
    def scored(self) -> bool:
        return bool(self.unit and self.unit.fmt.settings.scoring.scored)

    def indicators(self) -> list[Indicator]:
        if self.unit is None:
            return []
        u, places = self.unit, self.unit.fmt.settings.numbers.score_places
        rows = []
        for i, (ind, scored, verdict) in enumerate(
            zip(u.report.indicators, u.scores, u.attained, strict=True), 1
        ):
            if not self.scored:
                score, how = "", verdict or "未判断"
            elif scored is None:
                score, how = "", "无法计分"
            else:
                score = fmt_number(scored.score, places)
                how = ("计算：" if scored.computed else "给定：") + scored.explanation
            weight = fmt_number(ind.weight, 2, trim=True) if ind.weight is not None else ""
            rows.append(
                Indicator(
                    i,
                    ind.level1 or "",
                    ind.level2 or "",
                    ind.level3 or "",
                    ind.target or "",
                    ind.actual or "",
                    weight,
                    score,
                    how,
                )
            )
        return rows


def report_state(folder: Folder, source: Path) -> tuple[str, Path | None]:
    try:
        target = folder.report(source)
    except Refused:
        return BLOCKED, None
    if not target.exists():
        return NONE, None
    fine, _ = records.ours(target)
    if not fine:
        return EDITED, target
    if is_unchanged(source, folder.output):
        return CURRENT, target
    return STALE, target


class Evaluations:
    """examine() once per content of a unit file and of its format: the folder page re-reads
    only what changed, and an edited settings.toml or template.docx shows at once."""

    def __init__(self) -> None:
        self._cache: dict[Path, tuple[str, Examined]] = {}
        self._lock = threading.Lock()

    def clear(self) -> None:
        with self._lock:
            self._cache.clear()

    def get(self, path: Path, raw: bytes) -> Examined:
        digest = hashlib.sha256(raw).hexdigest()
        with self._lock:
            hit = self._cache.get(path)
        if hit and hit[0] == digest and not format_changed(hit[1]):
            return hit[1]
        examined = examine(path, None, raw)
        with self._lock:
            self._cache[path] = (digest, examined)
        return examined


def format_changed(e: Examined) -> bool:
    """Whether the format the unit was examined with has other files now (or none)."""
    return e.format_id is not None and current_digest(e.format_id) != e.format_digest


def view(folder: Folder, path: Path, cache: Evaluations) -> UnitView:
    """Everything the pages show about one unit file (already checked to lie in the folder)."""
    v = UnitView(name=path.stem, path=path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        v.problems = [Problem(f"无法读取文件：{exc.strerror}", file=path, check="file.read")]
        return v
    examined = cache.get(path, raw)
    v.unit, v.problems = examined.unit, list(examined.problems)
    try:
        v.lines = decode(path, raw).splitlines()
    except DataError:
        v.lines = []
    v.state, v.report = report_state(folder, path)
    return v


def views(folder: Folder, cache: Evaluations) -> list[UnitView]:
    out = []
    for path in folder.unit_files():
        if not inside(folder.root, path):
            message = f"{path.name} 是指向本文件夹之外的链接，不读取"
            out.append(UnitView(path.stem, path, problems=[Problem(message, check="web.path")]))
            continue
        out.append(view(folder, path, cache))
    return out


def stamp(paths: list[Path]) -> str:
    """A short fingerprint of the files' names, sizes and times: the page reloads when it moves."""
    h = hashlib.sha256()
    for p in paths:
        try:
            st = p.stat()
            h.update(f"{p.name}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
        except OSError:
            h.update(f"{p.name}\0-\n".encode())
    return h.hexdigest()[:16]
