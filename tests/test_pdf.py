"""Every example report opens in LibreOffice and prints: converted to PDF, its text is all there.

Needs `soffice` and `pdftotext` (LibreOffice and poppler-utils). `.ci/run` installs them and sets
JIXIAO_REQUIRE_PDF=1, so in CI a missing converter fails the suite instead of skipping it. The
conversion is the session's `pdfs` fixture (conftest.py), shared with test_layout.py.
"""

import re

import pytest
from conftest import needs_pdf, pdf_text

pytestmark = needs_pdf


@pytest.fixture(scope="module")
def pdf_texts(pdfs):
    return {stem: pdf_text(pdf, "-layout") for stem, pdf in pdfs.items()}


@pytest.mark.parametrize(
    "stem, expected",
    [
        (
            "chongqing-bishan",
            ["2023年度整体支出绩效自评报告", "预算执行率70.00%", "综合得分97.00分", "— 2 —"],
        ),
        ("standard", ["部门整体支出绩效自评表", "100.00%", "— 2 —"]),
        ("beijing-chaoyang", ["173.8%", "— 2 —"]),
        ("town-summary", ["87", "— 2 —"]),
        ("henan-pingdingshan", ["85.54", "67.80%", "— 2 —"]),
        ("hebei-qiaoxi", ["减少19.09%", "优秀", "— 2 —"]),
    ],
)
def test_example_prints_in_libreoffice(pdf_texts, stem, expected):
    text = re.sub(r"\s+", "", pdf_texts[stem])  # the PDF breaks lines anywhere
    for piece in expected:
        assert re.sub(r"\s+", "", piece) in text, (stem, piece)
