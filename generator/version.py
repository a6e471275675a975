"""Which jixiao this is: the release, and a hash of its code (a changed tool is another tool)."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from generator import __version__


@cache
def tool_version() -> str:
    """The release plus a hash of the code, so a changed tool rebuilds even without a release."""
    package = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for f in sorted(package.rglob("*.py")):
        h.update(f.relative_to(package).as_posix().encode())
        h.update(f.read_bytes())
    return f"{__version__}+{h.hexdigest()[:12]}"
