"""Layout and document structure of every example report (issue 11): what a reviewer at the finance
bureau sees, checked in the produced .docx and, where the page is the point, in its PDF.

The PDF and pandoc tests need `soffice`, `pdftotext` and `pandoc`; they skip without them unless
JIXIAO_REQUIRE_PDF=1 (as in CI), which turns a missing tool into a failure. The PDFs are the
session's `pdfs` fixture (conftest.py): every example converted once, shared with test_pdf.py.
"""

import io
import os
import re
import shutil
import subprocess
import zipfile

import pytest
from conftest import EXAMPLES, built, needs_pdf, pdf_text, report_of, text_of
from docx import Document
from docx.oxml.ns import qn
from lxml import etree

from generator.evaluate import evaluate

STEMS = sorted(p.stem for p in EXAMPLES.glob("*.toml"))
CHAPTER = re.compile(r"^[一二三四五六七八九十]+、")
SECTION = re.compile(r"^（[一二三四五六七八九十]+）")


def document(path, format_id=None):
    return Document(io.BytesIO(built(path, format_id)))


def part(data: bytes, name: str):
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return etree.fromstring(z.read(name))


def style_chain(doc, p):
    """The paragraph's own pPr, then its style's, then each base style's."""
    ppr = p.find(qn("w:pPr"))
    yield ppr
    ps = ppr.find(qn("w:pStyle")) if ppr is not None else None
    style = doc.styles.get_by_id(ps.get(qn("w:val")) if ps is not None else None, 1)
    while style is not None:
        yield style.element.find(qn("w:pPr"))
        style = style.base_style


def effective(doc, p, tag):
    """The first w:tag found on the paragraph or along its style chain (None if none sets it)."""
    for ppr in style_chain(doc, p):
        if ppr is not None and ppr.find(qn(tag)) is not None:
            return ppr.find(qn(tag))
    return None


def keeps_with_next(doc, p) -> bool:
    el = effective(doc, p, "w:keepNext")
    return el is not None and el.get(qn("w:val")) not in ("0", "false")


def text(p) -> str:
    return "".join(t.text or "" for t in p.iter(qn("w:t")))


def body_paragraphs(doc):
    return [el for el in doc.element.body.iterchildren() if el.tag == qn("w:p")]


def style_name(doc, p) -> str:
    ps = p.find(qn("w:pPr") + "/" + qn("w:pStyle"))
    return doc.styles.get_by_id(ps.get(qn("w:val")) if ps is not None else None, 1).name


# --- headings ---------------------------------------------------------------------------------


@pytest.mark.parametrize("stem", STEMS)
def test_chapters_and_sections_are_word_headings_with_outline_levels(stem):
    doc = document(EXAMPLES / f"{stem}.toml")
    chapters = [p for p in body_paragraphs(doc) if CHAPTER.match(text(p))]
    assert len(chapters) >= 5
    for p in chapters:
        assert style_name(doc, p) == "Heading 1", text(p)
        assert effective(doc, p, "w:outlineLvl").get(qn("w:val")) == "0", text(p)
    sections = [p for p in body_paragraphs(doc) if SECTION.match(text(p)) and len(text(p)) <= 40]
    assert sections
    for p in sections:
        assert style_name(doc, p) == "Heading 2", text(p)
        assert effective(doc, p, "w:outlineLvl").get(qn("w:val")) == "1", text(p)
    assert style_name(doc, body_paragraphs(doc)[0]) == "Title"


