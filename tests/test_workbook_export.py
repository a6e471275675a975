"""`jixiao export`: the 自评表 workbook holds numbers that print as the report prints them."""

from decimal import Decimal

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES
from openpyxl import load_workbook

from generator.cli.excel_commands import COMMANDS
from generator.cli.main import Cli
from generator.cli.options import HELP
from generator.compute.numbers import fmt_number
from generator.evaluate import evaluate
from generator.io.cells import decimal_of, excel_shows, format_for, shown_value
from generator.io.writing.workbook_export import export, workbook_bytes

STEMS = sorted(p.stem for p in EXAMPLES.glob("*.toml"))


def jixiao(*args):
    group = Cli(name="jixiao", commands={c.name: c for c in COMMANDS}, context_settings=HELP)
    return CliRunner().invoke(group, [str(a) for a in args])


def sheet_of(path):
    return load_workbook(path)["自评表"]


def find(ws, text, column=None):
    """Row of the first cell holding `text` (in `column` if given)."""
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == text and (column is None or cell.column == column):
                return cell.row
    raise AssertionError(f"{text!r} not in sheet")


@pytest.fixture(scope="module")
def standard(tmp_path_factory):
    path = tmp_path_factory.mktemp("export") / "自评表.xlsx"
    export(EXAMPLES / "standard.toml", path)
    return path


def shows(cell) -> str:
    """What Excel prints for a number cell (our formats only)."""
    return excel_shows(float(cell.value), cell.number_format)


def test_title_unit_and_fund_block(standard):
    ws = sheet_of(standard)
    assert ws["A1"].value == "部门整体支出绩效自评表"
    assert ws["A2"].value == "（2023年度）"
    assert ws["A3"].value == "单位名称：北京市朝阳区孙河地区办事处"
    assert [ws.cell(row=4, column=c).value for c in range(1, 9)] == [
        "资金情况（万元）",
        None,
        "年初预算数",
        "全年预算数",
        "全年执行数",
        "分值",
        "执行率",
        "得分",
    ]
    assert ws["A5"].value == "年度资金总额"
    assert ws["C5"].value == pytest.approx(14559.360324) and ws["C5"].number_format == "#,##0.00"
    assert shows(ws["C5"]) == "14,559.36" and shows(ws["D5"]) == "39,858.70"
    assert ws["G5"].value == '=IF(D5=0,"—",E5/D5)' and ws["G5"].number_format == "0.00%"
    assert ws["F5"].value == 10 and ws["H5"].value == 10
    assert [ws.cell(row=r, column=1).value for r in (6, 7, 8)] == [
        "其中：财政拨款",
        "其中：上年结转",
        "其中：其他资金",
    ]
    assert ws["G7"].value == "—"  # 0 ÷ 0: no rate
    assert "A5:B5" in {str(r) for r in ws.merged_cells.ranges}


def test_goals_block(standard):
    ws = sheet_of(standard)
    r = find(ws, "年度总体目标")
    assert ws.cell(row=r, column=5).value == "实际完成情况"
    assert ws.cell(row=r + 1, column=1).value.startswith("1. 保障机关在职人员正常办公和工资发放")
    assert ws.cell(row=r + 1, column=1).value.count("\n") == 5  # six goals, numbered
    assert ws.cell(row=r + 1, column=5).value.startswith("全年各项目均按年初设定的绩效目标完成")


def test_indicator_table_merges_numbers_and_total(standard):
    ws = sheet_of(standard)
    head = find(ws, "一级指标")
    assert [ws.cell(row=head, column=c).value for c in range(1, 9)] == [
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
    ]
    merged = {str(r) for r in ws.merged_cells.ranges}
    first = head + 1  # 预算执行率
    assert f"A{first + 1}:A{first + 7}" in merged  # 产出指标 over seven rows
    assert f"B{first + 1}:B{first + 4}" in merged  # 数量指标 over four
    assert f"A{first + 8}:A{first + 10}" in merged and f"B{first + 8}:B{first + 10}" in merged
    # the execution rate is the fund block's, and prints so
    assert ws.cell(row=first, column=5).value == "=G5"
    target = ws.cell(row=first + 5, column=4)
    assert target.value == "=100%" and target.data_type == "s"  # a target, not a formula
    score = ws.cell(row=first + 1, column=7)
    assert score.value == 5 and score.number_format == "0"
    last = first + 11
    total = find(ws, "总分")
    assert total == last + 1
    assert ws.cell(row=total, column=6).value == f"=SUM(F{first}:F{last})"
    assert ws.cell(row=total, column=7).value == f"=SUM(G{first}:G{last})"
    assert ws.cell(row=total, column=7).number_format == "0.00"
    assert ws.cell(row=total + 1, column=1).value == "评价等级"
    assert ws.cell(row=total + 1, column=6).value == "优"


