"""`jixiao import`: the exported 自评表 and hand-made ones back into unit files, located messages."""

import shutil
import tomllib
from decimal import Decimal

import pytest
from conftest import EXAMPLES, report_of
from openpyxl import Workbook, load_workbook
from test_workbook_export import find, jixiao

from generator.cycle.workbook_import import import_into, import_new
from generator.evaluate import evaluate
from generator.io.located import WorkbookError
from generator.io.writing.workbook_export import export

STEMS = sorted(p.stem for p in EXAMPLES.glob("*.toml"))


def exported(stem, tmp_path):
    unit = tmp_path / f"{stem}.toml"
    shutil.copy(EXAMPLES / f"{stem}.toml", unit)
    book = tmp_path / f"{stem}.xlsx"
    export(unit, book)
    return unit, book


def edit(book, changes, out=None):
    """Set cells of the 自评表 sheet: {(三级 name, column): value}."""
    wb = load_workbook(book)
    ws = wb["自评表"]
    for (name, column), value in changes.items():
        ws.cell(row=find(ws, name, 3), column=column).value = value
    out = out or book.with_name("edited.xlsx")
    wb.save(out)
    return out


@pytest.mark.parametrize("stem", STEMS)
def test_export_then_import_changes_nothing(stem, tmp_path):
    unit, book = exported(stem, tmp_path)
    before_text = unit.read_text(encoding="utf-8")
    _, paragraphs, tables = report_of(unit)
    result = import_into(book, unit)
    assert not result.changed and result.diff == ""
    assert unit.read_text(encoding="utf-8") == before_text
    assert [p for p in result.problems if p.is_error] == []
    _, paragraphs_after, tables_after = report_of(unit)
    assert (paragraphs_after, tables_after) == (paragraphs, tables)


def test_clerk_changes_two_actual_values(tmp_path):
    unit, book = exported("standard", tmp_path)
    before = unit.read_text(encoding="utf-8").splitlines()
    changed = edit(book, {("举办宣传活动次数", 5): "1次", ("服务对象满意度", 5): "85%"})
    result = import_into(changed, unit)
    # The standard example writes its amounts to six decimals: that warning is its own.
    assert result.changed and [p for p in result.problems if p.check != "plausible.decimals"] == []
    assert result.diff.splitlines()[2:] == [
        "事实（2 项变化）：",
        "  指标[2].实际值（举办宣传活动次数）：2次 → 1次",
        "  指标[12].实际值（服务对象满意度）：90% → 85%",
        "计算值（3 项变化）：",
        "  达成指标数：12 → 10",
        "  未达成指标数：0 → 2",
        "  未达到目标指标数：0 → 2",
        "得分（15 项变化）：",
        "  2. 举办宣传活动次数：5 → 2.5",
        "  12. 服务对象满意度：10 → 9.44",
        "  总分：100.00 → 96.94",
        "  扣分：0.00 → 3.06",
        "  得分率：100.00% → 96.94%",
        "  一级指标“产出指标”得分：50.00 → 47.50",
        "  一级指标“产出指标”得分率：100.00% → 95.00%",
        "  一级指标“满意度指标”得分：10.00 → 9.44",
        "  一级指标“满意度指标”得分率：100.00% → 94.40%",
        "  二级指标“数量指标”得分：20.00 → 17.50",
        "  二级指标“数量指标”得分率：100.00% → 87.50%",
        "  二级指标“服务对象满意度指标”得分：10.00 → 9.44",
        "  二级指标“服务对象满意度指标”得分率：100.00% → 94.40%",
        "  指标[2]“举办宣传活动次数”得分率：100.00% → 50.00%",
        "  指标[12]“服务对象满意度”得分率：100.00% → 94.40%",
        "修订后总分 96.94 分，等级“优”（原为 100.00 分，“优”）",
    ]
    after = unit.read_text(encoding="utf-8").splitlines()
    changed_lines = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert changed_lines == [
        ('"实际值" = "2次"', '"实际值" = "1次"'),
        ('"实际值" = "90%"', '"实际值" = "85%"'),
    ]
    u, text, tables = report_of(unit)
    assert u.display("总分") == "96.94"
    annex = tables[-1]
    rows = {r[2]: r for r in annex}
    assert rows["举办宣传活动次数"][4:7] == ["1次", "5", "2.5"]
    assert rows["服务对象满意度"][4:7] == ["85%", "10", "9.44"]


