"""Every link and file name in README.md and docs/ points at a file in this repository."""

import re

import pytest
from conftest import ROOT

DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
# A file of the repository named in code quotes: `data/examples/standard.toml`, `tools/datadoc.py`
# (other names in code quotes are examples: `data/某单位-2024.toml`).
NAMED = re.compile(
    r"`((?:generator|tests|tools|docs|data/examples|templates/standard)/[\w./-]+\.(?:md|toml|py|docx|txt|json))`"
)


def _targets(doc):
    text = doc.read_text(encoding="utf-8")
    for m in LINK.finditer(text):
        target = m.group(1).split("#", 1)[0]
        if target and not re.match(r"[a-z]+:", target):
            yield "link", target
    for m in NAMED.finditer(text):
        yield "name", m.group(1)


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_links_resolve_inside_the_repository(doc):
    broken = []
    for kind, target in _targets(doc):
        bases = [doc.parent] if kind == "link" else [doc.parent, ROOT]
        found = [(b / target).resolve() for b in bases if (b / target).exists()]
        inside = [p for p in found if p.is_relative_to(ROOT)]
        if not inside:
            broken.append(target)
    assert broken == []


def test_docs_name_no_files_outside_the_repository():
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        assert "../shared" not in text, doc
        assert not re.search(r"\bseeds/", text), doc
