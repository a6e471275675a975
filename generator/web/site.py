"""What every route shares for one served folder: the folder, caches, the builder, the token."""

from __future__ import annotations

import logging
from html import escape
from pathlib import Path

from flask import current_app, g, render_template

from generator.web.jobs import Builder
from generator.web.safety import Folder, new_token
from generator.web.units import Evaluations
from generator.web.words import scrub

TITLES = {
    400: "请求有误",
    403: "拒绝访问",
    404: "找不到",
    405: "不支持的操作",
    413: "文件太大",
    500: "内部错误",
}


class Site:
    def __init__(self, folder: Folder, jobs: int | None = None):
        self.folder = folder
        self.cache = Evaluations()
        self.builder = Builder(folder, jobs)
        self.token = new_token()
        # What the last action on a unit said, shown once on its page after the redirect.
        self.flash: dict[Path, tuple[str, list[str]]] = {}
        # Workbooks uploaded for import, previewed and waiting for “apply” (by a random key).
        self.uploads: dict = {}


def site() -> Site:
    return current_app.extensions["jixiao"]


# The page said when even the error page cannot be drawn: no template, no data, still Chinese.
BARE = (
    '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>{title}</title>'
    "<h1>{title}</h1><p>{message}</p><p>（错误代码 {status}）</p></html>"
)


def error_page(status: int, message: str):
    """Every failure's page: Chinese, no exception names, no temporary or private paths."""
    title = TITLES.get(status, "出错了")
    try:
        said = scrub(message, site().folder.root)
    except Exception:  # no app context, no site: say it without the folder
        said = scrub(message)
    g.stamp = ""  # an error page does not reload itself when the unit changes
    try:
        html = render_template("error.html", status=status, title=title, message=said)
    except Exception:
        logging.getLogger("jixiao.web").exception("the error page failed")
        html = BARE.format(title=escape(title), message=escape(said), status=status)
    return html, status