def test_a_changed_score_becomes_the_evaluators(tmp_path):
    unit, book = exported("standard", tmp_path)
    changed = edit(book, {("降低地区消防隐患", 5): "部分达成", ("降低地区消防隐患", 7): 7})
    result = import_into(changed, unit)
    ind = tomllib.loads(unit.read_text(encoding="utf-8"), parse_float=Decimal)["指标"][9]
    assert ind["实际值"] == "部分达成" and ind["得分"] == 7
    assert "10. 降低地区消防隐患：10 → 7" in result.diff
    # a score equal to what the rule gives stays the rule's: no 得分 is written
    (tmp_path / "again").mkdir()
    unit2, book2 = exported("standard", tmp_path / "again")
    changed2 = edit(book2, {("服务对象满意度", 5): "85%", ("服务对象满意度", 7): 9.44})
    import_into(changed2, unit2)
    ind2 = tomllib.loads(unit2.read_text(encoding="utf-8"), parse_float=Decimal)["指标"][11]
    assert ind2["实际值"] == "85%" and "得分" not in ind2


def test_money_stays_exact(tmp_path):
    unit, book = exported("chongqing-bishan", tmp_path)
    wb = load_workbook(book)
    ws = wb["自评表"]
    ws["E5"].value = 13006.7 + 0.1  # a float, as Excel stores what the clerk typed: 13006.8
    ws["C5"].value = "13,245.05"  # text with a thousands separator
    wb.save(book)
    result = import_into(book, unit)
    text = unit.read_text(encoding="utf-8")
    assert '"执行数" = 13006.80\n' in text and '"年初预算" = 13245.05\n' in text
    assert "预算.执行数（万元）：13006.70 → 13006.80" in result.diff


def test_wrong_unit_is_refused(tmp_path):
    unit, _ = exported("chongqing-bishan", tmp_path)
    _, other = exported("standard", tmp_path)
    before = unit.read_bytes()
    with pytest.raises(WorkbookError) as exc:
        import_into(other, unit)
    assert (
        "表中的单位“北京市朝阳区孙河地区办事处”与 chongqing-bishan.toml 的“重庆市璧山区人民政府璧泉街道办事处”不同"
        in str(exc.value)
    )
    assert "standard.xlsx 工作表“自评表” 第 3 行" in str(exc.value)
    assert unit.read_bytes() == before


@pytest.mark.parametrize(
    "name, says",
    [
        (
            "自评表.xls",
            "这是旧版 Excel 文件（.xls），本工具只读 .xlsx。请在 Excel 或 WPS 中打开，“另存为” Excel 工作簿（.xlsx）后再导入",
        ),
        ("自评表.csv", "这是 CSV 文本文件"),
        ("坏.xlsx", "文件不是有效的 .xlsx"),
    ],
)
def test_other_files_are_refused_with_how_to_convert(tmp_path, name, says):
    path = tmp_path / name
    path.write_bytes(b"\xd0\xcf\x11\xe0 not a zip")
    result = jixiao("import", path, "-o", tmp_path / "x.toml")
    assert result.exit_code == 1
    assert f"错误：{path}：{says}" in result.output
    assert not (tmp_path / "x.toml").exists()


