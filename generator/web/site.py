"""What every route shares for one served folder: the folder, caches, the builder, the token."""

from __future__ import annotations

from pathlib import Path

from flask import current_app, render_template

from generator.web.jobs import Builder
from generator.web.safety import Folder, new_token
from generator.web.units import Evaluations

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


def error_page(status: int, message: str):
    title = TITLES.get(status, "出错了")
    return render_template("error.html", status=status, title=title, message=message), status
