"""Broken custom formats (found through JIXIAO_FORMATS): settings and templates.

Every setting is validated with its file and key; a template that is not a .docx, a broken tag,
an unknown placeholder (with a did-you-mean) and an error raised while rendering are each a
Chinese message naming the format and its template — from `check` as from `build`; and one
broken format never hides the others from `jixiao formats`.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from docx import Document

from hostile.support import (
    ROOT,
    assert_no_traceback,
    assert_unchanged,
    located,
    minimal_text,
    named,
    refused,
    report_path,
    run,
    set_key,
    snapshot,
    write,
)

BUILTIN = [
    "standard",
    "beijing-chaoyang",
    "town-summary",
    "henan-pingdingshan",
    "hebei-qiaoxi",
    "chongqing-bishan",
]
GOOD_SETTINGS = '"名称" = "某某区格式"\n"地区" = "某某区"\n"继承" = "standard"\n'


def docx_with(*paragraphs: str) -> bytes:
    doc = Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def make_format(
    base: Path,
    format_id: str,
    settings: str | bytes | None = GOOD_SETTINGS,
    template: bytes | None = None,
) -> Path:
    folder = base / format_id
    folder.mkdir(parents=True)
    if settings is not None:
        write(folder, "settings.toml", settings)
    if template is not None:
        (folder / "template.docx").write_bytes(template)
    return folder


def unit_in(tmp_path: Path, format_id: str) -> Path:
    return write(
        tmp_path,
        f"unit-{format_id}.toml",
        set_key(minimal_text(), "单位", "格式", f'"{format_id}"'),
    )


def both(tmp_path: Path, fmts: Path, unit: Path):
    env = {"JIXIAO_FORMATS": str(fmts)}
    return (
        run("check", unit.name, cwd=tmp_path, env=env),
        run("build", unit.name, "-o", "out", cwd=tmp_path, env=env),
    )


def refused_naming(tmp_path: Path, fmts: Path, format_id: str, *fragments: str) -> list:
    """check and build refuse the unit that uses the format, naming it; nothing written."""
    unit = unit_in(tmp_path, format_id)
    before = snapshot(tmp_path)
    results = both(tmp_path, fmts, unit)
    for r in results:
        refused(r, 1)
        assert format_id in r.text, str(r)
        for fragment in fragments:
            assert fragment in r.text, f"{fragment!r} not in output\n{r}"
    assert_unchanged(before, snapshot(tmp_path))
    return results


# ---------------------------------------------------------------------------------------------
# settings.toml

BAD_SETTINGS = [
    ("settings-syntax", GOOD_SETTINGS + '["数字"\n', "settings.toml", None),
    ("settings-curly-quotes", GOOD_SETTINGS + "“千分位” = true\n", "settings.toml", None),
    ("settings-gbk", GOOD_SETTINGS.encode("gbk"), "UTF-8", None),
    ("places-text", GOOD_SETTINGS + '["数字"]\n"金额小数位" = "两位"\n', "数字.金额小数位", None),
    ("places-negative", GOOD_SETTINGS + '["数字"]\n"金额小数位" = -1\n', "数字.金额小数位", None),
    ("places-huge", GOOD_SETTINGS + '["数字"]\n"金额小数位" = 60\n', "数字.金额小数位", None),
    (
        "percent-places-huge",
        GOOD_SETTINGS + '["数字"]\n"百分比小数位" = 1000000\n',
        "数字.百分比小数位",
        None,
    ),
    ("separators-text", GOOD_SETTINGS + '["数字"]\n"千分位" = "是"\n', "数字.千分位", None),
    ("numbers-not-a-table", GOOD_SETTINGS.replace('"继承"', '"数字" = 2\n"继承"'), "数字", None),
    ("unknown-setting", GOOD_SETTINGS + '"小数位" = 2\n', "小数位", None),
    ("total-zero", GOOD_SETTINGS + '["评分"]\n"总分" = 0\n', "评分.总分", None),
    ("total-nan", GOOD_SETTINGS + '["评分"]\n"总分" = nan\n', "评分.总分", None),
    ("grades-empty", GOOD_SETTINGS + '"等级" = []\n', "等级", None),
    (
        "grade-lower-text",
        GOOD_SETTINGS + '[["等级"]]\n"名称" = "优"\n"下限" = "九十"\n',
        "等级",
        None,
    ),
    ("grade-lower-inf", GOOD_SETTINGS + '[["等级"]]\n"名称" = "优"\n"下限" = inf\n', "等级", None),
    ("grade-without-name", GOOD_SETTINGS + '[["等级"]]\n"下限" = 0\n', "等级", None),
    ("grades-no-bottom", GOOD_SETTINGS + '[["等级"]]\n"名称" = "优"\n"下限" = 90\n', "等级", None),
    (
        "band-text",
        GOOD_SETTINGS + '[["评分"."分档"]]\n"下限" = "高"\n"得分比例" = 100\n',
        "分档",
        None,
    ),
    ("extends-number", GOOD_SETTINGS.replace('"standard"', "123"), "继承", None),
    (
        "extends-missing",
        GOOD_SETTINGS.replace('"standard"', '"no-such-format"'),
        "no-such-format",
        None,
    ),
    ("extends-itself", GOOD_SETTINGS.replace('"standard"', '"extends-itself"'), "继承", None),
    ("template-name-number", GOOD_SETTINGS + '"模板" = 5\n', "模板", None),
    (
        "template-missing",
        GOOD_SETTINGS + '"模板" = "没有这个文件.docx"\n',
        "没有这个文件.docx",
        None,
    ),
    ("template-outside", GOOD_SETTINGS + '"模板" = "../../../../../../etc/passwd"\n', "模板", None),
    ("name-missing", '"地区" = "某某区"\n"继承" = "standard"\n', "名称", None),
    ("settings-empty", "", "名称", None),
    (
        "settings-deep",
        GOOD_SETTINGS + '"说明" = ' + "[" * 3000 + "]" * 3000 + "\n",
        "settings.toml",
        None,
    ),
]


@pytest.mark.parametrize(
    ("case", "settings", "fragment", "_"), BAD_SETTINGS, ids=[c[0] for c in BAD_SETTINGS]
)
def test_bad_settings(tmp_path, case, settings, fragment, _):
    fmts = tmp_path / "formats"
    make_format(fmts, case, settings)
    refused_naming(tmp_path, fmts, case, fragment, "settings.toml")


def test_settings_is_a_folder(tmp_path):
    fmts = tmp_path / "formats"
    folder = fmts / "settings-folder"
    (folder / "settings.toml").mkdir(parents=True)
    r = run("formats", cwd=tmp_path, env={"JIXIAO_FORMATS": str(fmts)})
    assert_no_traceback(r)
    assert r.code == 0, str(r)
    unit = unit_in(tmp_path, "settings-folder")
    for r in both(tmp_path, fmts, unit):
        refused(r)


# ---------------------------------------------------------------------------------------------
# `jixiao formats`: a broken format is listed as unusable, the others as usual.


def test_one_broken_format_does_not_hide_the_others(tmp_path):
    fmts = tmp_path / "formats"
    make_format(fmts, "a-good", GOOD_SETTINGS)
    make_format(fmts, "b-syntax", GOOD_SETTINGS + '["数字"\n')
    make_format(fmts, "c-type", GOOD_SETTINGS + '["数字"]\n"金额小数位" = "两位"\n')
    make_format(fmts, "d-gbk", GOOD_SETTINGS.encode("gbk"))
    make_format(fmts, "e-deep", GOOD_SETTINGS + '"说明" = ' + "[" * 3000 + "]" * 3000 + "\n")
    make_format(fmts, "f-places", GOOD_SETTINGS + '["数字"]\n"金额小数位" = 60\n')
    (fmts / "g-folder" / "settings.toml").mkdir(parents=True)
    make_format(fmts, "h-good", GOOD_SETTINGS.replace("某某区格式", "另一区格式"))
    before = snapshot(tmp_path)
    r = run("formats", cwd=tmp_path, env={"JIXIAO_FORMATS": str(fmts)})
    assert_no_traceback(r)
    assert r.code == 0, str(r)
    for format_id in BUILTIN + ["a-good", "h-good"]:
        assert format_id in r.out, str(r)
    assert "某某区格式" in r.out and "另一区格式" in r.out, str(r)
    for broken in ("b-syntax", "c-type", "d-gbk", "e-deep", "f-places"):
        line = next((x for x in r.text.splitlines() if broken in x), "")
        assert "不可用" in line, str(r)
    assert_unchanged(before, snapshot(tmp_path))


@pytest.mark.parametrize(
    "value",
    ["/no/such/folder", "relative/missing", ":::", ""],
    ids=["absent", "relative", "colons", "empty"],
)
def test_formats_search_path_oddities(tmp_path, value):
    r = run("formats", cwd=tmp_path, env={"JIXIAO_FORMATS": value})
    assert_no_traceback(r)
    assert r.code == 0, str(r)
    for format_id in BUILTIN:
        assert format_id in r.out, str(r)


def test_formats_path_is_a_file(tmp_path):
    f = write(tmp_path, "not-a-folder", "x")
    r = run("formats", cwd=tmp_path, env={"JIXIAO_FORMATS": str(f)})
    assert_no_traceback(r)
    assert r.code == 0, str(r)
    assert "standard" in r.out


def test_cwd_templates_with_a_broken_format(tmp_path):
    make_format(tmp_path / "templates", "broken-here", GOOD_SETTINGS + "“千分位” = true\n")
    r = run("formats", cwd=tmp_path)
    assert_no_traceback(r)
    assert r.code == 0, str(r)
    assert "standard" in r.out and "不可用" in r.text


# ---------------------------------------------------------------------------------------------
# Templates


def test_template_not_a_zip(tmp_path):
    fmts = tmp_path / "formats"
    make_format(fmts, "not-a-zip", template=b"this is plain text, not a Word file\n")
    refused_naming(tmp_path, fmts, "not-a-zip", "template.docx", ".docx")


def test_template_empty_file(tmp_path):
    fmts = tmp_path / "formats"
    make_format(fmts, "empty-template", template=b"")
    refused_naming(tmp_path, fmts, "empty-template", "template.docx")


def test_template_zip_not_docx(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "hello")
    fmts = tmp_path / "formats"
    make_format(fmts, "zip-not-docx", template=buf.getvalue())
    refused_naming(tmp_path, fmts, "zip-not-docx", "template.docx", ".docx")


def test_template_truncated_docx(tmp_path):
    good = (ROOT / "templates" / "standard" / "template.docx").read_bytes()
    fmts = tmp_path / "formats"
    make_format(fmts, "truncated", template=good[: len(good) // 2])
    refused_naming(tmp_path, fmts, "truncated", "template.docx")


def test_template_docx_with_broken_xml(tmp_path):
    src = io.BytesIO(docx_with("报告：{{ 单位.名称 }}"))
    out = io.BytesIO()
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "word/document.xml":
                data = data[: len(data) // 2]
            zout.writestr(info, data)
    fmts = tmp_path / "formats"
    make_format(fmts, "broken-xml", template=out.getvalue())
    refused_naming(tmp_path, fmts, "broken-xml", "template.docx")


def test_template_is_a_folder(tmp_path):
    fmts = tmp_path / "formats"
    folder = make_format(fmts, "template-folder")
    (folder / "template.docx").mkdir()
    refused_naming(tmp_path, fmts, "template-folder", "template.docx")


BROKEN_TAGS = [
    ("unclosed-variable", "第三段：{{ 单位.名称 的报告", "第三段"),
    ("if-without-endif", "第三段：{% if 单位.名称 %}有名称", "第三段"),
    ("unknown-tag", "第三段：{% frobnicate %}", "第三段"),
    ("endfor-without-for", "第三段：{% endfor %}", "第三段"),
    ("bad-filter-syntax", "第三段：{{ 单位.名称 | }}", "第三段"),
]


@pytest.mark.parametrize(
    ("case", "paragraph", "near"), BROKEN_TAGS, ids=[c[0] for c in BROKEN_TAGS]
)
def test_broken_tag_names_the_template_line(tmp_path, case, paragraph, near):
    fmts = tmp_path / "formats"
    long = "第一段：{{ 单位.名称 }}" + "固定文字。" * 60
    template = docx_with(
        long, "第二段：固定文字。", paragraph, "第四段：结尾。" * 60, "第五段：落款。"
    )
    make_format(fmts, case, template=template)
    refused_naming(tmp_path, fmts, case, "template.docx", near)


UNKNOWN = [
    ("typo-figure", "{{ 数据.预算执行律 }}", "预算执行率"),
    ("typo-table", "{{ 单元.名称 }}", "单位"),
    ("typo-key", "{{ 单位.名字 }}", "名称"),
    ("typo-filter", "{{ 预算.执行数 | 金頟 }}", "金额"),
]


@pytest.mark.parametrize(("case", "placeholder", "meant"), UNKNOWN, ids=[c[0] for c in UNKNOWN])
def test_unknown_placeholder_did_you_mean(tmp_path, case, placeholder, meant):
    fmts = tmp_path / "formats"
    make_format(fmts, case, template=docx_with("第一段：{{ 单位.名称 }}", f"第二段：{placeholder}"))
    refused_naming(tmp_path, fmts, case, "template.docx", f"是不是“{meant}”")


RAISING = [
    ("money-filter-on-text", "{{ 单位.名称 | 金额 }}"),
    ("chinese-number-on-text", "{{ 单位.名称 | 中文数字 }}"),
    ("chapter-on-text", "{{ 单位.名称 | 章 }}"),
    ("divide-by-zero", "{{ 1 / 0 }}"),
    ("ratio-on-text", "{{ 预算.执行数 | 比率(单位.名称) }}"),
    ("percent-on-list", "{{ 职责 | 百分比 }}"),
    ("int-overflow", "{{ 10 ** 100000 }}"),
    ("sandbox-escape", "{{ ''.__class__.__mro__[1].__subclasses__() }}"),
    ("power-hang", "{{ (((9 ** 99) ** 99) ** 99) ** 99 }}"),
    ("huge-range", "{% for x in range(10**9) %}{{ x }}{% endfor %}"),
    ("raise-undefined-method", "{{ 单位.名称.nosuch() }}"),
]


@pytest.mark.parametrize(("case", "placeholder"), RAISING, ids=[c[0] for c in RAISING])
def test_error_while_rendering(tmp_path, case, placeholder):
    fmts = tmp_path / "formats"
    make_format(fmts, case, template=docx_with("第一段：{{ 单位.名称 }}", f"第二段：{placeholder}"))
    refused_naming(tmp_path, fmts, case, "template.docx")


def test_template_error_in_one_format_does_not_stop_other_units(tmp_path):
    fmts = tmp_path / "formats"
    make_format(fmts, "raises", template=docx_with("{{ 单位.名称 | 金额 }}"))
    data = tmp_path / "data"
    data.mkdir()
    a = write(data, "a-good.toml", named(minimal_text(), "甲"))
    b = write(data, "b-bad.toml", set_key(named(minimal_text(), "乙"), "单位", "格式", '"raises"'))
    c = write(data, "c-good.toml", named(minimal_text(), "丙"))
    r = run("build", "data", "-o", "out", cwd=tmp_path, env={"JIXIAO_FORMATS": str(fmts)})
    refused(r)
    located(r, "b-bad.toml")
    out = tmp_path / "out"
    assert report_path(a, out).is_file() and report_path(c, out).is_file()
    assert not report_path(b, out).exists() and len(list(out.glob("*.docx"))) == 2