@pytest.mark.parametrize("stem", STEMS)
def test_every_heading_style_is_words_built_in_one_with_its_outline_level(stem):
    doc = document(EXAMPLES / f"{stem}.toml")
    used = {style_name(doc, p) for p in body_paragraphs(doc)}
    assert not used & {"一级标题", "二级标题", "三级标题", "四级标题"}, (
        "look-alike headings without an outline level"
    )
    for level in range(1, 5):
        style = doc.styles.get_by_id(f"Heading{level}", 1)
        assert style.element.find(qn("w:name")).get(qn("w:val")) == f"heading {level}"
        ppr = style.element.find(qn("w:pPr"))
        assert ppr.find(qn("w:outlineLvl")).get(qn("w:val")) == str(level - 1)
        assert ppr.find(qn("w:keepNext")) is not None
    fonts = {
        level: doc.styles.get_by_id(f"Heading{level}", 1).element.find(
            qn("w:rPr") + "/" + qn("w:rFonts")
        )
        for level in range(1, 5)
    }
    assert [fonts[n].get(qn("w:eastAsia")) for n in range(1, 5)] == [
        "黑体",
        "楷体_GB2312",
        "仿宋_GB2312",
        "仿宋_GB2312",
    ]


PANDOC = shutil.which("pandoc")
if not PANDOC and os.environ.get("JIXIAO_REQUIRE_PDF"):
    raise RuntimeError("JIXIAO_REQUIRE_PDF is set but pandoc is not installed")


@pytest.mark.skipif(not PANDOC, reason="pandoc is not installed")
@pytest.mark.parametrize("stem", STEMS)
def test_pandoc_reads_the_chapters_as_headings(stem, tmp_path):
    path = tmp_path / f"{stem}.docx"
    path.write_bytes(built(EXAMPLES / f"{stem}.toml"))
    markdown = subprocess.run(
        ["pandoc", "-t", "markdown", "--wrap=none", str(path)],
        check=True,
        capture_output=True,
        timeout=120,
    ).stdout.decode("utf-8")
    headings = [line[2:] for line in markdown.splitlines() if line.startswith("# ")]
    doc = Document(str(path))
    assert headings == [text(p) for p in body_paragraphs(doc) if style_name(doc, p) == "Heading 1"]
    assert headings[0].startswith("一、")


# --- language and fonts -----------------------------------------------------------------------


@pytest.mark.parametrize("stem", STEMS)
def test_document_language_is_chinese_with_east_asian_fonts(stem):
    data = built(EXAMPLES / f"{stem}.toml")
    styles = part(data, "word/styles.xml")
    defaults = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    assert defaults.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"
    fonts = defaults.find(qn("w:rFonts"))
    # hint=eastAsia: quotation marks, ≥ ≤ × take the East Asian font and width, not the Western one.
    assert fonts.get(qn("w:eastAsia")) == "仿宋_GB2312" and fonts.get(qn("w:hint")) == "eastAsia"
    assert (
        part(data, "word/settings.xml").find(qn("w:themeFontLang")).get(qn("w:eastAsia")) == "zh-CN"
    )


@pytest.mark.parametrize("stem", STEMS)
def test_font_table_names_the_gb_fonts_and_no_japanese_ones(stem):
    data = built(EXAMPLES / f"{stem}.toml")
    table = {f.get(qn("w:name")): f for f in part(data, "word/fontTable.xml").findall(qn("w:font"))}
    for name in ("仿宋_GB2312", "黑体", "楷体_GB2312", "方正小标宋简体", "宋体"):
        assert name in table, name
        assert table[name].find(qn("w:charset")).get(qn("w:val")) == "86", name  # GB2312
    assert table["仿宋_GB2312"].find(qn("w:altName")).get(qn("w:val")) == "仿宋"
    assert table["楷体_GB2312"].find(qn("w:altName")).get(qn("w:val")) == "楷体"
    assert not [n for n in table if re.search("ＭＳ|明朝|ゴシック|Mincho|Gothic", n)]
    assert not [
        n for n, f in table.items() if f.find(qn("w:charset")).get(qn("w:val")) == "80"
    ]  # Shift-JIS
    named = {rf.get(qn("w:eastAsia")) for rf in part(data, "word/styles.xml").iter(qn("w:rFonts"))}
    assert named - {None} <= set(table), (
        "every East Asian font the styles name is in the font table"
    )


