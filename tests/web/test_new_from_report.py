"""The page's “新建单位” from last year's report: upload a .docx, get a draft next to the units."""

from __future__ import annotations

import io
import tomllib

from conftest import EXAMPLES


def post(client, token, data: bytes, filename: str, name: str):
    return client.post(
        "/new/report",
        data={"csrf": token, "report": (io.BytesIO(data), filename), "name": name, "format": ""},
        content_type="multipart/form-data",
    )


def report_bytes() -> bytes:
    from generator.evaluate import evaluate
    from generator.report.render import render

    return render(evaluate(EXAMPLES / "chongqing-bishan.toml"))


def test_the_new_page_offers_a_report_upload(client):
    page = client.get("/new").get_data(as_text=True)
    assert "由上年报告起草" in page and 'name="report"' in page


def test_an_uploaded_report_becomes_a_draft_next_to_the_units(client, token, folder):
    got = post(client, token, report_bytes(), "2023年报告.docx", "璧泉-2023")
    assert got.status_code == 303, got.get_data(as_text=True)
    draft = folder / "璧泉-2023.toml"
    data = tomllib.loads(draft.read_text("utf-8"))
    assert data["单位"]["名称"] == "重庆市璧山区人民政府璧泉街道办事处"
    assert data["单位"]["格式"] == "chongqing-bishan"
    page = client.get(got.headers["Location"]).get_data(as_text=True)
    assert "【待核对】" in page or "待核对" in page


def test_an_upload_never_overwrites_and_refuses_what_is_not_docx(client, token, folder):
    before = (folder / "standard.toml").read_bytes()
    got = post(client, token, report_bytes(), "r.docx", "standard")
    assert got.status_code == 400 and "已经存在" in got.get_data(as_text=True)
    assert (folder / "standard.toml").read_bytes() == before
    bad = post(client, token, b"not a doc", "r.doc", "x")
    assert bad.status_code == 400 and "另存为" in bad.get_data(as_text=True)
    broken = post(client, token, b"not a zip", "r.docx", "y")
    assert broken.status_code == 400 and "不是 Word 文档" in broken.get_data(as_text=True)
    assert not (folder / "y.toml").exists()
