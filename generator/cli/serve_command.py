"""`jixiao serve`: the local web page for people who do not use a terminal."""

from __future__ import annotations

from pathlib import Path

import click

from generator.cli.options import HELP, Command, help_option

LOCAL = "127.0.0.1"


@click.command(cls=Command, context_settings=HELP)
@help_option
@click.argument(
    "folder", metavar="[文件夹]", default=".", type=click.Path(exists=True, file_okay=False)
)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=None,
    metavar="N",
    help="端口（默认 8765，被占用时自动换下一个）",
)
@click.option(
    "--host",
    default=None,
    metavar="地址",
    help="监听的地址（默认 127.0.0.1，只有本机能打开；改成别的地址，局域网里的人也能打开）",
)
@click.option("--no-browser", is_flag=True, help="不自动打开浏览器")
@click.option(
    "-j", "--jobs", type=click.IntRange(min=1), default=None, metavar="N", help="生成全部时的进程数"
)
def serve(folder: str, port: int | None, host: str | None, no_browser: bool, jobs: int | None):
    """在浏览器里使用本工具：查看文件夹里的全部单位、核对结果，生成并下载报告。

    只在本机（127.0.0.1）上打开，只读写这个文件夹里的文件；报告写到文件夹中的 output/。
    按 Ctrl+C 停止。

    \b
    示例：
      jixiao serve                      打开当前文件夹
      jixiao serve data/                打开 data 文件夹
      jixiao serve data/ --port 9000 --no-browser
    """
    from generator.web.serve import DEFAULT_PORT, open_browser, start

    bind = host or LOCAL
    if host and host not in (LOCAL, "localhost", "::1"):
        click.echo(
            f"警告：监听 {host}，同一网络中的其他电脑也能打开本页、下载报告、生成报告。"
            "只在可信的网络中这样做；只给本机用时不要加 --host。",
            err=True,
        )
    running = start(
        Path(folder),
        bind,
        DEFAULT_PORT if port is None else port,
        fixed=port is not None,
        jobs=jobs,
        thread=False,
    )
    click.echo(f"网页已启动：{running.url}")
    click.echo(f"文件夹：{Path(folder).resolve()}；报告写到其中的 output/。按 Ctrl+C 停止。")
    if not no_browser:
        open_browser(running.url)
    try:
        # returns on Ctrl+C
        running.server.run()  # type: ignore[attr-defined]
    except KeyboardInterrupt:
        pass
    click.echo("已停止")
