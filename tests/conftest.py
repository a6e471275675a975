import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "data" / "examples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT / "tools"))  # the doc generators developers run


@pytest.fixture(scope="session")
def user_folders(tmp_path_factory) -> Path:
    """The session's stand-ins for the user's cache and configuration folders."""
    return tmp_path_factory.mktemp("user")


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch, user_folders):
    """Every test starts in an empty folder, with no formats but the built-in ones; the
    template cache and its signing key are the session's, never the machine user's."""
    monkeypatch.delenv("JIXIAO_FORMATS", raising=False)
    monkeypatch.setenv("JIXIAO_CACHE", str(user_folders / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(user_folders / "config"))
    monkeypatch.setenv("APPDATA", str(user_folders / "config"))
    monkeypatch.chdir(tmp_path)


def rewrite(docx: Path, member: str, change) -> None:
    """Change one member of a .docx in place (`change` maps its text to the new text)."""
    import io
    import zipfile

    with zipfile.ZipFile(docx) as z:
        items = [(i, z.read(i)) for i in z.infolist()]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in items:
            z.writestr(info, change(data.decode()).encode() if info.filename == member else data)
    docx.write_bytes(buf.getvalue())


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """An empty template cache folder and a fresh key, with this process's memories of templates
    gone (before and after)."""
    from generator.template import signed

    folder = tmp_path / "cache"
    monkeypatch.setenv("JIXIAO_CACHE", str(folder))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    signed.signing_key.cache_clear()
    forget_templates()
    yield folder
    signed.signing_key.cache_clear()
    forget_templates()


def forget_templates() -> None:
    """Drop what this process remembers of templates (prepared, read, their uses)."""
    from generator.report import prepared
    from generator.template import source, use

    prepared.forget()
    source.forget()
    use._uses.clear()
    use._unused_trees.clear()


@pytest.fixture
def own_standard(tmp_path, monkeypatch) -> Path:
    """A copy of the standard format found first on the search path, to edit."""
    formats = tmp_path / "formats"
    shutil.copytree(ROOT / "templates" / "standard", formats / "standard")
    monkeypatch.setenv("JIXIAO_FORMATS", str(formats))
    return formats / "standard"


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


# Reports of the shipped units (data/examples, tests/fixtures) with the built-in formats, made once
# per session and read by every test that asks: (evaluated unit, .docx bytes) by file, content
# and format. The unit is shared: tests read it, never change it.
_REPORTS: dict[tuple, tuple] = {}
SHIPPED = (EXAMPLES, FIXTURES)


def _report(path, format_id=None):
    from generator.evaluate import evaluate
    from generator.report.render import render

    path = Path(path)
    shipped = not os.environ.get("JIXIAO_FORMATS") and path.resolve().parent in SHIPPED
    key = (str(path.resolve()), path.read_bytes(), format_id)
    if shipped and key in _REPORTS:
        return _REPORTS[key]
    unit = evaluate(path, format_id)
    assert [str(p) for p in unit.errors] == []
    made = (unit, render(unit))
    if shipped:
        _REPORTS[key] = made
    return made


def built(path, format_id=None) -> bytes:
    """The report of a unit file that must have no errors, as .docx bytes."""
    return _report(path, format_id)[1]


def text_of(path) -> str:
    """All paragraphs of a unit's report, one per line."""
    from docxdump import paragraphs

    return "\n".join(paragraphs(built(path)))


def report_of(path, format_id=None):
    """(evaluated unit, paragraphs as text, tables) of a unit that must have no errors."""
    from docxdump import paragraphs, tables

    unit, data = _report(path, format_id)
    return unit, "\n".join(paragraphs(data)), tables(data)


def live_keys(text: str) -> set[str]:
    """Key paths a TOML text gives (not commented out), indices as []."""
    import tomlkit

    out = set()

    def walk(value, path):
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, f"{path}.{k}" if path else k)
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            for v in value:
                walk(v, path + "[]")
        else:
            out.add(path)

    walk(tomlkit.parse(text), "")
    return out


