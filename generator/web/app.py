"""The Flask application for one served folder: request checks, error pages, the page routes."""

from __future__ import annotations

from pathlib import Path

from flask import Flask, Response, abort, g, request
from werkzeug.exceptions import HTTPException

from generator import __version__
from generator.web import routes_edit, routes_excel, routes_folder, routes_misc, routes_unit
from generator.web.safety import (
    LOCAL_HOSTS,
    MAX_UPLOAD,
    Folder,
    Refused,
    allowed_host,
    climbs,
    same_origin,
    same_token,
)
from generator.web.site import TITLES, Site, error_page, site
from generator.web.words import plain, scrub


def create_app(
    folder: Path, *, hosts: tuple[str, ...] = LOCAL_HOSTS, jobs: int | None = None
) -> Flask:
    """The app serving `folder`; `hosts` are the Host names accepted (`*`: any)."""
    app = Flask(__name__, static_folder=None)
    app.url_map.merge_slashes = False  # /unit//etc/passwd reaches the refusal, not a redirect
    app.config["MAX_CONTENT_LENGTH"] = MAX_UPLOAD
    app.config["TEMPLATES_AUTO_RELOAD"] = False
    app.extensions["jixiao"] = Site(Folder(Path(folder)), jobs)
    app.jinja_env.globals["version"] = __version__
    app.jinja_env.filters["clerk"] = lambda text: plain(str(text), None, site().folder.root)
    app.jinja_env.filters["scrub"] = lambda text: scrub(str(text), site().folder.root)

    @app.before_request
    def check_request() -> None:
        if not allowed_host(request.host, hosts):
            abort(403, "请求的主机名不是本机（为防“DNS 重绑定”攻击，拒绝处理）")
        if climbs(request.path):
            raise Refused("拒绝访问：请求的路径不在本文件夹内")
        if request.method == "POST":
            token = request.form.get("csrf") or request.headers.get("X-CSRF-Token")
            if not same_origin(
                request.headers.get("Origin"), request.headers.get("Referer"), request.host
            ):
                abort(403, "跨站请求被拒绝：这个操作只能从本页面发出")
            if not same_token(token, site().token):
                abort(403, "跨站请求被拒绝：页面已过期或来自别处，请刷新页面后重试")

    @app.after_request
    def headers(response: Response) -> Response:
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; style-src 'self' 'unsafe-inline'; "
            "script-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'",
        )
        if response.mimetype == "text/html":
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    @app.context_processor
    def shared() -> dict:
        return {
            "csrf": site().token,
            "folder": site().folder,
            "stamp_for": getattr(g, "stamp", ""),
        }

    @app.errorhandler(Refused)
    def refused(exc: Refused):
        return error_page(exc.status, str(exc))

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        status = exc.code or 500
        message = exc.description if status in (403, 400) else ""
        if status == 413:
            message = f"上传的文件超过 {MAX_UPLOAD // (1024 * 1024)} MB，没有接收"
        if status == 404 and not message:
            message = "没有这个页面"
        if status == 404 and exc.description and "requested URL" not in exc.description:
            message = exc.description
        return error_page(status, message or TITLES.get(status, "出错了"))

    @app.errorhandler(Exception)
    def crash(exc: Exception):
        app.logger.exception("unexpected error")
        return error_page(
            500, "本工具出了内部错误（不是数据的问题）：请把终端窗口里的说明发给开发人员"
        )

    for module in (routes_folder, routes_unit, routes_edit, routes_misc, routes_excel):
        app.register_blueprint(module.bp)
    return app
