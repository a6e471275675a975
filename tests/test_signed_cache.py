"""Compiled templates and template keys kept between runs: used only when this user's jixiao
signed them for exactly what they were made from; anything else is never loaded."""

import hashlib
import hmac
import io
import json
import marshal
import os
import threading
import zipfile

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES, forget_templates

from generator.cli.main import cli
from generator.report import prepared
from generator.template import signed, use
from generator.version import tool_version

forget = forget_templates


def build(out) -> bytes:
    forget()  # what a new process starts with
    result = CliRunner().invoke(cli, ["build", str(EXAMPLES / "standard.toml"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out.read_bytes()


def entries(folder, kind):
    return sorted(folder.glob(f"*.{kind}"))


def planted_code(sentinel) -> bytes:
    """Compiled code that, if ever run, leaves a file behind."""
    return marshal.dumps(compile(f"open({str(sentinel)!r}, 'w').close()", "<planted>", "exec"))


def test_a_second_run_reads_what_the_first_kept_and_gives_the_same_bytes(cache, tmp_path):
    first = build(tmp_path / "a.docx")
    kept = entries(cache, "jinja")
    assert kept and entries(cache, "use")
    stamps = {p: p.stat().st_mtime_ns for p in kept}
    assert build(tmp_path / "b.docx") == first
    assert {p: p.stat().st_mtime_ns for p in entries(cache, "jinja")} == stamps  # read, not made


@pytest.mark.parametrize("signature", ["none", "other key"])
def test_foreign_code_in_the_cache_folder_is_never_run(cache, tmp_path, signature):
    first = build(tmp_path / "a.docx")
    sentinel = tmp_path / "ran"
    for entry in entries(cache, "jinja"):
        content = planted_code(sentinel)
        if signature == "none":
            data = content
        else:  # well formed, but signed with a key that is not this user's
            mac = hmac.new(os.urandom(32), entry.name.encode() + b"\0" + content, hashlib.sha256)
            data = mac.digest() + content
        entry.write_bytes(data)
    assert build(tmp_path / "b.docx") == first
    assert not sentinel.exists()
    for entry in entries(cache, "jinja"):  # replaced by what this run compiled and signed
        assert planted_code(sentinel) not in entry.read_bytes()


def test_a_rewritten_template_keys_entry_is_not_believed(cache, tmp_path):
    build(tmp_path / "a.docx")
    planted = json.dumps({"printed": ["单位.伪造"], "tested": [], "unguarded": []}).encode()
    for entry in entries(cache, "use"):
        entry.write_bytes(bytes(32) + planted)
    forget()
    from generator.data.formats import resolve

    found = use.template_use(resolve("standard").template)
    assert found is not None and "单位.伪造" not in found.printed and "单位.名称" in found.printed


def test_an_entry_follows_the_code_that_made_it(cache, tmp_path, monkeypatch):
    build(tmp_path / "a.docx")
    before = set(entries(cache, "jinja"))
    monkeypatch.setattr(prepared, "tool_version", lambda: tool_version() + "-changed")
    build(tmp_path / "b.docx")
    assert set(entries(cache, "jinja")) > before  # made again under new names


def test_an_edited_setting_makes_new_entries(cache, tmp_path, own_standard):
    build(tmp_path / "a.docx")
    before = set(entries(cache, "jinja"))
    settings = own_standard / "settings.toml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace('"千分位" = true', '"千分位" = false'), encoding="utf-8")
    build(tmp_path / "b.docx")
    assert set(entries(cache, "jinja")) - before


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions and named pipes")
def test_a_key_others_can_read_turns_the_cache_off(cache, tmp_path):
    build(tmp_path / "a.docx")
    key = tmp_path / "config" / "jixiao" / "cache-key"
    key.chmod(0o644)
    signed.signing_key.cache_clear()
    for entry in entries(cache, "jinja"):
        entry.unlink()
    build(tmp_path / "b.docx")
    assert entries(cache, "jinja") == []


@pytest.mark.skipif(os.name != "posix", reason="named pipes")
def test_a_pipe_in_place_of_an_entry_is_not_waited_on(cache, tmp_path):
    first = build(tmp_path / "a.docx")
    for entry in entries(cache, "jinja") + entries(cache, "use"):
        entry.unlink()
        os.mkfifo(entry)
    done = []
    worker = threading.Thread(target=lambda: done.append(build(tmp_path / "b.docx")), daemon=True)
    worker.start()
    worker.join(60)
    assert done == [first]


def test_the_cache_can_be_turned_off(cache, tmp_path, monkeypatch):
    monkeypatch.setenv("JIXIAO_CACHE", "off")
    first = build(tmp_path / "a.docx")
    assert not cache.exists()
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        assert "word/document.xml" in z.namelist()
