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
from generator.io.writing.summary import COLUMNS


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


def rows_of(ws):
    header = [c.value for c in ws[1]]
    return [dict(zip(header, row, strict=True)) for row in ws.iter_rows(min_row=2)]


def test_one_row_per_unit_with_checks_figures(summary):
    result, wb, checked, data = summary
    assert result.exit_code == 1  # one unit has errors
    assert "已写出汇总表" in result.output and "7 个单位，1 个有错误" in result.output
    ws = wb["汇总"]
    assert [c.value for c in ws[1]] == COLUMNS
    rows = rows_of(ws)
    assert len(rows) == 7
    good = [r for r in rows if r["文件"].value != str(data / "坏单位.toml")]
    assert len(good) == 6
    for r in good:
        c = checked[r["文件"].value]
        shown = c["数据"]
        assert r["格式"].value == c["格式"]
        assert printed(r["总分"]) == shown.get("总分"), r["单位"].value
        assert printed(r["预算执行率"]) == shown["预算执行率"]
        assert printed(r["年初预算（万元）"]) == shown["年初预算"]
        assert printed(r["调整预算（万元）"]) == shown["调整预算"]
        assert printed(r["执行数（万元）"]) == shown["执行数"]
        assert (r["错误数"].value, r["警告数"].value) == (len(c["错误"]), len(c["警告"]))
        if "总分" in shown:
            assert isinstance(r["总分"].value, (int, float))  # numbers as numbers
            assert r["等级"].value == shown["等级"]
    totals = {r["单位"].value + r["格式"].value: printed(r["总分"]) for r in good}
    assert totals["重庆市璧山区人民政府璧泉街道办事处chongqing-bishan"] == "97.00"
    assert totals["平顶山市石龙区高庄街道办事处henan-pingdingshan"] == "85.54"
    assert totals["北京市朝阳区孙河地区办事处beijing-chaoyang"] is None  # a format without scores


def test_a_unit_with_errors_is_listed_with_its_first_error(summary):
    result, wb, checked, data = summary
    bad = next(r for r in rows_of(wb["汇总"]) if r["单位"].value == "坏单位")
    first = checked[str(data / "坏单位.toml")]["错误"][0]
    assert bad["错误数"].value == len(checked[str(data / "坏单位.toml")]["错误"])
    assert bad["第一个错误"].value == f"第 {first['行']} 行 {first['键']}：{first['说明']}"
    assert bad["总分"].value is None
    assert f"坏单位.toml：第 {first['行']} 行 预算.年初预算" in result.output


def test_sheet_is_usable(summary):
    _, wb, _, _ = summary
    ws = wb["汇总"]
    assert ws.freeze_panes == "B2"
    assert ws.auto_filter.ref == f"A1:M{ws.max_row}"
    assert ws.column_dimensions["A"].width >= 20 and ws.column_dimensions["B"].width < 10
    assert ws.page_setup.orientation == "landscape"


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
    assert ranking[0] == ("孙河地区办事处", "100.00") and len(ranking) == 5
    grades = {ws.cell(row=r, column=4).value: ws.cell(row=r, column=5).value for r in range(2, 10)}
    assert grades["优"] == 2 and grades["良"] == 2 and grades["优秀"] == 1