def checks_of(unit) -> dict:
    """Problems of an evaluated unit by check id."""
    return {p.check: p for p in unit.problems}


# LibreOffice and poppler: the tests of the printed page convert with soffice and read with
# pdftotext. Without them those tests skip, unless JIXIAO_REQUIRE_PDF=1 (CI) makes that a failure.
PDF_TOOLS = bool(shutil.which("soffice") and shutil.which("pdftotext"))
if not PDF_TOOLS and os.environ.get("JIXIAO_REQUIRE_PDF"):
    raise RuntimeError("JIXIAO_REQUIRE_PDF is set but soffice/pdftotext are not installed")
needs_pdf = pytest.mark.skipif(
    not PDF_TOOLS, reason="LibreOffice (soffice) and pdftotext are not installed"
)

# Fixture units whose printed pages a test looks at, converted with the examples.
PDF_FIXTURES = ("hebei-output-indicators-fill-half-a-page",)


def made_once(tmp_path_factory, name: str, make) -> Path:
    """A folder that `make(folder)` fills once for the whole run, however many workers ask.

    The suite runs on every core (pytest-xdist): each worker has its own session, so a session
    fixture would be made once per worker. The first worker to ask makes the folder under a lock
    in the temporary folder all workers share; the others wait for it and read it.
    """
    from filelock import FileLock

    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the run's base folder, above each worker's own
    folder = root / f"shared-{name}"
    with FileLock(f"{folder}.lock"):
        if not (folder / ".made").exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            (folder / ".made").touch()
    return folder


@pytest.fixture(scope="session")
def office(tmp_path_factory):
    """Run LibreOffice headless with the run's one profile: `office("--convert-to", …)`.

    Made once, and used by one LibreOffice at a time (a lock across workers): two LibreOffices on
    one profile would hand the work to each other. (The tool's own conversions, generator/io/pdf.py,
    give each LibreOffice a private profile; tests of those call the tool.)
    """
    from filelock import FileLock

    from generator.io.fonts import replacement_table, write_profile
    from generator.io.pdf import installed_fonts

    if not shutil.which("soffice"):
        pytest.skip("LibreOffice (soffice) is not installed")
    # The replacement table the tool's own conversions use (generator/io/fonts.py): the layout
    # tests measure the faces a user's PDF is set in.
    profile = made_once(
        tmp_path_factory,
        "office-profile",
        lambda folder: write_profile(folder, replacement_table(installed_fonts())),
    )

    def run(*args, timeout: float = 300) -> subprocess.CompletedProcess:
        with FileLock(f"{profile}.in-use"):
            return subprocess.run(
                ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless",
                 "--norestore", *map(str, args)],
                check=True, capture_output=True, timeout=timeout,
            )  # fmt: skip

    return run


@pytest.fixture(scope="session")
def pdfs(tmp_path_factory, office) -> dict[str, Path]:
    """Every example report (by stem) and each PDF_FIXTURES case as PDF, converted once a run.

    One soffice call for all of them: starting LibreOffice is most of the time.
    """
    if not PDF_TOOLS:
        pytest.skip("LibreOffice (soffice) and pdftotext are not installed")
    units = {p.stem: p for p in EXAMPLES.glob("*.toml")}
    units.update({name: FIXTURES / f"{name}.toml" for name in PDF_FIXTURES})

    def make(folder: Path) -> None:
        for name, path in units.items():
            (folder / f"{name}.docx").write_bytes(built(path))
        office("--convert-to", "pdf", "--outdir", folder, *[folder / f"{n}.docx" for n in units])

    folder = made_once(tmp_path_factory, "pdfs", make)
    return {name: folder / f"{name}.pdf" for name in units}


def pdf_text(pdf: Path, *options: str) -> str:
    """pdftotext's reading of a PDF (pages end with a form feed)."""
    out = subprocess.run(["pdftotext", *options, str(pdf), "-"], check=True, capture_output=True)
    return out.stdout.decode("utf-8")
