"""Templates prepared once per process give the bytes docxtpl itself gives, cold or warm."""

import io
import shutil
import zipfile

import pytest
from conftest import EXAMPLES, ROOT

from generator.errors import RenderError
from generator.evaluate import evaluate
from generator.report import docx_passes, template_cache
from generator.report.render import render, render_with_docxtpl, rendered

UNITS = sorted(p.stem for p in EXAMPLES.glob("*.toml"))


def test_warm_cache_gives_the_bytes_of_a_cold_build():
    units = [evaluate(EXAMPLES / f"{stem}.toml") for stem in UNITS]
    cold = []
    for u in units:
        template_cache.forget()
        cold.append(render(u))
    template_cache.forget()
    first = [render(u) for u in units]  # each format prepared on its first unit
    second = [render(u) for u in units]  # every format from the cache
    assert first == cold
    assert second == cold


@pytest.mark.parametrize("stem", UNITS)
def test_prepared_template_gives_the_bytes_of_docxtpl_itself(stem):
    unit = evaluate(EXAMPLES / f"{stem}.toml")
    assert render(unit) == render_with_docxtpl(unit)


@pytest.fixture
def own_standard(tmp_path, monkeypatch):
    """A copy of the standard format on the search path, shadowing the built-in one."""
    formats = tmp_path / "formats"
    shutil.copytree(ROOT / "templates" / "standard", formats / "standard")
    monkeypatch.setenv("JIXIAO_FORMATS", str(formats))
    return formats / "standard"


def rewrite(docx, member: str, change) -> None:
    """Change one member of a .docx in place."""
    with zipfile.ZipFile(docx) as z:
        items = [(i, z.read(i)) for i in z.infolist()]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in items:
            z.writestr(info, change(data.decode()).encode() if info.filename == member else data)
    docx.write_bytes(buf.getvalue())


def test_a_changed_format_is_prepared_again(own_standard):
    source = EXAMPLES / "standard.toml"
    before = render(evaluate(source))
    settings = own_standard / "settings.toml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace('"千分位" = true', '"千分位" = false'), encoding="utf-8")
    after = render(evaluate(source))
    assert after != before
    template_cache.forget()
    assert render(evaluate(source)) == after


def test_placeholders_in_the_footer_are_filled(own_standard):
    rewrite(
        own_standard / "template.docx",
        "word/footer1.xml",
        lambda xml: xml.replace("— </w:t>", "{{ 单位.简称 }} — </w:t>", 1),
    )
    unit = evaluate(EXAMPLES / "standard.toml")
    data = render(unit)
    assert data == render_with_docxtpl(unit)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert unit.report.unit.short_name in z.read("word/footer1.xml").decode()


def test_a_broken_template_is_explained_as_docxtpl_explains_it(own_standard):
    rewrite(
        own_standard / "template.docx",
        "word/document.xml",
        lambda xml: xml.replace("{{ 单位.年度 }}", "{{ 单位.年度 ", 1),
    )
    unit = evaluate(EXAMPLES / "standard.toml")
    with pytest.raises(RenderError) as info:
        render(unit)
    with pytest.raises(RenderError) as plain:
        rendered(unit)
    assert str(info.value) == str(plain.value)
    assert "出错的是模板中这一段" in str(info.value)


def test_tabs_and_line_breaks_in_the_data_become_word_breaks(tmp_path):
    text = (EXAMPLES / "standard.toml").read_text(encoding="utf-8")
    written = "本年度部门整体支出按预算执行，"
    assert written in text
    path = tmp_path / "standard.toml"
    path.write_text(text.replace(written, "本年度部门整体支出\\n按预算执行，\\t"), encoding="utf-8")
    unit = evaluate(path)
    data = render(unit)
    assert data == render_with_docxtpl(unit)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        document = z.read("word/document.xml").decode()
    assert "部门整体支出</w:t><w:br/>" in document and "<w:tab/>" in document


def test_a_grid_that_does_not_fit_its_rows_is_fixed_as_docxtpl_fixes_it(own_standard, monkeypatch):
    # One column fewer in the first table's grid: docxtpl's fix_tables adds it back.
    rewrite(
        own_standard / "template.docx",
        "word/document.xml",
        lambda xml: xml.replace("<w:gridCol ", "<w:notGridCol ", 1),
    )
    seen = []
    grids_fit = docx_passes.grids_fit
    monkeypatch.setattr(docx_passes, "grids_fit", lambda *a: seen.append(grids_fit(*a)) or seen[-1])
    unit = evaluate(EXAMPLES / "standard.toml")
    assert render(unit) == render_with_docxtpl(unit)
    assert seen == [False]


def test_drawings_are_numbered_as_docxtpl_numbers_them(own_standard):
    drawing = (
        '<w:r><w:drawing><wp:inline><wp:docPr id="7" name="甲"/></wp:inline></w:drawing></w:r>'
    )
    rewrite(
        own_standard / "template.docx",
        "word/document.xml",
        lambda xml: xml.replace("</w:p>", drawing + "</w:p>", 2),
    )
    unit = evaluate(EXAMPLES / "standard.toml")
    data = render(unit)
    assert data == render_with_docxtpl(unit)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        document = z.read("word/document.xml").decode()
    assert 'id="1001"' in document and 'id="1002"' in document


def test_placeholders_in_the_document_properties_are_filled(own_standard):
    rewrite(
        own_standard / "template.docx",
        "docProps/core.xml",
        lambda xml: xml.replace("<dc:subject/>", "<dc:subject>{{ 单位.简称 }}自评</dc:subject>"),
    )
    unit = evaluate(EXAMPLES / "standard.toml")
    data = render(unit)
    assert data == render_with_docxtpl(unit)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        core = z.read("docProps/core.xml").decode()
    assert f"<dc:subject>{unit.report.unit.short_name}自评</dc:subject>" in core


@pytest.mark.parametrize("stem", UNITS)
def test_the_text_kept_from_the_tree_is_the_text_of_the_file(stem):
    from generator.cycle.edits import text_lines

    data = render(evaluate(EXAMPLES / f"{stem}.toml"))
    kept = text_lines(data)  # the very bytes just written: taken from the tree
    parsed = text_lines(bytes(bytearray(data)))  # other bytes, same content: parsed
    assert kept == parsed and kept
