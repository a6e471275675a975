"""Settings a clerk keeps in a folder: `jixiao.toml` beside the unit files or in the output folder.

```toml
"保留手工修改" = true   # build leaves reports edited by hand as they are (like --keep-edited)
```
"""

from __future__ import annotations

import stat
import tomllib
from functools import lru_cache
from pathlib import Path

from generator.errors import JixiaoError

FILE = "jixiao.toml"
KEEP_EDITED = "保留手工修改"
KNOWN = {KEEP_EDITED: bool}


@lru_cache(maxsize=64)
def _read(path: Path, raw: bytes) -> dict:
    """The settings in the file's bytes (kept by the bytes: an edit is read at once)."""
    try:
        data = tomllib.loads(raw.decode("utf-8-sig"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise JixiaoError(f"{path}：文件夹设置读不懂（{exc}）") from None
    for key, value in data.items():
        if key not in KNOWN:
            raise JixiaoError(f"{path}：未知的设置“{key}”，可用：{'、'.join(KNOWN)}")
        if not isinstance(value, KNOWN[key]):
            raise JixiaoError(f"{path}：设置“{key}”应为 true 或 false")
    return data


def folder_settings(folder: Path) -> dict:
    """The settings in folder/jixiao.toml, or {} where there is none."""
    path = Path(folder) / FILE
    try:
        if not stat.S_ISREG(path.stat().st_mode):  # a folder or a pipe of that name
            raise JixiaoError(
                f"{path}：应是文件夹设置文件（文本文件），却不是普通文件；请改名或删去"
            )
        raw = path.read_bytes()
    except OSError:
        return {}
    return _read(path.resolve(), raw)


def keeps_edited(*folders: Path) -> bool:
    """Whether any of the folders (the data's, the output's) says to keep hand-edited reports."""
    return any(folder_settings(f).get(KEEP_EDITED, False) for f in folders)
