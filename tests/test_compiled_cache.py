"""Compiled templates kept in the cache folder: reused, never stale, never in the way."""

import pytest
from conftest import ROOT
from jinja2.sandbox import SandboxedEnvironment

from generator.data import cache_folder
from generator.evaluate import evaluate
from generator.report import compiled, template_cache
from generator.report.render import render

SOURCE = "{{ 名称 }}：{% for x in 数 %}{{ x * 2 }}、{% endfor %}"
CONTEXT = {"名称": "璧泉街道", "数": [1, 2, 3]}


def env() -> SandboxedEnvironment:
    return SandboxedEnvironment(autoescape=True)


def entries(folder):
    return sorted(folder.glob("*.jinja.pyc"))


def test_the_second_compile_is_read_from_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("JIXIAO_CACHE", str(tmp_path / "c"))
    first = compiled.from_source(env(), SOURCE).render(CONTEXT)
    assert first == "璧泉街道：2、4、6、"
    assert len(entries(tmp_path / "c")) == 1

    def no_compile(*args, **kwargs):
        raise AssertionError("compiled again although the cache holds it")

    again = env()
    monkeypatch.setattr(again, "compile", no_compile)
    assert compiled.from_source(again, SOURCE).render(CONTEXT) == first


def test_a_damaged_entry_is_compiled_again(tmp_path, monkeypatch):
    monkeypatch.setenv("JIXIAO_CACHE", str(tmp_path / "c"))
    compiled.from_source(env(), SOURCE)
    (entry,) = entries(tmp_path / "c")
    entry.write_bytes(b"\x00not code")
    assert compiled.from_source(env(), SOURCE).render(CONTEXT) == "璧泉街道：2、4、6、"
    assert entry.read_bytes() != b"\x00not code"


def test_other_options_or_filters_make_another_entry(tmp_path, monkeypatch):
    monkeypatch.setenv("JIXIAO_CACHE", str(tmp_path / "c"))
    compiled.from_source(env(), SOURCE)
    plain = SandboxedEnvironment(autoescape=False)
    compiled.from_source(plain, SOURCE)
    more = env()
    more.filters["加倍"] = lambda x: x * 2
    compiled.from_source(more, SOURCE)
    assert len(entries(tmp_path / "c")) == 3


@pytest.mark.parametrize("setting", ["off", "0", ""])
def test_off_writes_nothing(tmp_path, monkeypatch, setting):
    monkeypatch.setenv("JIXIAO_CACHE", setting)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_folder.cache_folder() is None
    assert compiled.from_source(env(), SOURCE).render(CONTEXT) == "璧泉街道：2、4、6、"
    assert list(tmp_path.rglob("*.jinja.pyc")) == []


def test_a_cache_folder_that_cannot_be_made_is_done_without(tmp_path, monkeypatch):
    blocker = tmp_path / "文件"
    blocker.write_text("不是文件夹", encoding="utf-8")
    monkeypatch.setenv("JIXIAO_CACHE", str(blocker / "c"))
    assert compiled.from_source(env(), SOURCE).render(CONTEXT) == "璧泉街道：2、4、6、"


def test_the_folder_keeps_a_bounded_number_of_entries(tmp_path, monkeypatch):
    monkeypatch.setenv("JIXIAO_CACHE", str(tmp_path / "c"))
    monkeypatch.setattr(cache_folder, "ENTRIES_KEPT", 3)
    for i in range(5):
        compiled.from_source(env(), f"{SOURCE}{i}")
    assert len(entries(tmp_path / "c")) == 3


@pytest.mark.parametrize("stem", ["standard", "beijing-chaoyang", "town-summary"])
def test_reports_are_the_same_bytes_with_and_without_the_cache(
    example, tmp_path, monkeypatch, stem
):
    unit = evaluate(example(stem))
    monkeypatch.setenv("JIXIAO_CACHE", "off")
    template_cache.forget()
    without = render(unit)
    monkeypatch.setenv("JIXIAO_CACHE", str(tmp_path / "c"))
    for _ in range(2):  # written, then read
        template_cache.forget()
        assert render(unit) == without
    assert entries(tmp_path / "c")
    template_cache.forget()


def test_what_a_template_reads_is_kept_and_never_stale(tmp_path, monkeypatch, example):
    import shutil

    from generator.data import template_use as tu

    monkeypatch.setenv("JIXIAO_CACHE", str(tmp_path / "c"))
    unit = evaluate(example("standard"))
    copy = tmp_path / "模板.docx"
    shutil.copyfile(unit.fmt.template, copy)
    fresh = tu.read_use(tu.source_of(copy))
    tu._cached.cache_clear()
    assert tu.template_use(copy) == fresh
    (entry,) = sorted((tmp_path / "c").glob("*.use.json"))
    tu._cached.cache_clear()
    monkeypatch.setattr(tu, "source_of", lambda _: (_ for _ in ()).throw(AssertionError("read")))
    assert tu.template_use(copy) == fresh  # from the entry, without reading the template
    entry.write_text("{", encoding="utf-8")  # damaged: read again
    monkeypatch.undo()
    monkeypatch.setenv("JIXIAO_CACHE", str(tmp_path / "c"))
    tu._cached.cache_clear()
    assert tu.template_use(copy) == fresh
    # Another template is another entry.
    other = tmp_path / "其他.docx"
    shutil.copyfile(
        ROOT / "templates" / "town-summary" / "template.docx",
        other,
    )
    tu._cached.cache_clear()
    assert tu.template_use(other) == tu.read_use(tu.source_of(other)) != fresh
    assert len(list((tmp_path / "c").glob("*.use.json"))) == 2
    tu._cached.cache_clear()
