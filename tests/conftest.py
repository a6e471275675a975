import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "data" / "examples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
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
def fixture(tmp_path):
    """Path of a small unit file in tests/fixtures by its case name.

    copy=True copies it into tmp_path first, for a test that changes the file or writes beside it;
    copy="名称" names the copy 名称.toml. Copying another case onto the same name replaces the data,
    as a clerk's correction does.
    """

    def get(name: str, copy: bool | str = False) -> Path:
        source = FIXTURES / f"{name}.toml"
        assert source.is_file(), f"no fixture {name}.toml in {FIXTURES}"
        if copy is False:
            return source
        target = tmp_path / f"{name if copy is True else copy}.toml"
        target.write_bytes(source.read_bytes())
        return target

    return get


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
