"""Find district formats on the search path and resolve their settings through `继承`.

Light to import: the settings schema loads when a format is first resolved, so the check
that a folder of reports is unchanged (`folders_of`, `folders_digest`) never loads it.
"""

from __future__ import annotations

import copy
import hashlib
import importlib.util
import os
import tomllib
import typing
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.data import DEFAULT_FILE_NAME
from generator.errors import DataError, Findings, FormatError, JixiaoError

if typing.TYPE_CHECKING:
    from generator.data.settings import Settings

SETTINGS_FILE = "settings.toml"
VERDICTS = ("达成", "部分达成", "未达成")  # what a 定性目标 word may stand for
KINDS = ("文字", "数字", "整数", "日期", "true/false", "文字的数组")  # what a 字段 may be


def _builtin() -> Path:
    """The shipped formats: package data installed from `templates/` (see pyproject.toml)."""
    # Where importlib.resources.files() finds it, without importing that (12 ms at start-up).
    spec = importlib.util.find_spec("generator.formats_builtin")
    if spec is not None and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations)))
    return Path(__file__).resolve().parents[2] / "templates"  # a source checkout (PYTHONPATH=.)


BUILTIN = _builtin()


def search_path() -> list[Path]:
    """Folders holding format folders: $JIXIAO_FORMATS, ./templates, then the built-in ones."""
    dirs = [Path(p) for p in os.environ.get("JIXIAO_FORMATS", "").split(os.pathsep) if p]
    dirs += [Path.cwd() / "templates", BUILTIN]
    seen, result = set(), []
    for d in dirs:
        key = d.resolve() if d.exists() else d
        if d.is_dir() and key not in seen:
            seen.add(key)
            result.append(d)
    return result


def available() -> dict[str, Path]:
    """Format id → its folder; an earlier folder on the search path wins."""
    found: dict[str, Path] = {}
    for base in search_path():
        try:
            folders = sorted(base.iterdir())
        except OSError:
            continue  # an unreadable folder on the search path holds no formats we can use
        for folder in folders:
            if (folder / SETTINGS_FILE).exists() and folder.name not in found:
                found[folder.name] = folder  # a broken settings.toml is reported, not hidden
    return found


@dataclass
class Format:
    """A resolved format: its id, chain of folders (itself first), settings and template."""

    id: str
    folders: list[Path]
    settings: Settings
    raw: dict
    template: Path | None  # None: the format has no template file (render says so)

    def digest(self) -> str:
        """Hash of everything in the format that shapes the output (settings and templates)."""
        return folders_digest(self.folders)


def folders_digest(folders: list[Path]) -> str:
    """Hash of every file in a format's folders, by relative path and content."""
    h = hashlib.sha256()
    for folder in folders:
        for f in sorted(folder.rglob("*")):
            if f.is_file():
                h.update(f.relative_to(folder).as_posix().encode())
                h.update(f.read_bytes())
    return h.hexdigest()


def current_digest(format_id: str) -> str | None:
    """The digest the format resolved now would have, without resolving its settings (an
    unchanged rerun needs only this); None if the format cannot be read."""
    try:
        return folders_digest(folders_of(format_id))
    except (JixiaoError, OSError, ValueError, RecursionError):  # nested too deep for tomllib
        return None  # resolving it says what is wrong


def _merge(base: dict, over: dict) -> dict:
    out = copy.deepcopy(base)
    for k, v in over.items():
        out[k] = _merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


def _read_settings(folder: Path) -> dict:
    from generator.data.files import decode, read_bytes
    from generator.data.toml_text import parse_toml

    path = folder / SETTINGS_FILE
    try:
        layer = parse_toml(path, decode(path, read_bytes(path)))
    except DataError as exc:
        raise FormatError(f"格式“{folder.name}”的设置文件有误：{exc}") from None
    missing = [k for k in ("名称", "地区") if k not in layer]
    if missing:
        keys = "、".join(f"“{k}”" for k in missing)
        raise FormatError(f"{path}：缺少必填项{keys}（每个格式都要写自己的名称和地区）")
    return layer


def _read_plain(folder: Path) -> dict:
    """The settings file as TOML, without the clerk-facing messages (any error propagates).

    Only `继承` and the report's `文件名` are wanted from it: a file that mentions neither is
    not parsed.
    """
    text = (folder / SETTINGS_FILE).read_bytes().decode("utf-8-sig")
    return tomllib.loads(text) if "继承" in text or "文件名" in text else {}


def file_name_of(format_id: str) -> str:
    """The format's 报告.文件名 as `resolve` merges it over the default.

    Only the settings files are read, as TOML: naming an unchanged unit's report needs no
    more. Any error propagates; resolving the format says what is wrong in the clerk's words.
    """
    for layer in _chain(format_id, available(), _read_plain)[1]:
        report = layer.get("报告")
        if isinstance(report, dict) and "文件名" in report:
            name = report["文件名"]
            if not isinstance(name, str):
                raise TypeError(name)
            return name
    return DEFAULT_FILE_NAME


