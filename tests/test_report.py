"""The document itself: computed figures, a changed fact flowing everywhere, escaping, typography."""

import io
import zipfile
from decimal import Decimal

import pytest
from conftest import built, report_of
from docx import Document
from docxdump import paragraphs
from jinja2.exceptions import SecurityError

from generator.data.formats import resolve
from generator.errors import RenderError
from generator.evaluate import evaluate
from generator.report.render import jinja_environment, render


def test_chongqing_states_computed_rate_score_total_and_grade(example):
    text = paragraphs(built(example("chongqing-bishan")))
    assert "1. 预算执行率（10分）" in text
    assert (
        "2023年度，我单位年初预算13,245.05万元，全年（调整）预算18,580.25万元，全年执行13,006.70万元，"
        "预算执行率70.00%。该指标得分为7分。"
    ) in text
    assert "本次绩效评价综合得分97.00分，绩效评价等级为“优”。" in text


def test_changing_adjusted_budget_alone_changes_rate_score_and_total(fixture):
    text = paragraphs(built(fixture("chongqing-adjusted-budget-corrected")))
    assert (
        "2023年度，我单位年初预算13,245.05万元，全年（调整）预算16,258.00万元，全年执行13,006.70万元，"
        "预算执行率80.00%。该指标得分为8分。"
    ) in text
    assert "本次绩效评价综合得分98.00分，绩效评价等级为“优”。" in text


def test_grade_follows_the_total(fixture):
    # 执行率 13006.70 / 65033.50 = 20.00% → 2 of 10 → total 92 → still 优; satisfaction 45% too
    text = paragraphs(built(fixture("chongqing-grade-drops-to-liang")))
    assert "本次绩效评价综合得分87.00分，绩效评价等级为“良”。" in text


def test_markup_characters_in_data_give_a_valid_document(fixture):
    data = built(fixture("chongqing-name-with-markup"))
    Document(io.BytesIO(data))  # parses
    assert "重庆市璧山区人民政府璧泉街道 <办事处> & 财政所" in paragraphs(data)


def test_missing_placeholder_names_template_and_placeholder(example, tmp_path, monkeypatch):
    from generator.report.context import build_context

    unit = evaluate(example("chongqing-bishan"))
    monkeypatch.setattr(
        "generator.report.render.build_context",
        lambda u: {k: v for k, v in build_context(u).items() if k != "数据"},
    )
    with pytest.raises(RenderError) as info:
        render(unit)
    assert "template.docx" in str(info.value)
    assert "占位符中的“数据”不存在" in str(info.value)


def test_typography_east_asian_fonts_and_page(example):
    data = built(example("standard"))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        styles = z.read("word/styles.xml").decode()
    assert 'w:eastAsia="仿宋_GB2312"' in styles
    assert 'w:eastAsia="黑体"' in styles and 'w:eastAsia="楷体_GB2312"' in styles
    assert 'w:eastAsia="方正小标宋简体"' in styles
    doc = Document(io.BytesIO(data))
    normal = doc.styles["Normal"]
    assert normal.font.size.pt == 16
    assert normal.paragraph_format.line_spacing.pt == 28
    assert normal.paragraph_format.first_line_indent.pt == 32
    sec = doc.sections[0]
    assert (
        round(sec.top_margin.mm),
        round(sec.left_margin.mm),
        round(sec.right_margin.mm),
        round(sec.bottom_margin.mm),
    ) == (37, 28, 26, 35)
    footer = "".join(t for t in sec.footer.paragraphs[0].text)
    assert footer.startswith("— ") and footer.endswith(" —")


def test_standard_annex_table_is_computed(example):
    from docxdump import tables

    t = tables(built(example("standard")))
    fund = t[1]
    assert fund[1] == ["年度资金总额", "14,559.36", "39,858.70", "39,858.70", "10", "100.00%", "10"]
    indicators = t[3]
    assert indicators[-1][-3:] == ["100", "100.00", ""]
    assert indicators[3][:2] == ["〃", "〃"]  # 产出指标 / 数量指标 merged down


def test_execution_rate_target_is_the_formats_when_the_data_gives_none(example):
    unit, text, tables = report_of(example("standard"))
    assert unit.displays()["预算执行率目标值"] == "100%"
    row = next(r for t in tables for r in t if r[2:3] == ["预算执行率"])
    assert row[3:5] == ["100%", "100.00%"]
    assert "1. 预算执行率：年度指标值100%，实际完成100.00%" in text


def test_the_execution_rate_indicator_is_met_by_the_computed_rate(example):
    standard, chongqing = evaluate(example("standard")), evaluate(example("chongqing-bishan"))
    assert standard.attained[0] == "达成" and standard.displays()["未达到目标指标数"] == "0"
    assert chongqing.attained[0] == "未达成"  # 70.00% against the format's 100%


POWERS = [  # base, exponent, the result or None when the sandbox refuses to compute it
    (9, 99, 9**99),
    (Decimal("1.5"), 2, Decimal("2.25")),
    (2, -100, 2**-100),
    (2, 101, None),  # exponent beyond ±100
    (2, -101, None),
    (10**300, 1, None),  # a base beyond a float's range counts as infinite
    (10**299, 1, 10**299),
    (9**99, 99, None),  # 2**4000 and more
    (float("nan"), 2, None),  # nan counts as infinite, as before
    (float("inf"), 0, 1.0),
    (2, float("nan"), float("nan")),  # nan, as before
]


@pytest.mark.parametrize(("base", "power", "result"), POWERS, ids=range(len(POWERS)))
def test_template_powers_are_bounded(base, power, result):
    env = jinja_environment(resolve("standard").settings)
    template = env.from_string("{{ a ** b }}")
    if result is None:
        with pytest.raises(SecurityError):
            template.render(a=base, b=power)
    else:
        assert template.render(a=base, b=power) == str(result)
