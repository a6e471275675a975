"""Editing a unit in forms: only what changed is written (comments kept), a wrong value is told at
its field with the file untouched, a second tab never overwrites, the last save can be undone."""

from __future__ import annotations

import difflib
import re

import lxml.html
import pytest

from generator.evaluate import evaluate
from generator.web.forms import SECTIONS

from .conftest import EXAMPLES
from .test_http import text


def form_of(page: str) -> dict[str, str]:
    """What the browser would send for the edit form as the page shows it."""
    root = lxml.html.fromstring(page)
    (form,) = root.xpath('//form[@id="edit-form"]')
    sent: dict[str, str] = {}
    for el in form.xpath(".//input|.//textarea|.//select"):
        name = el.get("name")
        if not name or el.xpath("ancestor::template"):
            continue
        if el.tag == "select":
            chosen = el.xpath(".//option[@selected]")
            sent[name] = chosen[0].get("value", "") if chosen else ""
        elif el.tag == "textarea":
            sent[name] = el.text or ""
        else:
            sent[name] = el.get("value", "")
    return sent


def open_form(client, unit: str, section: str) -> dict[str, str]:
    response = client.get(f"/unit/{unit}/edit/{section}")
    assert response.status_code == 200, text(response)
    return form_of(text(response))


def changed_lines(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


@pytest.mark.parametrize("unit", sorted(f.stem for f in EXAMPLES.glob("*.toml")))
def test_saving_a_form_unchanged_leaves_the_file_byte_identical(client, folder, unit):
    path = folder / f"{unit}.toml"
    before = path.read_bytes()
    for section in SECTIONS:
        sent = open_form(client, unit, section)
        response = client.post(f"/unit/{unit}/edit/{section}", data=sent)
        assert response.status_code == 303, (section, text(response)[-2000:])
        assert path.read_bytes() == before, section


def test_change_spent_writes_that_line_only_and_the_rate_follows(client, folder):
    path = folder / "chongqing-bishan.toml"
    before = path.read_text(encoding="utf-8")
    sent = open_form(client, "chongqing-bishan", "预算")
    assert sent["f:预算.执行数"] == "13006.70"  # the number as the file writes it
    sent["f:预算.执行数"] = "16258.00"
    assert client.post("/unit/chongqing-bishan/edit/预算", data=sent).status_code == 303
    after = path.read_text(encoding="utf-8")
    assert changed_lines(before, after) == ['-"执行数" = 13006.70', '+"执行数" = 16258.00']
    assert [ln for ln in before.splitlines() if ln.startswith("#")] == [
        ln for ln in after.splitlines() if ln.startswith("#")
    ]
    page = text(client.get("/unit/chongqing-bishan"))
    assert "已保存“预算”的改动" in page
    rate = evaluate(path).display("预算执行率")
    assert rate == "87.50%" and f'id="rate">{rate}<' in page


def test_a_wrong_number_is_told_at_its_field_and_nothing_is_written(client, folder):
    path = folder / "chongqing-bishan.toml"
    before = path.read_bytes()
    sent = open_form(client, "chongqing-bishan", "预算")
    sent["f:预算.执行数"] = "一万"
    sent["f:预算.年初预算"] = "13245.06"  # a right change in the same form is not written either
    response = client.post("/unit/chongqing-bishan/edit/预算", data=sent)
    assert response.status_code == 400
    page = text(response)
    row = re.search(r'<tr data-key="预算.执行数">.*?</tr>', page, re.S)
    assert row and "请填数字（万元）" in row.group(0) and 'value="一万"' in row.group(0)
    assert 'value="13245.06"' in page  # the clerk's input is kept for the correction
    assert path.read_bytes() == before


def test_a_value_out_of_range_is_told_by_the_models_own_check(client, folder):
    path = folder / "standard.toml"
    before = path.read_bytes()
    sent = open_form(client, "standard", "单位")
    sent["f:单位.年度"] = "1850"
    response = client.post("/unit/standard/edit/单位", data=sent)
    assert response.status_code == 400
    row = re.search(r'<tr data-key="单位.年度">.*?</tr>', text(response), re.S)
    assert row and "field-error" in row.group(0)
    assert path.read_bytes() == before


def test_a_second_tab_is_told_the_file_changed_and_nothing_is_overwritten(client, folder):
    path = folder / "standard.toml"
    first = open_form(client, "standard", "预算")
    second = open_form(client, "standard", "预算")
    first["f:预算.执行数"] = "100"
    assert client.post("/unit/standard/edit/预算", data=first).status_code == 303
    saved = path.read_bytes()
    second["f:预算.执行数"] = "200"
    response = client.post("/unit/standard/edit/预算", data=second)
    assert response.status_code == 409
    assert "在您打开这个表单之后被改过" in text(response) and 'id="reopen"' in text(response)
    assert path.read_bytes() == saved


def test_the_last_save_can_be_undone_unless_the_file_changed_since(client, folder):
    path = folder / "standard.toml"
    before = path.read_bytes()
    sent = open_form(client, "standard", "预算")
    sent["f:预算.执行数"] = "100"
    client.post("/unit/standard/edit/预算", data=sent)
    assert path.read_bytes() != before
    assert 'id="undo"' in text(client.get("/unit/standard"))
    assert client.post("/unit/standard/undo", data={"csrf": sent["csrf"]}).status_code == 303
    assert path.read_bytes() == before
    assert "已撤销上一次保存" in text(client.get("/unit/standard"))
    # A save, then a hand edit: undo would lose the hand edit, so it refuses.
    sent = open_form(client, "standard", "预算")
    sent["f:预算.执行数"] = "100"
    client.post("/unit/standard/edit/预算", data=sent)
    path.write_bytes(path.read_bytes() + "# 手工\n".encode())
    hand = path.read_bytes()
    client.post("/unit/standard/undo", data={"csrf": sent["csrf"]})
    assert path.read_bytes() == hand
    assert "无法撤销" in text(client.get("/unit/standard"))


def add_row(sent: dict[str, str], **values: str) -> None:
    sent["order:指标"] += ",n1"
    for key, value in values.items():
        sent[f"r:指标:n1:{key}"] = value


def test_an_added_indicator_row_moves_the_total(client, folder):
    path = folder / "chongqing-bishan.toml"
    before_total = evaluate(path).figures["总分"].value
    sent = open_form(client, "chongqing-bishan", "指标")
    rows = sent["order:指标"].split(",")
    add_row(sent, 一级="产出指标", 二级="数量指标", 三级="巡查次数", 指标值="≥12次", 实际值="6次")
    sent["r:指标:n1:分值"] = "10"
    assert client.post("/unit/chongqing-bishan/edit/指标", data=sent).status_code == 303
    unit = evaluate(path)
    assert len(unit.report.indicators) == len(rows) + 1
    assert unit.report.indicators[-1].level3 == "巡查次数"
    assert unit.figures["总分"].value != before_total
    page = text(client.get("/unit/chongqing-bishan"))
    assert f'id="total">{unit.display("总分")}' in page and "巡查次数" in page


def test_rows_are_removed_and_reordered_keeping_their_comments(client, folder):
    path = folder / "standard.toml"
    before = evaluate(path).report.indicators
    sent = open_form(client, "standard", "指标")
    rows = sent["order:指标"].split(",")
    sent["order:指标"] = ",".join([rows[1], rows[0], *rows[3:]])  # swap 1 and 2, drop 3
    assert client.post("/unit/standard/edit/指标", data=sent).status_code == 303
    after = evaluate(path).report.indicators
    assert [i.label for i in after] == [i.label for i in [before[1], before[0], *before[3:]]]


def test_a_new_row_missing_a_required_value_is_refused_at_its_cell(client, folder):
    path = folder / "standard.toml"
    before = path.read_bytes()
    sent = open_form(client, "standard", "指标")
    add_row(sent, 三级="没有一级的指标", 分值="5")
    response = client.post("/unit/standard/edit/指标", data=sent)
    assert response.status_code == 400
    row = re.search(r'<tr data-row="n1">.*?</tr>', text(response), re.S)
    assert row and "field-error" in row.group(0) and "一级" in row.group(0)
    assert path.read_bytes() == before


def test_a_save_without_the_pages_token_is_refused(client, folder):
    path = folder / "standard.toml"
    before = path.read_bytes()
    sent = open_form(client, "standard", "预算")
    sent["f:预算.执行数"] = "100"
    sent["csrf"] = "forged"
    assert client.post("/unit/standard/edit/预算", data=sent).status_code == 403
    assert path.read_bytes() == before


def test_a_row_added_to_an_inline_array_adds_one_line(client, folder):
    path = folder / "hebei-qiaoxi.toml"
    before = path.read_text(encoding="utf-8")
    sent = open_form(client, "hebei-qiaoxi", "评价")
    sent["order:评价工作组"] += ",n1"
    sent["r:评价工作组:n1:姓名"] = "李四"
    sent["r:评价工作组:n1:分工"] = "成员"
    assert client.post("/unit/hebei-qiaoxi/edit/评价", data=sent).status_code == 303
    added = changed_lines(before, path.read_text(encoding="utf-8"))
    assert len(added) == 1 and added[0].startswith("+") and "李四" in added[0]
    assert evaluate(path).report.team[-1].name == "李四"
