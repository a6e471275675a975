"""Write constraints.txt, the lock CI installs first: `python tools/lock.py`.

The lock pins the lower end of every range in pyproject.toml (the oldest versions the project says
it works with) and, for everything those pull in, the newest version pip resolves today. It is made
in a fresh virtual environment (deleted afterwards) by installing `.[test]` with those lower ends
as constraints, then `pip freeze`. Raise a lower end in pyproject.toml, run this, run the tests."""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import tomllib
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "constraints.txt"
HEAD = """\
# The versions CI installs first (`pip install -c constraints.txt -e ".[test]"`): the lower end of
# every range in pyproject.toml, and what those pull in. Written by `python tools/lock.py`; do not
# edit by hand. CI then runs the suite again with the newest versions in range.
"""


def lower_ends() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    wanted += project["optional-dependencies"]["web"]
    pins = []
    for requirement in wanted:
        match = re.match(r"^([A-Za-z0-9._-]+)>=([^,]+),<", requirement)
        if not match:
            sys.exit(f"pyproject.toml: {requirement!r} is not written name>=lowest,<next major")
        pins.append(f"{match[1]}=={match[2]}")
    return sorted(set(pins))


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        env_dir = Path(tmp) / "venv"
        venv.EnvBuilder(with_pip=True).create(env_dir)
        python = env_dir / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
        lower = Path(tmp) / "lower.txt"
        lower.write_text("\n".join(lower_ends()) + "\n", encoding="utf-8")
        pip = [str(python), "-m", "pip"]
        subprocess.run([*pip, "install", "-q", "-c", str(lower), "-e", f"{ROOT}[test]"], check=True)
        frozen = subprocess.run(
            [*pip, "freeze", "--exclude-editable"], check=True, capture_output=True, text=True
        ).stdout
    lines = sorted((line for line in frozen.splitlines() if "==" in line), key=str.lower)
    TARGET.write_text(HEAD + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{TARGET.name}: {len(lines)} packages")


if __name__ == "__main__":
    main()
