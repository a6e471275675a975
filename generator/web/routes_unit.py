"""A unit: its check result, building it, downloading its report, the diff with the last build."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, abort, g, redirect, render_template, send_file, url_for

from generator.building import records
from generator.building.unit import BUILT
from generator.cycle.diff import compare_with_last_build
from generator.errors import JixiaoError
from generator.web.editing import can_undo
from generator.web.forms import SECTIONS
from generator.web.safety import Refused, suspicious
from generator.web.site import site
from generator.web.units import CURRENT, STATE_HELP, UnitView, stamp, view
from generator.web.words import plain

bp = Blueprint("unit", __name__, url_prefix="/unit")

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def source(name: str) -> Path:
    return site().folder.unit(name)


def unit_stamp(name: str) -> str:
    s = site()
    path = source(name)
    try:
        target = s.folder.report(path)
    except Refused:  # the output folder links out: only the data file is watched
        return stamp([path])
    return stamp([path, target, records.record_path(target)])


def unit_view(name: str) -> UnitView:
    s = site()
    return view(s.folder, source(name), s.cache)


@bp.get("/<path:rest>")
def refuse(rest: str):
    """Anything under /unit/ that isn't one of the routes below: traversal is refused, not 404."""
    if suspicious(rest.split("/", 1)[0]) or rest.startswith("/") or ".." in rest:
        raise Refused(f"拒绝访问：“{rest[:80]}”不在本文件夹内")
    abort(404)


@bp.get("/<name>")
def show(name: str):
    v = unit_view(name)
    g.stamp = url_for("folder.stamp_json", unit=name)
    message = site().flash.pop(v.path, None)
    return render_template(
        "unit.html",
        v=v,
        state_help=STATE_HELP,
        stamp=unit_stamp(name),
        message=message,
        can_build=v.can_build,
        current=v.state == CURRENT,
        sections=list(SECTIONS),
        can_undo=can_undo(v.path),
    )


@bp.post("/<name>/build")
def build(name: str):
    s = site()
    path = source(name)
    s.folder.report(path)  # refuses an output folder that links out before anything is written
    outcome = s.builder.build_one(path)
    if outcome.status == BUILT and outcome.target is not None:
        s.flash[path] = ("ok", [f"已生成报告：{s.folder.output_name}/{outcome.target.name}"])
    elif outcome.ok:
        s.flash[path] = ("ok", ["数据、格式都没有变，报告已是最新"])
    else:
        said = [plain(p.message, None, s.folder.root) for p in outcome.errors] or ["生成失败"]
        s.flash[path] = ("bad", said)
    return redirect(url_for("unit.show", name=name), code=303)


@bp.get("/<name>/report.docx")
def report_docx(name: str):
    s = site()
    path = source(name)
    target = s.folder.report(path)
    if not target.is_file():
        abort(404, f"{path.stem} 还没有生成报告：请先点“生成报告”")
    return send_file(
        target, mimetype=DOCX, as_attachment=True, download_name=target.name, max_age=0
    )


@bp.get("/<name>/data.toml")
def data_file(name: str):
    path = source(name)
    return send_file(
        path,
        mimetype="text/plain; charset=utf-8",
        as_attachment=True,
        download_name=path.name,
        max_age=0,
    )


@bp.get("/<name>/diff")
def diff(name: str):
    s = site()
    path = source(name)
    g.stamp = url_for("folder.stamp_json", unit=name)
    s.folder.report(path)
    try:
        result = compare_with_last_build(path, s.folder.output)
        problem = ""
    except JixiaoError as exc:
        result, problem = None, str(exc)
    if problem and "上次生成记录" in problem:
        problem = "这个单位还没有在本文件夹生成过报告，没有可以对比的上次数据。先点“生成报告”。"
    return render_template(
        "diff.html", v=unit_view(name), d=result, problem=problem, stamp=unit_stamp(name)
    )
