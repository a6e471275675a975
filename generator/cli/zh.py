"""Click speaks English; this gives its help headings and usage errors to users in Chinese."""

from __future__ import annotations

import re

import click

HEADINGS = {"Options": "选项", "Commands": "命令", "Arguments": "参数"}

USAGE_ERRORS = [
    (
        r"No such option:? '?([^'\s]+?)'?\.?(?:\s+Did you mean '?([^'\s?]+)'?\?)?$",
        lambda m: f"没有选项 {m.group(1)}" + (f"，是不是 {m.group(2)}？" if m.group(2) else ""),
    ),
    (r"No such command '(.+?)'\.?", lambda m: f"没有命令“{m.group(1)}”，可用命令见 jixiao --help"),
    (r"Missing argument '(.+?)'\.?", lambda m: f"缺少参数 {m.group(1)}"),
    (r"Option '(.+?)' requires an argument\.?", lambda m: f"选项 {m.group(1)} 需要一个值"),
    # click.Path's complaints, whichever kind it names (File, Directory, Path)
    (
        r"Invalid value for (.+?): (?:File|Directory|Path) '(.+?)' does not exist\.?",
        lambda m: f"{_opt(m.group(1))}：找不到“{m.group(2)}”（没有这个文件或文件夹，请核对路径）",
    ),
    (
        r"Invalid value for (.+?): (?:File|Path) '(.+?)' is a directory\.?",
        lambda m: f"{_opt(m.group(1))}：“{m.group(2)}”是一个文件夹，这里应写文件名",
    ),
    (
        r"Invalid value for (.+?): (?:Directory|Path) '(.+?)' is a file\.?",
        lambda m: f"{_opt(m.group(1))}：“{m.group(2)}”是一个文件，这里应写文件夹",
    ),
    (
        r"Invalid value for (.+?): (?:File|Directory|Path) '(.+?)' is not (readable|writable)\.?",
        lambda m: (
            f"{_opt(m.group(1))}：没有{'读' if m.group(3) == 'readable' else '写'}"
            f"“{m.group(2)}”的权限"
        ),
    ),
    (
        r"Invalid value for (.+?): (?:File|Directory|Path) '(.+?)' (.+)",
        lambda m: f"{_opt(m.group(1))}：无法使用“{m.group(2)}”",
    ),
    (
        r"Invalid value for (.+?): (\S+) is not in the range x>=(\S+?)\.?$",
        lambda m: f"{_opt(m.group(1))} 的值 {m.group(2)} 无效：至少为 {m.group(3)}",
    ),
    (
        r"Invalid value for (.+?): (\S+) is not in the range (\S+?)<=x<=(\S+?)\.?$",
        lambda m: (
            f"{_opt(m.group(1))} 的值 {m.group(2)} 无效：应在 {m.group(3)} 到 {m.group(4)} 之间"
        ),
    ),
    (
        r"Invalid value for (.+?): '?(.+?)'? is not a valid integer(?: range)?\.?$",
        lambda m: f"{_opt(m.group(1))} 的值“{m.group(2)}”不是整数",
    ),
    (r"Invalid value for (.+?): (.+)", lambda m: f"{_opt(m.group(1))} 的值无效：{m.group(2)}"),
    (r"Got unexpected extra arguments? \((.+)\)", lambda m: f"多余的参数：{m.group(1)}"),
]


def _opt(names: str) -> str:
    return names.replace("'", "")


def translate(message: str) -> str:
    for pattern, repl in USAGE_ERRORS:
        m = re.search(pattern, message)
        if m:
            return repl(m)
    return message


class Formatter(click.HelpFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(
            prog,
            args.replace("[OPTIONS]", "[选项]")
            .replace("COMMAND", "命令")
            .replace("[ARGS]", "[参数]"),
            "用法：",
        )

    def write_heading(self, heading: str) -> None:
        super().write_heading(HEADINGS.get(heading, heading))

    def write_dl(self, rows, *args, **kwargs) -> None:
        rows = [
            (
                term,
                text.replace("[default: ", "[默认：")
                .replace("[required]", "[必填]")
                .replace("[x>=1]", "[至少 1]")
                .replace("[2000<=x<=2100]", "[2000–2100]"),
            )
            for term, text in rows
        ]
        super().write_dl(rows, *args, **kwargs)


class Context(click.Context):
    formatter_class = Formatter


def show_usage_error(exc: click.UsageError) -> None:
    """Like click's own report of a usage error, in Chinese."""
    ctx = exc.ctx
    if ctx is not None:
        click.echo(ctx.get_usage().replace("Usage:", "用法："), err=True)
        click.echo(f"详见：{ctx.command_path} --help", err=True)
    click.echo(f"错误：{translate(exc.format_message())}", err=True)
