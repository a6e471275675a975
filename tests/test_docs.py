from datadoc import SETTINGS_TARGET, TARGET, render_doc, render_settings_doc


def test_data_doc_is_current():
    assert TARGET.read_text(encoding="utf-8") == render_doc(), "run: python tools/datadoc.py"
    assert SETTINGS_TARGET.read_text(encoding="utf-8") == render_settings_doc(), (
        "run: python tools/datadoc.py"
    )


def test_data_doc_names_the_fixed_keys():
    text = TARGET.read_text(encoding="utf-8")
    for key in (
        "`名称`",
        "`年度`",
        "`格式`",
        "`年初预算`",
        "`调整预算`",
        "`执行数`",
        "`基本支出`",
        "`项目支出`",
        "`一级`",
        "`二级`",
        "`三级`",
        "`指标值`",
        "`实际值`",
        "`分值`",
        "`得分`",
    ):
        assert key in text


def test_checks_doc_is_current():
    from checkdoc import TARGET as CHECKS
    from checkdoc import render_doc as render_checks

    assert CHECKS.read_text(encoding="utf-8") == render_checks(), "run: python tools/checkdoc.py"


def test_every_format_is_documented():
    from generator.data.formats import BUILTIN, available

    guide = (BUILTIN.parent / "docs" / "formats.md").read_text(encoding="utf-8")
    for format_id, folder in available().items():
        if folder.parent != BUILTIN:
            continue
        assert f"`{format_id}`" in guide, format_id
        assert (BUILTIN.parent / "docs" / "formats" / f"{format_id}.md").exists(), format_id
        assert (BUILTIN.parent / "data" / "examples" / f"{format_id}.toml").exists(), format_id
