"""The page as a clerk uses it, in a real browser (chromium through Playwright).

Each test saves screenshots (docs/images/web-*.png with JIXIAO_UPDATE_SCREENSHOTS=1).
"""

from __future__ import annotations

import docx

from generator.evaluate import evaluate

from .conftest import EXAMPLES

TYPO = ('"项目支出" = 10228.34', '"项目支出" = 10282.34')  # two digits swapped in one line


def wait_for_text(page, selector: str, text: str, timeout: int = 15_000) -> None:
    page.locator(selector, has_text=text).first.wait_for(timeout=timeout)


def test_folder_page_lists_the_examples_with_their_totals(server, page, shoot):
    page.goto(server.url)
    rows = page.locator("#units tbody tr")
    assert rows.count() == 6
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
    assert f"错误 {len(errors)} 个" in row.inner_text()
    row.locator("a").first.click()
    problems = page.locator("#problems").inner_text()
    lines = path.read_text(encoding="utf-8").splitlines()
    for p in errors:
        assert p.line and f"第 {p.line} 行" in problems
        assert p.message in problems
        assert lines[p.line - 1].strip() in problems  # the line to fix, quoted from the file
    assert TYPO[1] in problems  # the typo's own line, among the lines the message names
    assert page.locator("#build").is_disabled()
    shoot(page, "unit-error", full_page=False)

    path.write_text(good, encoding="utf-8")  # the clerk fixes the file in Notepad
    wait_for_text(page, "#tally", "没有错误")  # the page reloads by itself
    assert page.locator("#build").is_enabled()
    page.locator("#build").click()
    wait_for_text(page, "#message", "已生成报告")
    assert "最新" in page.locator(".tag").first.inner_text()

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
    wait_for_text(page, ".tag", "已过时")
    page.get_by_text("与上次生成时对比").click()
    changes = page.locator("table.changes").all_inner_texts()
    assert any("18580.25" in t and "16258.00" in t for t in changes)
    assert any("70.00%" in t and "80.00%" in t for t in changes)
    shoot(page, "diff")


def test_build_all_shows_progress_and_the_outcome(server, page, folder, shoot):
    (folder / "坏单位.toml").write_text('["单位"]\n"名称" = 北京\n', encoding="utf-8")
    page.goto(server.url)
    page.get_by_role("button", name="生成全部报告").click()
    wait_for_text(page, "#progress", "上次“生成全部”", timeout=120_000)
    progress = page.locator("#progress").inner_text()
    assert "已生成 6 个" in progress and "未生成 1 个" in progress
    assert "坏单位.toml" in progress
    assert page.locator("#units .tag", has_text="最新").count() == 6
    assert len(list((folder / "output").glob("*.docx"))) == 6
    shoot(page, "folder-built")


def test_new_unit_and_formats(server, page, folder, shoot):
    page.goto(server.url + "formats")
    assert page.locator("#formats tbody tr").count() == 6
    assert "重庆市璧山区" in page.locator("#formats").inner_text()
    shoot(page, "formats")
    page.get_by_text("用此格式新建").nth(1).click()
    page.locator("#name").fill("新街道-2024")
    shoot(page, "new")
    page.get_by_role("button", name="生成数据文件").click()
    assert (folder / "新街道-2024.toml").exists()
    assert "尚未填写" in page.locator("#problems").inner_text()
    shoot(page, "new-unit", full_page=False)


def test_a_path_traversal_request_is_refused(server, page):
    response = page.goto(server.url + "unit/..%2F..%2F..%2Fetc%2Fpasswd")
    assert response is not None and response.status == 403
    assert "拒绝访问" in page.inner_text("main")
    response = page.goto(server.url + "unit/%2Fetc%2Fpasswd/report.docx")
    assert response is not None and response.status == 403