@pytest.mark.parametrize("stem", STEMS)
def test_document_properties_do_not_name_the_library(stem):
    with zipfile.ZipFile(io.BytesIO(built(EXAMPLES / f"{stem}.toml"))) as z:
        props = z.read("docProps/core.xml").decode("utf-8") + z.read("docProps/app.xml").decode(
            "utf-8"
        )
    assert "python-docx" not in props
    assert "jixiao" not in props


@pytest.mark.parametrize("stem", STEMS)
def test_document_properties_are_in_the_core_properties_namespace(stem):
    """Who last saved the report is the unit, written where Word reads it. (docxtpl 0.20.0 pulled
    in docxcompose, which re-points python-docx's `cp:` prefix and so broke this.)"""
    core_ns = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
    with zipfile.ZipFile(io.BytesIO(built(EXAMPLES / f"{stem}.toml"))) as z:
        root = etree.fromstring(z.read("docProps/core.xml"))
    unit = evaluate(EXAMPLES / f"{stem}.toml").report.unit.name
    assert [e.text for e in root.iter(f"{{{core_ns}}}lastModifiedBy")] == [unit]
    assert {etree.QName(e).namespace for e in root} <= {
        core_ns,
        "http://purl.org/dc/elements/1.1/",
        "http://purl.org/dc/terms/",
    }


@pytest.mark.parametrize(
    "stem, title",
    [
        ("standard", "北京市朝阳区孙河地区办事处2023年度部门整体支出绩效自评报告"),
        ("hebei-qiaoxi", "桥西区东里街道办事处部门2022年度整体支出绩效自评报告"),
        ("henan-pingdingshan", "2023年度平顶山市石龙区高庄街道办事处部门整体绩效评价报告"),
        # The title alone names no unit: the subtitle that does is added.
        ("beijing-chaoyang", "部门整体绩效评价报告——北京市朝阳区孙河地区办事处（2023年度）"),
    ],
)
def test_document_properties_come_from_the_report(example, stem, title):
    unit = evaluate(example(stem)).report.unit
    props = document(example(stem)).core_properties
    assert props.title == title
    assert props.author == props.last_modified_by == (unit.author or unit.name)
    assert props.language == "zh-CN"
    assert props.created == props.modified and props.created.year == unit.year + 1


# --- tables -----------------------------------------------------------------------------------


def tables_with_text_width(doc):
    """(table, text block width) for every body table, the width from the section it belongs to."""
    out, pending = [], []
    for el in doc.element.body.iterchildren():
        if el.tag == qn("w:tbl"):
            pending.append(el)
        sect = el.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") if el.tag == qn("w:p") else None
        if el.tag == qn("w:sectPr"):
            sect = el
        if sect is not None:
            size, margins = sect.find(qn("w:pgSz")), sect.find(qn("w:pgMar"))
            width = (
                int(size.get(qn("w:w")))
                - int(margins.get(qn("w:left")))
                - int(margins.get(qn("w:right")))
            )
            out += [(t, width) for t in pending]
            pending = []
    assert not pending
    return out


@pytest.mark.parametrize("stem", STEMS)
def test_tables_are_no_wider_than_the_text_block(stem):
    doc = document(EXAMPLES / f"{stem}.toml")
    for tbl, width in tables_with_text_width(doc):
        grid = [int(g.get(qn("w:w"))) for g in tbl.iter(qn("w:gridCol"))]
        assert sum(grid) <= width, (grid, width)
        tblw = tbl.find(f"{qn('w:tblPr')}/{qn('w:tblW')}")
        assert tblw.get(qn("w:type")) == "dxa" and int(tblw.get(qn("w:w"))) <= width
        for tr in tbl.iter(qn("w:tr")):
            assert (
                sum(
                    int(tc.find(f"{qn('w:tcPr')}/{qn('w:tcW')}").get(qn("w:w")))
                    for tc in tr.iter(qn("w:tc"))
                )
                <= width
            )


