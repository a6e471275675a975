"""The library behind `jixiao build`: evaluate a unit, refuse on errors, render, write safely."""

from __future__ import annotations

import contextlib
import os
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from generator.building import DEFAULT_OUTPUT, records
from generator.building.folder_settings import FILE, keeps_edited
from generator.data import DEFAULT_FILE_NAME, TODO
from generator.data.files import decode, read_bytes
from generator.data.formats import current_digest, file_name_of
from generator.errors import (
    DataError,
    JixiaoError,
    Judged,
    OverwriteError,
    Problem,
    RenderError,
    internal_error,
)
from generator.report.write import is_dir

if TYPE_CHECKING:
    from generator.building.edits import Edit
    from generator.evaluate import Evaluated
    from generator.examine import Examined


BUILT, UNCHANGED, KEPT, FAILED = "已生成", "未变", "保留", "失败"


# The pipeline and the renderer load on first use: a run where every unit is unchanged never
# imports the checks, Jinja or docx.
def examine(source: Path, format_id: str | None, raw: bytes) -> Examined:
    from generator.examine import examine

    return examine(source, format_id, raw, dry_run=False)  # rendered for real right after


def render(unit: Evaluated) -> bytes:
    from generator.report.render import render

    return render(unit)


def unit_files(paths: list[Path]) -> list[Path]:
    """The unit files named: files as given, folders expanded to their *.toml, sorted; a file
    named twice (or through a folder and by name) counts once."""
    files: list[Path] = []
    seen: set[Path] = set()
    for p in paths:
        p = Path(p)
        found = (
            sorted(x for x in p.glob("*.toml") if x.is_file() and x.name != FILE)
            if is_dir(p)
            else [p]
        )
        for f in found:
            key = Path(os.path.abspath(f))
            with contextlib.suppress(OSError, ValueError):
                key = Path(os.path.realpath(f))  # f.resolve() without its extra stat per file
            if key not in seen:
                seen.add(key)
                files.append(f)
    return files


@dataclass
class Outcome(Judged):
    """What became of one unit: built, unchanged (skipped) or failed (with its problems)."""

    source: Path
    target: Path | None = None
    status: str = FAILED
    problems: list[Problem] = field(default_factory=list)
    unit: Evaluated | None = None
    backup: Path | None = None  # where --force put the file it replaced
    edits: list[Edit] | None = None  # what the hand changed in a kept or backed-up report

    @property
    def ok(self) -> bool:
        return self.status != FAILED


# Bytes (UTF-8) of the name before .docx: file systems allow 255, and the temporary file, the
# record (.docx.json) and a dated backup add theirs; 180 is 60 Chinese characters.
NAME_LIMIT = 180
_NOT_IN_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f]')
_RESERVED = re.compile(r"^(CON|PRN|AUX|NUL|COM\d|LPT\d)(\..*)?$", re.IGNORECASE)
_SELF = ("我", "本")  # 简称 = "我镇", "本单位": how the text refers to itself, not a name


def report_name(pattern: str, unit: dict, fallback: str) -> str:
    """The report's file name from the format's pattern and the unit's 名称, 简称 and 年度:
    璧泉街道办事处2023年度整体支出绩效自评报告.docx, safe as a Windows file name.

    Characters Windows forbids are dropped, trailing dots and spaces removed and the length
    capped; without a usable name or year the data file's own name is used.
    """
    name, short, year = unit.get("名称"), unit.get("简称"), unit.get("年度")
    if not isinstance(short, str) or not short.strip() or short.startswith(_SELF):
        short = name
    if not (isinstance(name, str) and isinstance(year, int)) or isinstance(year, bool):
        return f"{fallback}.docx"
    values = {"名称": name.strip(), "简称": str(short).strip(), "年度": str(year)}
    stem = _NOT_IN_NAMES.sub("", re.sub(r"\{(\w+)\}", lambda m: values.get(m[1], ""), pattern))
    while len(stem.encode("utf-8")) > NAME_LIMIT:
        stem = stem[:-1]
    stem = stem.rstrip(" .")
    if TODO in stem or not stem or _RESERVED.match(stem):
        return f"{fallback}.docx"
    return f"{stem}.docx"


def file_name_pattern(format_id: str) -> str:
    """The format's 文件名 pattern as its settings files say now (a batch keeps it for its run);
    an unknown or broken format gets the default (its build says what is wrong)."""
    try:
        return file_name_of(format_id)
    except Exception:  # resolving the format at build time says what is wrong
        return DEFAULT_FILE_NAME


def is_file_target(out: Path) -> bool:
    """`-o 报告.docx` names the report itself rather than a folder for it."""
    return Path(out).suffix.lower() == ".docx" and not Path(out).is_dir()


_UNIT_HEADER = re.compile(r'^[ \t]*\[[ \t]*(?:"单位"|单位)[ \t]*\][ \t]*(?:#.*)?$', re.MULTILINE)
_ANY_HEADER = re.compile(r"^[ \t]*\[", re.MULTILINE)
# The lines of the 单位 table a report's name reads; the rest of the table is not parsed.
_NAME_LINES = re.compile(
    r"""^[ \t]*(?:"(?:名称|简称|年度|格式)"|'(?:名称|简称|年度|格式)'|名称|简称|年度|格式)[ \t]*=.*$""",
    re.MULTILINE,
)