def handmade(path, mistakes=True):
    """A workbook as a finance office types it: title, merged label column, 指标性质 and 度量单位
    columns, 一级 merged, 二级 left blank under the one it repeats, a blank separator row, numbers
    typed as text or as percentages."""
    wb = Workbook()
    ws = wb.active
    ws.title = "2023自评"
    ws["A1"] = "2023年度部门整体支出绩效自评表"
    ws.merge_cells("A1:K1")
    ws["A2"] = "单位名称：北京市朝阳区孙河地区办事处"
    ws["J2"] = "金额单位：万元"
    ws["A3"] = "年度预算执行情况（万元）"
    ws.merge_cells("A3:A6")
    for col, title in zip(
        "CDEFGH", ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"], strict=True
    ):
        ws[f"{col}3"] = title
    ws["B4"], ws["C4"], ws["D4"], ws["E4"] = "年度资金总额", "14,559.36", 39858.70, 39858.695473
    ws["B5"], ws["C5"], ws["D5"], ws["E5"] = "其中：财政拨款", 14559.36, 39858.70, 39858.695473
    ws["B6"], ws["C6"], ws["D6"], ws["E6"] = "其他资金", 0, "—", "—"
    ws["A8"], ws["F8"] = "预期目标", "实际完成情况"
    ws["A9"], ws["F9"] = "1. 保障机关正常运转。\n2. 提升政务服务水平。", "各项目均按目标完成。"
    head = [
        "序号",
        "一级指标",
        "二级指标",
        "三级指标",
        "指标性质",
        "指标值",
        "度量单位",
        "实际完成值",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
    ]
    for c, title in enumerate(head, 1):
        ws.cell(row=11, column=c, value=title)
    rows = {
        12: [
            1,
            "产出指标",
            "数量指标",
            "举办宣传活动次数",
            "≥",
            2,
            "次",
            2,
            "五" if mistakes else 5,
            5,
            None,
        ],
        13: [2, None, None, "环境卫生项目个数", "≥", "2", "个", "二", 5, 5, None],
        15: [
            3,
            None,
            "质量指标",
            "工程、服务验收合格率",
            "约等于" if mistakes else "=",
            100,
            "%",
            100,
            10,
            10,
            None,
        ],
        16: [
            4,
            "效益指标",
            "社会效益指标",
            "降低地区消防隐患",
            "定性",
            "好",
            None,
            "达成",
            10,
            12,
            None,
        ],
        17: [
            5,
            "满意度指标",
            "服务对象满意度指标",
            "服务对象满意度",
            "≥",
            0.9,
            None,
            0.85,
            10,
            "9.44",
            "个别群众对办事效率不满意，已加强窗口力量。",
        ],
    }
    for r, values in rows.items():
        for c, v in enumerate(values, 1):
            ws.cell(row=r, column=c, value=v)
    for r in (17,):
        ws.cell(row=r, column=6).number_format = ws.cell(row=r, column=8).number_format = "0%"
    ws.merge_cells("B12:B15")
    ws["A18"], ws["I18"], ws["J18"] = "总分", 40, 41.44
    wb.save(path)
    return path


def test_handmade_workbook_mistakes_are_located(tmp_path):
    book = handmade(tmp_path / "手工表.xlsx")
    result = jixiao("import", book, "-o", tmp_path / "新单位.toml")
    assert result.exit_code == 1
    assert (
        f"错误：{book.name} 工作表“2023自评” 第 12 行 “分值”列：应为数字，实际是“五”（不带单位和文字；没有的写 — 或留空）"
        in result.output
    )
    assert (
        f"错误：{book.name} 工作表“2023自评” 第 15 行 “指标性质”列：指标性质应为 ≥、≤、= 或 定性，而不是“约等于”"
        in result.output
    )
    assert "没有导入" in result.output
    assert not (tmp_path / "新单位.toml").exists()


def test_handmade_workbook_imports_as_a_new_unit(tmp_path):
    book = handmade(tmp_path / "手工表.xlsx", mistakes=False)
    target = tmp_path / "新单位.toml"
    result = import_new(book, target)
    data = tomllib.loads(target.read_text(encoding="utf-8"), parse_float=Decimal)
    assert data["单位"]["名称"] == "北京市朝阳区孙河地区办事处" and data["单位"]["年度"] == 2023
    b = data["预算"]
    assert (b["年初预算"], b["调整预算"], b["执行数"]) == (
        Decimal("14559.36"),
        Decimal("39858.70"),
        Decimal("39858.695473"),
    )
    assert b["来源"] == [
        {
            "名称": "财政拨款",
            "年初预算": Decimal("14559.36"),
            "调整预算": Decimal("39858.70"),
            "执行数": Decimal("39858.695473"),
        },
        {"名称": "其他资金", "年初预算": 0},
    ]
    assert data["绩效目标"] == {
        **data["绩效目标"],
        "总体目标": ["保障机关正常运转。", "提升政务服务水平。"],
        "完成情况": ["各项目均按目标完成。"],
    }
    inds = data["指标"]
    assert [(i["一级"], i["二级"], i["三级"]) for i in inds] == [
        ("产出指标", "数量指标", "举办宣传活动次数"),
        ("产出指标", "数量指标", "环境卫生项目个数"),
        ("产出指标", "质量指标", "工程、服务验收合格率"),
        ("效益指标", "社会效益指标", "降低地区消防隐患"),
        ("满意度指标", "服务对象满意度指标", "服务对象满意度"),
    ]
    assert [(i.get("指标值"), i.get("实际值")) for i in inds] == [
        ("≥2次", "2次"),
        ("≥2个", "二"),
        ("=100%", "100%"),
        ("好", "达成"),
        ("≥90%", "85%"),
    ]
    assert inds[4]["偏差原因"] == "个别群众对办事效率不满意，已加强窗口力量。"
    assert "得分" not in inds[0] and inds[3]["得分"] == 12  # 5 is the rule's; 12 is the clerk's
    assert data["评价"]["总分"] == Decimal("41.44")
    assert data["职责"] == ["待填"] and data["评价"]["方式"] == "待填"
    # what the tool finds wrong in the data is located in the workbook
    messages = {str(p) for p in result.problems if p.is_error}
    where = f"{book.name} 工作表“2023自评”"
    assert any(
        m.startswith(f"{where} 第 13 行 “实际完成值”列：") and "读不懂实际值“二”" in m
        for m in messages
    ), messages
    assert any(m.startswith(f"{where} 第 16 行 “得分”列：") for m in messages), messages
    assert result.other_errors > 0  # the 待填 of everything else
    with pytest.raises(Exception, match="已经存在，没有覆盖"):
        import_new(book, target)