def header_rows(tbl):
    rows = tbl.findall(qn("w:tr"))
    return [tr for tr in rows if tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None], rows


@pytest.mark.parametrize("stem", STEMS)
def test_header_rows_repeat_and_keep_with_the_first_row(stem):
    doc = document(EXAMPLES / f"{stem}.toml")
    for tbl, _ in tables_with_text_width(doc):
        headers, rows = header_rows(tbl)
        assert headers and headers == rows[: len(headers)], "the first row is a repeated header row"
        for tr in headers:
            assert tr.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None
            for p in tr.iter(qn("w:p")):
                assert keeps_with_next(doc, p), text(p)


def points(doc, p) -> int:
    """Font size in half-points of a paragraph, from its style chain."""
    ps = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    style = doc.styles.get_by_id(ps.get(qn("w:val")) if ps is not None else None, 1)
    while style is not None:
        sz = style.element.find(f"{qn('w:rPr')}/{qn('w:sz')}")
        if sz is not None:
            return int(sz.get(qn("w:val")))
        style = style.base_style
    raise AssertionError("no font size")


@pytest.mark.parametrize("stem", STEMS)
def test_indicator_name_columns_hold_their_names(stem):
    """Columns are as wide as their content (report/columns.py): a name column holds the
    longest name of up to 8 characters it prints on one line."""
    doc = document(EXAMPLES / f"{stem}.toml")
    seen = 0
    for tbl, _ in tables_with_text_width(doc):
        headers, rows = header_rows(tbl)
        grid = [int(g.get(qn("w:w"))) for g in tbl.iter(qn("w:gridCol"))]
        margins = tbl.find(f"{qn('w:tblPr')}/{qn('w:tblCellMar')}")
        side = {s: 108 for s in ("left", "right")}  # Table Grid's default cell margins
        if margins is not None:
            side.update(
                {
                    s: int(margins.find(qn(f"w:{s}")).get(qn("w:w")))
                    for s in side
                    if margins.find(qn(f"w:{s}")) is not None
                }
            )
        names = ("一级指标", "二级指标", "三级指标", "一级", "二级", "三级")
        columns = {}
        for tr in headers:
            col = 0
            for tc in tr.iter(qn("w:tc")):
                if text(tc) in names:
                    columns[col] = text(tc)
                col += span_of(tc)
        for col, header in columns.items():
            cells = [cell_at(tr, col) for tr in rows[len(headers) :]]
            cells = [tc for tc in cells if tc is not None and 0 < len(text(tc)) <= 8]
            if not cells:
                continue
            widest = max(len(text(tc)) * points(doc, tc.find(qn("w:p"))) * 10 for tc in cells)
            assert grid[col] - side["left"] - side["right"] >= widest, (header, grid[col])
            seen += 1
    assert seen or stem not in ("standard", "hebei-qiaoxi", "henan-pingdingshan")


def span_of(tc) -> int:
    span = tc.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
    return int(span.get(qn("w:val"))) if span is not None else 1


def cell_at(tr, col: int):
    at = 0
    for tc in tr.iter(qn("w:tc")):
        if at == col:
            return tc
        at += span_of(tc)
    return None


# --- flow: what keeps with what ---------------------------------------------------------------


def assert_signature_keeps_with_the_text(doc, *, last_paragraph=True):
    paras = body_paragraphs(doc)
    first = next(i for i, p in enumerate(paras) if style_name(doc, p) == "落款")
    assert keeps_with_next(doc, paras[first]), "unit line with the date"
    i = first - 1
    while not text(paras[i]).strip():
        assert keeps_with_next(doc, paras[i]), "blank line before the 落款"
        i -= 1
    if last_paragraph:
        assert keeps_with_next(doc, paras[i]), f"last paragraph before the 落款: {text(paras[i])}"


def test_signature_keeps_with_the_last_paragraph(example):
    assert_signature_keeps_with_the_text(document(example("standard")))


