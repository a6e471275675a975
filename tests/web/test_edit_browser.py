"""Editing in a real browser (chromium through Playwright), as a clerk: change 执行数 and see the
rate follow, type 一万 and be told at the field, add an indicator row and see 总分 follow.
Screenshots: docs/images/web-edit-*.png with JIXIAO_UPDATE_SCREENSHOTS=1."""

from __future__ import annotations

from playwright.sync_api import expect

from generator.evaluate import evaluate

from .test_edit import changed_lines


def test_change_spent_in_the_form_and_see_the_rate(server, page, folder, shoot):
    path = folder / "chongqing-bishan.toml"
    before = path.read_text(encoding="utf-8")
    page.goto(server.url + "unit/chongqing-bishan")
    expect(page.locator("#rate")).to_have_text("70.00%")
    page.locator("#edit-links").get_by_role("link", name="预算", exact=True).click()
    spent = page.locator('input[name="f:预算.执行数"]')
    expect(spent).to_have_value("13006.70")
    shoot(page, "edit-budget", full_page=False)
    spent.fill("16258.00")
    page.locator("#save").click()
    expect(page.locator("#message")).to_contain_text("已保存")
    expect(page.locator("#rate")).to_have_text("87.50%")
    after = path.read_text(encoding="utf-8")
    assert changed_lines(before, after) == ['-"执行数" = 13006.70', '+"执行数" = 16258.00']
    comments = [ln for ln in before.splitlines() if ln.lstrip().startswith("#")]
    assert comments and comments == [ln for ln in after.splitlines() if ln.lstrip().startswith("#")]
    shoot(page, "edit-saved", full_page=False)


def test_a_word_in_a_number_is_told_at_the_field(server, page, folder, shoot):
    path = folder / "chongqing-bishan.toml"
    before = path.read_bytes()
    page.goto(server.url + "unit/chongqing-bishan/edit/预算")
    page.locator('input[name="f:预算.执行数"]').fill("一万")
    page.locator("#save").click()
    row = page.locator('tr[data-key="预算.执行数"]')
    expect(row.locator(".field-error")).to_contain_text("请填数字（万元）")
    expect(row.locator("input")).to_have_value("一万")
    expect(page.locator("#problem")).to_contain_text("文件没有改动")
    assert path.read_bytes() == before
    row.scroll_into_view_if_needed()
    shoot(page, "edit-error", full_page=False)


def test_add_an_indicator_row_and_see_the_total_follow(server, page, folder, shoot):
    path = folder / "chongqing-bishan.toml"
    total = evaluate(path).display("总分")
    page.goto(server.url + "unit/chongqing-bishan/edit/指标")
    rows = page.locator('table.rows[data-table="指标"] tbody tr')
    count = rows.count()
    page.get_by_role("button", name="添加一行").click()
    expect(rows).to_have_count(count + 1)
    new = rows.last
    for key, value in (
        ("一级", "产出指标"),
        ("二级", "数量指标"),
        ("三级", "巡查次数"),
        ("指标值", "≥12次"),
        ("实际值", "6次"),
        ("分值", "10"),
    ):
        new.locator(f'[name$=":{key}"]').fill(value)
    shoot(page, "edit-indicators", full_page=False)
    page.locator("#save").click()
    expect(page.locator("#message")).to_contain_text("已保存")
    unit = evaluate(path)
    assert unit.report.indicators[-1].level3 == "巡查次数"
    assert unit.display("总分") != total
    expect(page.locator("#total")).to_contain_text(unit.display("总分"))
    expect(page.locator("#indicators")).to_contain_text("巡查次数")


def test_a_unit_with_errors_shows_its_total_as_provisional(server, page, folder, shoot):
    path = folder / "chongqing-bishan.toml"
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace('"项目支出" = 10228.34', '"项目支出" = 10282.34'), "utf-8")
    page.goto(server.url)
    row = page.locator('#units tr[data-unit="chongqing-bishan"]')
    expect(row.locator(".total .tag")).to_have_text("暂定")
    expect(row.locator(".grade .tag")).to_have_text("暂定")
    row.locator("a").first.click()
    expect(page.locator("#total .tag")).to_have_text("暂定")
    expect(page.locator("#problems")).to_contain_text("改正")
    shoot(page, "unit-provisional", full_page=False)


def test_pdf_shows_progress_and_the_fonts_it_replaced(server, page, monkeypatch, shoot):
    from .test_truth import fake_pdf

    fake_pdf(monkeypatch, delay=2.0)
    page.goto(server.url + "unit/standard")
    page.locator("#build").click()
    expect(page.locator("#message")).to_contain_text("已生成报告")
    with page.expect_download() as download:
        page.locator("#pdf").click()
        expect(page.locator("#pdf-progress")).to_contain_text("正在生成 PDF")
    assert download.value.suggested_filename.endswith(".pdf")
    box = page.locator("#pdf-progress")
    expect(box).to_contain_text("PDF 已生成")
    expect(box).to_contain_text("“方正小标宋简体”")
    shoot(page, "unit-pdf", full_page=False)


def test_add_a_level_under_a_fund_part_in_the_page(server, page, folder):
    import tomllib

    path = folder / "town-summary.toml"
    page.goto(server.url + "unit/town-summary/edit/预算")
    key = "预算.其中[3].分级"
    block = page.locator(f'details[data-under="{key}"]')
    expect(block).to_contain_text("第 3 项“债券资金”的分级")
    block.locator("summary").click()
    block.locator("button.add").click()
    row = block.locator("tbody tr")
    expect(row).to_have_count(1)
    row.locator('input[name$=":名称"]').fill("中央")
    row.locator('input[name$=":预算"]').fill("3")
    page.locator("#save").click()
    expect(page.locator("#message")).to_contain_text("已保存")
    data = tomllib.loads(path.read_text("utf-8"))
    assert data["预算"]["其中"][2]["分级"] == [{"名称": "中央", "预算": 3}]
