"""rollover (next year's file from this year's) and init (a new unit's file): both leave 待填
exactly where a clerk must fill in, and check points at each of those places."""

import sys

import pytest
import tomlkit
from click.testing import CliRunner
from conftest import EXAMPLES, ROOT

from generator.cli.main import cli, main
from generator.data import model
from generator.data.schema import SHORTHAND, fields_of
from generator.evaluate import evaluate


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def this_year(fixture):
    return fixture("chongqing-closing-figures-to-roll-over", copy="bishan-2023")


def marked_lines(path):
    """Line numbers of each "待填" and each 【待核对】 in a file, once per occurrence."""
    todo, review = [], []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.lstrip().startswith("#"):
            todo += [n] * line.count('"待填"')
            review += [n] * line.count("【待核对】")
    return todo, review


def keys_in_order(doc, path=""):
    out = []
    for k, v in doc.items():
        out.append(f"{path}{k}")
        if isinstance(v, dict):
            out += keys_in_order(v, f"{path}{k}.")
        elif isinstance(v, list) and v and isinstance(v[0], dict):
            for i, e in enumerate(v, 1):
                out += keys_in_order(e, f"{path}{k}[{i}].")
    return out


def test_rollover_moves_closing_figures_and_clears_the_year(fixture):
    source = this_year(fixture)
    before = source.read_text(encoding="utf-8")
    result = run("rollover", source, "--year", "2024")
    assert result.exit_code == 0, result.output
    target = source.with_name("bishan-2024.toml")
    assert result.output.splitlines()[0] == f"已生成：{target}"
    assert source.read_text(encoding="utf-8") == before  # the source is only read
    text = target.read_text(encoding="utf-8")
    new = tomlkit.parse(text)
    assert new["单位"]["年度"] == 2024
    assert new["单位"]["名称"] == "重庆市璧山区人民政府璧泉街道办事处"
    assets, budget = new["资产"], new["预算"]
    # Moved as written (728.80 stays 728.80), marked with where they came from.
    for line in (
        '"上年资产总额" = 875.39',
        '"上年负债总额" = 728.80',
        '"上年净资产" = 146.59',
        '"上年三公经费" = 12.30',
        '"上年结转结余" = 573.55',
    ):
        assert f"{line}  # 2023 年末数，由 rollover 移来" in text
    assert (assets["资产总额"], assets["负债总额"], assets["净资产"]) == ("待填", "待填", "待填")
    assert budget["三公经费实际"] == budget["结转结余"] == "待填"
    assert budget["调整预算"] == budget["来源"][0]["执行数"] == "待填"
    assert all(ind["实际值"] == "待填" for ind in new["指标"] if "实际值" in ind)
    assert [i["分值"] for i in new["指标"]] == [i["分值"] for i in tomlkit.parse(before)["指标"]]
    # Comments and key order are kept; the only new key is 上年结转结余, at the end of its table.
    assert "# 原报告把政府性基金写作“1769.87元”，按上下文应为万元。" in text
    assert '"负债总额" = "待填"  # 含应付职工薪酬' in text
    assert text.index("# 事实与数字取自该单位公开的自评报告") < text.index('"职责" = [')
    old_keys, new_keys = keys_in_order(tomlkit.parse(before)), keys_in_order(new)
    assert [k for k in new_keys if k != "预算.上年结转结余"] == old_keys
    assert new_keys.index("预算.上年结转结余") == new_keys.index("预算.上年三公经费") + 1