def test_signature_block_keeps_together_in_henan(fixture):
    doc = document(fixture("henan-signed-after-numbered-suggestions"))
    assert_signature_keeps_with_the_text(doc, last_paragraph=False)


def test_signature_keeps_with_the_last_paragraph_in_henan(fixture):
    assert_signature_keeps_with_the_text(
        document(fixture("henan-signed-after-numbered-suggestions"))
    )


@pytest.mark.parametrize(
    "stem, lead_in",
    [
        ("standard", "各一级指标得分如下表。"),
        ("standard", "单位名称："),
        ("henan-pingdingshan", "部门整体绩效评价指标得分表："),
        ("town-summary", "下一步改进措施："),
        ("beijing-chaoyang", "通过预算执行："),
    ],
)
def test_lead_ins_keep_with_what_they_announce(example, stem, lead_in):
    doc = document(example(stem))
    found = [p for p in body_paragraphs(doc) if lead_in in text(p)]
    assert found and all(keeps_with_next(doc, p) for p in found)


def test_hebei_bold_heads_are_headings_kept_with_their_text(example):
    doc = document(example("hebei-qiaoxi"))
    heads = [
        p
        for p in body_paragraphs(doc)
        if text(p) in ("2、全面保障改善民生实事", "1、强化党建引领筑牢发展根基。")
    ]
    assert len(heads) == 2
    for p in heads:
        assert style_name(doc, p) == "Heading 4" and keeps_with_next(doc, p)


# --- words: the report's language, not the tool's ----------------------------------------------

TOOL_WORDS = (
    "评分说明",
    "正向：",
    "反向：",
    "等于：",
    "比例：",
    "分档：",
    "得满分",
    "按上限计",
    "得分应在",
    "年度指标值—",
)


@pytest.mark.parametrize("stem", STEMS)
def test_body_has_no_scoring_explanations(stem):
    _, paragraphs, tables = report_of(EXAMPLES / f"{stem}.toml")
    everything = paragraphs + "\n".join(c for t in tables for row in t for c in row)
    assert not [w for w in TOOL_WORDS if w in everything]


def test_standard_goals_are_numbered_one_level_below_their_section(example):
    lines = text_of(example("standard")).splitlines()
    goals = lines[lines.index("（三）绩效目标") + 1 :][:6]
    assert [g[:3] for g in goals] == ["1. ", "2. ", "3. ", "4. ", "5. ", "6. "]


def subtitles(path) -> list[str]:
    doc = document(path)
    return [text(p) for p in body_paragraphs(doc) if style_name(doc, p) == "Subtitle"]


def test_town_summary_subtitle_is_the_unit_name_from_the_data(example, fixture):
    # The source names no town: the example keeps ××, and check says it is a placeholder.
    assert subtitles(example("town-summary")) == ["××镇人民政府（2023年度）"]
    assert "plausible.placeholder-name" in {
        p.check for p in evaluate(example("town-summary")).warnings
    }
    assert "plausible.placeholder-name" not in {
        p.check for p in evaluate(fixture("town-unit-named-qingshan")).warnings
    }
    assert subtitles(fixture("town-unit-named-qingshan")) == ["青山镇人民政府（2023年度）"]
    assert "××" not in text_of(fixture("town-unit-named-qingshan"))


def conclusion(path) -> str:
    lines = text_of(path).splitlines()
    return lines[lines.index("（一）评价得分情况") + 1]


def test_beijing_conclusion_follows_the_indicators_not_a_fixed_word(example, fixture):
    assert (
        conclusion(example("beijing-chaoyang"))
        == "本年度36项绩效指标全部达到年初设定的目标，定性指标评价为“好”。"
    )
    assert conclusion(fixture("minimal-beijing-chaoyang")).endswith("定性指标评价为“好”。")
    rated = conclusion(fixture("beijing-qualitative-result-excellent"))
    assert rated == "本年度7项绩效指标全部达到年初设定的目标，定性指标评价为“优”。"
    missed = conclusion(fixture("beijing-indicator-unmet"))
    assert (
        missed.startswith("本年度7项绩效指标中，6项达到年初设定的目标，1项未达到")
        and "良好" not in missed
    )


