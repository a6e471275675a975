"""Hostile numbers, round 2: every Decimal operation on user data is bounded and every division
has its zero case — a number inside a text, an exponent past Decimal's range, an actual of 0
under 反向 — each a located message, never 内部错误; and the tool never flags its own rounding.
"""

from __future__ import annotations

import pytest
from docx import Document

from hostile.support import (
    assert_no_traceback,
    assert_refused_everywhere,
    check_and_build,
    line_no,
    minimal_text,
    report_path,
    run,
    variant,
    write,
)

# (case, old text, new text, fragment of the message, the line's needle)
IN_TEXT = [
    (  # the listed case: InvalidOperation while scoring
        "actual-32-digits",
        '"实际值" = "2次"',
        '"实际值" = "12345678901234567890123456789012次"',
        "过大",
        "12345678901234567890123456789012次",
    ),
    (  # the same category, unlisted: a target with more decimals than Decimal holds
        "target-40-decimals",
        '"指标值" = "≥90%"',
        '"指标值" = "≥0.' + "1" * 40 + '%"',
        "小数位过多",
        "≥0.111",
    ),
]


@pytest.mark.parametrize(("case", "old", "new", "fragment", "needle"), IN_TEXT)
def test_number_inside_text_is_bounded(tmp_path, case, old, new, fragment, needle):
    text = minimal_text().replace(old, new)
    unit = write(tmp_path, f"{case}.toml", text)
    assert_refused_everywhere(tmp_path, unit, fragment, line=line_no(text, needle))


@pytest.mark.parametrize(
    ("table", "key", "literal"),
    [
        ("单位", "年度", "1e999999999"),  # listed: Overflow
        ("预算", "执行数", "-1e999999999"),  # unlisted: the same exponent on an amount
        ("预算", "年初预算", "1e-999999999"),  # and below Decimal's range
    ],
)
def test_exponent_past_decimal_range(tmp_path, table, key, literal):
    unit, line = variant(tmp_path, "exponent.toml", table, key, literal)
    assert_refused_everywhere(tmp_path, unit, line=line, key=f"{table}.{key}")


def reverse_unit(target: str, actual: str, rule: str) -> str:
    return minimal_text().replace(
        '"指标值" = "≥2次"\n"实际值" = "2次"',
        f'"指标值" = "{target}"\n"实际值" = "{actual}"\n"规则" = "{rule}"',
    )


def test_reverse_rule_with_actual_zero(tmp_path):
    text = reverse_unit("≤-1次", "0次", "反向")  # 目标 ÷ 实际 = −1 ÷ 0
    unit = write(tmp_path, "reverse-zero.toml", text)
    assert_refused_everywhere(tmp_path, unit, "为 0", line=line_no(text, '"实际值" = "0次"'))


def test_equal_rule_with_actual_zero_scores_nothing(tmp_path):
    # the same division in the 等于 rule (min(实际 ÷ 目标, 目标 ÷ 实际)): zero points, no error
    unit = write(tmp_path, "equal-zero.toml", reverse_unit("=2次", "0次", "等于"))
    r = run("check", unit.name, "--full", cwd=tmp_path)
    assert_no_traceback(r)
    assert r.code == 0, str(r)
    assert "按比例得 0" in r.text, str(r)


def fractional_weights() -> str:
    """满意度 10 = 6.665 (正向, met) + 3.335 (定性, 好): both scores computed at full weight."""
    return (
        minimal_text()
        .replace(
            '"分值" = 10\n\n[["指标"]]\n"一级" = "产出', '"分值" = 10\n\n[["指标"]]\n"一级" = "产出'
        )
        .replace('"实际值" = "95%"\n"分值" = 10', '"实际值" = "95%"\n"分值" = 6.665')
        + '\n[["指标"]]\n"一级" = "满意度指标"\n"二级" = "服务对象满意度指标"\n'
        '"三级" = "服务态度"\n"指标值" = "好"\n"实际值" = "好"\n"分值" = 3.335\n'
    )


def test_full_marks_of_a_three_decimal_weight_are_not_flagged(tmp_path):
    unit = write(tmp_path, "weights-3335.toml", fractional_weights())
    check, build = check_and_build(tmp_path, unit)
    assert check.code == 0 and build.code == 0, f"{check}\n{build}"
    assert "高于分值" not in check.text, str(check)
    doc = Document(str(report_path(unit, tmp_path / "out")))
    rows = [[c.text.strip() for c in row.cells] for table in doc.tables for row in table.rows]
    # 三级, 指标值, 实际值, 分值, 得分: full marks, printed at the score's two places
    scores = {
        row[2]: row[3:7] for row in rows if len(row) > 6 and row[2] in ("服务态度", "群众满意度")
    }
    assert scores == {
        "群众满意度": ["≥90%", "95%", "6.67", "6.67"],
        "服务态度": ["好", "好", "3.34", "3.34"],
    }, rows
