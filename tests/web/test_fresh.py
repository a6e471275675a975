"""The page says what `jixiao check` says, and what it shows follows the data, the format's
settings and its template at once (the unit file itself unchanged)."""

from __future__ import annotations

from pathlib import Path

from conftest import rewrite

from generator.examine import examine

from .conftest import token_of

ROOT = Path(__file__).resolve().parents[2]
ENABLED, DISABLED = 'id="build" >', 'id="build" disabled'


def text(response) -> str:
    return response.get_data(as_text=True)


def edit_settings(fmt: Path, old: str, new: str) -> None:
    settings = fmt / "settings.toml"
    text = settings.read_text(encoding="utf-8")
    assert old in text
    settings.write_text(text.replace(old, new), encoding="utf-8")


def test_build_is_offered_only_for_a_unit_the_dry_run_passes(client, own_standard):
    page = text(client.get("/unit/standard"))
    assert ENABLED in page
    rewrite(
        own_standard / "template.docx",
        "word/document.xml",
        lambda xml: xml.replace("{{ 单位.年度 }}", "{{ 单位.年度 ", 1),
    )
    page = text(client.get("/unit/standard"))
    assert DISABLED in page and "出错的是模板中这一段" in page
    assert "错误 1 个" in text(client.get("/"))


def test_an_edited_settings_file_shows_on_the_page_at_once(client, folder, own_standard):
    before = examine(folder / "standard.toml").unit.display("预算执行率")
    assert before in text(client.get("/unit/standard"))
    edit_settings(own_standard, '"百分比小数位" = 2', '"百分比小数位" = 1')
    after = examine(folder / "standard.toml").unit.display("预算执行率")
    assert after != before
    page = text(client.get("/unit/standard"))
    assert after in page and before not in page


def test_the_report_goes_stale_when_the_format_changes(client, own_standard):
    token = token_of(text(client.get("/")))
    assert client.post("/unit/standard/build", data={"csrf": token}).status_code == 303
    assert "最新" in text(client.get("/unit/standard"))
    edit_settings(own_standard, '"千分位" = true', '"千分位" = false')
    page = text(client.get("/unit/standard"))
    assert "已过时" in page and ">最新<" not in page
    assert "已过时" in text(client.get("/"))
