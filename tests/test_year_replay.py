"""A clerk's year, replayed: init → fill → check → build → a correction from the finance bureau →
diff and revision note → rollover → fill → check names every stale sentence until confirmed →
build; and the hand-finished 2023 report survives a folder rebuild without --force."""

import shutil
from datetime import date
from pathlib import Path

import tomlkit
from click.testing import CliRunner
from conftest import live_keys
from docx import Document
from docxdump import paragraphs, tables

from generator.cli.main import cli
from generator.evaluate import evaluate

FIXTURES = Path(__file__).parent / "fixtures"
REVIEW = "【待核对】"


def run(*args):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    return result.exit_code, result.output


def edit(path, *pairs):
    text = path.read_text(encoding="utf-8")
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


# What the clerk fills in for 2024, by key path.
FILL_2024 = {
    "单位.报告日期": date(2025, 3, 20),
    "预算.年初预算": 1100,
    "预算.调整预算": 1300,
    "预算.执行数": 1170,
    "预算.基本支出": 850,
    "预算.项目支出": 320,
    "预算.其他支出": 0,
    "预算.项目个数": 4,
    "预算.项目金额": 330,
    "预算.项目实际支出": 320,
    "预算.来源[1].年初预算": 1100,
    "预算.来源[1].调整预算": 1300,
    "预算.来源[1].执行数": 1170,
    "指标[2].实际值": "12次",
    "指标[3].实际值": "明显改善",
    "指标[4].实际值": "93 %",
}


def fill(path):
    doc = tomlkit.parse(path.read_text(encoding="utf-8"))
    filled = []

    def walk(holder, at, where):
        value = holder[at]
        if value == "待填":
            holder[at] = FILL_2024[where]
            filled.append(where)
        elif isinstance(value, dict):
            for k in list(value):
                walk(value, k, f"{where}.{k}" if where else k)
        elif isinstance(value, list):
            for i in range(len(value)):
                walk(value, i, f"{where}[{i + 1}]")

    for k in list(doc):
        walk(doc, k, k)
    path.write_text(tomlkit.dumps(doc), encoding="utf-8")
    return filled


def test_a_clerks_year(tmp_path):
    unit23 = tmp_path / "data" / "2023" / "某街道.toml"
    out23, out24 = tmp_path / "output" / "2023", tmp_path / "output" / "2024"

    # init: the standard format asks for the keys its report prints.
    code, output = run("init", unit23, "--format", "standard")
    assert code == 0, output
    asked = live_keys(unit23.read_text(encoding="utf-8"))
    filled = (FIXTURES / "year-2023-filled.toml").read_text(encoding="utf-8")
    assert live_keys(filled) <= asked  # the clerk filled in only what the format asked for
    unit23.write_text(filled, encoding="utf-8")

    # check and build.
    code, output = run("check", unit23)
    assert code == 0, output
    # one warning for the typed 95.33, three for the placeholder 某某 in the unit's names
    assert "错误 0 个，警告 4 个；总分 95.33，等级 优" in output
    code, output = run("build", unit23, "-o", out23)
    report23 = out23 / "某某街道2023年度部门整体支出绩效自评报告.docx"  # named by 简称 and 年度
    assert code == 0 and f"已生成：{report23}" in output
    assert "95.33" in "\n".join(paragraphs(report23.read_bytes()))

    # The finance bureau corrects the adjusted budget: the typed 95.33 goes stale.
    edit(unit23, ('"调整预算" = 1200.00', '"调整预算" = 1140.00'))
    code, output = run("check", unit23)
    assert code == 1
    assert "[prose.stale-number]" in output and "“95.33分”与计算的总分 95.83分 不符" in output
    edit(unit23, ("自评得分95.33分", "自评得分95.83分"))
    code, output = run("check", unit23)
    assert code == 0, output
    code, output = run("diff", unit23, "-d", out23, "--output", tmp_path / "修订说明.docx")
    assert code == 0, output
    assert "预算.调整预算（万元）：1200.00 → 1140.00" in output
    note = tables((tmp_path / "修订说明.docx").read_bytes())
    assert ["调整预算（万元）", "1,200.00", "1,140.00"] in note[0]
    assert ["“预算执行率”得分", "9.5", "10"] in note[-1]
    code, output = run("build", unit23, "-o", out23)
    assert code == 0 and "已生成" in output

    # The report is finished by hand; the folder's setting keeps it through later builds.
    doc = Document(str(report23))
    doc.add_paragraph("（已经单位负责人审阅签字。）")
    doc.save(str(report23))
    finished = report23.read_bytes()
    (unit23.parent / "jixiao.toml").write_text('"保留手工修改" = true\n', encoding="utf-8")
    code, output = run("build", unit23.parent, "-o", out23, "--all")
    assert code == 0, output
    assert f"保留手工修改的报告：{report23}（手工改了 1 处；" in output
    assert report23.read_bytes() == finished

    # Next year: the new file lands in data/2024/, the year's values 待填, the text marked.
    code, output = run("rollover", unit23, "--year", 2024)
    assert code == 0, output
    unit24 = tmp_path / "data" / "2024" / "某街道.toml"
    assert output.splitlines()[0] == f"已生成：{unit24}"
    assert sorted(fill(unit24)) == sorted(FILL_2024)
    lines = unit24.read_text(encoding="utf-8").splitlines()
    marked = sum(x.count(REVIEW) for x in lines if not x.startswith("#"))
    assert marked >= 10

    # check names every carried sentence until the clerk has reviewed it.
    unit = evaluate(unit24)
    unconfirmed = [p for p in unit.errors if p.check == "prose.unconfirmed"]
    assert len(unconfirmed) == marked
    assert {"问题[1]", "指标[2].偏差原因", "叙述.综合评价[1]"} <= {p.key for p in unconfirmed}
    stale = [p for p in unit.errors if p.check == "prose.stale-number"]
    assert [(p.key, p.message[:25]) for p in stale] == [
        ("叙述.综合评价[1].内容[1]", "文字写的“95.83分”与计算的总分 99.00分")
    ]
    assert {p.check for p in unit.errors} == {"prose.unconfirmed", "prose.stale-number"}
    code, output = run("build", unit24, "-o", out24)
    report24 = out24 / "某某街道2024年度部门整体支出绩效自评报告.docx"
    assert code == 1 and not report24.exists()

    # The clerk reviews: rewrites what changed, deletes what no longer applies, removes the marks.
    edit(
        unit24,
        (
            REVIEW + "2023年度部分培训因场地调整推迟，全年少办一次。",
            "培训场地已固定，全年按计划开展。",
        ),
        ('"偏差原因" = "' + REVIEW + "场地调整，一次培训推迟到次年。" + '"\n', ""),
        ("自评得分95.83分", "自评得分{总分}分"),
        (REVIEW, ""),
    )
    code, output = run("check", unit24)
    assert code == 0, output
    assert "总分 99.00，等级 优" in output
    code, output = run("build", unit24, "-o", out24)
    assert code == 0, output
    text = "\n".join(paragraphs(report24.read_bytes()))
    assert "2024年度我单位自评得分99.00分" in text
    for stale_text in (REVIEW, "95.83", "95.33", "2023年度部分培训", "推迟到次年"):
        assert stale_text not in text
    assert report23.read_bytes() == finished  # last year's finished report untouched
    shutil.rmtree(out24)
