"""Editing a unit in forms: one page per section (单位, 预算, 指标 …), save, undo the last save."""

from __future__ import annotations

import tomlkit
from flask import Blueprint, abort, redirect, render_template, request, url_for

from generator.data.formats import available
from generator.data.loader import read_text
from generator.errors import DataError
from generator.web.editing import Conflict, can_undo, digest, history, save, undo
from generator.web.forms import SECTIONS, build_form, overlay
from generator.web.site import site
from generator.web.units import view
from generator.web.words import format_name

bp = Blueprint("edit", __name__, url_prefix="/unit")


def page(name: str, section: str, sent=None, errors=None, problem: str = "", status: int = 200):
    s = site()
    path = s.folder.unit(name)
    if section not in SECTIONS:
        abort(404, f"没有“{section[:20]}”这一部分")
    raw = path.read_bytes()
    try:
        doc = tomlkit.parse(read_text(path))
    except (DataError, tomlkit.exceptions.ParseError) as exc:
        v = view(s.folder, path, s.cache)
        message = v.say(str(exc)) if isinstance(exc, DataError) else "文件的格式有错误"
        abort(400, f"{path.name} 读不懂（{message}），表单无法打开：请按单位页面所列的行号改正")
    form = build_form(section, doc)
    if sent is not None:
        overlay(form, sent)
    errors = errors or {}
    for inp in form.inputs:
        inp.error = errors.get(inp.name, "")
    for t in form.tables:
        for row, _ in t.rows:
            for c in t.columns:
                message = errors.get(f"r:{t.key}:{row}:{c.key}")
                if message:
                    t.errors[(row, c.key)] = message
    html = render_template(
        "edit.html",
        v=view(s.folder, path, s.cache),
        form=form,
        sections=list(SECTIONS),
        section=section,
        opened=(sent or {}).get("opened") or digest(raw),
        problem=problem,
        errors=errors,
        can_undo=can_undo(path),
        conflict=status == 409,
        formats=[(f, format_name(f)) for f in available()],
    )
    return html, status


@bp.get("/<name>/edit/<section>")
def edit(name: str, section: str):
    return page(name, section)


@bp.post("/<name>/edit/<section>")
def store(name: str, section: str):
    s = site()
    path = s.folder.unit(name)
    if section not in SECTIONS:
        abort(404, f"没有“{section[:20]}”这一部分")
    s.folder.keep_inside(*history(path))  # the copy kept for undo is written too
    sent = request.form
    try:
        out = save(path, section, sent, sent.get("opened", ""))
    except Conflict:
        problem = (
            f"{path.name} 在您打开这个表单之后被改过（另一个窗口、或有人用记事本改了它），"
            "为免覆盖别人的改动，这次没有保存。下面仍是您填的内容；请点“重新打开”看文件现在的样子，再改一次。"
        )
        return page(name, section, sent, problem=problem, status=409)
    if out.errors:
        problem = f"有 {len(out.errors)} 处填得不对（见标红的格子），文件没有改动。"
        return page(name, section, sent, out.errors, problem, 400)
    if out.changed:
        s.flash[path] = ("ok", [f"已保存“{section}”的改动。"])
    else:
        s.flash[path] = ("ok", [f"“{section}”没有改动，文件未动。"])
    return redirect(url_for("unit.show", name=name), code=303)


@bp.post("/<name>/undo")
def undo_last(name: str):
    s = site()
    path = s.folder.unit(name)
    s.folder.keep_inside(*history(path))
    if undo(path):
        s.flash[path] = ("ok", ["已撤销上一次保存，数据文件恢复为保存之前的样子。"])
    else:
        s.flash[path] = ("bad", ["无法撤销：没有可撤销的保存，或文件在保存之后又改过。"])
    return redirect(url_for("unit.show", name=name), code=303)
