"""Free Simplified-Chinese faces for the official ones in every PDF (generator/io/fonts.py).

The conversions need LibreOffice, poppler (pdffonts, pdftoppm) and the free faces (Debian:
fonts-noto-cjk, fonts-lxgw-wenkai); without them they skip, unless JIXIAO_REQUIRE_PDF is set (CI).

Debian's Noto CJK fonts are font collections whose members (JP, KR, SC, TC, HK) share one CFF
table, so a PDF names every member "NotoSerifCJKjp-…" whichever member set the text. Which
glyph forms were used is therefore checked on the printed page: the replaced face must print
exactly as the SC member and differently from the JP member.
"""

import os
import re
import shutil
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import docx
import pytest
from conftest import EXAMPLES, built
from docx.oxml.ns import qn
from docx.shared import Pt

from generator.io import fonts, pdf

HAVE = frozenset({"noto serif cjk sc", "noto sans cjk sc", "lxgw wenkai", "noto sans cjk jp"})
FREE = ("Noto Serif CJK SC", "Noto Sans CJK SC", "LXGW WenKai")
TOOLS = shutil.which("soffice") and shutil.which("pdffonts") and shutil.which("pdftoppm")
FACES = TOOLS and all(f.lower() in (pdf.installed_fonts() or ()) for f in FREE)
if not FACES and os.environ.get("JIXIAO_REQUIRE_PDF"):
    raise RuntimeError(
        "JIXIAO_REQUIRE_PDF is set but LibreOffice, poppler or the free faces are missing "
        "(apt-get install libreoffice-writer-nogui poppler-utils fonts-noto-cjk fonts-lxgw-wenkai)"
    )
needs_faces = pytest.mark.skipif(
    not FACES, reason="LibreOffice, poppler or Noto CJK SC / LXGW WenKai are not installed"
)


# -- the table ------------------------------------------------------------------------------


def test_each_missing_official_face_gets_the_free_face_of_its_role():
    named = {"方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312", "宋体", "Times New Roman"}
    assert fonts.substitutes(named, HAVE) == {
        "方正小标宋简体": "Noto Serif CJK SC",
        "宋体": "Noto Serif CJK SC",
        "仿宋_GB2312": "Noto Serif CJK SC",
        "黑体": "Noto Sans CJK SC",
        "楷体_GB2312": "LXGW WenKai",
    }


def test_an_installed_official_face_is_kept():
    have = HAVE | {"仿宋_gb2312", "黑体"}
    table = fonts.replacement_table(have)
    assert "仿宋_GB2312" not in table and "黑体" not in table
    assert table["楷体_GB2312"] == "LXGW WenKai"


def test_japanese_korean_or_traditional_forms_are_never_chosen():
    have = frozenset(
        {"noto sans cjk jp", "noto serif cjk kr", "noto serif cjk tc", "cwtex fangsong"}
    )
    assert fonts.replacement_table(have) == {}
    every_free_face = {f for _, free in fonts.ROLES.values() for f in free}
    assert not any(re.search(r"\b(JP|KR|TC|HK)\b", f) for f in every_free_face)


def test_the_profile_holds_the_replacement_table(tmp_path):
    fonts.write_profile(tmp_path, {"仿宋_GB2312": "Noto Serif CJK SC", "黑体": "Noto Sans CJK SC"})
    root = ElementTree.parse(tmp_path / "user" / "registrymodifications.xcu").getroot()
    oor = "{http://openoffice.org/2001/registry}"
    items = {i.get(oor + "path"): i for i in root}
    on = items["/org.openoffice.Office.Common/Font/Substitution"]
    assert [v.text for v in on.iter("value")] == ["true"]
    pairs = {
        tuple(p.findtext("value") for p in node.findall("prop"))
        for node in items["/org.openoffice.Office.Common/Font/Substitution/FontPairs"]
    }  # Always, OnScreenOnly, ReplaceFont, SubstituteFont
    assert pairs == {
        ("true", "false", "仿宋_GB2312", "Noto Serif CJK SC"),
        ("true", "false", "黑体", "Noto Sans CJK SC"),
    }


