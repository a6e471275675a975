"""hebei-qiaoxi (seed 004): 东里街道办事处's 2022 report, its merged indicator table and grade scale."""

from conftest import checks_of, report_of
from docxdump import MERGED_ABOVE

from generator.evaluate import evaluate

STEM = "hebei-qiaoxi"
M = MERGED_ABOVE


def test_source_figures_appear_as_the_source_prints_them(example):
    _, text, _ = report_of(example(STEM))
    assert "资产总额（账面净值，下同）875.39万元，较上年1081.87万元，减少19.09%" in text
    assert "负债总额728.8万元，较上年748.32万元，减少2.61%" in text
    assert "净资产146.58万元，较上年333.55万元，减少56.05%" in text
    assert "经区编办核定东里街道办事处行政编制15名，事业编制35名。年终实有人数为54人。" in text
    assert "部门项目预算收支117.5万元，年中调整为107.43万元，实际收支107.43万元，收支平衡。" in text
    assert "2022年项目共安排预算资金107.43万元，预算资金全部由区级财政预算安排。" in text
    assert "2022年项目实际支出107.43万元，预算执行率为100%。" in text
    assert "满分100分" in text
    assert "整体支出绩效最终得分“98”分，绩效评价等级为“优秀”。" in text
    assert (
        "其中：产出指标40分（包含数量、质量、时效、成本），实际得分为40分；预算执行效率指标10分，实际得分为10分；"
        "效益指标40分（包含社会效益、可持续性影响），实际得分为40分；满意度指标10分，实际得分为8分。"
    ) in text


def test_grade_scale_paragraph_comes_from_the_settings(example):
    _, text, _ = report_of(example(STEM))
    assert (
        "分为4个等级：得分≥85分为优秀；75≤得分<85分为良好；60≤得分<75分为一般；得分<60分为较差。"
    ) in text


