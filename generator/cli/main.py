"""The `jixiao` command line: parses options and calls the library; messages in Chinese.

Each command imports the library it needs when it runs: `--help` and `formats` never load
docx (`check` does: it reads the template and renders it as a dry run), and a command's
modules load only when that command is called.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

import click

from generator import __version__
from generator.building import OUTPUT_RULE, data_output
from generator.cli import console, cycle_commands, excel_commands, serve_command
from generator.cli.options import BRIEF_OVER, HELP, Command, help_option
from generator.cli.zh import Context, show_usage_error
from generator.errors import JixiaoError, internal_error


def _paths(paths: tuple[str, ...]) -> list[Path]:
    from generator.building.unit import unit_files

    files = unit_files([Path(p) for p in paths])
    if not files:
        raise click.UsageError("没有找到单位数据文件（.toml）")
    return files


class Cli(click.Group):
    """The command group; usage errors and user mistakes end with a Chinese message, no traceback."""

    context_class = Context
    command_class = Command

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = "jixiao",
        complete_var: str | None = None,
        standalone_mode: bool = True,  # ignored: the ways out below are the standalone ones
        **extra: Any,
    ) -> NoReturn:
        try:
            sys.exit(super().main(args, prog_name, complete_var, standalone_mode=False, **extra))
        except click.UsageError as exc:
            show_usage_error(exc)
            sys.exit(2)
        except click.Abort:
            click.echo("已中止", err=True)
            sys.exit(1)
        except JixiaoError as exc:
            click.echo(f"错误：{exc}", err=True)
            sys.exit(1)
        except click.exceptions.Exit as exc:
            sys.exit(exc.exit_code)
        except Exception as exc:  # the last resort: one line, never a traceback
            command = " ".join(["jixiao", *(args if args is not None else sys.argv[1:])])
            click.echo(f"错误：{internal_error(exc, command)}", err=True)
            sys.exit(1)


@click.group(cls=Cli, context_settings=HELP)
@click.version_option(
    __version__, "-V", "--version", message="jixiao %(version)s", help="显示版本并退出"
)
@help_option
def cli() -> None:
    """jixiao：从单位的 TOML 数据生成部门整体支出绩效自评报告（Word）。

    \b
    示例：
      jixiao build data/examples            生成全部示例报告到 data/examples/output/
      jixiao check data/examples/某单位.toml  核对数据、列出全部计算值
      jixiao formats                        列出可用的地区格式
      jixiao diff 报送.toml 更正.toml         对比更正前后的数据、计算值和得分
      jixiao rollover 某单位.toml --year 2024 生成下一年的数据文件
    """


@cli.command(context_settings=HELP)
@help_option
@click.argument("paths", nargs=-1, required=True, metavar="路径...")
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(),
    default=None,
    metavar="目录或文件.docx",
    help=f"报告输出目录（默认：{OUTPUT_RULE}，即第一个路径所在的文件夹）；"
    "只生成一个单位时也可给出报告的文件名（以 .docx 结尾）",
)
@click.option("--format", "format_id", metavar="格式", help="使用的格式编号，优先于数据中的“格式”")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help="同时生成的进程数（默认：本机处理器核数）",
)
@click.option("--all", "rebuild_all", is_flag=True, help="数据、格式、工具都没变的单位也重新生成")
@click.option(
    "--force",
    is_flag=True,
    help="覆盖手工改过或非本工具生成的报告（原文件先备份，并列出手工改动的段落）",
)
@click.option(
    "--keep-edited",
    is_flag=True,
    help="手工改过的报告保留原样、照常生成其余的，不算失败（也可在数据文件夹的 jixiao.toml 中写 保留手工修改 = true）",
)
@click.option("--pdf", is_flag=True, help="同时用 LibreOffice 在报告旁写出 PDF")
def build(
    paths: tuple[str, ...],
    out_dir: str | None,
    format_id: str | None,
    jobs: int | None,
    rebuild_all: bool,
    force: bool,
    keep_edited: bool,
    pdf: bool,
) -> None:
    """生成报告：路径可以是单位数据文件，也可以是存放它们的文件夹。

    数据有错误的单位不生成报告（其余照常生成），退出码为 1。

    --pdf 在每份报告旁写出同名 PDF；没有 LibreOffice 时报告照常生成，提示如何安装，退出码为 1。

    数据、格式和工具版本都没变的单位跳过（“未变”），--all 则全部重新生成。

    报告生成后被手工改过、或不是本工具生成的，不覆盖；加 --keep-edited 则保留它、照常生成其余的；加 --force 则先备份再覆盖，并列出手工改动的段落。在 Word、WPS 或 LibreOffice 中打开后原样保存不算改过。

    报告的文件名取单位简称和年度（如“璧泉街道办事处2023年度整体支出绩效自评报告.docx”，
    式样由格式设置“文件名”规定）；-o 以 .docx 结尾时就用这个文件名（只能生成一个单位）。

    \b
    示例：
      jixiao build data/examples/chongqing-bishan.toml
      jixiao build data/某单位.toml -o 报告/某单位自评报告.docx
      jixiao build data/ -o 报告/ --format standard
      jixiao build data/ --jobs 4 --all
      jixiao build data/ --keep-edited      手工定稿的报告不动
      jixiao build data/ --pdf                 报告旁同时写出 PDF（需要 LibreOffice）
    """
    from generator.building.unit import is_file_target
    from generator.cli.build_view import run_build, write_pdfs

    sources = _paths(paths)
    out_dir = out_dir or str(data_output(paths[0]))
    if Path(out_dir).is_file() and not is_file_target(Path(out_dir)):
        raise click.UsageError(
            f"-o {out_dir} 是一个已有的文件，不是文件夹：请给出报告的输出文件夹，"
            f"或以 .docx 结尾的报告文件名"
        )
    if is_file_target(Path(out_dir)) and len(sources) > 1:
        raise click.UsageError(
            f"-o {out_dir} 是一个报告文件名，只能生成一个单位，而这里有 {len(sources)} 个；"
            f"生成多个单位时 -o 请给文件夹"
        )
    summary = run_build(
        sources,
        Path(out_dir),
        format_id,
        jobs=jobs,
        rebuild_all=rebuild_all,
        force=force,
        keep_edited=keep_edited,
    )
    pdfs_ok = write_pdfs(summary, jobs) if pdf else True
    if summary.failed or not pdfs_ok:
        sys.exit(1)


@cli.command(context_settings=HELP)
@help_option
@click.argument("paths", nargs=-1, required=True, metavar="路径...")
@click.option(
    "--json", "as_json", is_flag=True, help="每个文件输出一行 JSON：{文件, 错误, 警告, 数据}"
)
@click.option("--format", "format_id", metavar="格式", help="使用的格式编号，优先于数据中的“格式”")
@click.option(
    "--brief/--full",
    default=None,
    help=f"每个单位一行（总分、等级或首个错误）/ 逐项列出；默认：多于 {BRIEF_OVER} 个单位时每个单位一行",
)
def check(paths: tuple[str, ...], as_json: bool, format_id: str | None, brief: bool | None) -> None:
    """核对数据：列出全部错误、警告，以及每个计算值的公式和输入。

    有错误时退出码为 1。核对多个单位时最后打印汇总（单位数、错误、警告、每个单位的总分和等级）。

    \b
    示例：
      jixiao check data/examples/chongqing-bishan.toml
      jixiao check data/                    多于 5 个单位时每个单位一行
      jixiao check data/ --full             逐个单位列出全部信息
      jixiao check data/ --json
    """
    import json

    from generator.cli.check_view import Tally, brief_line, check_json, check_text
    from generator.examine import examine

    sources = _paths(paths)
    brief = len(sources) > BRIEF_OVER if brief is None else brief
    tally = Tally()
    for source in sources:
        examined = examine(source, format_id)  # a dry run of build: what build would say
        unit, problems = examined.unit, list(examined.problems)
        tally.add(source, unit, problems)
        if as_json:
            click.echo(json.dumps(check_json(source, unit, problems), ensure_ascii=False))
        elif brief:
            click.echo(brief_line(source, unit, problems))
        else:
            click.echo(check_text(source, unit, problems))
    if not as_json and (brief or len(sources) > 1):
        click.echo("\n".join(tally.lines(brief)))
    if any(p.is_error for _, _, ps in tally.units for p in ps):
        sys.exit(1)


@cli.command(context_settings=HELP)
@help_option
def formats() -> None:
    """列出可用的地区格式（编号、名称、地区）。

    \b
    示例：
      jixiao formats
    """
    from generator.data.formats import available, resolve

    for format_id in available():
        try:
            s = resolve(format_id).settings
        except JixiaoError as exc:
            click.echo(f"{format_id}\t（不可用：{exc}）")
            continue
        except Exception as exc:  # one broken format never hides the others
            click.echo(f"{format_id}\t（不可用：{internal_error(exc, format_id)}）")
            continue
        parent = f"（继承 {s.extends}）" if s.extends else ""
        click.echo(f"{format_id}\t{s.name}\t{s.region}{parent}")


for command in (
    cycle_commands.diff,
    cycle_commands.rollover,
    cycle_commands.init,
    *excel_commands.COMMANDS,
    serve_command.serve,
):
    cli.add_command(command)


def main() -> None:
    console.setup()
    cli.main()