def test_check_after_rollover_points_at_exactly_the_fields_to_fill(fixture):
    source = this_year(fixture)
    assert run("rollover", source, "--year", "2024").exit_code == 0
    target = source.with_name("bishan-2024.toml")
    unit = evaluate(target)
    todo, review = marked_lines(target)
    assert sorted(p.line for p in unit.problems if p.check == "data.todo") == todo
    assert sorted(p.line for p in unit.problems if p.check == "prose.unconfirmed") == review
    assert {p.check for p in unit.errors} == {"data.todo", "prose.unconfirmed"}
    todo_lines = todo + review
    assert {p.key for p in unit.problems} >= {
        "预算.调整预算",
        "资产.资产总额",
        "预算.三公经费实际",
        "指标[2].实际值",
    }
    check = run("check", target)
    assert check.exit_code == 1
    assert f"  错误 {len(todo_lines)} 个，警告 {len(unit.warnings)} 个" in check.output
    assert "  错误 [data.todo] 第 " in check.output


def test_rollover_refuses_an_earlier_year_and_an_existing_file(fixture, capsys, monkeypatch):
    source = this_year(fixture)

    def jixiao(*args):
        monkeypatch.setattr(sys, "argv", ["jixiao", *map(str, args)])
        try:
            main()
        except SystemExit as exc:
            return exc.code, capsys.readouterr().err
        return 0, capsys.readouterr().err

    assert jixiao("rollover", source, "--year", "2023") == (
        1,
        f"错误：{source} 是 2023 年度的数据；新年度应晚于它，而不是 2023\n",
    )
    other = source.with_name("已有.toml")
    other.write_text("x", encoding="utf-8")
    assert jixiao("rollover", source, "--year", "2024", "-o", other) == (
        1,
        f"错误：{other} 已经存在，没有覆盖；请用 -o 另指一个文件名\n",
    )
    assert other.read_text(encoding="utf-8") == "x"


def model_keys(cls, path=""):
    """Every key the model knows, as a path; shorthand tables (机构, 叙述段) count as one key.

    扩展 holds a format's own keys: init writes it only for a format that declares some.
    """
    out = []
    for key, (_f, typ) in fields_of(cls).items():
        if getattr(typ, "__origin__", None) is dict:
            continue
        out.append(f"{path}{key}")
        inner = getattr(typ, "__args__", (None,))[0]
        if inner is not None and hasattr(inner, "__dataclass_fields__") and inner not in SHORTHAND:
            out += model_keys(inner, f"{path}{key}[1].")
        elif hasattr(typ, "__dataclass_fields__"):
            out += model_keys(typ, f"{path}{key}.")
    return out


def uncommented(text):
    """The file with the keys and sections init wrote commented out taken in."""
    return "\n".join(
        line[2:] if line.startswith(('# "', "# [")) else line for line in text.splitlines()
    )


def test_init_writes_every_key_with_a_comment(tmp_path):
    target = tmp_path / "新单位.toml"
    result = run("init", target, "--format", "chongqing-bishan")
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    doc = tomlkit.parse(uncommented(text))
    assert sorted(keys_in_order(doc)) == sorted(model_keys(model.Report))
    lines = uncommented(text).splitlines()
    assert doc["单位"]["格式"] == "chongqing-bishan"
    for n, line in enumerate(lines):
        if line.startswith('"'):
            assert lines[n - 1].startswith("# "), f"no comment above {line}"
    assert "# 年初预算数（数字，单位：万元；必填）。例：13245.05" in lines


def test_check_reports_an_initialised_file_as_incomplete(tmp_path):
    target = tmp_path / "新单位.toml"
    assert run("init", target, "--format", "chongqing-bishan").exit_code == 0
    unit = evaluate(target)
    assert unit.errors and all(p.check == "data.todo" for p in unit.errors)
    keys = {p.key for p in unit.errors}
    assert {"单位.名称", "单位.年度", "预算.调整预算", "指标[1].分值", "职责[1]"} <= keys
    assert "单位.格式" not in keys
    build = run("build", target, "-o", tmp_path / "out")
    assert build.exit_code == 1
    assert not (tmp_path / "out" / "新单位.docx").exists()


