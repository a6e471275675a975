"""Last year's text in this year's report: carried text not yet reviewed, other years, a typed
total or grade that is not the computed one, whatever the clerk calls it."""

from pathlib import Path

import pytest

from generator.data.locate import key_lines
from generator.evaluate import evaluate

FIXTURES = Path(__file__).parent / "fixtures"


def found(path):
    unit = evaluate(path)
    return unit, [(p.check, p.key, p.line) for p in unit.problems]


def test_every_stale_sentence_is_named_with_its_line():
    unit, problems = found(FIXTURES / "stale-prose-2024.toml")
    assert unit.display("总分") == "93.00" and unit.display("等级") == "优"
    assert sorted(problems) == sorted(
        [
            ("prose.stale-number", "问题[1].内容[1]", 5),  # 自评得分95分
            ("prose.stale-number", "建议[2].内容[1]", 10),  # 综合评分为88分
            ("prose.unconfirmed", "问题[1]", 5),
            ("prose.stale-grade", "问题[1].内容[1]", 5),  # 等级为“良”
            ("prose.year", "问题[2].内容[1]", 6),  # 2022年度
        ]
    )
    messages = {p.check + p.key: p.message for p in unit.problems}
    assert messages["prose.stale-number问题[1].内容[1]"] == (
        "文字写的“95分”与计算的总分 93分 不符。请改为引用 {总分}，数字会随数据自动更新"
    )
    assert messages["prose.unconfirmed问题[1]"].startswith(
        "这段文字标了【待核对】，尚未核对：“2023年度我单位自评得分95分，等级为“良”。”"
    )  # the fixture's header names no command: the message does not guess one
    assert messages["prose.unconfirmed问题[1]"].endswith("改好后删去【待核对】")
    assert messages["prose.stale-grade问题[1].内容[1]"] == (
        "文字写的等级“良”与总分 93.00 所在的等级“优”不符。请改为引用 {等级}，等级会随得分自动更新"
    )
    assert messages["prose.year问题[2].内容[1]"].startswith(
        "文字提到 2022 年，而本报告是 2024 年度"
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "自评得分93分。",
        "综合得分为93.00分。",
        "经评价，得分为93分，等级为“优”。",
        "评分93分，评定为优秀。",
        "按照《2021年预算绩效管理办法》开展评价。",
        "2023年度结转的项目已于2024年完成，2025年继续推进。",
    ],
)
def test_what_agrees_or_is_another_kind_of_year_is_not_flagged(tmp_path, sentence):
    text = (FIXTURES / "stale-prose-2024.toml").read_text(encoding="utf-8")
    start, end = text.index('"问题" = ['), text.index('["单位"]')
    path = tmp_path / "ok.toml"
    path.write_text(text[:start] + f'"问题" = ["{sentence}"]\n\n' + text[end:], encoding="utf-8")
    _, problems = found(path)
    assert [p for p in problems if p[0] != "prose.typed-number"] == []


@pytest.mark.parametrize(
    "sentence, computed",
    [
        ("本单位自评得分95分。", "总分"),
        ("绩效自评总分为90分。", "总分"),
        ("得分率为80%。", "得分率"),
        ("资金执行率为90%。", "预算执行率"),
    ],
)
def test_a_typed_figure_is_compared_whatever_it_is_called(tmp_path, sentence, computed):
    text = (FIXTURES / "stale-prose-2024.toml").read_text(encoding="utf-8")
    start, end = text.index('"问题" = ['), text.index('["单位"]')
    path = tmp_path / "typed.toml"
    path.write_text(text[:start] + f'"问题" = ["{sentence}"]\n\n' + text[end:], encoding="utf-8")
    unit, problems = found(path)
    [stale] = [p for p in unit.problems if p.check == "prose.stale-number"]
    assert f"与计算的{computed} " in stale.message


def test_an_indicators_own_score_is_not_taken_for_the_total():
    unit, problems = found(FIXTURES / "stale-prose-2024.toml")
    assert not [p for p in problems if p[1].startswith("指标[")]


def test_each_element_of_a_multi_line_array_has_its_line():
    text = '"a" = [\n  "x",  # c\n  { "标题" = "t", "内容" = ["p, q", "r"] },\n  """多\n行""",\n]\n"b" = [1, 2]\n'
    lines = key_lines(text)
    assert [lines[k] for k in ("a", "a[1]", "a[2]", "a[3]", "b", "b[2]")] == [1, 2, 3, 4, 7, 7]


@pytest.mark.parametrize(
    "header, says",
    [
        (
            "# 2024 年度数据，由 jixiao rollover 从 2023.toml（2023 年度）生成。",
            "这段文字由 rollover 从 2023.toml 沿用，尚未核对：“2023年度我单位自评得分95分，等级为",
        ),
        (
            "# 由 jixiao import 从 上年报告.docx 读出的草稿（格式：standard，识别）。",
            "这段文字由 import 从 上年报告.docx 读出，尚未核对：“2023年度我单位自评得分95分，等级为",
        ),
        ("# 手工写的文件。", "这段文字标了【待核对】，尚未核对"),
    ],
)
def test_the_unreviewed_text_says_where_it_came_from(tmp_path, header, says):
    """rollover carries last year's text, import reads a report: the message names which, and
    the file, as the file's first comment says."""
    unit_file = tmp_path / "u.toml"
    unit_file.write_text(
        header + "\n" + (FIXTURES / "stale-prose-2024.toml").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    unit = evaluate(unit_file)
    messages = [p.message for p in unit.problems if p.check == "prose.unconfirmed"]
    assert len(messages) == 1 and messages[0].startswith(says), messages
    assert ("rollover" in messages[0]) == ("rollover" in header)
    assert ("import" in messages[0]) == ("import" in header)