def test_print_settings(standard):
    ws = sheet_of(standard)
    head = find(ws, "一级指标")
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.print_title_rows == f"${head}:${head}"
    assert ws.print_area.endswith(f"$A$1:$H${find(ws, '评价等级')}")
    assert ws.page_setup.fitToHeight in (1, 2)  # the form on one or two pages
    book = load_workbook(standard)
    hidden = {w.title for w in book.worksheets if w.sheet_state == "hidden"}
    assert hidden == {"计算值", "指标得分", "jixiao"}  # for reference, not printed
    assert {w.title for w in book.worksheets if w.print_area} == {"自评表"}
    assert "&P" in ws.oddFooter.center.text


def test_figures_sheet(standard):
    ws = load_workbook(standard)["计算值"]
    rows = {r[0].value: r for r in ws.iter_rows(min_row=4) if r[0].value}
    rate = rows["预算执行率"]
    assert rate[2].value == "100.00%"
    assert rate[3].value == "预算执行率 = 执行数 39,858.70 ÷ 调整预算 39,858.70 = 100.00%"
    assert rate[1].value == 1 and rate[1].number_format == "0.00%"
    assert rows["总分"][2].value == "100.00" and "年初预算" not in rows  # facts are on the 自评表
    scores = load_workbook(standard)["指标得分"]
    assert [c.value for c in scores[3]] == ["指标", "分值", "得分", "评分说明"]
    row = {r[0].value: r for r in scores.iter_rows(min_row=4)}["12. 服务对象满意度"]
    assert (row[1].value, row[2].value) == (10, 10)
    assert row[3].value == "计算：正向：实际 90% ≥ 目标 90%，得满分 10"


@pytest.mark.parametrize("stem", STEMS)
def test_every_number_prints_as_the_report(stem, tmp_path):
    """Each number cell of every example, printed by its format, is the tool's display."""
    u = evaluate(EXAMPLES / f"{stem}.toml")
    path = tmp_path / "x.xlsx"
    path.write_bytes(workbook_bytes(u))
    ws = sheet_of(path)
    for col, name in zip("CDE", ("年初预算", "调整预算", "执行数"), strict=True):
        assert shows(ws[f"{col}5"]) == u.display(name), (stem, name)
    head = find(ws, "一级指标")
    n = u.fmt.settings.numbers
    for i, (ind, sc) in enumerate(zip(u.report.indicators, u.scores, strict=True), head + 1):
        if sc is not None:
            assert shows(ws.cell(row=i, column=7)) == fmt_number(
                sc.score, n.score_places, trim=n.trim_scores
            )
        if ind.weight is not None and n is not None and u.fmt.settings.scoring.scored:
            assert shows(ws.cell(row=i, column=6)) == fmt_number(
                ind.weight, n.score_places, trim=n.trim_scores
            )
    for row in load_workbook(path)["计算值"].iter_rows(min_row=4, max_col=3):
        name, value, display = (c.value for c in row)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            assert excel_shows(float(value), row[1].number_format) == display, (stem, name)


def test_rate_at_a_rounding_boundary_is_stored_not_computed(fixture, tmp_path):
    # 70.005 ÷ 100 = 70.005%: Excel's double could print 70.00% or 70.01%; the tool says 70.01%
    path = fixture("standard-execution-rate-at-a-rounding-boundary")
    out = tmp_path / "b.xlsx"
    export(path, out)
    g5 = sheet_of(out)["G5"]
    assert isinstance(g5.value, float) and shows(g5) == "70.01%"