# --- the printed page (LibreOffice) -----------------------------------------------------------


def page_texts(pdf) -> list[str]:
    return pdf_text(pdf, "-layout").split("\f")[:-1]


def joined(line: str) -> str:
    """A -layout line with the single spaces pdftotext puts between Chinese and digits removed (cells keep theirs)."""
    return re.sub(r"(?<=\S) (?=\S)", "", line)


def page_fill(pdf) -> list[tuple[bool, float]]:
    """(landscape, how far down the text block the text reaches) per page, footer excluded."""
    out = pdf_text(pdf, "-bbox").encode("utf-8")
    root = etree.fromstring(out, etree.HTMLParser(encoding="utf-8"))
    pages = []
    for page in root.iter("page"):
        height = float(page.get("height"))
        words = [
            w
            for w in page.iter("word")
            if not (float(w.get("ymin")) > 0.75 * height and re.fullmatch(r"—|\d+", w.text))
        ]
        top = min(float(w.get("ymin")) for w in words)
        bottom = max(float(w.get("ymax")) for w in words)
        pages.append((float(page.get("width")) > height, top, bottom))
    fills = []
    for landscape, _top, bottom in pages:
        same = [p for p in pages if p[0] == landscape]
        first, last = min(p[1] for p in same), max(p[2] for p in same)
        fills.append((landscape, (bottom - first) / (last - first)))
    return fills


@needs_pdf
@pytest.mark.parametrize("stem", STEMS)
def test_no_page_is_nearly_empty_before_the_end(pdfs, stem):
    fills = page_fill(pdfs[stem])
    for n, (landscape, fill) in enumerate(fills[:-1], 1):
        section_ends = fills[n][0] != landscape  # the next page turns: a new section starts there
        # A section may end anywhere, but not with a page holding only a line or two (a stranded 落款).
        assert fill >= (0.25 if section_ends else 0.7), f"page {n} of {stem} is {fill:.0%} full"


@needs_pdf
@pytest.mark.parametrize("stem", STEMS)
def test_no_line_is_spread_by_justification(pdfs, stem):
    spread = re.compile(r"(?:[\u4e00-\u9fff] {1,3}){5,}[\u4e00-\u9fff]")  # 年 年 初 预 算 数
    lines = [
        line for page in page_texts(pdfs[stem]) for line in page.splitlines() if spread.search(line)
    ]
    assert lines == []


@needs_pdf
def test_standard_signature_is_not_alone_on_its_page(pdfs):
    page = next(p for p in page_texts(pdfs["standard"]) if "2024年4月15日" in joined(p))
    lines = [line for line in page.splitlines() if line.strip()]
    assert len(lines) > 4, lines  # more than the unit, the date and the page number


@needs_pdf
def test_standard_annex_goals_header_is_on_the_page_of_the_goals(pdfs, example):
    goals = evaluate(example("standard")).data["绩效目标"]["总体目标"]
    page = next(p for p in page_texts(pdfs["standard"]) if "年度总体目标" in p)
    assert goals[0][:10] in joined(page)


def indicator_lines(pdf, first: str, last: str) -> list[str]:
    text_ = "\n".join(page_texts(pdf))
    start = text_.index(first)
    end = text_.index("\n", text_.index(last, start))
    return [joined(line) for line in text_[start:end].splitlines()]