def unit_table(text: str) -> dict | None:
    """The ["单位"] table's 名称, 简称, 年度 and 格式, read from their own lines where they can be.

    A batch names every report before it builds any (to find two units with one name), in its
    own process: parsing just these lines keeps that cheap, and leaves whatever else the file
    holds to the worker that builds the unit. Where the lines don't parse alone (a value over
    several lines) the table is parsed whole, and a file that writes 单位 otherwise (inline or
    with dotted keys) is parsed whole.
    """
    header = _UNIT_HEADER.search(text)
    if header is not None:
        following = _ANY_HEADER.search(text, header.end())
        table = text[header.end() : following.start() if following else len(text)]
        for part in ("\n".join(m[0] for m in _NAME_LINES.finditer(table)), table):
            try:
                return tomllib.loads(part)
            except tomllib.TOMLDecodeError:
                pass  # a value spread over lines, some looking like headers: read more
    unit = tomllib.loads(text).get("单位")
    return unit if isinstance(unit, dict) else None


def _named(source: Path, raw: bytes | None) -> dict | None:
    """The unit's 单位 table as names read it, or None: the name is a convenience, so whatever
    stops reading is left for the build to report."""
    try:
        unit = unit_table(decode(source, read_bytes(source) if raw is None else raw))
    except Exception:
        return None
    return unit if isinstance(unit, dict) else None


def _format_named(unit: dict | None, format_id: str | None) -> str:
    if format_id:
        return format_id
    return str(unit.get("格式") or "standard") if unit is not None else "standard"


def format_of(source: Path, format_id: str | None = None, raw: bytes | None = None) -> str:
    """The format a unit names in its 单位 table (or `format_id`), read as `target_for` reads."""
    return format_id or _format_named(_named(Path(source), raw), None)


def target_for(
    source: Path,
    out: Path,
    format_id: str | None = None,
    raw: bytes | None = None,
    pattern_of: Callable[[str], str] = file_name_pattern,
) -> Path:
    """Where a unit's report goes: `out` itself if it names a .docx, else a file in the folder
    `out` named by the format's 文件名 pattern (the data file's own name if the unit's 单位
    table can't be read)."""
    out, source = Path(out), Path(source)
    if is_file_target(out):
        return out
    unit = _named(source, raw)
    if unit is None:
        return out / f"{source.stem}.docx"
    pattern = pattern_of(_format_named(unit, format_id))
    return out / report_name(pattern, unit, source.stem)


def build_unit(
    source: Path,
    out_dir: Path = DEFAULT_OUTPUT,
    format_id: str | None = None,
    force: bool = False,
    keep_edited: bool = False,
    target: Path | None = None,
) -> Outcome:
    """Build one unit's report (to `target` when the caller has named it already); never raises
    for a user's mistake, the outcome says what went wrong.

    An existing report is replaced only if it is as the last build left it (same bytes, or the
    same text saved again in an editor); with `force` a file that isn't is first copied to a
    dated backup beside it, and the outcome lists what the hand changed. With `keep_edited` (or
    保留手工修改 in the data or output folder's jixiao.toml) such a file is kept, not a failure.
    """
    source = Path(source)
    outcome = Outcome(source=source)
    try:
        raw = read_bytes(source)  # one read: the hash recorded is of the data evaluated
        examined = examine(source, format_id, raw)
        outcome.unit, outcome.problems = examined.unit, list(examined.problems)
        unit = examined.unit
        if unit is None or examined.errors:
            return outcome
        target = target or target_for(source, out_dir, format_id, raw)
        keep = keep_edited or keeps_edited(source.parent, target.parent)
        try:
            docx = render(unit)
        except RenderError as exc:
            from generator.report.render import render_problem

            outcome.problems = outcome.problems + [render_problem(unit, exc)]
            return outcome
        edits = None if not force else records.edits_of(target)
        outcome.backup = records.guard(target, force, docx, keep, source)
        outcome.edits = edits if outcome.backup else None
        record = records.Record(
            output=target.name,
            docx="",
            data=records.sha256(raw),
            format_id=unit.fmt.id,
            format_digest=examined.format_digest or unit.fmt.digest(),
            version=records.tool_version(),
            source=str(source.resolve()),
            format_option=format_id,
        )
        records.commit(target, docx, record, raw)
        outcome.target, outcome.status = target, BUILT
    except DataError as exc:
        outcome.problems = exc.problems
    except records.Edited as exc:
        outcome.target, outcome.status, outcome.edits = target, KEPT, exc.edits
    except OverwriteError as exc:  # the message names the report, not the data file
        outcome.problems = outcome.problems + [Problem(str(exc), check="build.overwrite")]
    except JixiaoError as exc:
        outcome.problems = outcome.problems + [Problem(str(exc), file=source, check="build")]
    except Exception as exc:  # the last resort: a bug fails this unit, with one line saying so
        message = internal_error(exc, str(source))
        outcome.problems = outcome.problems + [
            Problem(message, file=source, check="build.internal")
        ]
    return outcome


def is_unchanged(
    source: Path,
    out_dir: Path = DEFAULT_OUTPUT,
    format_id: str | None = None,
    target: Path | None = None,
    raw: bytes | None = None,
    format_digest_of: Callable[[str], str | None] = current_digest,
) -> bool:
    """Whether the last build into out_dir (to target, if known) used this very data (its
    bytes, if already read), format and tool version; `format_digest_of` as in
    records.unchanged."""
    target = target or target_for(source, out_dir, format_id, raw)
    if not records.record_path(target).exists():
        return False
    try:
        raw = read_bytes(source) if raw is None else raw
        data = records.sha256(raw)
        return records.unchanged(target, source, data, format_id, format_digest_of)
    except Exception:  # unreadable data, a broken format or output folder: the build says so
        return False
