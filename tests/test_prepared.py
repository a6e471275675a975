"""The one render path: templates prepared once per process give the bytes docxtpl itself
gives, cold or warm, and its failures are errors, never a second render."""

import io
import zipfile

import pytest
from conftest import EXAMPLES, rewrite
from docxtpl_reference import docxtpl_bytes, docxtpl_document

from generator.errors import RenderError
from generator.evaluate import evaluate
from generator.report import docx_passes, prepared
from generator.report.render import render
from generator.template import source

UNITS = sorted(p.stem for p in EXAMPLES.glob("*.toml"))


def test_warm_cache_gives_the_bytes_of_a_cold_build():
    units = [evaluate(EXAMPLES / f"{stem}.toml") for stem in UNITS]
    cold = []
    for u in units:
        prepared.forget()
        source.forget()
        cold.append(render(u))
    prepared.forget()
    source.forget()
    first = [render(u) for u in units]  # each format prepared on its first unit
    second = [render(u) for u in units]  # every format from the cache
    assert first == cold
    assert second == cold


@pytest.mark.parametrize("stem", UNITS)
def test_prepared_template_gives_the_bytes_of_docxtpl_itself(stem):
    unit = evaluate(EXAMPLES / f"{stem}.toml")
    assert render(unit) == docxtpl_bytes(unit)


def test_a_changed_format_is_prepared_again(own_standard):
    unit_file = EXAMPLES / "standard.toml"
    before = render(evaluate(unit_file))
    settings = own_standard / "settings.toml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace('"千分位" = true', '"千分位" = false'), encoding="utf-8")
    after = render(evaluate(unit_file))
    assert after != before
    prepared.forget()
    assert render(evaluate(unit_file)) == after


def test_placeholders_in_the_footer_are_filled(own_standard):
    rewrite(
        own_standard / "template.docx",
        "word/footer1.xml",
        lambda xml: xml.replace("— </w:t>", "{{ 单位.简称 }} — </w:t>", 1),
    )
    unit = evaluate(EXAMPLES / "standard.toml")
    data = render(unit)
    assert data == docxtpl_bytes(unit)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert unit.report.unit.short_name in z.read("word/footer1.xml").decode()


def test_a_broken_template_is_explained_with_its_paragraph(own_standard):
    rewrite(
        own_standard / "template.docx",
        "word/document.xml",
        lambda xml: xml.replace("{{ 单位.年度 }}", "{{ 单位.年度 ", 1),
    )
    unit = evaluate(EXAMPLES / "standard.toml")
    with pytest.raises(RenderError) as info:
        render(unit)
    message = str(info.value)
    assert "出错的是模板中这一段" in message and "template.docx" in message
    assert "{{ 单位.年度" in message  # the paragraph's text, as the clerk sees it in Word


def test_tabs_and_line_breaks_in_the_data_become_word_breaks(tmp_path):
    text = (EXAMPLES / "standard.toml").read_text(encoding="utf-8")
    written = "本年度部门整体支出按预算执行，"
    assert written in text
    path = tmp_path / "standard.toml"
    path.write_text(text.replace(written, "本年度部门整体支出\\n按预算执行，\\t"), encoding="utf-8")
    unit = evaluate(path)
    data = render(unit)
    assert data == docxtpl_bytes(unit)
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
    assert render(unit) == docxtpl_bytes(unit)
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
    assert data == docxtpl_bytes(unit)
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
    assert data == docxtpl_bytes(unit)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        core = z.read("docProps/core.xml").decode()
    assert f"<dc:subject>{unit.report.unit.short_name}自评</dc:subject>" in core


@pytest.mark.parametrize("stem", UNITS)
def test_the_text_kept_from_the_tree_is_the_text_of_the_file(stem):
    from generator.building.edits import text_lines

    data = render(evaluate(EXAMPLES / f"{stem}.toml"))
    kept = text_lines(data)  # the very bytes just written: taken from the tree
    parsed = text_lines(bytes(bytearray(data)))  # other bytes, same content: parsed
    assert kept == parsed and kept


def test_a_failure_of_the_render_path_is_an_error_not_a_second_render(monkeypatch):
    """Nothing renders the report another way when the prepared template fails."""
    unit = evaluate(EXAMPLES / "standard.toml")
    prepared.forget()

    def broken(*args, **kwargs):
        raise RuntimeError("prepared path broken")

    monkeypatch.setattr(prepared.Prepared, "render", broken)
    with pytest.raises(RuntimeError, match="prepared path broken"):
        render(unit)


def test_a_build_whose_render_path_fails_writes_no_report(monkeypatch, tmp_path):
    from click.testing import CliRunner

    from generator.cli.main import cli

    prepared.forget()
    monkeypatch.setattr(prepared, "prepare", lambda *a: (_ for _ in ()).throw(KeyError("x")))
    result = CliRunner().invoke(cli, ["build", str(EXAMPLES / "standard.toml"), "-o", "out"])
    assert result.exit_code == 1
    assert "内部错误" in result.output
    assert not list((tmp_path / "out").glob("*.docx"))


def test_placeholders_in_footnotes_are_filled(own_standard):
    """A footnote part is rendered on the one path too, as docxtpl renders it."""
    footnotes = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        '<w:footnote w:id="1"><w:p><w:r><w:t>注：{{ 单位.名称 }}</w:t></w:r></w:p></w:footnote>'
        "</w:footnotes>"
    )
    docx = own_standard / "template.docx"
    with zipfile.ZipFile(docx) as z:
        items = [(i, z.read(i)) for i in z.infolist()]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in items:
            if info.filename == "[Content_Types].xml":
                data = data.replace(
                    b"</Types>",
                    b'<Override PartName="/word/footnotes.xml" ContentType="application/'
                    b'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>',
                )
            if info.filename == "word/_rels/document.xml.rels":
                data = data.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdNote" Type="http://schemas.openxmlformats.org/'
                    b'officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>'
                    b"</Relationships>",
                )
            z.writestr(info, data)
        z.writestr("word/footnotes.xml", footnotes)
    docx.write_bytes(buf.getvalue())
    unit = evaluate(EXAMPLES / "standard.toml")
    data = render(unit)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        note = z.read("word/footnotes.xml").decode()
    assert f"注：{unit.report.unit.name}" in note and "{{" not in note
    reference = docxtpl_document(unit)  # docxtpl renders the same text into the part
    blob = next(
        p.blob for p in reference.part.package.iter_parts() if "footnotes" in str(p.partname)
    )
    assert f"注：{unit.report.unit.name}".encode() in blob


def test_an_edited_template_shows_in_the_next_render_of_the_same_process(own_standard):
    unit_file = EXAMPLES / "standard.toml"
    before = render(evaluate(unit_file))
    rewrite(
        own_standard / "template.docx",
        "word/document.xml",
        lambda xml: xml.replace("{{ 单位.年度 }}", "{{ 单位.年度 }}（修订）", 1),
    )
    after = render(evaluate(unit_file))  # nothing forgotten by hand: the bytes decide
    assert after != before
    with zipfile.ZipFile(io.BytesIO(after)) as z:
        assert "（修订）" in z.read("word/document.xml").decode()


def test_threads_rendering_at_once_get_the_bytes_of_one_thread():
    """The page renders in several threads: the per-process templates are shared safely."""
    from concurrent.futures import ThreadPoolExecutor

    units = [evaluate(EXAMPLES / f"{stem}.toml") for stem in UNITS]
    alone = [render(u) for u in units]
    prepared.forget()
    source.forget()
    with ThreadPoolExecutor(8) as pool:
        together = list(pool.map(render, units * 4))
    assert together == alone * 4
