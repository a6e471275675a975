"""Editing what lies under a row (问题/建议/叙述 子项, 预算.其中 分级) and the 更正 list: only the
changed line is written, comments kept, a wrong value told at its cell with the file untouched."""

from __future__ import annotations

import tomllib
from decimal import Decimal

from .test_edit import changed_lines, open_form
from .test_http import text


def comments(t: str) -> list[str]:
    return [ln for ln in t.splitlines() if ln.lstrip().startswith("#")]


def save(client, unit: str, section: str, sent) -> None:
    response = client.post(f"/unit/{unit}/edit/{section}", data=sent)
    assert response.status_code == 303, text(response)[-3000:]


def test_a_sub_item_title_is_changed_in_its_line_only(client, folder):
    path = folder / "henan-pingdingshan.toml"
    before = path.read_text("utf-8")
    page = text(client.get("/unit/henan-pingdingshan/edit/叙述"))
    assert "第 1 项“预决算编制不够准确" in page and "的子项" in page
    sent = open_form(client, "henan-pingdingshan", "叙述")
    assert sent["r:问题[1].子项:2:标题"] == "预算调剂多，调整幅度大"
    sent["r:问题[1].子项:2:标题"] = "预算调剂频繁"
    save(client, "henan-pingdingshan", "叙述", sent)
    after = path.read_text("utf-8")
    lines = changed_lines(before, after)
    assert len(lines) == 2 and "预算调剂多，调整幅度大" in lines[0] and "预算调剂频繁" in lines[1]
    assert lines[0].replace("预算调剂多，调整幅度大", "预算调剂频繁")[1:] == lines[1][1:]
    assert comments(before) == comments(after)
    data = tomllib.loads(after)
    assert data["问题"][0]["子项"][1]["标题"] == "预算调剂频繁"


def test_a_sub_item_is_added_under_a_row_of_plain_strings(client, folder):
    path = folder / "henan-pingdingshan.toml"
    sent = open_form(client, "henan-pingdingshan", "叙述")
    key = "问题[5].子项"
    assert sent[f"order:{key}"] == "1,2,3"
    sent[f"order:{key}"] = "1,2,3,n1"
    sent[f"r:{key}:n1:内容"] = "新增的一段。"
    save(client, "henan-pingdingshan", "叙述", sent)
    items = tomllib.loads(path.read_text("utf-8"))["问题"][4]["子项"]
    assert len(items) == 4 and isinstance(items[0], str)  # the plain strings stay strings
    assert items[3] in ("新增的一段。", {"内容": ["新增的一段。"]})


def test_sub_items_move_with_their_row(client, folder):
    path = folder / "henan-pingdingshan.toml"
    sent = open_form(client, "henan-pingdingshan", "叙述")
    sent["order:问题"] = "2,1," + ",".join(sent["order:问题"].split(",")[2:])
    sent["r:问题[1].子项:1:标题"] = "预算管理制度尚未建立"
    save(client, "henan-pingdingshan", "叙述", sent)
    data = tomllib.loads(path.read_text("utf-8"))
    assert data["问题"][1]["标题"] == "预决算编制不够准确，预算管理意识有待加强"
    assert data["问题"][1]["子项"][0]["标题"] == "预算管理制度尚未建立"
    assert data["问题"][0]["标题"] == "绩效目标设置不够合理，绩效管理质量不高"


def test_a_level_of_a_fund_part_is_changed_in_its_line_only(client, folder):
    path = folder / "town-summary.toml"
    before = path.read_text("utf-8")
    sent = open_form(client, "town-summary", "预算")
    assert sent["r:预算.其中[1].分级:2:名称"] == "省"
    sent["r:预算.其中[1].分级:2:预算"] = "12.5"
    save(client, "town-summary", "预算", sent)
    after = path.read_text("utf-8")
    assert changed_lines(before, after) == [
        '-  { "名称" = "省", "预算" = 0, "支出" = 0 },',
        '+  { "名称" = "省", "预算" = 12.5, "支出" = 0 },',
    ]
    assert comments(before) == comments(after)
    data = tomllib.loads(after, parse_float=Decimal)
    assert data["预算"]["其中"][1]["分级"][1]["预算"] == 0  # the second part is untouched


def test_levels_are_added_to_a_fund_part_that_had_none(client, folder):
    path = folder / "town-summary.toml"
    sent = open_form(client, "town-summary", "预算")
    key = "预算.其中[3].分级"
    assert sent[f"order:{key}"] == ""
    sent[f"order:{key}"] = "n1"
    sent.update({f"r:{key}:n1:名称": "中央", f"r:{key}:n1:预算": "0", f"r:{key}:n1:支出": "0"})
    save(client, "town-summary", "预算", sent)
    data = tomllib.loads(path.read_text("utf-8"), parse_float=Decimal)
    assert data["预算"]["其中"][2]["名称"] == "债券资金"
    assert data["预算"]["其中"][2]["分级"] == [{"名称": "中央", "预算": 0, "支出": 0}]


def test_a_wrong_number_in_a_level_is_told_at_its_cell(client, folder):
    path = folder / "town-summary.toml"
    before = path.read_bytes()
    sent = open_form(client, "town-summary", "预算")
    sent["r:预算.其中[2].分级:1:支出"] = "一万"
    response = client.post("/unit/town-summary/edit/预算", data=sent)
    assert response.status_code == 400
    page = text(response)
    assert "请填数字" in page and 'name="r:预算.其中[2].分级:1:支出" value="一万"' in page
    assert path.read_bytes() == before


def test_a_correction_note_is_changed_in_its_line_only(client, folder):
    path = folder / "hebei-qiaoxi.toml"
    before = path.read_text("utf-8")
    sent = open_form(client, "hebei-qiaoxi", "更正")
    assert sent["r:更正:1:原值"] == "2022-02-21"  # a date, shown as written
    sent["r:更正:1:说明"] = "评价的是2022年度的支出。"
    save(client, "hebei-qiaoxi", "更正", sent)
    after = path.read_text("utf-8")
    assert changed_lines(before, after) == [
        '-"说明" = "本次评价的是2022年度的支出，自评工作在该年度结束后开展。"',
        '+"说明" = "评价的是2022年度的支出。"',
    ]
    assert comments(before) == comments(after)
    assert '原值" = 2022-02-21' in after  # still a date, not turned into text
