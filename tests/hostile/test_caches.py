"""The cache folder, round 2: an entry is used only when it is this user's alone, in a folder no
one else may write, and signed for what it was made from; a rewritten template-keys entry (valid
JSON) does not change what `init` writes. The build's bytes never depend on the cache."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from test_signed_cache import build, entries, forget

from hostile.support import run

posix = pytest.mark.skipif(os.name != "posix", reason="owners and modes are POSIX")


def stamps(folder: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in entries(folder, "jinja") + entries(folder, "use")}


@posix
@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="chown needs root")
def test_entries_of_another_user_are_not_used(cache, tmp_path):
    first = build(tmp_path / "a.docx")
    for entry in entries(cache, "jinja") + entries(cache, "use"):
        os.chown(entry, 65534, 65534)  # listed: another user's (still correctly signed)
    assert build(tmp_path / "b.docx") == first
    for entry in entries(cache, "jinja") + entries(cache, "use"):
        assert entry.stat().st_uid == os.geteuid(), f"{entry.name} was used, not made again"


@posix
def test_entries_others_may_write_are_not_used(cache, tmp_path):
    # unlisted, the same category: this user's entries, but writable by anyone
    first = build(tmp_path / "a.docx")
    before = stamps(cache)
    for entry in entries(cache, "jinja"):
        entry.chmod(0o666)
    assert build(tmp_path / "b.docx") == first
    after = stamps(cache)
    remade = [n for n in before if n.endswith(".jinja") and after.get(n) != before[n]]
    assert remade and all((cache / n).stat().st_mode & 0o777 == 0o600 for n in remade)


@posix
def test_a_world_writable_cache_folder_is_not_used(cache, tmp_path):
    first = build(tmp_path / "a.docx")
    before = stamps(cache)
    cache.chmod(0o777)
    for entry in entries(cache, "jinja"):  # anything in it could be anyone's
        entry.write_bytes(b"planted")
    assert build(tmp_path / "b.docx") == first
    assert stamps(cache).keys() == before.keys()
    assert all(e.read_bytes() == b"planted" for e in entries(cache, "jinja"))  # not even rewritten


def test_a_rewritten_template_keys_entry_does_not_change_init(cache, tmp_path):
    made = run("init", "before.toml", "--format", "standard", cwd=tmp_path)
    assert made.code == 0, str(made)
    planted = json.dumps({"printed": ["单位.伪造"], "tested": [], "unguarded": []}).encode()
    assert entries(cache, "use")
    for entry in entries(cache, "use"):
        entry.write_bytes(bytes(32) + planted)  # valid JSON, signature not this user's
    forget()
    again = run("init", "after.toml", "--format", "standard", cwd=tmp_path)
    assert again.code == 0, str(again)
    before = (tmp_path / "before.toml").read_text(encoding="utf-8")
    after = (tmp_path / "after.toml").read_text(encoding="utf-8")
    assert after == before and "伪造" not in after
