"""`jixiao import`: what a report states beyond its budget sentence and indicator table, read back
(决算外资金, 分项绩效目标, indicators from a report that prints only where points were lost), and
the numbers of its text that `check` would read as another figure."""

from conftest import EXAMPLES, built, report_of
from docxdump import paragraphs
from test_report_import import _draft

from generator.cycle.report_import import draft_of
from generator.evaluate import evaluate
from generator.io.reading.report_docx import text_report
from generator.report.render import render


def test_funds_outside_the_accounts_come_back(tmp_path):
    """henan splits 全部资金 into 财政拨款 (the stated budget) and funds the accounts leave out."""
    unit, _, _ = report_of(EXAMPLES / "henan-pingdingshan.toml")
    _, data = _draft(tmp_path, "henan-pingdingshan")
    read = [(o["名称"], o.get("年初预算"), o.get("执行数")) for o in data["预算"]["决算外资金"]]
    want = [(o.name, o.initial, o.spent) for o in unit.report.budget.outside]
    assert read == want


def test_a_split_that_is_not_of_the_stated_total_is_no_outside_fund():
    """Parts of the budget itself (基本/项目) are not funds outside the accounts."""
    text = text_report(
        "x",
        [
            "某街道办事处2023年度部门整体支出绩效自评报告",
            "一、基本情况",
            "年初预算500.00万元，全年预算600.00万元，全年执行600.00万元。",
            "全年支出600.00万元，其中基本支出400.00万元、项目支出200.00万元。",
        ],
    )
    assert "预算.决算外资金" not in draft_of(text).values


def test_a_number_check_would_misread_becomes_a_reference(tmp_path):
    """“全部资金支出994.07万元中只有667.92万元列入决算”: 667.92 is referred, and prints the same."""
    done, _ = _draft(tmp_path, "henan-pingdingshan")
    text = done.target.read_text("utf-8")
    assert "只有667.92万元" not in text and "中只有{" in text
    assert any("667.92万元" in r for r in done.referred)
    page = "\n".join(paragraphs(render(evaluate(done.target))))
    assert "全部资金支出994.07万元中只有667.92万元列入决算" in page


def test_sub_goals_come_back(tmp_path):
    """hebei's 分项绩效目标: 名称 from the numbered heading, 目标 and 指标 from the lines under it."""
    unit, _, _ = report_of(EXAMPLES / "hebei-qiaoxi.toml")
    _, data = _draft(tmp_path, "hebei-qiaoxi")
    read = [(g["名称"], g["目标"], g["指标"]) for g in data["绩效目标"]["分项"]]
    assert read == [(g.name, g.goal, g.indicators) for g in unit.report.goals.parts]
    assert data["绩效目标"]["总体目标"] == unit.report.goals.overall


def test_points_lost_give_indicators_whose_totals_are_the_report_s(tmp_path):
    """town-summary prints no indicator table: one indicator per module that lost points, with its
    score, and the rest at full marks; 满分 and 总分 as the report says, 分值 marked to check."""
    _, data = _draft(tmp_path, "town-summary")
    rows = data["指标"]
    lost = [r for r in rows if "其他" not in r["三级"]]
    assert [(r["三级"], r["得分"]) for r in lost] == [
        ("预算控制率", 3),
        ("政府采购执行率", 0),
        ("机关工作整体满意度", 4),
    ]
    assert all(r["分值"] == "待填" and r["一级"].startswith("【待核对】") for r in lost)
    done = tmp_path / "town-summary.toml"
    from test_report_import import confirmed

    done.write_text(confirmed(done.read_text("utf-8")), "utf-8")
    unit = evaluate(done)
    assert [str(p) for p in unit.errors] == []
    page = "\n".join(paragraphs(render(unit)))
    before = "\n".join(paragraphs(built(EXAMPLES / "town-summary.toml")))
    said = next(p for p in before.splitlines() if "失分原因" in p)
    assert said.replace("我镇", "本单位") in page  # 满分, 总分 and every module's score
