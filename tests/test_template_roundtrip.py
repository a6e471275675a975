"""A clerk's template, opened and saved again in LibreOffice, still builds the same report.

Each shipped template goes through LibreOffice (docx → Writer → docx, one soffice call for all),
is put into a copy of its format folder on the format search path (JIXIAO_FORMATS), and the
format's example is built with it through the command line (`jixiao build`, in this process). The
report must carry the unit's name and its computed figures (as `jixiao check --json` lists them
under "数据"), no placeholder left over, and the same text and tables as the report built from
the shipped template.

A re-save is what makes placeholders fragile: LibreOffice splits a paragraph into runs wherever
the script changes (`{{ ` | `单位` | `.` | `名称 ` | `}}`), renames styles to Style5, Style7, …
(keeping their names) and writes explicit fonts and table properties.

Needs `soffice` (LibreOffice). `.ci/run` installs it and sets JIXIAO_REQUIRE_PDF=1, so in CI a
missing converter fails the suite instead of skipping it.
"""

import json
import os
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT, made_once
from docxdump import dump
from hostile.support import run
from templatedump import shipped_templates

from generator.building.unit import target_for

SOFFICE = shutil.which("soffice")
if not SOFFICE and os.environ.get("JIXIAO_REQUIRE_PDF"):
    raise RuntimeError("JIXIAO_REQUIRE_PDF is set but soffice is not installed")
pytestmark = pytest.mark.skipif(not SOFFICE, reason="LibreOffice (soffice) is not installed")

TEMPLATES = shipped_templates(ROOT / "templates")
FORMATS = sorted(f for f in TEMPLATES if (EXAMPLES / f"{f}.toml").exists())

# Which of `jixiao check --json`'s "数据" each format's report prints as listed there.
FIGURES = {
    "standard": ["单位名称", "年初预算", "执行数", "预算执行率", "总分", "等级"],
    "beijing-chaoyang": ["单位名称", "年初预算", "执行数"],
    "town-summary": ["单位名称", "年初预算", "调整预算", "执行数", "等级"],
    "henan-pingdingshan": ["单位名称", "执行数", "预算执行率", "总分", "得分率", "等级"],
    "hebei-qiaoxi": ["单位名称", "年初预算", "调整预算", "执行数", "等级"],
    "chongqing-bishan": ["单位名称", "年初预算", "执行数", "预算执行率", "总分", "等级"],
}


def jixiao(*args, env: dict[str, str | None], cwd: Path):
    """The command line in this process (hostile.support.run), which must succeed."""
    done = run(*args, cwd=cwd, env=env)
    assert done.code == 0, f"jixiao {' '.join(map(str, args))}:\n{done}"
    return done


@pytest.fixture(scope="module")
def built(tmp_path_factory, office):
    """(folder, check results by format id): reports from shipped and re-saved templates."""
    tmp = tmp_path_factory.mktemp("roundtrip")
    shipped, formats = tmp / "shipped", tmp / "formats"
    shipped.mkdir()
    for format_id in FORMATS:
        shutil.copyfile(TEMPLATES[format_id], shipped / f"{format_id}.docx")
    resaved = made_once(
        tmp_path_factory,
        "templates-resaved",
        lambda folder: office("--convert-to", "docx:MS Word 2007 XML", "--outdir", folder,
                              *[shipped / f"{f}.docx" for f in FORMATS]),
    )  # fmt: skip
    for format_id in FORMATS:
        folder = formats / format_id
        shutil.copytree(TEMPLATES[format_id].parent, folder)
        shutil.copyfile(resaved / f"{format_id}.docx", folder / TEMPLATES[format_id].name)

    examples = [EXAMPLES / f"{f}.toml" for f in FORMATS]
    plain: dict[str, str | None] = {"JIXIAO_FORMATS": None}
    with_resaved: dict[str, str | None] = {"JIXIAO_FORMATS": str(formats)}
    jixiao("build", *examples, "-o", tmp / "from-resaved", env=with_resaved, cwd=tmp)
    jixiao("build", *examples, "-o", tmp / "from-shipped", env=plain, cwd=tmp)
    checks = {}
    for line in jixiao("check", "--json", *examples, env=with_resaved, cwd=tmp).out.splitlines():
        if line.startswith("{"):
            result = json.loads(line)
            checks[os.path.basename(result["文件"]).removesuffix(".toml")] = result
    return tmp, checks


def _application(docx: bytes | str) -> str:
    with zipfile.ZipFile(docx) as z:
        return z.read("docProps/app.xml").decode("utf-8")


@pytest.mark.parametrize("format_id", FORMATS)
def test_template_resaved_in_libreoffice_builds_the_same_report(built, format_id):
    tmp, checks = built
    check = checks[format_id]
    assert check["格式"] == format_id and check["错误"] == []
    report = target_for(EXAMPLES / f"{format_id}.toml", tmp / "from-resaved")
    shipped_report = target_for(EXAMPLES / f"{format_id}.toml", tmp / "from-shipped")
    # the report was rendered from LibreOffice's file, not from the shipped template
    assert "LibreOffice" in _application(report)
    assert "LibreOffice" not in _application(shipped_report)

    text = dump(report.read_bytes())
    for mark in ("{{", "}}", "{%", "%}"):
        assert mark not in text, f"placeholder left in the report: {mark}"
    flat = re.sub(r"\s+", "", text)
    for key in FIGURES.get(format_id, ["单位名称"]):
        value = check["数据"][key]
        assert value in flat, f"{key} = {value} is not in the report"
    assert text == dump(shipped_report.read_bytes())
