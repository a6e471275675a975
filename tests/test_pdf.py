"""Every example report opens in LibreOffice and prints: converted to PDF, its text is all there.

Needs `soffice` and `pdftotext` (LibreOffice and poppler-utils). `.ci/run` installs them and sets
JIXIAO_REQUIRE_PDF=1, so in CI a missing converter fails the suite instead of skipping it.
"""

import os
import re
import shutil
import subprocess

import pytest
from conftest import EXAMPLES, built

TOOLS = shutil.which("soffice") and shutil.which("pdftotext")
if not TOOLS and os.environ.get("JIXIAO_REQUIRE_PDF"):
    raise RuntimeError("JIXIAO_REQUIRE_PDF is set but soffice/pdftotext are not installed")
pytestmark = pytest.mark.skipif(
    not TOOLS, reason="LibreOffice (soffice) and pdftotext are not installed"
)


@pytest.fixture(scope="module")
def pdf_texts(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pdf")
    stems = sorted(p.stem for p in EXAMPLES.glob("*.toml"))
    for stem in stems:
        (folder / f"{stem}.docx").write_bytes(built(EXAMPLES / f"{stem}.toml"))
    profile = folder / "profile"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            *[str(folder / f"{s}.docx") for s in stems],
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    texts = {}
    for stem in stems:
        out = subprocess.run(
            ["pdftotext", "-layout", str(folder / f"{stem}.pdf"), "-"],
            check=True,
            capture_output=True,
        )
        texts[stem] = out.stdout.decode("utf-8")
    return texts


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
