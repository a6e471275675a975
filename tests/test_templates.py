"""The shipped Word templates are the source; a text dump of each is kept next to the tests.

tests/templates/<format-id>.txt is tests/templatedump.py's dump of templates/<format-id>/template.docx:
page setup, every paragraph with its style and its placeholders, tables, headers and footers,
styles. A template edited in Word shows up in review as a diff of that text. After an intended
change to a template, rewrite the dumps, review the diff and commit both:

    JIXIAO_UPDATE_TEMPLATE_DUMPS=1 python -m pytest tests/test_templates.py
"""

import difflib
import io
import os
import zipfile

import pytest
from conftest import ROOT
from docx import Document
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from templatedump import dump, shipped_templates

TEMPLATES = shipped_templates(ROOT / "templates")
DUMPS = ROOT / "tests" / "templates"
UPDATE = "JIXIAO_UPDATE_TEMPLATE_DUMPS"


@pytest.mark.parametrize("format_id", sorted(TEMPLATES))
def test_template_matches_its_dump(format_id):
    path = TEMPLATES[format_id]
    text = dump(path, f"templates/{format_id}/{path.name}")
    stored = DUMPS / f"{format_id}.txt"
    if os.environ.get(UPDATE):
        DUMPS.mkdir(exist_ok=True)
        stored.write_text(text, encoding="utf-8", newline="\n")
    assert stored.exists(), f"no dump for {format_id}: run with {UPDATE}=1, review, commit"
    old = stored.read_text(encoding="utf-8")
    if text != old:
        diff = difflib.unified_diff(
            old.splitlines(), text.splitlines(), "stored dump", "template now", lineterm="", n=1
        )
        pytest.fail(
            f"templates/{format_id}/{path.name} changed but {stored.relative_to(ROOT)} did not: "
            f"run with {UPDATE}=1, review the diff, commit both\n" + "\n".join(list(diff)[:80])
        )


def test_every_template_has_a_dump_and_every_dump_a_template():
    dumps = {p.stem for p in DUMPS.glob("*.txt")}
    assert sorted(TEMPLATES) == sorted(dumps), (
        f"templates without a dump: {sorted(set(TEMPLATES) - dumps)}; "
        f"stale dumps without a template: {sorted(dumps - set(TEMPLATES))}"
    )
    assert len(TEMPLATES) >= 6  # the six shipped formats at least


def test_dump_reads_a_tag_split_over_runs_whole():
    """Word splits text into runs anywhere; the dump, like docxtpl, reads the joined text."""
    doc = Document()
    p = doc.add_paragraph(style="Heading 1")  # stored as its built-in name, "heading 1"
    p.add_run("经评价，{{ 单")
    p.add_run("位.名称 }").bold = True
    p.add_run("}得分{%p if x %}")
    p.add_run().add_break(WD_BREAK.LINE)
    p.add_run("\t尾 ")
    footer = doc.sections[0].footer.paragraphs[0]
    run = footer.add_run("第")
    for kind, text in (("begin", None), ("instr", " PAGE "), ("separate", None), ("end", None)):
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.text = text
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        run.element.append(el)
        if kind == "separate":
            t = OxmlElement("w:t")
            t.text = "7"
            run.element.append(t)
    footer.add_run("页")
    buf = io.BytesIO()
    doc.save(buf)
    text = dump(buf.getvalue(), "sample")
    assert "[heading 1] 经评价，{{ 单位.名称 }}得分{%p if x %}↵⇥尾␣\n" in text
    assert "    run “位.名称 }”: b\n" in text
    assert "] 第«PAGE»页\n" in text  # the field by its instruction, not its cached "7"
    assert "section 1: Letter portrait" in text


def test_an_edit_shows_as_the_lines_it_changed():
    """A heading retyped in the template: the dump diff is that heading and document.xml's hash."""
    source = TEMPLATES["standard"]
    with zipfile.ZipFile(source) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    xml = parts["word/document.xml"].decode("utf-8")
    assert xml.count("一、基本情况") == 1
    parts["word/document.xml"] = xml.replace("一、基本情况", "一、单位基本情况").encode("utf-8")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, blob in parts.items():
            z.writestr(name, blob)
    before = dump(source, "t").splitlines()
    after = dump(buf.getvalue(), "t").splitlines()
    diff = difflib.unified_diff(before, after, lineterm="", n=0)
    changed = [line for line in diff if line[:1] in "-+" and line[:3] not in ("---", "+++")]
    assert [line.split("  ")[0] for line in changed[:2]] == [
        "-word/document.xml",
        "+word/document.xml",
    ]
    assert changed[2:] == ["-[heading 1] 一、基本情况", "+[heading 1] 一、单位基本情况"]
