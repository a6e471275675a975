"""`jixiao summary`: one workbook across units, its figures equal to what `jixiao check --json` says."""

import json
import shutil
import zipfile

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES
from openpyxl import load_workbook
from test_workbook_export import jixiao

from generator.cli.main import cli
from generator.evaluate import evaluate
from generator.io.cells import excel_shows
from generator.io.writing.summary import COLUMNS, HEAD, TITLE


def check_json(*paths) -> dict:
    result = CliRunner().invoke(cli, ["check", "--json", *map(str, paths)])
    return {json.loads(line)["文件"]: json.loads(line) for line in result.output.splitlines()}


def printed(cell) -> str | None:
    if cell.value is None or isinstance(cell.value, str):
        return cell.value
    return excel_shows(float(cell.value), cell.number_format)


@pytest.fixture(scope="module")
def summary(tmp_path_factory):
    folder = tmp_path_factory.mktemp("summary")
    data = folder / "data"
    shutil.copytree(EXAMPLES, data)
    (data / "坏单位.toml").write_text(
        '["单位"]\n"名称" = "坏单位"\n"年度" = 2023\n\n["预算"]\n"年初预算" = "一百"\n',
        encoding="utf-8",
    )
    out = folder / "汇总表.xlsx"
    result = jixiao("summary", data, "-o", out)
    return result, load_workbook(out), check_json(data), data


def rows_of(ws, head=1):
    """The rows under the header, without the 合计/平均 row of the 汇总 sheet."""
    header = [c.value for c in ws[head]]
    rows = [dict(zip(header, row, strict=True)) for row in ws.iter_rows(min_row=head + 1)]
    return [r for r in rows if r.get("序号", True) is not None and r["单位"].value is not None]


def test_one_row_per_unit_with_checks_figures(summary):
    result, wb, checked, data = summary
    assert result.exit_code == 1  # one unit has errors
    assert "已写出汇总表" in result.output and "7 个单位，1 个有错误" in result.output
    ws = wb["汇总"]
    assert [c.value for c in ws[HEAD]] == COLUMNS
    rows = rows_of(ws, HEAD)
    assert len(rows) == 7
    assert [r["序号"].value for r in rows] == list(range(1, 8))
    good = [r for r in rows if r["文件"].value != "坏单位.toml"]
    assert len(good) == 6
    formats = {"年初预算": "#,##0.00", "调整预算": "#,##0.00", "执行数": "#,##0.00"}
    formats |= {"预算执行率": "0.00%", "总分": "0.00"}
    for r in good:
        c = checked[str(data / r["文件"].value)]  # the file's name, not a local path
        u = evaluate(data / r["文件"].value)
        assert r["格式"].value == c["格式"]
        assert r["单位"].value == u.report.unit.name
        for name, fmt in formats.items():  # one format per column, the exact figure stored
            cell = r[next(t for t in COLUMNS if t.startswith(name))]
            if name not in u.figures:
                assert cell.value is None
                continue
            assert cell.number_format == fmt, (name, r["单位"].value)
            assert cell.value == pytest.approx(float(u.figures[name].value), abs=1e-9)
        assert (r["错误数"].value, r["警告数"].value) == (len(c["错误"]), len(c["警告"]))
        if "总分" in c["数据"]:
            assert isinstance(r["总分"].value, (int, float))  # numbers as numbers
            assert r["等级"].value == c["数据"]["等级"]
    shown = {r["格式"].value: {n: printed(r[n]) for n in COLUMNS[4:9]} for r in good}
    assert shown["chongqing-bishan"]["总分"] == "97.00"
    assert shown["henan-pingdingshan"]["总分"] == "85.54"
    assert shown["beijing-chaoyang"]["总分"] is None  # a format without scores
    assert shown["beijing-chaoyang"]["年初预算（万元）"] == "14,559.36"  # not 14559.360324
    assert shown["town-summary"]["预算执行率"] == "100.16%"  # not capped at 100%


