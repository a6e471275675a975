"""A custom template's hostile Jinja, round 2: loops bounded in iterations (the sandbox bounds
each range, the report bounds them all together) and only data printed, never a method's address.
Each ends in a Chinese message naming the format and its template, from check as from build.
"""

from __future__ import annotations

import subprocess

import pytest

from hostile.support import assert_unchanged, refused, run_process, snapshot
from hostile.test_bad_formats import docx_with, make_format, refused_naming, unit_in

LOOPS = [
    (  # listed: each range within the sandbox's limit, 10¹⁰ iterations together
        "nested-ranges",
        "{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}",
    ),
    (  # unlisted: the iterable made once, outside the loops; no call inside them at all
        "nested-kept-range",
        "{% set r = range(99999) | list %}{% for i in r %}{% for j in r %}{% endfor %}{% endfor %}",
    ),
    (  # just past the budget: finishes in seconds without a limit, so a lost limit shows
        "just-past-the-budget",
        "{% for i in range(99999) %}{% for j in range(60) %}{% endfor %}{% endfor %}",
    ),
]


@pytest.mark.parametrize(("case", "loops"), LOOPS, ids=[c[0] for c in LOOPS])
def test_loops_are_bounded(tmp_path, case, loops):
    # Real processes: without the limit these would run for hours; the timeout fails the test.
    fmts = tmp_path / "formats"
    make_format(fmts, case, template=docx_with("第一段：{{ 单位.名称 }}", f"第二段：{loops}"))
    unit = unit_in(tmp_path, case)
    before = snapshot(tmp_path)
    env = {"JIXIAO_FORMATS": str(fmts)}
    for args in (("check", unit.name), ("build", unit.name, "-o", "out")):
        try:
            r = run_process(*args, cwd=tmp_path, env=env, timeout=40)
        except subprocess.TimeoutExpired:
            pytest.fail(f"{args[0]} did not stop the template's loops within 40 s")
        refused(r, 1)
        for fragment in (case, "template.docx", "循环"):
            assert fragment in r.text, str(r)
    assert_unchanged(before, snapshot(tmp_path))


METHODS = [
    ("format-map", "{{ 单位.名称.format_map }}"),  # listed: printed <built-in method … at 0x…>
    ("list-method", "{{ 职责.append }}"),  # unlisted: another method
    ("global-function", "{{ range }}"),  # unlisted: a function of the environment
]


@pytest.mark.parametrize(("case", "placeholder"), METHODS, ids=[c[0] for c in METHODS])
def test_only_data_reaches_the_page(tmp_path, case, placeholder):
    fmts = tmp_path / "formats"
    make_format(fmts, case, template=docx_with("第一段：{{ 单位.名称 }}", f"第二段：{placeholder}"))
    for r in refused_naming(tmp_path, fmts, case, "template.docx", "不是数据"):
        assert " at 0x" not in r.text, str(r)
