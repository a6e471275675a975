"""A format's template opened once: the parsed .docx and its body as docxtpl's Jinja source.

`check` reads which keys a template uses from that source (template_use.py), and the
renderer prepares the template from the same parse (report/template_cache.py): a build opens
and cleans its template once, not twice. The renderer takes the parse over, so no copy of
the document stays behind in this cache once a report is rendered.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

KEPT = 4  # templates opened and not yet taken (a check of units in several formats)


@dataclass(frozen=True)
class Opened:
    tpl: Any  # a DocxTemplate, its document loaded (render_init), never rendered
    body: str  # the body after docxtpl's patch_xml, as its render compiles it


_opened: dict[tuple[str, int, int], Opened] = {}


def _key(template: Path) -> tuple[str, int, int]:
    st = os.stat(template)
    return (os.path.realpath(template), st.st_mtime_ns, st.st_size)


def _open(template: Path) -> Opened:
    from docxtpl import DocxTemplate

    tpl = DocxTemplate(str(template))
    tpl.render_init()
    return Opened(tpl, tpl.patch_xml(tpl.get_xml()))


def opened(template: Path) -> Opened:
    """The template opened, from this process's cache while the file is unchanged."""
    key = _key(template)
    if key not in _opened:
        if len(_opened) >= KEPT:
            del _opened[next(iter(_opened))]
        _opened[key] = _open(template)
    return _opened[key]


def take(template: Path) -> Opened:
    """The template opened, removed from the cache: the caller keeps what it needs of it."""
    try:
        key = _key(template)
    except OSError:
        return _open(template)  # raises what opening it raises
    found = _opened.pop(key, None)
    return found if found is not None else _open(template)
