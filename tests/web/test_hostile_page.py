"""Hostile folders and uploads on the page: nothing written outside the served folder through a
link, every failure a Chinese page, no exception names or temporary paths in what it says."""

from __future__ import annotations

import io
import re
import zipfile

import pytest

ENGLISH_500 = ("Internal Server Error", "Traceback", "Werkzeug")
EXCEPTION_NAME = re.compile(r"[A-Z][a-z]+(?:[A-Z][a-z]+)*(?:Error|Exception|ZipFile)")


def text(response) -> str:
    return response.get_data(as_text=True)


def said(page: str) -> str:
    """The page's words, without markup, scripts and styles."""
    page = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", page, flags=re.S)
    return re.sub(r"<[^>]+>", " ", page)


def assert_chinese_page(response, status: int) -> str:
    page = text(response)
    assert response.status_code == status, page[-600:]
    assert re.search(r"[\u4e00-\u9fff]", said(page)), page[-600:]
    for english in ENGLISH_500:
        assert english not in page
    assert not EXCEPTION_NAME.search(said(page)), said(page)[-600:]
    return said(page)


@pytest.fixture
def outside(tmp_path):
    away = tmp_path / "别处"
    away.mkdir()
    return away


def test_build_all_through_an_output_link_out_writes_nothing_outside(
    client, token, folder, outside
):
    (folder / "output").symlink_to(outside)
    got = client.post("/build", data={"csrf": token})
    words = assert_chinese_page(got, 403)
    assert "本文件夹之外" in words
    assert client.get("/api/job").get_json()["total"] == 0
    assert list(outside.iterdir()) == []


def test_one_unit_build_through_a_record_folder_link_out_writes_nothing_outside(
    client, token, folder, outside
):
    """The report's folder is inside, but its build records (output/.jixiao) link out."""
    (folder / "output").mkdir()
    (folder / "output" / ".jixiao").symlink_to(outside)
    got = client.post("/unit/standard/build", data={"csrf": token})
    assert_chinese_page(got, 403)
    assert list(outside.iterdir()) == []
    assert not any((folder / "output").glob("*.docx"))


def test_saving_a_form_through_an_undo_folder_link_out_writes_nothing_outside(
    client, token, folder, outside
):
    """The copy kept for 撤销 goes to the folder's .jixiao/: a link out is refused before saving."""
    (folder / ".jixiao").symlink_to(outside)
    before = (folder / "standard.toml").read_bytes()
    page = text(client.get("/unit/standard/edit/单位"))
    opened = re.search(r'name="opened" value="([^"]+)"', page).group(1)
    got = client.post(
        "/unit/standard/edit/单位",
        data={"csrf": token, "opened": opened, "f:单位.简称": "改过的简称"},
    )
    assert_chinese_page(got, 403)
    assert list(outside.iterdir()) == []
    assert (folder / "standard.toml").read_bytes() == before


def test_the_diff_page_with_an_output_link_out_is_a_chinese_page(client, folder, outside):
    (folder / "output").symlink_to(outside)
    got = client.get("/unit/standard/diff")
    assert "本文件夹之外" in assert_chinese_page(got, 403)


def test_a_fault_inside_a_route_is_a_chinese_500_without_its_name(client, monkeypatch):
    """A KeyError raised by the library is the tool's fault: 500 in Chinese, not a 404 naming a key."""
    import generator.web.routes_unit as routes

    def broken(*_args, **_kwargs):
        raise KeyError("预算")

    monkeypatch.setattr(routes, "compare_with_last_build", broken)
    got = client.get("/unit/standard/diff")
    assert "内部错误" in assert_chinese_page(got, 500)


def test_an_error_page_that_cannot_be_drawn_is_still_chinese(client, monkeypatch):
    import generator.web.site as site

    def broken(*_args, **_kwargs):
        raise TypeError("Object of type Undefined is not JSON serializable")

    monkeypatch.setattr(site, "render_template", broken)
    got = client.get("/unit/no-such-unit")
    assert "没有单位" in assert_chinese_page(got, 404)


def post_report(client, token, data: bytes, name: str):
    return client.post(
        "/new/report",
        data={"csrf": token, "report": (io.BytesIO(data), "上年报告.docx"), "name": name},
        content_type="multipart/form-data",
    )


def test_a_broken_upload_is_told_without_its_temporary_path_or_exception(client, token, folder):
    got = post_report(client, token, b"not a zip", "y")
    words = assert_chinese_page(got, 400).replace(str(folder), "")  # the header names the folder
    assert "/tmp" not in words and "jixiao-report-" not in words


def test_a_workbook_missing_its_parts_is_told_without_exception_names(client, token, folder):
    """An .xlsx that is a zip without the workbook's parts: openpyxl raises KeyError inside."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
    got = client.post(
        "/unit/standard/import",
        data={"csrf": token, "workbook": (io.BytesIO(buffer.getvalue()), "自评表.xlsx")},
        content_type="multipart/form-data",
    )
    words = assert_chinese_page(got, 400).replace(str(folder), "")
    assert "/tmp" not in words and "jixiao-upload-" not in words
