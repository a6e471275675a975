"""The Excel commands: export, import, summary. They parse options; generator.io does the work.

Plain click commands, not yet registered on the `jixiao` group; in cli/main.py:
`for command in excel_commands.COMMANDS: cli.add_command(command)`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from generator.building import DEFAULT_OUTPUT
from generator.cli.options import HELP, Command, help_option

# The workbook library is imported inside each command: it loads only when one runs.
if TYPE_CHECKING:
    from generator.cycle.workbook_import import Imported
    from generator.errors import Problem


def show(problems: list[Problem]) -> None:
    for p in sorted(problems, key=lambda p: not p.is_error):
        click.echo(f"{p.level}：{p}", err=True)


def pdf_beside(path: Path) -> bool:
    """Convert to PDF beside the file; say what happened. False when there is no PDF."""
    from generator.io.pdf import to_pdf

    result = to_pdf(path)
    for w in result.warnings:
        click.echo(f"警告：{w}", err=True)
    if result.pdf is None:
        click.echo(f"错误：{result.problem}", err=True)
        return False
    click.echo(f"已生成 PDF：{result.pdf}")
    return True


@click.command("export", cls=Command, context_settings=HELP)
@help_option
@click.argument("source", metavar="单位.toml", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "-o",
    "--output",
    "target",
    type=click.Path(dir_okay=False),
    metavar="自评表.xlsx",
    help="输出的工作簿（默认：output/<文件名>-自评表.xlsx）",
)
@click.option("--format", "format_id", metavar="格式", help="使用的格式编号，优先于数据中的“格式”")
@click.option(
    "--pdf", is_flag=True, help="同时把自评表转为 PDF，放在工作簿旁边（需要 LibreOffice）"
)
@click.option("--force", is_flag=True, help="覆盖已有的同名工作簿（其中手工填写的内容会丢失）")
def export(source: str, target: str | None, format_id: str | None, pdf: bool, force: bool) -> None:
    """导出单位的部门整体支出绩效自评表（Excel 工作簿）：可直接打印，也可填写后用 import 导回。

    工作表“自评表”：资金情况、年度总体目标与实际完成情况、指标表、总分和等级，数字都是数字；工作表“计算值”“指标得分”：每个计算值的公式和输入、每个指标怎样计分，供查对，已隐藏、不打印（右键工作表标签→取消隐藏）。已有同名工作簿时不覆盖（--force 覆盖）。

    \b
    示例：
      jixiao export data/某单位.toml                      写到 output/某单位-自评表.xlsx
      jixiao export data/某单位.toml -o 自评表.xlsx --pdf
      jixiao import 自评表.xlsx --into data/某单位.toml     填好后导回
    """
    from generator.io.writing.workbook_export import default_target
    from generator.io.writing.workbook_export import export as export_workbook

    path = Path(target) if target else default_target(Path(source), DEFAULT_OUTPUT)
    done = export_workbook(Path(source), path, format_id, force)
    click.echo(f"已导出：{done.target}（计算值、指标得分两张工作表已隐藏，供查对，不打印）")
    if done.errors:
        click.echo(
            f"注意：数据有 {done.errors} 个错误（jixiao check {source} 查看），表中的计算值和得分可能不准",
            err=True,
        )
    if pdf and not pdf_beside(done.target):
        sys.exit(1)


def report_import(result: Imported) -> None:
    show(result.problems)
    if result.diff:
        click.echo(result.diff, nl=False)
    others = []
    if result.other_errors:
        others.append(f"{result.other_errors} 个错误")
    if result.other_warnings:
        others.append(f"{result.other_warnings} 个警告")
    if others:
        click.echo(
            f"数据文件 {result.target} 另有{'、'.join(others)}不在表中（jixiao check 查看）",
            err=True,
        )


@click.command("import", cls=Command, context_settings=HELP)
@help_option
@click.argument(
    "workbook", metavar="自评表.xlsx|报告.docx", type=click.Path(exists=True, dir_okay=False)
)
@click.option(
    "--into",
    "into",
    type=click.Path(exists=True, dir_okay=False),
    metavar="单位.toml",
    help="更新这个已有的数据文件：预算数和指标表换成表中的，其余（注释、顺序、叙述）不动",
)
@click.option(
    "-o",
    "--output",
    "target",
    type=click.Path(dir_okay=False),
    metavar="新单位.toml",
    help="写一个新的数据文件：表中有的照填，其余为“待填”（已存在时不覆盖）",
)
@click.option("--sheet", metavar="工作表", help="读哪个工作表（默认：第一个有指标表的）")
@click.option(
    "--format", "format_id", metavar="格式", help="新数据文件的格式编号（只用于 -o；默认 standard）"
)
@click.option("--dry-run", is_flag=True, help="只列出会改什么，不写文件（只用于 --into）")
def import_(
    workbook: str,
    into: str | None,
    target: str | None,
    sheet: str | None,
    format_id: str | None,
    dry_run: bool,
) -> None:
    """把自评表（Excel 工作簿）导入单位数据文件，或把上年的报告（Word）读成新数据文件的草稿。

    读 jixiao export 导出的表，也读常见的手工表：按列名找表头（年度指标值/指标值/目标值、实际完成值/完成值/实际值、度量单位/计量单位、指标性质、分值、得分、偏差原因……），合并的一级/二级单元格、空行、文字写的数字都可以。只读 .xlsx。每个问题都指出工作表、行和列。

    得分：表中的得分与导出时相同（或与按规则计算的相同）时由工具计算，改过的作为评价人给出的得分。

    报告（.docx；装有 LibreOffice 时也读 .doc）只用 -o：按章节标题、表头和常见说法读出单位名称、年度、预算、人员、机构、职责、指标表、问题、建议和各章叙述，格式按报告的章节识别（或用 --format 指定）。没把握的数标“待填”、文字标【待核对】，注释中写着报告原句；jixiao check 逐项列出。

    \b
    示例：
      jixiao import 自评表.xlsx --into data/某单位.toml       更新并列出变化（同 jixiao diff）
      jixiao import 自评表.xlsx --into data/某单位.toml --dry-run
      jixiao import 财政局下发.xlsx -o data/新单位.toml --format chongqing-bishan
      jixiao import 2023年报告.docx -o data/2023/某单位.toml     由上年报告起草数据文件
    """
    from generator.cycle.workbook_import import import_into, import_new
    from generator.io.located import WorkbookError

    if Path(workbook).suffix.lower() in (".docx", ".doc"):
        import_report_file(Path(workbook), into, target, sheet, format_id, dry_run)
        return
    if bool(into) == bool(target):
        raise click.UsageError(
            "请用 --into 单位.toml（更新已有的数据文件）或 -o 新单位.toml（写新文件）二者之一"
        )
    if dry_run and not into:
        raise click.UsageError("--dry-run 只用于 --into")
    try:
        if into:
            result = import_into(Path(workbook), Path(into), sheet, dry_run)
        else:
            result = import_new(Path(workbook), Path(str(target)), format_id, sheet)
    except WorkbookError as exc:
        show(exc.problems)
        click.echo(f"没有导入：请改正 {workbook} 中的错误后再试", err=True)
        sys.exit(1)
    report_import(result)
    if target:
        click.echo(
            f"已生成：{result.target}（表中没有的各项为“待填”；jixiao check {result.target} 列出须填写的项）"
        )
    elif not result.changed:
        click.echo(f"没有变化：{result.target} 与表中的一致")
    elif dry_run:
        click.echo(f"（--dry-run：没有写入 {result.target}）")
    else:
        click.echo(f"已更新：{result.target}")
    if result.sheet_errors or result.unit_errors:
        if result.unit_errors:
            click.echo(
                f"导入后 {result.target} 有 {result.unit_errors} 个错误"
                f"（jixiao check {result.target} 查看），改正后才能生成报告",
                err=True,
            )
        sys.exit(1)


def import_report_file(
    report: Path,
    into: str | None,
    target: str | None,
    sheet: str | None,
    format_id: str | None,
    dry_run: bool,
) -> None:
    """The report branch of `import`: a draft unit file from a finished report."""
    from generator.cycle.report_import import import_report

    if into or dry_run or sheet or not target:
        raise click.UsageError(
            f"由报告起草数据文件只用 -o 新单位.toml（可加 --format），例如：jixiao import {report.name} -o 单位.toml"
        )
    done = import_report(report, Path(target), format_id)
    draft = done.draft
    how = "" if draft.format_known else "（未能识别，按标准格式读取；可用 --format 指定）"
    click.echo(f"格式：{draft.format_id}{how}")
    click.echo(
        f"读出 {len(done.found)} 项、指标 {len(draft.indicators)} 个：{'、'.join(done.found)}"
    )
    if done.unsure:
        click.echo(f"没有把握、已标记待核对的 {len(done.unsure)} 项：{'、'.join(done.unsure)}")
    if done.missing:
        click.echo(f"报告中没有找到（已写为“待填”）：{'、'.join(done.missing)}")
    if done.referred:
        click.echo(f"文字中的数改为引用计算值（请核对）：{'；'.join(done.referred)}")
    click.echo(f"已生成：{done.target}（jixiao check {done.target} 列出须核对、填写的各项）")


@click.command("summary", cls=Command, context_settings=HELP)
@help_option
@click.argument("paths", nargs=-1, required=True, metavar="路径...")
@click.option(
    "-o",
    "--output",
    "target",
    type=click.Path(dir_okay=False),
    default=str(DEFAULT_OUTPUT / "汇总表.xlsx"),
    show_default=True,
    metavar="汇总表.xlsx",
    help="输出的汇总工作簿（本工具写出的汇总表会被替换，别的工作簿不覆盖）",
)
@click.option("--format", "format_id", metavar="格式", help="使用的格式编号，优先于数据中的“格式”")
def summary(paths: tuple[str, ...], target: str, format_id: str | None) -> None:
    """汇总多个单位：每个单位一行（预算、执行率、总分、等级、错误数），另列全部指标和统计图。

    数字与 jixiao check 算出的相同；有错误的单位也列出，并写明第一个错误。有单位出错时退出码为 1。

    \b
    示例：
      jixiao summary data/examples -o 汇总表.xlsx
      jixiao summary data/ 另一批/某单位.toml
    """
    from generator.building.unit import unit_files
    from generator.io.writing.summary import problem_text, write_summary

    files = unit_files([Path(p) for p in paths])
    if not files:
        raise click.UsageError("没有找到单位数据文件（.toml）")
    done = write_summary(files, Path(target), format_id)
    click.echo(
        f"已写出汇总表：{done.target}（{len(done.lines)} 个单位，{len(done.failed)} 个有错误）"
    )
    for line in done.failed:
        click.echo(f"  {line.path}：{problem_text(line.errors[0])}", err=True)
    if done.failed:
        sys.exit(1)


COMMANDS = [export, import_, summary]
