"""What the page says, in the words a clerk knows: no key paths, format ids, command-line flags,
exception names or temporary paths in any message the page shows.

`指标[2].实际值` becomes 第 2 项指标“生态修复有效性”的实际值, `格式“standard”` the format's
name, a sentence that tells the command line's user to add `--force` is left out (the page says
what to do itself), and a path is shown relative to the served folder.
"""

from __future__ import annotations

import builtins
import dataclasses
import re
import tempfile
from pathlib import Path

from generator.data.formats import available, resolve
from generator.errors import JixiaoError

# A key path as the checks write it: 预算.执行数, 指标[2].实际值, 指标[].二级, 问题[1].子项[2].
# Every part of a data key is Chinese, so a file name (空表.xlsx, 上年.自评表.xlsx) is never one.
PART = r"[\u4e00-\u9fff][\u4e00-\u9fff\w]*(?:\[\d*\])?"
KEY = re.compile(rf"(?<![\w.]){PART}(?:\.{PART})+(?![.\w])")
INDEXED = re.compile(r"(?<![\w\u4e00-\u9fff])([\u4e00-\u9fff]+)\[(\d+)\](?=“)")
FLAG_SENTENCE = re.compile(r"[^。]*(?<![\w-])--[a-z][\w-]*[^。]*。?")
QUOTED = re.compile(r"“([a-z][a-z0-9-]*)”")
TEMP = re.compile(r"(?:/tmp|/var/folders|[A-Za-z]:\\[^\s：，]*\\Temp)[^\s：，。；）)]*")
JIXIAO_CMD = re.compile(r"`?jixiao [a-z]+`?")
# A class name as Python prints an exception: KeyError, BadZipFile, InvalidOperation …
CLASS_NAME = re.compile(
    r"(?<![A-Za-z_.])(?:[A-Za-z_]+\.)*([A-Z][a-z]+(?:[A-Z][a-z0-9]*)+)(?![A-Za-z_])"
)
# Names Python and our dependencies raise that do not end in Error, Exception or Warning.
OTHER_EXCEPTIONS = frozenset(
    {"BadZipFile", "LargeZipFile", "InvalidOperation", "DivisionByZero", "StopIteration"}
    | {n for n, v in vars(builtins).items() if isinstance(v, type) and issubclass(v, BaseException)}
)
NAME_FIELDS = ("label", "name", "title")


def format_name(format_id: str) -> str:
    """A format's name (重庆市璧山区…), or its id where it has none or cannot be read."""
    if format_id not in available():
        return format_id
    try:
        return resolve(format_id).settings.name or format_id
    except JixiaoError:
        return format_id


def _field(obj: object, key: str) -> object:
    if obj is None or not dataclasses.is_dataclass(obj):
        return None
    for f in dataclasses.fields(obj):
        if f.metadata.get("key") == key:
            return getattr(obj, f.name)
    return None


def _item_name(item: object) -> str:
    if isinstance(item, str):
        return item if len(item) <= 20 else ""
    for attr in NAME_FIELDS:
        value = getattr(item, attr, None)
        if isinstance(value, str) and value and value != "待填":
            return value
    return ""


def label(path: str, report: object = None) -> str:
    """The clerk's words for a key path: 指标[2].实际值 → 第 2 项指标“生态修复有效性”的实际值."""
    if not path:
        return ""
    obj: object = report
    words: list[str] = []
    for part in path.split("."):
        match = re.fullmatch(r"(.+?)\[(\d*)\]", part)
        if match is None:
            words.append(part)
            obj = _field(obj, part)
            continue
        key, index = match.groups()
        if not index:
            words.append(f"各项{key}")
            obj = None
            continue
        items = _field(obj, key)
        n = int(index)
        item = items[n - 1] if isinstance(items, list) and 0 < n <= len(items) else None
        name = _item_name(item) if item is not None else ""
        words.append(f"第 {n} 项{key}" + (f"“{name}”" if name else ""))
        obj = item
    if len(words) == 1:
        return words[0]
    return "".join(w + ("的" if i < len(words) - 1 else "") for i, w in enumerate(words))


def exception_name(word: str) -> bool:
    return word in OTHER_EXCEPTIONS or word.endswith(("Error", "Exception", "Warning", "Interrupt"))


def _drop_exception(match: re.Match) -> str:
    return "" if exception_name(match.group(1)) else match.group(0)


def scrub(message: str, root: Path | None = None) -> str:
    """What no page may show: the served folder's own path, a temporary (upload) path, an
    exception's class name. Said for every message, error pages included."""
    text = str(message)
    if root is not None:
        for base in (str(root) + "/", str(root)):
            text = text.replace(base, "")
    temp = tempfile.gettempdir().rstrip("/\\")
    if temp and temp not in ("/tmp",):
        text = re.sub(re.escape(temp) + r"[^\s：，。；）)]*", "上传的文件", text)
    text = TEMP.sub("上传的文件", text)
    text = CLASS_NAME.sub(_drop_exception, text)
    # What dropping a class name leaves behind: （：…）, （）, a leading ：, doubled marks.
    text = re.sub(r"([（(])\s*[：:]\s*", r"\1", text)
    text = re.sub(r"\s*[（(]\s*[)）]", "", text)
    text = re.sub(r"(^|[：:，。；]\s*)[：:]\s*", r"\1", text)
    return text


def plain(message: str, report: object = None, root: Path | None = None) -> str:
    """A message from the library, said for the page (see the module's doc)."""
    text = scrub(message, root)
    text = KEY.sub(
        lambda m: label(m.group(0), report) if _chinese(m.group(0)) else m.group(0), text
    )
    text = INDEXED.sub(lambda m: f"第 {m.group(2)} 项{m.group(1)}", text)
    text = QUOTED.sub(lambda m: f"“{format_name(m.group(1))}”", text)
    text = FLAG_SENTENCE.sub("", text)
    text = JIXIAO_CMD.sub("本页", text)
    return text.rstrip("，；： ")


def _chinese(text: str) -> bool:
    return re.search(r"[\u4e00-\u9fff]", text) is not None