@needs_pdf
@pytest.mark.parametrize(
    "stem, first, last", [("standard", "三级指标", "总分"), ("hebei-qiaoxi", "评分标准", "合计")]
)
def test_indicator_names_of_up_to_8_characters_stay_on_one_line(pdfs, example, stem, first, last):
    rows = evaluate(example(stem)).data["指标"]
    keys = ("一级", "二级", "三级") + (("指标值", "实际值") if stem == "standard" else ())
    short = {row[key] for row in rows for key in keys if row.get(key) and len(row[key]) <= 8}
    lines = indicator_lines(pdfs[stem], first, last)
    assert short and [w for w in sorted(short) if not any(w in line for line in lines)] == []


@needs_pdf
@pytest.mark.parametrize(
    "stem, label",
    [
        ("standard", "合计"),
        ("standard", "总分"),
        ("henan-pingdingshan", "合计"),
        ("hebei-qiaoxi", "合计"),
    ],
)
def test_totals_stay_on_one_line(pdfs, example, stem, label):
    _, _, tables = report_of(example(stem))
    row = next(r for t in tables for r in t if r[0] == label)
    figures = [c for c in row[1:] if c not in ("", "←")]
    line = next(
        ln
        for page in page_texts(pdfs[stem])
        for ln in page.splitlines()
        if ln.split()[:1] == [label]
    )
    assert figures and [f for f in figures if f not in line.split()] == [], line


@pytest.mark.parametrize("stem", ["standard", "hebei-qiaoxi"])
def test_rows_of_a_merged_cell_keep_together(stem):
    doc = document(EXAMPLES / f"{stem}.toml")
    checked = 0
    for tbl, _ in tables_with_text_width(doc):
        rows = tbl.findall(qn("w:tr"))
        for row, below in zip(rows, rows[1:], strict=False):
            first = below.find(qn("w:tc"))
            merge = first.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
            if merge is not None and merge.get(qn("w:val")) in (None, "continue"):
                checked += 1
                assert all(keeps_with_next(doc, p) for p in row.iter(qn("w:p"))), text(row)
    assert checked


@needs_pdf
@pytest.mark.parametrize(
    "name, header",
    [
        ("standard", "偏差原因分析及改进措施"),
        ("hebei-qiaoxi", "评分标准"),
        ("hebei-output-indicators-fill-half-a-page", "评分标准"),
    ],
)
def test_rows_of_a_merged_cell_print_on_one_page(pdfs, example, fixture, name, header):
    path = fixture(name) if name.startswith("hebei-output") else example(name)
    rows = evaluate(path).report.indicators
    pages = [re.sub(r"\s+", "", p) for p in page_texts(pdfs[name])]
    start = next(n for n, p in enumerate(pages) if header in p)
    groups: dict[str, set[int]] = {}
    for row in rows:
        if row.level3 and len(row.level3) <= 8:
            page = next(n for n, p in enumerate(pages[start:], start) if row.level3 in p)
            groups.setdefault(row.level1, set()).add(page)
    assert groups and {k: v for k, v in groups.items() if len(v) > 1} == {}


# A name or a number: no space or punctuation where a line may break, short enough for one line.
UNBROKEN = re.compile(r"[^\s，。、；：！？（）()“”《》,;:]{1,9}")


@needs_pdf
@pytest.mark.parametrize("stem", STEMS)
def test_no_name_or_number_in_a_table_breaks_across_lines(pdfs, stem):
    """Columns fit their content (report/columns.py): every table cell below the header rows
    whose text is one name or number of up to 9 characters prints whole on one line."""
    doc = document(EXAMPLES / f"{stem}.toml")
    lines = {
        re.sub(r"\s+", "", line) for page in page_texts(pdfs[stem]) for line in page.splitlines()
    }
    printed = "\n".join(lines)
    cells = set()
    for tbl, _ in tables_with_text_width(doc):
        headers, rows = header_rows(tbl)
        for tr in rows[len(headers) :]:
            for p in tr.iter(qn("w:p")):
                if UNBROKEN.fullmatch(t := text(p).strip()):
                    cells.add(t)
    assert len(cells) > 10 or not doc.tables
    broken = sorted(c for c in cells if c not in printed)
    assert broken == []
