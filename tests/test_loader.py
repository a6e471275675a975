"""Loading and validating unit files: every kind of mistake gets a Chinese message with its place."""

from generator.data.loader import load
from generator.errors import DataError

MINIMAL = """"职责" = ["履行职能。"]

["单位"]
"名称" = "测试街道办事处"
"年度" = 2023

["预算"]
"年初预算" = 100
"调整预算" = 120.50
"执行数" = 110.25
"基本支出" = 60.25
"项目支出" = 50

[["指标"]]
"一级" = "预算执行"
"三级" = "预算执行率"
"分值" = 100
"""


def write(tmp_path, text, name="单位.toml", encoding="utf-8", bom=False):
    path = tmp_path / name
    data = text.encode(encoding)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return path


def problems(path):
    """A file's problems: the unreadable ones raise, the rest travel with what was loaded."""
    try:
        loaded = load(path)
    except DataError as exc:
        return exc.problems
    assert loaded.invalid or loaded.todo, "expected problems"
    return list(loaded.invalid + loaded.todo)


def test_minimal_file_loads_with_decimals(tmp_path):
    report = load(write(tmp_path, MINIMAL)).report
    assert report.unit.name == "测试街道办事处"
    assert str(report.budget.adjusted) == "120.50"  # Decimal keeps what was written
    assert report.indicators[0].level3 == "预算执行率"


def test_bom_is_accepted_and_chinese_path_works(tmp_path):
    folder = tmp_path / "璧山区" / "二〇二三"
    folder.mkdir(parents=True)
    report = load(write(folder, MINIMAL, name="璧泉街道.toml", bom=True)).report
    assert report.unit.year == 2023


def test_gbk_file_is_named_as_such(tmp_path):
    [p] = problems(write(tmp_path, MINIMAL, encoding="gbk"))
    assert "GBK" in p.message and "UTF-8" in p.message
    assert p.line == 1


def test_toml_syntax_error_gives_line(tmp_path):
    [p] = problems(write(tmp_path, MINIMAL.replace('"年度" = 2023', '"年度" = 2023 年')))
    assert p.line == 5
    assert "TOML 格式错误" in p.message


def test_unquoted_chinese_key_gets_a_hint(tmp_path):
    [p] = problems(write(tmp_path, MINIMAL.replace('"年度" = 2023', "年度 = 2023")))
    assert "中文键名须加英文双引号" in p.message
    assert p.line == 5


def test_every_problem_reported_at_once_with_key_paths_and_lines(tmp_path):
    text = MINIMAL.replace('"执行数" = 110.25', '"执行数" = "110.25"').replace(
        '"分值" = 100', '"分直" = 100'
    )
    text = text.replace('"名称" = "测试街道办事处"\n', "")
    found = {p.key: p for p in problems(write(tmp_path, text))}
    assert set(found) == {"单位.名称", "预算.执行数", "指标[1].分直"}
    assert "缺少必填项“名称”" in found["单位.名称"].message
    assert found["预算.执行数"].message.startswith("应为数字，实际是文字“110.25”")
    assert found["预算.执行数"].line == 9  # one line up: 名称 was removed
    assert "未知的键“分直”，是不是“分值”？" in found["指标[1].分直"].message
    assert found["指标[1].分直"].line == 16
    assert all(p.file is not None for p in found.values())


def test_top_level_key_written_inside_a_table_is_explained(tmp_path):
    text = MINIMAL.replace('"职责" = ["履行职能。"]\n', "") + '"问题" = ["一个问题"]\n'
    [p] = problems(write(tmp_path, text))
    assert p.key == "指标[1].问题"
    assert "顶层的键" in p.message


def test_wrong_shapes(tmp_path):
    text = MINIMAL.replace('"年度" = 2023', '"年度" = "二〇二三"').replace(
        '"职责" = ["履行职能。"]', '"职责" = 3'
    )
    found = {p.key: p.message for p in problems(write(tmp_path, text))}
    assert found["单位.年度"].startswith("应为整数")
    assert found["职责"].startswith("应为数组")


def test_missing_file(tmp_path):
    [p] = problems(tmp_path / "没有.toml")
    assert p.message == "找不到文件"