def test_grade_scale_follows_a_format_that_changes_it(example, tmp_path, monkeypatch):
    folder = tmp_path / "formats" / "hebei-three-grades"
    folder.mkdir(parents=True)
    (folder / "settings.toml").write_text(
        '"名称" = "测试"\n"地区" = "测试"\n"继承" = "hebei-qiaoxi"\n'
        '[["等级"]]\n"名称" = "好"\n"下限" = 90\n'
        '[["等级"]]\n"名称" = "中"\n"下限" = 70\n'
        '[["等级"]]\n"名称" = "差"\n"下限" = 0\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("JIXIAO_FORMATS", str(tmp_path / "formats"))
    _, text, _ = report_of(example(STEM), "hebei-three-grades")
    assert "分为3个等级：得分≥90分为好；70≤得分<90分为中；得分<70分为差。" in text
    assert "绩效评价等级为“好”" in text


def test_indicator_table_merges_repeated_level_cells_and_totals(example):
    _, _, tabs = report_of(example(STEM))
    rows = tabs[0]
    assert rows[0] == ["评价指标", "←", "←", "评分标准", "分值", "自评得分"]
    assert rows[1] == ["一级", "二级", "三级", M, M, M]
    body = rows[2:-1]
    assert [r[0] for r in body] == [
        "产出指标",
        M,
        M,
        M,
        "预算执行效率指标",
        "效益指标",
        M,
        "满意度指标",
    ]
    assert [r[1] for r in body] == [
        "数量指标",
        "质量指标",
        "时效指标",
        "成本指标",
        "预算执行率指标",
        "社会效益指标",
        "可持续性影响指标",
        "服务对象满意度指标",
    ]
    assert [(r[4], r[5]) for r in body] == [
        ("10", "10"),
        ("10", "10"),
        ("10", "10"),
        ("10", "10"),
        ("10", "10"),
        ("20", "20"),
        ("20", "20"),
        ("10", "8"),
    ]
    assert rows[-1] == ["合计", "←", "←", "←", "100", "98"]


def test_execution_rate_is_scored_by_bands(fixture):
    unit, text, tabs = report_of(fixture("hebei-execution-rate-in-the-90-band"))  # spent 97
    assert "预算执行率为90.29%" in text
    assert tabs[0][6][4:] == ["10", "9"]
    assert tabs[0][-1][4:] == ["100", "97"]
    assert "最终得分“97”分，绩效评价等级为“优秀”" in text
    assert "分档：执行率 90.29% ≥ 90%" in unit.scores[4].explanation

    _, text, tabs = report_of(fixture("hebei-execution-rate-in-the-80-band"))  # spent 87
    assert "预算执行率为80.98%" in text
    assert tabs[0][6][4:] == ["10", "8"]
    assert tabs[0][-1][4:] == ["100", "96"]


def test_changed_scores_change_total_and_grade(fixture):
    _, text, tabs = report_of(fixture("hebei-social-benefit-scored-5"))
    assert tabs[0][7][4:] == ["20", "5"]
    assert tabs[0][-1][4:] == ["100", "83"]
    assert "最终得分“83”分，绩效评价等级为“良好”" in text
    assert "效益指标40分（包含社会效益、可持续性影响），实际得分为25分" in text


def test_changed_assets_change_the_rates_and_their_direction(fixture):
    _, text, _ = report_of(fixture("hebei-assets-grew"))
    assert "资产总额（账面净值，下同）1200万元，较上年1081.87万元，增加10.92%" in text
    assert "净资产471.2万元，较上年333.55万元，增加41.27%" in text
    assert "负债总额728.8万元，较上年748.32万元，减少2.61%" in text


def test_net_assets_within_rounding_pass_and_beyond_fail(example, fixture):
    # 875.39 − 728.8 = 146.59 against 146.58: one cent of rounding
    assert "identity.net-assets" not in checks_of(evaluate(example(STEM)))
    unit = evaluate(fixture("hebei-net-assets-off-by-0.09"))
    error = checks_of(unit)["identity.net-assets"]
    assert error.is_error and "相差 0.09" in error.message


def test_team_table_pads_two_character_names_and_leaves_absent_cells_empty(example):
    _, _, tabs = report_of(example(STEM))
    team = tabs[1]
    assert team[0] == ["序号", "姓名", "工作单位", "职务", "职称"]
    assert team[1] == ["1", "葛国力", "桥西区东里街道办事处", "党工委书记", ""]
    assert team[3] == ["3", "张\u3000帅", "桥西区东里街道办事处", "人大主任", ""]
    assert team[19] == ["19", "房昊洋", "恒大第一社区居委会", "社区书记", ""]
    assert len(team) == 20


def test_source_inconsistencies_are_reported(example, fixture):
    unit = evaluate(example(STEM))
    # 117.5 budgeted, 107.43 arranged and spent: the 100% rate rests on the cut
    warning = checks_of(unit)["plausible.adjusted-down"]
    assert "按调整预算为 100.00%，按年初预算只有 91.43%" in warning.message
    assert [p.check for p in unit.warnings] == ["plausible.adjusted-down", "format.unprinted"]
    # the source dates the 2022 evaluation to 2022年2月
    unit = evaluate(fixture("hebei-evaluation-dated-in-the-year"))
    warning = checks_of(unit)["plausible.dates"]
    assert not warning.is_error and "2022-02-21" in warning.message


def test_evaluation_dates_are_printed_from_the_data(example):
    _, text, _ = report_of(example(STEM))
    assert (
        "绩效评价工作于2023年2月启动，评价小组于2月21日提出资料需求清单，2月21日至3月25日收集"
        in text
    )
    lines = text.splitlines()
    assert lines[lines.index("1、基础数据采集") + 2] == "2、数据分析及撰写报告"


def test_sub_goals_and_key_work_are_numbered_in_their_own_lists(example):
    _, text, _ = report_of(example(STEM))
    lines = text.splitlines()
    heads = [x for x in lines if x[:2] in ("1、", "2、", "3、", "4、", "5、") and len(x) < 20]
    assert heads[:4] == [
        "1、强化党建引领筑牢发展根基。",
        "2、精准治污。",
        "3、进一步提高社会治理水平。",
        "4、继续加大智慧社区试点建设。",
    ]
    assert heads[4:6] == ["1、努力打好打赢“三场硬仗”", "2、全面保障改善民生实事"]
