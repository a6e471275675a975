"""The folder page: one row per unit, build-all with its progress, the page's refresh stamp."""

from __future__ import annotations

from flask import Blueprint, g, jsonify, redirect, render_template, request, url_for

from generator.building.unit import target_for
from generator.web.jobs import first_problem
from generator.web.site import site
from generator.web.units import STATE_HELP, stamp, views

bp = Blueprint("folder", __name__)


def folder_stamp() -> str:
    s = site()
    paths = s.folder.unit_files()
    reports = [target_for(p, s.folder.output) for p in paths] if s.folder.output_ok() else []
    return stamp(paths + reports)


@bp.get("/")
def index():
    s = site()
    g.stamp = url_for("folder.stamp_json")
    rows = views(s.folder, s.cache)
    job = s.builder.job
    failed = [(o, first_problem(o)) for o in job.outcomes if not o.ok]
    return render_template(
        "folder.html",
        rows=rows,
        job=job,
        failed=failed,
        state_help=STATE_HELP,
        stamp=folder_stamp(),
    )


@bp.post("/build")
def build_all():
    s = site()
    s.builder.start_all(s.folder.unit_files())
    return redirect(url_for("folder.index") + "#progress", code=303)


@bp.get("/api/job")
def job_json():
    return jsonify(site().builder.job.as_json())


@bp.get("/api/stamp")
def stamp_json():
    name = request.args.get("unit")
    if name is None:
        return jsonify({"stamp": folder_stamp()})
    from generator.web.routes_unit import unit_stamp

    return jsonify({"stamp": unit_stamp(name)})
