"""`check` is a dry run of `build`: for every example, with any one key removed, `check` fails
exactly when `build` does, and its message names the data key to fill.

The variants of one example are checked and built together (one `check --json` and one `build`
of a folder), so the whole sweep costs two runs per example.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import tomlkit

from hostile.support import EXAMPLES, assert_no_traceback, report_path, run

EXAMPLE_STEMS = sorted(p.stem for p in EXAMPLES.glob("*.toml"))


def removals(doc) -> list[tuple[str, list]]:
    """(key path as messages write it, path of keys/indexes into the document) for each removable key."""
    found: list[tuple[str, list]] = []

    def walk(node, shown: str, path: list) -> None:
        for key in list(node.keys()):
            value = node[key]
            here = f"{shown}.{key}" if shown else key
            found.append((here, path + [key]))
            if isinstance(value, dict):
                walk(value, here, path + [key])
            elif isinstance(value, list) and value and isinstance(value[0], dict):
                walk(value[0], f"{here}[1]", path + [key, 0])

    walk(doc, "", [])
    return found


def without(text: str, path: list, name: str) -> str:
    """The unit with one key removed, and its own 简称 so that each variant has a report of its
    own name (unless the variant is about the 单位 table or the 简称 itself)."""
    doc = tomlkit.parse(text)
    node = doc
    for step in path[:-1]:
        node = node[step]
    del node[path[-1]]
    if path[0] == "单位" and len(path) == 1 or path == ["单位", "简称"]:
        return tomlkit.dumps(doc)
    doc["单位"]["简称"] = name  # type: ignore[index]
    return tomlkit.dumps(doc)


def names_key(error: dict, key: str) -> bool:
    """The error names the removed key: its path, or its record and its name (指标[1] … 得分)."""
    where, said = error.get("键") or "", error.get("说明") or ""
    if where == key or where.startswith((key + ".", key + "[")) or key in said:
        return True
    if key == "单位.格式":  # the unit falls back to the standard format, and the message says so
        return "格式“standard”" in said
    record, _, last = key.rpartition(".")
    table = re.sub(r"\[\d+\]$", "", record)
    return bool(record) and last in said and (where.startswith(record) or table in said)


@pytest.mark.parametrize("stem", EXAMPLE_STEMS)
def test_examples_check_and_build(tmp_path, stem):
    source = EXAMPLES / f"{stem}.toml"
    check = run("check", source, cwd=tmp_path)
    build = run("build", source, "-o", "out", cwd=tmp_path)
    for r in (check, build):
        assert_no_traceback(r)
        assert r.code == 0, str(r)


@pytest.mark.parametrize("stem", EXAMPLE_STEMS)
def test_any_key_removed_check_agrees_with_build(tmp_path, stem):
    text = (EXAMPLES / f"{stem}.toml").read_text(encoding="utf-8")
    data = tmp_path / "variants"
    data.mkdir()
    cases: dict[str, str] = {}
    for n, (key, path) in enumerate(removals(tomlkit.parse(text)), 1):
        name = f"{stem}-{n:03d}"
        (data / f"{name}.toml").write_text(without(text, path, name), encoding="utf-8")
        cases[name] = key

    check = run("check", "variants", "--json", cwd=tmp_path)
    build = run("build", "variants", "-o", "out", "--jobs", "1", cwd=tmp_path)
    assert_no_traceback(check)
    assert_no_traceback(build)
    verdicts = {}
    for line in check.out.splitlines():
        if line.startswith("{"):
            item = json.loads(line)
            verdicts[Path(item["文件"]).stem] = item["错误"]
    assert set(verdicts) == set(cases), str(check)

    disagree, unnamed = [], []
    for name, key in cases.items():
        errors = verdicts[name]
        built = report_path(data / f"{name}.toml", tmp_path / "out").is_file()
        if bool(errors) == built:
            first = errors[0]["说明"] if errors else ""
            why = next(
                (
                    line
                    for line in build.text.splitlines()
                    if f"{name}.toml" in line and "失败" in line
                ),
                "",
            )
            disagree.append(
                f"without {key}: check {'fails' if errors else 'passes'} {first[:80]}; "
                f"build {'passes' if built else 'fails'} {why[-120:]}"
            )
        elif errors and not any(names_key(e, key) for e in errors):
            unnamed.append(
                f"without {key}: check does not name it: {[e['键'] + '：' + e['说明'][:60] for e in errors][:3]}"
            )
    assert not disagree, "check and build disagree:\n" + "\n".join(disagree)
    assert not unnamed, "\n".join(unnamed)
    assert (check.code == 0) == (build.code == 0), f"{check.code} vs {build.code}"