def test_todo_values_show_as_todo(tmp_path):
    from generator.cycle.rollover import rollover

    rolled = rollover(EXAMPLES / "standard.toml", 2024, tmp_path / "s-2024.toml")
    out = tmp_path / "s.xlsx"
    export(rolled.target, out)
    ws = sheet_of(out)
    assert [ws[c].value for c in ("C5", "D5", "E5")] == ["待填"] * 3
    assert ws.cell(row=find(ws, "举办宣传活动次数"), column=5).value == "待填"


def test_cells_exact_both_ways():
    assert shown_value(Decimal("13006.70"), "13,006.70") == (13006.7, "#,##0.00")
    assert shown_value(Decimal("0.7000400"), "70.00%") == (0.70004, "0.00%")
    assert shown_value(Decimal("10"), "10") == (10, "0")
    assert format_for("173.8%") == "0.0%" and format_for("—") is None
    # a cell holding the double 13006.7, formatted with two decimals, is 13006.70 exactly
    assert str(decimal_of(13006.7, "#,##0.00")) == "13006.70"
    assert str(decimal_of(0.1 + 0.2, "0.00")) == "0.30"
    assert str(decimal_of(14559.360324, "General")) == "14559.360324"
    assert str(decimal_of("１３，００６．７０")) == "13006.70"
    assert str(decimal_of("12万元", unit="万元")) == "12"
    assert decimal_of("十二") is None and decimal_of(True) is None


def test_export_refuses_to_overwrite(tmp_path):
    out = tmp_path / "a.xlsx"
    out.write_bytes(b"clerk's work")
    result = jixiao("export", EXAMPLES / "standard.toml", "-o", out)
    assert result.exit_code == 1 and "已经存在，没有覆盖" in result.output
    assert out.read_bytes() == b"clerk's work"
    # --force replaces only a 自评表 this tool exported, never someone's other file
    result = jixiao("export", EXAMPLES / "standard.toml", "-o", out, "--force")
    assert result.exit_code == 1 and "不是本工具写出的自评表" in result.output
    assert out.read_bytes() == b"clerk's work"
    out.unlink()
    assert jixiao("export", EXAMPLES / "standard.toml", "-o", out).exit_code == 0
    result = jixiao("export", EXAMPLES / "standard.toml", "-o", out, "--force")
    assert result.exit_code == 0 and "已导出" in result.output
    assert sheet_of(out)["A1"].value == "部门整体支出绩效自评表"


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c.name)
def test_command_has_chinese_help_and_example(command):
    result = jixiao(command.name, "--help")
    assert result.exit_code == 0
    assert result.output.startswith("用法：")
    assert f"jixiao {command.name}" in result.output.split("示例：", 1)[1]


def test_the_normal_style_and_empty_cells_use_the_table_font(standard):
    """Rows a clerk adds, and every cell without a font of its own, print in 宋体 10, not Calibri."""
    wb = load_workbook(standard)
    for ws in wb.worksheets:
        empty = ws.cell(row=ws.max_row + 3, column=ws.max_column + 2)
        assert (empty.font.name, empty.font.sz) == ("宋体", 10), ws.title
        assert {(c.font.name, c.font.sz) for row in ws.iter_rows() for c in row if c.value} <= {
            ("宋体", 10),
            ("宋体", 11),
            ("宋体", 16),
        }


def test_cells_take_named_styles(standard, tmp_path):
    """Font, alignment, border and fill come from the workbook's named styles, not cell by cell."""
    book = load_workbook(standard)
    assert {"标题·居中", "粗体·居中·框线·表头", "正文·居中·框线", "正文·靠左·框线"} <= set(
        book.named_styles
    )
    ws = sheet_of(standard)
    head = find(ws, "一级指标")
    assert ws.cell(row=1, column=1).style == "标题·居中"
    assert ws.cell(row=head, column=1).style == "粗体·居中·框线·表头"
    assert ws.cell(row=head + 1, column=3).style == "正文·靠左·框线"
    out = tmp_path / "汇总表.xlsx"
    jixiao("summary", EXAMPLES / "standard.toml", "-o", out)
    summary = load_workbook(out)["汇总"]
    assert summary["E4"].style == "正文·居中·框线" and summary["E4"].number_format == "#,##0.00"
    assert summary["A3"].style == "粗体·居中·框线·表头"
