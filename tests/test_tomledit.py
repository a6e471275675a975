"""Keys a unit file lacks are added where a person would write them, with tomlkit's public API only:
comments, blank lines and the order of everything else stay as they were."""

from decimal import Decimal

import tomlkit

from generator.io.reading.tomledit import replace_tables, set_value, tables_of

UNIT = """# 单位的数据文件
["预算"]
"年初预算" = 100.00  # 万元
"调整预算" = 120.50

# 资金来源，每个来源一张表
[["预算"."来源"]]
"名称" = "财政拨款"
"调整预算" = 120.50

["评价"]
"总分" = 90
# 下面是绩效指标
[["指标"]]
"三级" = "宣传活动次数"   # 产出
"分值" = 10

# 第二个指标
[["指标"]]
"三级" = "满意度"
"分值" = 10
"""


def test_a_missing_key_goes_after_the_last_value_above_comments_and_sub_tables():
    doc = tomlkit.parse(UNIT)
    assert set_value(doc, "预算", "执行数", Decimal("118.20"))
    assert set_value(doc, "评价", "等级", "优")
    indicators = tables_of(doc, "指标")
    assert set_value(indicators, 0, "得分", Decimal("7.5"))
    assert set_value(indicators, 1, "得分", Decimal("10"))
    replace_tables(doc, None, "指标", indicators)
    assert (
        tomlkit.dumps(doc)
        == """# 单位的数据文件
["预算"]
"年初预算" = 100.00  # 万元
"调整预算" = 120.50
"执行数" = 118.20

# 资金来源，每个来源一张表
[["预算"."来源"]]
"名称" = "财政拨款"
"调整预算" = 120.50

["评价"]
"总分" = 90
"等级" = "优"
# 下面是绩效指标
[["指标"]]
"三级" = "宣传活动次数"   # 产出
"分值" = 10
"得分" = 7.5

# 第二个指标
[["指标"]]
"三级" = "满意度"
"分值" = 10
"得分" = 10
"""
    )


def test_changed_values_keep_their_comment_and_unchanged_ones_are_left_alone():
    doc = tomlkit.parse(UNIT)
    assert set_value(doc, "预算", "年初预算", Decimal("101.00"))
    assert not set_value(doc, "预算", "调整预算", Decimal("120.5"))  # the same number
    assert tomlkit.dumps(doc) == UNIT.replace('"年初预算" = 100.00', '"年初预算" = 101.00')


def test_added_keys_are_read_back_where_they_belong():
    doc = tomlkit.parse(UNIT)
    set_value(doc, "预算", "执行数", Decimal("118.20"))
    indicators = tables_of(doc, "指标")
    set_value(indicators, 0, "得分", Decimal("7.5"))
    replace_tables(doc, None, "指标", indicators)
    again = tomlkit.parse(tomlkit.dumps(doc)).unwrap()
    assert again["预算"]["执行数"] == 118.2 and "执行数" not in again["预算"]["来源"][0]
    assert [t.get("得分") for t in again["指标"]] == [7.5, None]


def test_sources_a_file_lacks_are_written_as_tables_of_the_budget():
    unit = UNIT.replace(
        '# 资金来源，每个来源一张表\n[["预算"."来源"]]\n"名称" = "财政拨款"\n"调整预算" = 120.50\n\n',
        "# 评价\n",
    )
    doc = tomlkit.parse(unit)
    table = tomlkit.table()
    table["名称"] = "其他资金"
    replace_tables(doc, "预算", "来源", [table])
    assert tomlkit.dumps(doc).startswith(
        '# 单位的数据文件\n["预算"]\n"年初预算" = 100.00  # 万元\n"调整预算" = 120.50\n\n'
        '[["预算"."来源"]]\n"名称" = "其他资金"\n\n# 评价\n["评价"]\n"总分" = 90\n'
    )