def test_the_user_is_told_which_faces_were_replaced(tmp_path, monkeypatch):
    source = tmp_path / "a.docx"
    source.write_bytes(built(EXAMPLES / "standard.toml"))
    monkeypatch.setattr(pdf, "installed_fonts", lambda: HAVE | {"黑体", "liberation serif"})
    monkeypatch.setattr(pdf, "convert", lambda source, target, timeout: tmp_path / "a.pdf")
    result = pdf.to_pdf(source)
    [said] = result.warnings
    assert "“仿宋_GB2312”用“Noto Serif CJK SC”" in said
    assert "“方正小标宋简体”用“Noto Serif CJK SC”" in said
    assert "“楷体_GB2312”用“LXGW WenKai”" in said
    assert "黑体" not in said  # installed: used as it is


# -- on the page ----------------------------------------------------------------------------


def pdffonts(path: Path) -> list[str]:
    out = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True)
    return [line.split()[0].split("+")[-1] for line in out.stdout.splitlines()[2:]]


@needs_faces
def test_a_report_pdf_sets_each_role_in_its_free_face(tmp_path):
    source = tmp_path / "standard.docx"
    source.write_bytes(built(EXAMPLES / "standard.toml"))
    result = pdf.to_pdf(source)
    assert result.pdf is not None, result.problem
    names = pdffonts(result.pdf)
    assert any(n.startswith("LXGWWenKai") for n in names), names  # 楷体_GB2312
    assert any(n.startswith("NotoSerifCJK") for n in names), names  # 方正小标宋简体, 仿宋_GB2312
    assert any(n.startswith("NotoSansCJK") for n in names), names  # 黑体
    cjk = [n for n in names if not n.startswith(("Liberation", "DejaVu"))]
    assert all(n.startswith(("LXGWWenKai", "NotoSerifCJK", "NotoSansCJK")) for n in cjk), names


ROWS = [  # (face named in the document, what it must print as, what it must not print as)
    ("仿宋_GB2312", "Noto Serif CJK SC", "Noto Serif CJK JP"),
    ("方正小标宋简体", "Noto Serif CJK SC", "Noto Serif CJK JP"),
    ("黑体", "Noto Sans CJK SC", "Noto Sans CJK JP"),
]
TEXT = "骨直角次写说"  # drawn differently in Chinese and Japanese forms


def ink_bands(png_base: Path) -> list[set[tuple[int, int]]]:
    """Each line of text on the first page as the set of its dark pixels (relative to its top)."""
    data = png_base.with_suffix(".pgm").read_bytes()
    magic, width, height, _maxval, pixels = data.split(maxsplit=4)
    assert magic == b"P5"
    w, h = int(width), int(height)
    rows = [pixels[y * w : (y + 1) * w] for y in range(h)]
    bands, current, top = [], set(), None
    for y, row in enumerate(rows):
        dark = {x for x, v in enumerate(row) if v < 128}
        if dark:
            top = y if top is None else top
            current |= {(y - top, x) for x in dark}
        elif top is not None:
            bands.append(current)
            current, top = set(), None
    return bands


@needs_faces
def test_replaced_faces_print_simplified_chinese_forms(tmp_path):
    document = docx.Document()
    for row in ROWS:
        for face in row:
            run = document.add_paragraph().add_run(TEXT)
            run.font.size = Pt(28)
            run.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), face)
    source = tmp_path / "forms.docx"
    document.save(source)
    result = pdf.to_pdf(source)
    assert result.pdf is not None, result.problem
    subprocess.run(
        ["pdftoppm", "-gray", "-r", "100", "-singlefile", str(result.pdf), str(tmp_path / "page")],
        check=True,
    )
    bands = ink_bands(tmp_path / "page")
    assert len(bands) == 3 * len(ROWS)
    for i, (named, *_faces) in enumerate(ROWS):
        printed, simplified, japanese = bands[3 * i : 3 * i + 3]
        assert len(simplified ^ japanese) > 50, "the two forms should differ on this text"
        assert len(printed ^ simplified) < len(printed ^ japanese) / 10, named
