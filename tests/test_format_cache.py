"""Formats are resolved once per process and found again when, and only when, nothing changed."""

import shutil

from conftest import ROOT

from generator.data.formats import current_digest, folders_of, resolve


def test_resolve_keeps_a_format_until_its_settings_change(tmp_path, monkeypatch):
    formats = tmp_path / "formats"
    shutil.copytree(ROOT / "templates" / "standard", formats / "standard")
    shutil.copytree(ROOT / "templates" / "hebei-qiaoxi", formats / "hebei-qiaoxi")
    monkeypatch.setenv("JIXIAO_FORMATS", str(formats))
    first = resolve("hebei-qiaoxi")
    assert resolve("hebei-qiaoxi") is first
    parent = formats / "standard" / "settings.toml"
    parent.write_text(
        parent.read_text(encoding="utf-8").replace('"百分比小数位" = 2', '"百分比小数位" = 1'),
        encoding="utf-8",
    )
    again = resolve("hebei-qiaoxi")
    assert again is not first
    assert (first.settings.numbers.percent_places, again.settings.numbers.percent_places) == (2, 1)
    (formats / "hebei-qiaoxi" / "template.docx").unlink()  # now the parent's template is used
    assert resolve("hebei-qiaoxi").template == formats / "standard" / "template.docx"


def test_a_new_folder_on_the_search_path_is_seen(tmp_path, monkeypatch):
    builtin = resolve("standard")
    formats = tmp_path / "formats"
    shutil.copytree(ROOT / "templates" / "standard", formats / "standard")
    monkeypatch.setenv("JIXIAO_FORMATS", str(formats))
    assert resolve("standard").folders == [formats / "standard"]
    assert builtin.folders != [formats / "standard"]


def test_the_light_digest_is_the_format_digest():
    for format_id in ("standard", "hebei-qiaoxi", "town-summary"):
        fmt = resolve(format_id)
        assert folders_of(format_id) == fmt.folders
        assert current_digest(format_id) == fmt.digest()
    assert current_digest("no-such-format") is None


def test_the_light_digest_follows_the_files(tmp_path, monkeypatch):
    formats = tmp_path / "formats"
    shutil.copytree(ROOT / "templates" / "standard", formats / "standard")
    monkeypatch.setenv("JIXIAO_FORMATS", str(formats))
    before = current_digest("standard")
    template = formats / "standard" / "template.docx"
    template.write_bytes(template.read_bytes() + b"\0")
    assert current_digest("standard") not in (before, None)
