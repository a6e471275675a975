"""A very large data file is checked in bounded memory: 8,000 职责 paragraphs (3 MB)."""

from __future__ import annotations

import tracemalloc

from hostile.support import minimal_text, run, write

PARAGRAPH = "负责本辖区的公共服务与社会管理，组织实施城市管理、环境卫生、社区建设和群众工作。" * 3


def test_check_of_many_paragraphs_in_bounded_memory(tmp_path):
    paragraphs = ",\n".join(f'  "{PARAGRAPH}{i}"' for i in range(8_000))
    text = minimal_text().replace(
        '"职责" = ["负责本辖区的公共服务与社会管理。"]', f'"职责" = [\n{paragraphs}\n]'
    )
    unit = write(tmp_path, "big.toml", text)
    small = write(tmp_path, "small.toml", minimal_text())
    assert run("check", small.name, cwd=tmp_path).code == 0  # modules and template loaded
    tracemalloc.start()
    try:
        r = run("check", unit.name, cwd=tmp_path)
        _now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert r.code == 0, str(r)
    # Python's own allocations at their peak: some 20 times the file, not a per-string copy of
    # the scan's state (the nesting scan once held 50 bytes per character: 150 MB here).
    assert peak < 60 << 20, f"peak {peak >> 20} MB for a {len(text.encode()) >> 20} MB file"
