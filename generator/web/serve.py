"""Run the page: a waitress server on 127.0.0.1 (unless told otherwise) in a thread or forever."""

from __future__ import annotations

import errno
import threading
import webbrowser
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.errors import JixiaoError
from generator.web.safety import LOCAL_HOSTS

DEFAULT_PORT = 8765
TRIES = 20  # ports tried after the default one when it is taken


def missing_extra() -> JixiaoError:
    return JixiaoError(
        '网页功能还没有安装：请运行 pip install "jixiao[web]"（需要 Flask 与 waitress）'
    )


def hosts_for(host: str) -> tuple[str, ...]:
    """The Host header values the app accepts when bound to `host`."""
    if host in ("127.0.0.1", "localhost", "::1"):
        return LOCAL_HOSTS
    return ("*",)  # bound to a named address or every address: any name may reach it


@dataclass
class Running:
    server: object
    thread: threading.Thread | None
    url: str
    sockets: dict  # the server's socket map (create_server's `map`): listener, trigger, connections

    def stop(self) -> None:
        """Close the listening socket and every open connection, then end the worker threads.

        waitress has no call that stops a running server; the closing is done in its loop thread
        (through its trigger), which then returns from run() since no socket is left."""
        server = self.server

        def close_all() -> None:
            for channel in list(self.sockets.values()):
                channel.close()

        server.trigger.pull_trigger(close_all)  # type: ignore[attr-defined]
        if self.thread is not None:
            self.thread.join(10)
        server.task_dispatcher.shutdown()  # type: ignore[attr-defined]


def make_server(app, host: str, port: int, fixed: bool) -> tuple[Any, dict]:
    """A waitress server on host:port (if the port is taken and not `fixed`, the next free one),
    and the map that holds its sockets."""
    from waitress import create_server

    last: OSError | None = None
    ports = [port] if fixed or port == 0 else range(port, port + TRIES)
    for p in ports:
        try:
            sockets: dict = {}
            server = create_server(app, map=sockets, host=host, port=p, threads=8, ident="jixiao")
            return server, sockets
        except OSError as exc:
            if exc.errno != errno.EADDRINUSE:
                raise JixiaoError(f"无法在 {host}:{p} 上启动网页：{exc.strerror}") from None
            last = exc
    hint = "请用 --port 另选一个端口" if fixed else f"{port}–{port + TRIES - 1} 都被占用"
    raise JixiaoError(f"端口 {port} 已被占用，{hint}（{last.strerror if last else ''}）")


def start(
    folder: Path,
    host: str = "127.0.0.1",
    port: int = 0,
    *,
    fixed: bool = True,
    jobs: int | None = None,
    thread: bool = True,
) -> Running:
    """Serve folder; in a background thread (tests, or the caller blocks on .thread)."""
    try:
        from generator.web.app import create_app
    except ImportError:
        raise missing_extra() from None
    folder = Path(folder)
    if not folder.is_dir():
        raise JixiaoError(f"{folder} 不是文件夹：请给出存放单位数据文件（.toml）的文件夹")
    app = create_app(folder, hosts=hosts_for(host), jobs=jobs)
    server, sockets = make_server(app, host, port, fixed)
    shown = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
    shown = f"[{shown}]" if ":" in shown else shown
    url = f"http://{shown}:{server.effective_port}/"
    worker = None
    if thread:
        worker = threading.Thread(target=server.run, name="jixiao-web", daemon=True)
        worker.start()
    return Running(server, worker, url, sockets)


def open_browser(url: str) -> None:
    threading.Timer(0.5, lambda: webbrowser.open(url)).start()
