"""The page as a clerk uses it, in a real browser (chromium through Playwright).

Each test saves screenshots (docs/images/web-*.png with JIXIAO_UPDATE_SCREENSHOTS=1). Every check
of what the page shows waits for the page to show it (Playwright's `expect` retries until its
timeout, a minute): a busy machine makes a test slower, never wrong.
"""

from __future__ import annotations

import docx
from playwright.sync_api import expect

from generator.evaluate import evaluate
from generator.web.words import plain

from .conftest import EXAMPLES

TYPO = ('"项目支出" = 10228.34', '"项目支出" = 10282.34')  # two digits swapped in one line


def test_folder_page_lists_the_examples_with_their_totals(server, page, shoot):
    page.goto(server.url)
    expect(page.locator("#units tbody tr")).to_have_count(6)
    for f in sorted(EXAMPLES.glob("*.toml")):
        unit = evaluate(f)
        row = page.locator(f'#units tr[data-unit="{f.stem}"]')
        assert unit.report.unit.name in row.inner_text()
        assert unit.display("预算执行率") in row.inner_text()
        if unit.fmt.settings.scoring.scored:
            assert row.locator(".total").inner_text().strip() == unit.display("总分")
            assert row.locator(".grade").inner_text().strip() == unit.display("等级")
        else:
            assert "不计分" in row.inner_text()
    shoot(page, "folder")


def test_fix_an_error_build_and_download_the_report(server, page, folder, shoot):
    path = folder / "chongqing-bishan.toml"
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace(*TYPO), encoding="utf-8")
    errors = evaluate(path).errors
    assert errors

    page.goto(server.url)
    row = page.locator('#units tr[data-unit="chongqing-bishan"]')
    expect(row).to_contain_text(f"错误 {len(errors)} 个")
    row.locator("a").first.click()
    expect(page.locator("#build")).to_be_disabled()
    problems = page.locator("#problems").inner_text()
    lines = path.read_text(encoding="utf-8").splitlines()
    for p in errors:
        assert p.line and f"第 {p.line} 行" in problems
        assert plain(p.message, evaluate(path).report) in problems  # in the clerk's words
        assert lines[p.line - 1].strip() in problems  # the line to fix, quoted from the file
    assert TYPO[1] in problems  # the typo's own line, among the lines the message names
    shoot(page, "unit-error", full_page=False)

    path.write_text(good, encoding="utf-8")  # the clerk fixes the file in Notepad
    expect(page.locator("#tally")).to_contain_text("没有错误")  # the page reloads by itself
    expect(page.locator("#build")).to_be_enabled()
    page.locator("#build").click()
    expect(page.locator("#message")).to_contain_text("已生成报告")
    expect(page.locator(".tag").first).to_contain_text("最新")

    with page.expect_download() as download:
        page.locator("#docx").click()
    saved = download.value.path()
    body = "\n".join(p.text for p in docx.Document(saved).paragraphs)
    unit = evaluate(path)
    assert unit.report.unit.name in body
    assert unit.display("预算执行率") in body
    assert download.value.suggested_filename == "璧泉街道办事处2023年度整体支出绩效自评报告.docx"
    shoot(page, "unit", full_page=False)

    # A correction afterwards: the report goes out of date, and the diff says what changed.
    path.write_text(good.replace("18580.25", "16258.00", 1), encoding="utf-8")
    expect(page.locator(".tag").first).to_contain_text("已过时")
    page.get_by_text("与上次生成时对比").click()
    changes = page.locator("table.changes")
    expect(changes.filter(has_text="18580.25").filter(has_text="16258.00")).not_to_have_count(0)
    expect(changes.filter(has_text="70.00%").filter(has_text="80.00%")).not_to_have_count(0)
    shoot(page, "diff")


def test_build_all_shows_progress_and_the_outcome(server, page, folder, shoot):
    (folder / "坏单位.toml").write_text('["单位"]\n"名称" = 北京\n', encoding="utf-8")
    page.goto(server.url)
    page.get_by_role("button", name="生成全部报告").click()
    progress = page.locator("#progress")
    expect(progress).to_contain_text("上次“生成全部”", timeout=180_000)
    for said in ("已生成 6 个", "未生成 1 个", "坏单位.toml"):
        expect(progress).to_contain_text(said)
    expect(page.locator("#units .tag", has_text="最新")).to_have_count(6)
    assert len(list((folder / "output").glob("*.docx"))) == 6
    shoot(page, "folder-built")


def test_new_unit_and_formats(server, page, folder, shoot):
    page.goto(server.url + "formats")
    expect(page.locator("#formats tbody tr")).to_have_count(6)
    expect(page.locator("#formats")).to_contain_text("重庆市璧山区")
    shoot(page, "formats")
    page.get_by_text("用此格式新建").nth(1).click()
    page.locator("#name").fill("新街道-2024")
    shoot(page, "new")
    page.get_by_role("button", name="生成数据文件").click()
    expect(page.locator('input[name="f:单位.名称"]')).to_have_value("待填")  # its form, to fill
    assert (folder / "新街道-2024.toml").exists()
    page.locator('input[name="f:单位.名称"]').fill("重庆市璧山区新街道办事处")
    shoot(page, "new-unit-form", full_page=False)
    page.locator("#save").click()
    expect(page.locator("#problems")).to_contain_text("尚未填写")
    expect(page.locator("h1")).to_have_text("重庆市璧山区新街道办事处")
    shoot(page, "new-unit", full_page=False)


def test_a_path_traversal_request_is_refused(server, page):
    response = page.goto(server.url + "unit/..%2F..%2F..%2Fetc%2Fpasswd")
    assert response is not None and response.status == 403
    assert "拒绝访问" in page.inner_text("main")
    response = page.goto(server.url + "unit/%2Fetc%2Fpasswd/report.docx")
    assert response is not None and response.status == 403