def unknown_format(format_id: str, formats: dict[str, Path]) -> FormatError:
    import difflib

    close = difflib.get_close_matches(format_id, list(formats), n=1)
    hint = f"是不是“{close[0]}”？" if close else ""
    listing = "、".join(formats) or "（无）"
    return FormatError(f"未知的格式“{format_id}”。{hint}可用的格式：{listing}")


def _chain(
    format_id: str, formats: dict[str, Path], read: Callable[[Path], dict]
) -> tuple[list[Path], list[dict]]:
    """The format's folder and those it extends, each with its settings as read."""
    chain: list[Path] = []
    layers: list[dict] = []
    current = format_id
    while current:
        if current not in formats:
            if chain:
                raise FormatError(
                    f"{chain[-1] / SETTINGS_FILE}：继承的格式“{current}”不存在。"
                    f"可用的格式：{'、'.join(formats)}"
                )
            raise unknown_format(format_id, formats)
        folder = formats[current]
        if folder in chain:
            raise FormatError(f"{folder / SETTINGS_FILE}：格式的继承关系成环（{current}）")
        chain.append(folder)
        layer = read(folder)
        layers.append(layer)
        current = str(layer.get("继承") or "")
    return chain, layers


def folders_of(format_id: str) -> list[Path]:
    """The format's folders as `resolve` finds them, reading only `继承` from each."""
    return _chain(format_id, available(), _read_plain)[0]


RESOLVED_KEPT = 64
_resolved: dict[tuple, tuple[tuple, Format]] = {}


def resolve(format_id: str) -> Format:
    """The format with everything it extends merged over the defaults.

    Resolved once per process and kept while nothing it was made from has changed: which
    folder the search path gives each format, the settings files, where the template is.
    A folder of 200 units thus reads and checks its few formats' settings once.
    """
    formats = available()
    key = (format_id, tuple(formats.items()))
    kept = _resolved.get(key)
    if kept is not None and kept[0] == _made_from(kept[1]):
        return kept[1]
    fmt = _resolve(format_id, formats)
    made_from = _made_from(fmt)
    if made_from:
        if len(_resolved) >= RESOLVED_KEPT:
            del _resolved[next(iter(_resolved))]
        _resolved[key] = (made_from, fmt)
    return fmt


def _made_from(fmt: Format) -> tuple:
    """The settings files of a resolved format and where its template is (or a folder in
    its place)."""
    try:
        return tuple(
            (
                (f / SETTINGS_FILE).read_bytes(),
                os.path.isfile(f / fmt.settings.template),
                os.path.exists(f / fmt.settings.template),
            )
            for f in fmt.folders
        )
    except OSError:
        return ()


def _resolve(format_id: str, formats: dict[str, Path]) -> Format:
    from generator.data.schema import build
    from generator.data.settings import DEFAULTS, Settings, settings_problems

    chain, layers = _chain(format_id, formats, _read_settings)
    merged = DEFAULTS
    for layer in reversed(layers):
        merged = _merge(merged, layer)
    found = Findings()
    settings = typing.cast(Settings, build(Settings, merged, "", found))
    for i, extra in enumerate(settings.fields, 1):
        extra.kind = extra.kind or "文字"
        if extra.kind not in KINDS:
            found.error(
                f"附加数据“{extra.key}”的类型应为 {'、'.join(KINDS)} 之一，而不是“{extra.kind}”",
                f"字段[{i}].类型",
                "settings.fields",
            )
    for word, verdict in settings.qualitative.items():
        if verdict not in VERDICTS:
            found.error(
                f"“{word}”的含义应为 {'、'.join(VERDICTS)} 之一，而不是“{verdict}”",
                f"定性目标.{word}",
                "settings.qualitative",
            )
    if not found.errors:
        for key, why in settings_problems(settings):
            found.error(why, key, "settings")
    if found.errors:
        problems = "\n".join(f"  {p}" for p in found.errors)
        raise FormatError(f"{chain[0] / SETTINGS_FILE} 设置有误（格式“{format_id}”）：\n{problems}")
    for folder in chain:
        candidate = folder / settings.template
        if candidate.exists() and not candidate.is_file():
            raise FormatError(
                f"{candidate} 是一个文件夹，不是 Word 模板（settings.toml 中的“模板”指向它）"
            )
    template = next(
        (f / settings.template for f in chain if (f / settings.template).is_file()), None
    )
    return Format(id=format_id, folders=chain, settings=settings, raw=merged, template=template)
