"""Every package the code imports is declared in pyproject.toml with a version range, and the
lower end of each range is the version constraints.txt pins (CI runs the suite on both ends)."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
RANGE = re.compile(r"^([A-Za-z0-9._-]+)>=([0-9][0-9A-Za-z.]*),<([0-9][0-9A-Za-z.]*)$")


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def imported_packages() -> set[str]:
    """Top-level names the package imports (absolute imports, the project's own left out)."""
    names: set[str] = set()
    for path in (ROOT / "generator").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return names - {"generator"}


def requirements(*groups: str) -> list[str]:
    extras = PROJECT["optional-dependencies"]
    return [*PROJECT["dependencies"], *(r for g in groups for r in extras[g])]


def declared(*groups: str) -> set[str]:
    return {canonical(re.split(r"[<>=!~\[; ]", r, maxsplit=1)[0]) for r in requirements(*groups)}


def test_every_imported_package_is_declared():
    runtime = declared("web")
    owners = packages_distributions()
    undeclared = {}
    for name in sorted(imported_packages() - set(sys.stdlib_module_names)):
        dists = {canonical(d) for d in owners.get(name, [])}
        assert dists, f"generator/ imports {name}, which no installed distribution provides"
        if not dists & runtime:
            undeclared[name] = sorted(dists)
    assert undeclared == {}, "imported but not in dependencies or the web extra"


def test_the_scan_sees_the_imports_it_must():
    assert {"docx", "docxtpl", "lxml", "tomlkit", "openpyxl", "flask"} <= imported_packages()
    assert "tomllib" in sys.stdlib_module_names and "generator" not in imported_packages()


def test_every_dependency_has_a_range_whose_lower_end_the_lock_pins():
    pins = dict(
        line.split("==", 1)
        for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    )
    pins = {canonical(name): version for name, version in pins.items()}
    for requirement in requirements("web", "test"):
        match = RANGE.match(requirement)
        assert match, f"{requirement}: write it as name>=lowest tested,<next major"
        name, low, high = match.groups()
        assert pins.get(canonical(name)) == low, (
            f"{requirement}: constraints.txt pins {pins.get(canonical(name))}"
        )
        assert int(high.split(".")[0]) > int(low.split(".")[0]) or high.startswith("0."), (
            requirement
        )
