"""What `build` wrote, so that a report edited by hand (or not ours at all) is never overwritten.

Each output folder keeps a `.jixiao/` folder with, per report, a record `<name>.docx.json`
(hashes of the written .docx and of its text, of the data file and of the format, the tool
version, the source), `<stem>.toml`, the data of the last build, which `jixiao diff FILE`
compares with, and `<stem>.txt`, the report's text as written, which tells a hand edit from a
file merely saved again in Word, WPS or LibreOffice, and says which paragraphs the hand changed
(`edits.py`).

One small file per report rather than one manifest for the folder: parallel builds write their
records from separate processes, and a file each needs no lock.

The write order makes an interrupted build safe: the record first accepts both the file on
disk and the new one, then the report is replaced atomically, then the data copy and the final
record are written. Wherever a build stops, the file on disk is one the record accepts; and a
build counts as unchanged only if the report on disk is the one its record names.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from generator.data.formats import current_digest
from generator.errors import OutputError, OverwriteError, os_reason
from generator.report.write import atomic_write, is_dir
from generator.version import tool_version

if TYPE_CHECKING:
    from generator.building.edits import Edit

# building/edits.py (the report's text) loads when a report is written or compared: an
# unchanged rerun does neither.

STATE_DIR = ".jixiao"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_hash(path: Path) -> str | None:
    """The hash of the file at path, None if there is none; OutputError if it cannot be read."""
    path = Path(path)
    if is_dir(path):
        raise OutputError(f"{path} 是一个文件夹，报告不能写在这里：请改名或移走它")
    try:
        return sha256(path.read_bytes())
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise OutputError(f"无法读取 {path}：{os_reason(exc)}") from None


@dataclass
class Record:
    """One report as `build` last wrote it."""

    output: str  # file name in the output folder
    docx: str  # sha256 of the .docx written
    data: str  # sha256 of the unit file's bytes
    format_id: str
    format_digest: str
    version: str
    source: str  # absolute path of the unit file
    format_option: str | None = None  # --format given on the command line, if any
    built: str = ""  # local time, for people
    accepted: list[str] = field(default_factory=list)  # hashes the file may have and still be ours
    text: str = ""  # hash of the report's text (edits.text_lines): saved again unchanged is ours
    # [size, mtime_ns, inode] of the .docx as written: while the file still has them, an
    # unchanged rerun need not read and hash it (any write changes them; then it hashes).
    written: list[int] = field(default_factory=list)


def state_dir(out_dir: Path) -> Path:
    return Path(out_dir) / STATE_DIR


def record_path(target: Path) -> Path:
    # state_dir(target.parent) / f"{target.name}.json", making one Path instead of four
    return Path(os.path.dirname(target), STATE_DIR, os.path.basename(target) + ".json")


def data_copy_path(target: Path) -> Path:
    return state_dir(target.parent) / f"{target.stem}.toml"


def last_built(out_dir: Path, source: Path) -> Path | None:
    """The report in out_dir last built from `source`, found by its record: a unit whose name
    changed since (so its report name did too) still finds the build it is compared with."""
    wanted = str(Path(source).resolve())
    found = []
    for path in state_dir(out_dir).glob("*.docx.json"):
        record = read_record(Path(out_dir) / path.name[: -len(".json")])
        if record is not None and record.source == wanted:
            found.append((record.built, Path(out_dir) / record.output))
    return max(found)[1] if found else None


def text_copy_path(target: Path) -> Path:
    return state_dir(target.parent) / f"{target.stem}.txt"


class Edited(OverwriteError):
    """A report edited by hand, left as it is on purpose (keep edited): not a failure."""

    def __init__(self, message: str, edits: list[Edit] | None):
        super().__init__(message)
        self.edits = edits


def same_text(target: Path, record: Record | None) -> bool:
    """The file has the text the build wrote, whatever its bytes (saved again in an editor)."""
    if record is None or not record.text:
        return False
    from generator.building.edits import file_lines, text_digest

    lines = file_lines(target)
    return lines is not None and text_digest(lines) == record.text


def edits_of(target: Path) -> list[Edit] | None:
    """What the hand changed in the report since the build wrote it; None if unknown."""
    try:
        written = text_copy_path(target).read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    from generator.building.edits import file_lines, hand_edits

    now = file_lines(target)
    return None if now is None else hand_edits(written, now)


def read_record(target: Path) -> Record | None:
    """The record of a report, or None (never built here, or the record is unreadable)."""
    try:
        with open(record_path(target), "rb") as fh:  # json reads UTF-8 bytes itself
            raw = json.loads(fh.read())
        return Record(**raw)
    except (OSError, ValueError, TypeError):
        return None


def _save(target: Path, record: Record) -> None:
    text = json.dumps(asdict(record), ensure_ascii=False, indent=1)
    # Not waited onto the disk: after a power cut an older or missing record only makes the
    # next build refuse to replace the report (the report itself is written durably).
    atomic_write(record_path(target), text.encode("utf-8"), durable=False)


def ours(target: Path) -> tuple[bool, str | None]:
    """Whether the file at target is as this tool left it (or absent), and its hash."""
    current = file_hash(target)
    if current is None:
        return True, None
    record = read_record(target)
    if record and current in (record.accepted or [record.docx]):
        return True, current
    return same_text(target, record), current


def backup_name(target: Path, when: datetime | None = None) -> Path:
    stamp = (when or datetime.now()).strftime("%Y%m%d-%H%M%S")
    return target.with_name(f"{target.stem}.{stamp}.bak{target.suffix}")


def back_up(target: Path) -> Path:
    """Copy target to a dated backup beside it, never over an earlier backup."""
    first = backup_name(target)
    try:
        data = target.read_bytes()
        for n in range(1, 1000):
            candidate = (
                first if n == 1 else first.with_name(first.name.replace(".bak", f"-{n}.bak"))
            )
            try:
                with open(candidate, "xb") as fh:
                    fh.write(data)
                    fh.flush()
                    os.fsync(fh.fileno())
                return candidate
            except FileExistsError:
                continue
    except OSError as exc:
        raise OutputError(f"无法备份 {target}，所以没有覆盖它：{os_reason(exc)}") from None
    raise OverwriteError(f"无法备份 {target}：同名备份过多")


def guard(
    target: Path,
    force: bool,
    new: bytes | None = None,
    keep: bool = False,
    source: Path | None = None,
) -> Path | None:
    """Refuse to replace a file that isn't as we left it; with force, back it up first.

    A file identical to the new report, or with the same text (saved again in an editor), is
    replaced freely: nothing in it can be lost (this also adopts reports written before records
    were kept). With `keep` (and no force) an edited file is left alone: `Edited`, not a failure.
    A report built from another data file (`source`) that still exists — two files of the same
    unit and year, built in separate runs — is not replaced without force either.
    """
    fine, current = ours(target)
    if new is not None and current == sha256(new):
        return None
    other = other_source(target, source) if current is not None else None
    if other is not None:
        if force:
            return back_up(target)
        raise OverwriteError(
            f"{target} 是由另一个数据文件 {other} 生成的，而这次的数据文件是 {source}："
            "是不是同一单位同一年度有两份数据？没有覆盖。请删去或改正其中一份；"
            "确要用这份数据重新生成，加 --force（原报告先备份到同一文件夹）"
        )
    if fine:
        return None
    if force:
        return back_up(target)
    if read_record(target) is None:
        why = "不是本工具生成的（没有生成记录）"
    else:
        why = "在上次生成之后被修改过（可能是手工编辑）"
    if keep:
        raise Edited(f"{target} {why}，保留原样，没有重新生成", edits_of(target))
    raise OverwriteError(
        f"{target} {why}，为免丢失其中的内容，没有覆盖。"
        f"要保留它、照常生成其余报告，加 --keep-edited（或在数据文件夹的 jixiao.toml 中写 "
        f"保留手工修改 = true）；确要重新生成，加 --force：原文件先备份到同一文件夹，"
        f"并列出手工改动的段落"
    )


def other_source(target: Path, source: Path | None) -> str | None:
    """The data file the report at target was built from, if another one that still exists."""
    record = read_record(target)
    if source is None or record is None or not record.source:
        return None
    if record.source == str(Path(source).resolve()) or not os.path.isfile(record.source):
        return None  # the same file, or one renamed or removed since
    return record.source


def commit(target: Path, docx: bytes, record: Record, data_text: bytes) -> None:
    """Write the report and what the next build needs to know about it, in a safe order."""
    fine, current = ours(target)
    record.docx = sha256(docx)
    record.built = datetime.now().isoformat(timespec="seconds")
    from generator.building.edits import text_digest, text_lines

    lines = text_lines(docx) or []
    record.text = text_digest(lines)
    before = [current] if fine and current else []
    _save(target, Record(**{**asdict(record), "accepted": before + [record.docx]}))
    atomic_write(target, docx)
    atomic_write(data_copy_path(target), data_text, durable=False)
    text = ("\n".join(lines) + "\n").encode("utf-8")
    atomic_write(text_copy_path(target), text, durable=False)
    record.accepted = [record.docx]
    record.written = _stat(target)
    _save(target, record)


def _stat(path: Path) -> list[int]:
    st = os.stat(path)
    return [st.st_size, st.st_mtime_ns, st.st_ino]


def _as_written(target: Path, record: Record) -> bool:
    """Whether the file is the one the record names: as written (by its size, time and
    inode), or else by its hash (a file touched or copied back unchanged still counts)."""
    try:
        if record.written and _stat(target) == record.written:
            return True
    except OSError:
        return False
    return file_hash(target) == record.docx


def unchanged(
    target: Path,
    source: Path,
    data_hash: str,
    format_option: str | None,
    format_digest_of: Callable[[str], str | None] = current_digest,
) -> bool:
    """True when the last build here used the same data, format and tool, and left the report as is.

    `format_digest_of` maps a format id to its digest as the files are now (only called when
    everything else matches); a batch passes one that reads each format once per run.
    """
    record = read_record(target)
    if record is None:
        return False
    if not _as_written(target, record) and not same_text(target, record):
        return False  # missing, or edited by hand: building again says so rather than skip quietly
    if (record.source, record.data, record.version, record.format_option) != (
        os.path.realpath(source),  # as str(Path(source).resolve()), without the Path objects
        data_hash,
        tool_version(),
        format_option,
    ):
        return False
    return format_digest_of(record.format_id) == record.format_digest
