"""The budget/evaluation plausibility checks and the display settings added for the Hebei format."""

from decimal import Decimal

from generator.compute.figures import RATE, show
from generator.data.formats import resolve
from generator.evaluate import evaluate
from generator.report.filters import filters


def test_whole_percentages_lose_their_decimals_only_when_the_format_says_so():
    hebei = resolve("hebei-qiaoxi").settings
    plain = resolve("chongqing-bishan").settings
    assert show(Decimal(1), RATE, hebei) == "100%"
    assert show(Decimal("0.191"), RATE, hebei) == "19.10%"
    assert show(Decimal("-0.190898"), RATE, hebei) == "-19.09%"
    assert show(Decimal(1), RATE, plain) == "100.00%"
    assert filters(hebei)["增减"](Decimal("-0.2")) == "减少20%"
    assert filters(plain)["增减"](Decimal("-0.2")) == "减少20.00%"


def test_name_filter_pads_two_characters_only():
    name = filters(resolve("chongqing-bishan").settings)["姓名"]
    assert name("张帅") == "张\u3000帅"
    assert name("李玉婷") == "李玉婷"
    assert name("欧阳") == "欧\u3000阳"
    assert name(None) == ""


def test_the_chongqing_example_raises_none_of_the_new_warnings(example):
    # the unexplained 70% execution rate, a fact of the source, and facts its format never
    # prints (单位.性质, 指标.二级)
    assert [p.check for p in evaluate(example("chongqing-bishan")).problems] == [
        "plausible.low-execution",
        "format.unprinted",
    ]


def test_evaluation_ending_before_it_starts_is_an_error(fixture):
    [error] = evaluate(fixture("hebei-evaluation-ends-before-it-starts")).errors
    assert error.check == "data.date-order"
    assert "2023-01-25 早于开始日期 2023-02-21" in error.message
