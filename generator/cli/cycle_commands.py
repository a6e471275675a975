"""The commands of the yearly cycle: diff, rollover, init. They parse options; the library works.

The library is imported inside each command, so it loads only when that command runs.
"""

from __future__ import annotations

from pathlib import Path

import click

from generator.building import OUTPUT_RULE, data_output
from generator.cli.options import HELP, Command, help_option


@click.command(cls=Command, context_settings=HELP)
@help_option
@click.argument("old", metavar="旧数据", type=click.Path(exists=True, dir_okay=False))
@click.argument(
    "new", metavar="[新数据]", required=False, type=click.Path(exists=True, dir_okay=False)
)
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="输出 JSON：{事实, 计算值, 得分}，每项 {键或名称, 原值, 新值}",
)
@click.option(
    "--output",
    "note",
    type=click.Path(dir_okay=False),
    metavar="文件",
    help="把变化写成修订说明（.md 或 .docx），供报送财政部门",
)
@click.option(
    "-d",
    "--dir",
    "out_dir",
    type=click.Path(file_okay=False),
    default=None,
    metavar="目录",
    help=f"只给一个文件时，在此报告输出目录中找它上次生成时的数据（默认：{OUTPUT_RULE}）",
)
@click.option("--force", is_flag=True, help="修订说明已存在时也重写（原文件先备份）")
def diff(
    old: str, new: str | None, as_json: bool, note: str | None, out_dir: str | None, force: bool
) -> None:
    """对比两份数据：改了哪些事实，由此变了哪些计算值、得分和等级。

    只给一个文件时，与它上次生成报告时的数据对比。

    \b
    示例：
      jixiao diff 2023-报送.toml 2023-更正.toml
      jixiao diff data/某单位.toml                    与上次生成时对比
      jixiao diff data/某单位.toml --output 修订说明.docx
    """
    import json

    from generator.cycle.diff import compare, compare_with_last_build, to_text
    from generator.cycle.revision import check_note_path, write_note

    if note:
        check_note_path(Path(note), tuple(Path(p) for p in (old, new) if p), force)
    result = (
        compare(Path(old), Path(new))
        if new
        else compare_with_last_build(Path(old), Path(out_dir or data_output(old)))
    )
    if as_json:
        click.echo(json.dumps(result.as_json(), ensure_ascii=False, indent=1))
    else:
        click.echo(to_text(result), nl=False)
    if note:
        backup = write_note(result, Path(note), force=force)
        if backup is not None and not as_json:
            click.echo(f"已备份：{note} → {backup}")
        if not as_json:
            click.echo(f"已写出修订说明：{note}")


@click.command(cls=Command, context_settings=HELP)
@help_option
@click.argument("source", metavar="文件", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--year",
    type=click.IntRange(2000, 2100),
    required=True,
    metavar="年度",
    help="新的预算年度，如 2024",
)
@click.option(
    "-o",
    "--output",
    "target",
    type=click.Path(dir_okay=False),
    metavar="新文件",
    help="新文件路径（默认：在原文件旁，文件名中的年份换成新年度或加上“-年度”；原文件夹以年度命名时写到新年度的文件夹）",
)
def rollover(source: str, year: int, target: str | None) -> None:
    """由今年的数据文件生成下一年的数据文件。

    结构、名称、职责、人员、格式不变；今年的期末数（资产、负债、净资产、“三公经费”、结转结余……）移入“上年”各项；今年的金额、实际值、得分改为“待填”；沿用的叙述文字每段开头标【待核对】，核对后删去。注释和键的顺序保留，原文件不动。

    原文件在以年度命名的文件夹中（如 data/2023/）时，新文件写到新年度的文件夹（data/2024/）。

    \b
    示例：
      jixiao rollover data/某单位-2023.toml --year 2024
      jixiao rollover data/2023/某单位.toml --year 2024    写到 data/2024/某单位.toml
      jixiao check data/某单位-2024.toml     列出须填写、须核对的项
    """
    from generator.checks.year import REVIEW
    from generator.cycle.reread import reread_lines
    from generator.cycle.rollover import rollover as do_rollover

    rolled = do_rollover(Path(source), year, Path(target) if target else None)
    click.echo(f"已生成：{rolled.target}")
    click.echo(
        f"移入上年数 {len(rolled.moved)} 项，待填 {len(rolled.cleared)} 项，"
        f"沿用的叙述 {len(rolled.marked)} 段标为{REVIEW}；"
        f"运行 jixiao check {rolled.target} 查看须填写、须核对的项"
    )
    if rolled.dropped:
        click.echo(f"删去了上年确认的 {'、'.join(rolled.dropped)}（新年度确认后再写）")
    for line in reread_lines(rolled.reread, rolled.target):
        click.echo(line)
    if not target and rolled.target.parent == Path(source).parent:
        click.echo(
            "提示：新文件与上年的数据在同一文件夹，生成这个文件夹时两年的单位会一起生成。"
            "可把每年的数据放在以年度命名的文件夹中（如 data/2023/），"
            "rollover 会把新年度的文件写到 data/2024/"
        )


@click.command(cls=Command, context_settings=HELP)
@help_option
@click.argument("target", metavar="文件", type=click.Path(dir_okay=False))
@click.option(
    "--format",
    "format_id",
    required=True,
    metavar="格式",
    help="报告格式编号（jixiao formats 列出可用的）",
)
def init(target: str, format_id: str) -> None:
    """新建一个单位的数据文件：列出全部键，每个都有中文注释，值为“待填”。

    填好之前 jixiao check 会逐项指出尚未填写的键。

    \b
    示例：
      jixiao init data/新单位.toml --format chongqing-bishan
      jixiao check data/新单位.toml
    """
    from generator.cycle.init_file import init_unit

    path = init_unit(Path(target), format_id)
    click.echo(f"已生成：{path}")
    click.echo(f"把其中的“待填”换成本单位的数据，然后运行 jixiao check {path} 核对")
