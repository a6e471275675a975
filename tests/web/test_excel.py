"""The page's Excel and PDF: 自评表 and summary downloads, importing a 自评表, a report's PDF.

They drive generator.io (issue 10); until that is installed these tests are skipped.
"""

from __future__ import annotations

import io
import os
import shutil
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from generator.building.unit import target_for
from generator.evaluate import evaluate

from .conftest import token_of

pytest.importorskip("generator.cycle.workbook_import")
openpyxl = pytest.importorskip("openpyxl")

EDITS = {"举办宣传活动次数": "1次", "服务对象满意度": "85%"}  # 实际完成值 a clerk changes


def text(response) -> str:
    return response.get_data(as_text=True)


def edited_sheet(data: bytes, edits: dict[str, str] = EDITS) -> bytes:
    """The exported 自评表 with some 实际完成值 changed, as a clerk would in Excel."""
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb["自评表"]
    header = next(row for row in ws.iter_rows() if any(c.value == "实际完成值" for c in row))
    actual = next(c.column for c in header if c.value == "实际完成值")
    for row in ws.iter_rows():
        for cell in row:
            if cell.value in edits:
                ws.cell(row=cell.row, column=actual).value = edits[cell.value]
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def upload(client, token, name, data: bytes, filename="自评表.xlsx"):
    return client.post(
        f"/unit/{name}/import",
        data={"csrf": token, "workbook": (io.BytesIO(data), filename)},
        content_type="multipart/form-data",
    )


def test_sheet_download_is_the_units_workbook(client):
    got = client.get("/unit/standard/自评表.xlsx")
    assert got.status_code == 200 and got.mimetype.endswith("spreadsheetml.sheet")
    wb = openpyxl.load_workbook(io.BytesIO(got.data))
    cells = {str(c.value) for row in wb["自评表"].iter_rows() for c in row if c.value}
    assert "举办宣传活动次数" in cells
    assert "下载自评表" in text(client.get("/unit/standard"))


def test_summary_download_has_a_row_per_unit(client, folder):
    assert "下载汇总表" in text(client.get("/"))
    got = client.get("/summary.xlsx")
    assert got.status_code == 200
    wb = openpyxl.load_workbook(io.BytesIO(got.data))
    cells = [str(c.value) for row in wb.worksheets[0].iter_rows() for c in row if c.value]
    for f in folder.glob("*.toml"):
        assert evaluate(f).report.unit.name in cells


def test_import_previews_then_applies(client, token, folder):
    path = folder / "standard.toml"
    before = path.read_text(encoding="utf-8")
    sheet = edited_sheet(client.get("/unit/standard/自评表.xlsx").data)
    preview = upload(client, token, "standard", sheet)
    assert preview.status_code == 200
    page = text(preview)
    assert "2次 → 1次" in page and "90% → 85%" in page
    assert path.read_text(encoding="utf-8") == before  # nothing written before “确认导入”
    key = page.split('name="key" value="', 1)[1].split('"', 1)[0]
    applied = client.post("/unit/standard/import/apply", data={"csrf": token, "key": key})
    assert applied.status_code == 303
    after = path.read_text(encoding="utf-8")
    assert '"实际值" = "1次"' in after and '"实际值" = "85%"' in after
    unit_page = text(client.get("/unit/standard"))
    assert "已从 自评表.xlsx 导入" in unit_page
    assert evaluate(path).display("总分") in unit_page and "96.94" in unit_page
    again = client.post("/unit/standard/import/apply", data={"csrf": token, "key": key})
    assert again.status_code == 400  # one upload, one import


def test_import_refuses_when_the_file_changed_since_the_preview(client, token, folder):
    sheet = edited_sheet(client.get("/unit/standard/自评表.xlsx").data)
    page = text(upload(client, token, "standard", sheet))
    key = page.split('name="key" value="', 1)[1].split('"', 1)[0]
    path = folder / "standard.toml"
    path.write_text(path.read_text(encoding="utf-8") + "\n# 又改过\n", encoding="utf-8")
    response = client.post("/unit/standard/import/apply", data={"csrf": token, "key": key})
    assert response.status_code == 400 and "预览之后又改过" in text(response)


def test_another_units_sheet_is_refused_with_its_problem(client, token, folder):
    sheet = client.get("/unit/chongqing-bishan/自评表.xlsx").data
    response = upload(client, token, "standard", sheet)
    assert response.status_code == 400
    assert "自评表.xlsx" in text(response)
    assert 'name="key"' not in text(response)


@pytest.mark.parametrize(
    "filename, data, says",
    [
        ("自评表.xls", b"\xd0\xcf\x11\xe0old", "另存为"),
        ("自评表.csv", "一级,二级\n".encode(), "另存为"),
        ("自评表.txt", b"hello", "只接受"),
        ("自评表.xlsx", b"not a zip at all", "不是 Excel 工作簿"),
    ],
)
def test_uploads_of_the_wrong_type_are_400(client, token, filename, data, says):
    response = upload(client, token, "standard", data, filename)
    assert response.status_code == 400 and says in text(response)


def test_upload_errors(client, token, folder):
    big = b"PK\x03\x04" + b"0" * (6 * 1024 * 1024)
    assert upload(client, token, "standard", big).status_code == 413
    no_file = client.post("/unit/standard/import", data={"csrf": token})
    assert no_file.status_code == 400
    sheet = client.get("/unit/standard/自评表.xlsx").data
    forged = client.post(
        "/unit/standard/import",
        data={"workbook": (io.BytesIO(sheet), "自评表.xlsx")},
        content_type="multipart/form-data",
    )
    assert forged.status_code == 403
    assert client.post("/unit/standard/import/apply", data={"csrf": token}).status_code == 400
    assert client.get("/unit/nope/import").status_code == 404
    assert client.get("/unit/nope/自评表.xlsx").status_code == 404


PDF_TOOLS = shutil.which("soffice")


@pytest.mark.skipif(
    not PDF_TOOLS and not os.environ.get("JIXIAO_REQUIRE_PDF"), reason="LibreOffice missing"
)
def test_pdf_download(client, token, folder):
    assert client.get("/unit/standard/report.pdf").status_code == 404  # not built yet
    client.post("/unit/standard/build", data={"csrf": token})
    got = client.get("/unit/standard/report.pdf")
    assert got.status_code == 200 and got.data.startswith(b"%PDF")
    pdf = target_for(folder / "standard.toml", folder / "output").with_suffix(".pdf")
    assert pdf.is_file() and quote(pdf.name) in got.headers["Content-Disposition"]


def test_import_in_the_browser_changes_the_figures_shown(server, page, folder, shoot, tmp_path):
    page.goto(server.url + "unit/standard")
    expect(page.locator("dd", has_text="100.00")).not_to_have_count(0)
    with page.expect_download() as download:
        page.locator("#sheet").click()
    sheet = tmp_path / "自评表.xlsx"
    sheet.write_bytes(edited_sheet(open(download.value.path(), "rb").read()))
    page.locator("#import").click()
    page.locator("#workbook").set_input_files(str(sheet))
    page.get_by_role("button", name="上传并预览改动").click()
    expect(page.locator("#preview")).to_contain_text("90% → 85%")
    shoot(page, "import")
    page.locator("#apply").click()
    expect(page.locator("#message")).to_contain_text("已从")
    total = evaluate(folder / "standard.toml").display("总分")
    assert total == "96.94"
    expect(page.locator("dd", has_text=total)).not_to_have_count(0)
    expect(page.locator("#indicators")).to_contain_text("85%")
    expect(page.locator("#indicators")).to_contain_text("1次")
    token_of(page.content())
