"""The commands of the yearly cycle: diff, rollover, init. They parse options; the library works."""

from __future__ import annotations

import json
from pathlib import Path

import click

from generator.build import DEFAULT_OUTPUT
from generator.cli import HELP, cli, help_option
from generator.diff import compare, compare_with_last_build, to_text
from generator.revision import check_note_path, write_note


@cli.command(context_settings=HELP)
@help_option
@click.argument("old", metavar="旧数据", type=click.Path(exists=True, dir_okay=False))
@click.argument("new", metavar="[新数据]", required=False, type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="输出 JSON：{事实, 计算值, 得分}，每项 {键或名称, 原值, 新值}")
@click.option("--output", "note", type=click.Path(dir_okay=False), metavar="文件",
              help="把变化写成修订说明（.md 或 .docx），供报送财政部门")
@click.option("-d", "--dir", "out_dir", type=click.Path(file_okay=False), default=str(DEFAULT_OUTPUT),
              show_default=True, help="只给一个文件时，在此报告输出目录中找它上次生成时的数据")
def diff(old: str, new: str | None, as_json: bool, note: str | None, out_dir: str) -> None:
    """对比两份数据：改了哪些事实，由此变了哪些计算值、得分和等级。

    只给一个文件时，与它上次生成报告时的数据对比。

    \b
    示例：
      jixiao diff 2023-报送.toml 2023-更正.toml
      jixiao diff data/某单位.toml                    与上次生成时对比
      jixiao diff data/某单位.toml --output 修订说明.docx
    """
    if note:
        check_note_path(Path(note))
    result = compare(Path(old), Path(new)) if new else compare_with_last_build(Path(old), Path(out_dir))
    if as_json:
        click.echo(json.dumps(result.as_json(), ensure_ascii=False, indent=1))
    else:
        click.echo(to_text(result), nl=False)
    if note:
        write_note(result, Path(note))
        if not as_json:
            click.echo(f"已写出修订说明：{note}")
