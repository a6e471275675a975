import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "data" / "examples"
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT / "tools"))  # the doc generators developers run


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    """Every test starts in an empty folder, with no formats but the built-in ones."""
    monkeypatch.delenv("JIXIAO_FORMATS", raising=False)
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def example():
    """Path of an example unit file by its stem."""
    return lambda stem: EXAMPLES / f"{stem}.toml"


@pytest.fixture
def unit_copy(tmp_path):
    """Copy an example into tmp_path, with optional text replacements, and return the copy's path."""

    def make(stem: str, *replacements: tuple[str, str], name: str | None = None) -> Path:
        text = (EXAMPLES / f"{stem}.toml").read_text(encoding="utf-8")
        for old, new in replacements:
            assert old in text, f"{old!r} not in {stem}.toml"
            text = text.replace(old, new, 1)
        path = tmp_path / f"{name or stem}.toml"
        path.write_text(text, encoding="utf-8")
        return path

    return make


def built(path, format_id=None) -> bytes:
    """The report of a unit file that must have no errors, as .docx bytes."""
    from generator.evaluate import evaluate
    from generator.report.render import render

    unit = evaluate(path, format_id)
    assert [str(p) for p in unit.errors] == []
    return render(unit)


def text_of(path) -> str:
    """All paragraphs of a unit's report, one per line."""
    from docxdump import paragraphs

    return "\n".join(paragraphs(built(path)))


def report_of(path, format_id=None):
    """(evaluated unit, paragraphs as text, tables) of a unit that must have no errors."""
    from docxdump import paragraphs, tables

    from generator.evaluate import evaluate
    from generator.report.render import render

    unit = evaluate(path, format_id)
    assert [str(p) for p in unit.errors] == []
    data = render(unit)
    return unit, "\n".join(paragraphs(data)), tables(data)


def checks_of(unit) -> dict:
    """Problems of an evaluated unit by check id."""
    return {p.check: p for p in unit.problems}