def test_init_with_an_unknown_format_lists_the_available(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(
        sys, "argv", ["jixiao", "init", str(tmp_path / "x.toml"), "--format", "chongqing"]
    )
    try:
        main()
    except SystemExit as exc:
        assert exc.code == 1
    err = capsys.readouterr().err
    assert err.startswith("错误：未知的格式“chongqing”。是不是“chongqing-bishan”？可用的格式：")
    assert "standard" in err
    assert not (tmp_path / "x.toml").exists()


FORMATS = sorted(p.parent.name for p in (ROOT / "templates").glob("*/settings.toml"))
EXAMPLE_STEMS = sorted(p.stem for p in EXAMPLES.glob("*.toml"))


@pytest.mark.parametrize("format_id", FORMATS)
def test_every_format_inits_a_file_whose_only_errors_are_todo(tmp_path, format_id):
    target = tmp_path / "新单位.toml"
    assert run("init", target, "--format", format_id).exit_code == 0
    unit = evaluate(target)
    assert unit.problems and {p.check for p in unit.problems} == {"data.todo"}


@pytest.mark.parametrize("stem", EXAMPLE_STEMS)
def test_every_example_rolls_over_to_a_file_whose_only_errors_are_todo(tmp_path, stem):
    source = tmp_path / f"{stem}.toml"
    source.write_bytes((EXAMPLES / f"{stem}.toml").read_bytes())
    target = tmp_path / "next.toml"
    year = tomlkit.parse(source.read_text(encoding="utf-8"))["单位"]["年度"] + 1
    assert run("rollover", source, "--year", year, "-o", target).exit_code == 0
    unit = evaluate(target)
    todo, review = marked_lines(target)
    assert sorted(p.line for p in unit.problems if p.check == "data.todo") == todo
    assert sorted(p.line for p in unit.problems if p.check == "prose.unconfirmed") == review
    assert {p.check for p in unit.errors} <= {"data.todo", "prose.unconfirmed"}


MOVED_FROM = {"上年三公经费": "三公经费实际"}  # the 上年 keys not named 上年 + their source


def closing_pairs(old, new, path=""):
    """(key, this year's value in the old file, 上年 value in the rolled file) of every 上年 key
    the rolled file has whose source the old file gives, in tables and arrays of tables."""
    pairs = []
    for k, v in new.items():
        source = MOVED_FROM.get(k, k.removeprefix("上年"))
        if k.startswith("上年") and source in old:
            pairs.append((f"{path}{k}", old[source], v))
        elif isinstance(v, dict) and isinstance(old.get(k), dict):
            pairs += closing_pairs(old[k], v, f"{path}{k}.")
        elif isinstance(v, list) and isinstance(old.get(k), list):
            for i, (a, b) in enumerate(zip(old[k], v, strict=True), 1):
                if isinstance(a, dict) and isinstance(b, dict):
                    pairs += closing_pairs(a, b, f"{path}{k}[{i}].")
    return pairs


CLOSING = "chongqing-closing-figures-to-roll-over"  # every kind of closing figure


@pytest.mark.parametrize("stem", [*EXAMPLE_STEMS, CLOSING])
def test_last_years_figures_of_the_rolled_file_are_this_years_closing_ones(tmp_path, stem, fixture):
    import tomllib
    from decimal import Decimal

    source = fixture(stem) if stem == CLOSING else EXAMPLES / f"{stem}.toml"
    target = tmp_path / "next.toml"
    old = tomllib.loads(source.read_text(encoding="utf-8"), parse_float=Decimal)
    assert run("rollover", source, "--year", old["单位"]["年度"] + 1, "-o", target).exit_code == 0
    new = tomllib.loads(target.read_text(encoding="utf-8"), parse_float=Decimal)
    pairs = closing_pairs(old, new)
    assert [(k, now, last) for k, now, last in pairs if now != last] == []
    if stem == CLOSING:
        assert sorted(k for k, _, _ in pairs) == sorted(
            ["预算.上年三公经费", "预算.上年结转结余", "资产.上年资产总额", "资产.上年负债总额",
             "资产.上年净资产"]
        )  # fmt: skip
