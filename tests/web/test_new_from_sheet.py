"""The page's “新建单位” from a 自评表: upload an .xlsx, get a new unit next to the others."""

from __future__ import annotations

import io
import tomllib
from decimal import Decimal

from conftest import EXAMPLES


def post(client, token, data: bytes, filename: str, name: str, format_id: str = ""):
    return client.post(
        "/new/sheet",
        data={
            "csrf": token,
            "workbook": (io.BytesIO(data), filename),
            "name": name,
            "format": format_id,
        },
        content_type="multipart/form-data",
    )


def sheet_bytes(example: str = "chongqing-bishan") -> bytes:
    from generator.evaluate import evaluate
    from generator.io.writing.workbook_export import workbook_bytes

    return workbook_bytes(evaluate(EXAMPLES / f"{example}.toml"))


def test_the_new_page_offers_a_sheet_upload(client):
    page = client.get("/new").get_data(as_text=True)
    assert "由自评表起草" in page and 'name="workbook"' in page


def test_an_uploaded_sheet_becomes_a_unit_next_to_the_others(client, token, folder):
    source = tomllib.loads(
        (EXAMPLES / "chongqing-bishan.toml").read_text("utf-8"), parse_float=Decimal
    )
    got = post(client, token, sheet_bytes(), "自评表.xlsx", "璧泉-新", "chongqing-bishan")
    assert got.status_code == 303, got.get_data(as_text=True)
    made = tomllib.loads((folder / "璧泉-新.toml").read_text("utf-8"), parse_float=Decimal)
    assert made["单位"]["名称"] == source["单位"]["名称"]
    assert made["单位"]["格式"] == "chongqing-bishan"
    assert [i["三级"] for i in made["指标"]] == [i["三级"] for i in source["指标"]]
    assert [i.get("实际值") for i in made["指标"]] == [i.get("实际值") for i in source["指标"]]
    page = client.get(got.headers["Location"])
    assert page.status_code == 200 and source["单位"]["名称"] in page.get_data(as_text=True)


def test_a_sheet_never_overwrites_an_existing_unit(client, token, folder):
    before = (folder / "standard.toml").read_bytes()
    got = post(client, token, sheet_bytes(), "自评表.xlsx", "standard")
    text = got.get_data(as_text=True)
    assert got.status_code == 400 and "已经存在" in text and "--into" not in text
    assert (folder / "standard.toml").read_bytes() == before


def test_a_wrong_file_is_refused_in_the_clerks_words(client, token, folder):
    old = post(client, token, b"\xd0\xcf\x11\xe0", "表.xls", "a")
    assert old.status_code == 400 and "另存为" in old.get_data(as_text=True)
    fake = post(client, token, b"not a zip at all", "表.xlsx", "b")
    assert fake.status_code == 400 and "不是 Excel 工作簿" in fake.get_data(as_text=True)
    assert not (folder / "a.toml").exists() and not (folder / "b.toml").exists()


def test_a_sheet_without_an_indicator_table_is_explained(client, token, folder):
    from openpyxl import Workbook

    book = Workbook()
    book.active["A1"] = "随便写的"
    buf = io.BytesIO()
    book.save(buf)
    got = post(client, token, buf.getvalue(), "空表.xlsx", "c")
    text = got.get_data(as_text=True)
    assert got.status_code == 400 and "空表.xlsx 中有 1 处错误，没有生成数据文件" in text
    assert "没有找到指标表" in text
    assert "jixiao-upload" not in text and "Traceback" not in text and "Error" not in text
    assert not (folder / "c.toml").exists()