def test_import_command_prints_the_diff(tmp_path):
    unit, book = exported("standard", tmp_path)
    changed = edit(book, {("举办宣传活动次数", 5): "1次"})
    dry = jixiao("import", changed, "--into", unit, "--dry-run")
    assert dry.exit_code == 0 and "指标[2].实际值（举办宣传活动次数）：2次 → 1次" in dry.output
    assert "没有写入" in dry.output and '"实际值" = "2次"' in unit.read_text(encoding="utf-8")
    done = jixiao("import", changed, "--into", unit)
    assert done.exit_code == 0 and f"已更新：{unit}" in done.output
    assert '"实际值" = "1次"' in unit.read_text(encoding="utf-8")
    again = jixiao("import", changed, "--into", unit)
    assert "没有变化" in again.output
    both = jixiao("import", changed)
    assert both.exit_code == 2 and "--into" in both.output


def test_rolled_over_unit_filled_in_excel(tmp_path):
    """Next year: rollover, export the 待填 sheet, the clerk fills in the amounts, import."""
    from generator.cycle.rollover import rollover

    rolled = rollover(EXAMPLES / "standard.toml", 2024, tmp_path / "s-2024.toml").target
    book = tmp_path / "s.xlsx"
    export(rolled, book)
    wb = load_workbook(book)
    ws = wb["自评表"]
    ws["C5"], ws["D5"], ws["E5"] = 15000, 16000.5, 15200.25
    for r in range(6, 9):
        for c in "CDE":
            ws[f"{c}{r}"] = 0
    ws["C6"], ws["D6"], ws["E6"] = 15000, 16000.5, 15200.25
    for row in ws.iter_rows(min_row=find(ws, "一级指标") + 1):
        if row[4].value == "待填":
            row[4].value = ws.cell(row=row[0].row, column=4).value.lstrip("≥=≤")
    wb.save(book)
    import_into(book, rolled)
    u = evaluate(rolled)
    filled = [
        p.key
        for p in u.errors
        if p.key.startswith(("预算.年初预算", "预算.调整预算", "预算.执行数", "预算.来源", "指标"))
    ]
    assert filled == [] and u.display("预算执行率") == "95.00%"
    # the dates and the rest still to fill, and last year's text still to review
    assert {p.check for p in u.errors} == {"data.todo", "prose.unconfirmed"}


def test_amounts_in_yuan_become_wanyuan(tmp_path):
    book = handmade(tmp_path / "元.xlsx", mistakes=False)
    wb = load_workbook(book)
    ws = wb.active
    ws["J2"] = "金额单位：元"
    ws["C4"], ws["D4"], ws["E4"] = "145,593,600", 398587000, 398586954.73
    wb.save(book)
    target = tmp_path / "元.toml"
    result = import_new(book, target)
    text = target.read_text(encoding="utf-8")
    assert '"年初预算" = 14559.36\n' in text and '"调整预算" = 39858.70\n' in text
    b = tomllib.loads(text, parse_float=Decimal)["预算"]
    assert (b["年初预算"], b["调整预算"], b["执行数"]) == (
        Decimal("14559.36"),
        Decimal("39858.7"),
        Decimal("39858.695473"),
    )
    assert "第 2 行：表中金额以元为单位，已换算为万元" in {
        str(p).split(" ", 1)[1].replace("工作表“2023自评” ", "") for p in result.problems
    }