def test_title_date_and_totals(summary):
    _, wb, _, data = summary
    ws = wb["汇总"]
    assert ws["A1"].value == TITLE and "A1:N1" in {str(r) for r in ws.merged_cells.ranges}
    assert any(
        isinstance(c.value, str) and c.value.startswith("编制日期：") and "年" in c.value
        for c in ws[2]
    )
    total = ws[ws.max_row]
    assert total[0].value.startswith("合计/平均（6 个")
    good = [evaluate(p) for p in sorted(data.glob("*.toml")) if p.name != "坏单位.toml"]
    spent = sum(u.figures["执行数"].value for u in good)
    scores = [u.figures["总分"].value for u in good if "总分" in u.figures]
    assert total[6].value == pytest.approx(float(spent)) and total[6].number_format == "#,##0.00"
    assert total[8].value == pytest.approx(float(sum(scores) / len(scores)))
    assert printed(total[8]) == "93.51"


def test_a_unit_with_errors_is_listed_with_its_first_error(summary):
    result, wb, checked, data = summary
    bad = next(r for r in rows_of(wb["汇总"], HEAD) if r["单位"].value == "坏单位")
    first = checked[str(data / "坏单位.toml")]["错误"][0]
    assert bad["错误数"].value == len(checked[str(data / "坏单位.toml")]["错误"])
    assert bad["第一个错误"].value == f"第 {first['行']} 行 {first['键']}：{first['说明']}"
    assert bad["总分"].value is None
    assert f"坏单位.toml：第 {first['行']} 行 预算.年初预算" in result.output


def test_sheet_is_usable(summary):
    _, wb, _, _ = summary
    ws = wb["汇总"]
    assert ws.freeze_panes == "C4"
    assert ws.auto_filter.ref == f"A3:N{ws.max_row - 1}"  # the units, not the 合计 row
    assert ws.column_dimensions["B"].width >= 20 and ws.column_dimensions["A"].width < 10
    assert ws.page_setup.orientation == "landscape"
    assert ws.print_title_rows == "$3:$3" and ws.print_area == f"'汇总'!$A$1:$N${ws.max_row}"
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.page_setup.fitToHeight == 0


def test_every_indicator_of_every_unit(summary):
    _, wb, _, data = summary
    ws = wb["指标"]
    rows = rows_of(ws)
    expected = sum(len(evaluate(p).report.indicators) for p in sorted(EXAMPLES.glob("*.toml")))
    assert len(rows) == expected == 80
    sat = next(
        r for r in rows if r["三级指标"].value == "服务对象满意度" and r["分值"].value is not None
    )
    assert (sat["指标值"].value, sat["实际值"].value, sat["分值"].value, sat["得分"].value) == (
        "≥90%",
        "90%",
        10,
        10,
    )
    rate = next(
        r
        for r in rows
        if r["三级指标"].value == "预算执行率" and r["单位"].value.startswith("重庆")
    )
    assert (
        rate["实际值"].value == "70.00%"
        and rate["得分"].value == 7
        and rate["得分方式"].value == "计算"
    )


def test_charts(summary):
    _, wb, _, data = summary
    ws = wb["统计图"]
    with zipfile.ZipFile(data.parent / "汇总表.xlsx") as z:  # 总分 by unit, grade distribution
        assert len([n for n in z.namelist() if n.startswith("xl/charts/chart")]) == 2
    ranking = [
        (ws.cell(row=r, column=1).value, printed(ws.cell(row=r, column=2))) for r in range(2, 7)
    ]
    assert ranking[0] == ("北京市朝阳区孙河地区办事处", "100.00") and len(ranking) == 5
    assert "我镇" not in {name for name, _ in ranking}  # units by their full names
    grades = {ws.cell(row=r, column=4).value: ws.cell(row=r, column=5).value for r in range(2, 6)}
    assert grades == {"优": 3, "良": 2, "中": 0, "差": 0}  # one scale: 河北's 优秀 counts as 优
    notes = [c.value for row in ws.iter_rows() for c in row if str(c.value).startswith("注：")]
    assert notes == ["注：优秀、良好、一般、较差 按次序计为 优、良、中、差"]
