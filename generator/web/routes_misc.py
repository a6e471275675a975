"""The formats list and the new-unit page (the `init` file, written into the folder or downloaded)."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, Response, abort, redirect, render_template, request, url_for

from generator.compute.numbers import fmt_number
from generator.cycle.init_file import init_unit, unit_text
from generator.data.formats import available, resolve
from generator.errors import JixiaoError
from generator.web.safety import MAX_UPLOAD, Refused, looks_like_xlsx, suspicious
from generator.web.site import site
from generator.web.words import plain

bp = Blueprint("misc", __name__)


@dataclass
class FormatRow:
    id: str
    name: str = ""
    region: str = ""
    note: str = ""
    extends: str = ""
    scored: bool = True
    grades: str = ""
    problem: str = ""


def grade_bands(grades) -> str:
    """优 ≥ 90 分，良 80 至 90 分，… from the format's grades, highest first."""
    ordered = sorted(grades, key=lambda gr: gr.lower, reverse=True)
    parts = []
    for i, grade in enumerate(ordered):
        low = fmt_number(grade.lower, 2, trim=True)
        if i == 0:
            parts.append(f"{grade.name}：{low} 分及以上")
        else:
            high = fmt_number(ordered[i - 1].lower, 2, trim=True)
            parts.append(f"{grade.name}：{low} 至 {high} 分（不含 {high}）")
    return "；".join(parts)


def format_rows() -> list[FormatRow]:
    rows = []
    for format_id in available():
        try:
            s = resolve(format_id).settings
        except JixiaoError as exc:
            rows.append(FormatRow(format_id, problem=str(exc)))
            continue
        rows.append(
            FormatRow(
                format_id,
                s.name,
                s.region,
                s.note or "",
                s.extends or "",
                s.scoring.scored,
                grade_bands(s.grades) if s.scoring.scored else "不计分，不评等级",
            )
        )
    return rows


@bp.get("/formats")
def formats():
    return render_template("formats.html", rows=format_rows())


def known_format(format_id: str) -> str:
    if suspicious(format_id) or format_id not in available():
        abort(404, f"没有格式“{format_id[:40]}”")
    return format_id


@bp.get("/formats/<format_id>/新单位.toml")
def blank(format_id: str):
    fmt = resolve(known_format(format_id))
    text = unit_text(fmt.id, fmt.settings.name)
    response = Response(text, mimetype="text/plain; charset=utf-8")
    response.headers["Content-Disposition"] = (
        f"attachment; filename=new-unit.toml; filename*=UTF-8''{_quote('新单位.toml')}"
    )
    return response


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name)


@bp.route("/new/report", methods=["POST"])
def new_from_report():
    """A new unit drafted from last year's report (.docx), written next to the other units."""
    import tempfile
    from pathlib import Path

    from generator.cycle.report_import import import_report

    rows = [r for r in format_rows() if not r.problem]
    name = request.form.get("name", "")
    chosen = request.form.get("format", "")
    sent = request.files.get("report")
    try:
        if sent is None or not sent.filename:
            raise Refused("请选择上年的报告（.docx）", 400)
        if not sent.filename.lower().endswith(".docx"):
            raise Refused(
                "只接受 Word 文档（.docx）：请在 Word 或 WPS 中“另存为” .docx 后再上传", 400
            )
        data = sent.read(MAX_UPLOAD + 1)
        if len(data) > MAX_UPLOAD:
            abort(413)
        path = site().folder.new_file(name)
        if path.exists():
            raise Refused(f"{path.name} 已经存在，没有覆盖；请换一个文件名", 400)
        with tempfile.TemporaryDirectory(prefix="jixiao-report-") as tmp:
            report = Path(tmp) / "报告.docx"
            report.write_bytes(data)
            import_report(report, path, chosen if chosen in available() else None)
        return redirect(url_for("unit.show", name=path.stem), code=303)
    except (Refused, JixiaoError) as exc:
        problem = str(exc)
    return (
        render_template("new.html", rows=rows, chosen=chosen, name=name, problem=problem),
        400,
    )


def page_with(problem: str, problems: list | None = None, status: int = 400):
    rows = [r for r in format_rows() if not r.problem]
    html = render_template(
        "new.html",
        rows=rows,
        chosen=request.form.get("format", ""),
        name=request.form.get("name", ""),
        problem=problem,
        problems=problems or [],
    )
    return html, status


@bp.post("/new/sheet")
def new_from_sheet():
    """A new unit from an uploaded 自评表 (.xlsx), written next to the other units: the same
    code path as `jixiao import 自评表.xlsx -o 新单位.toml`; never overwrites."""
    import tempfile
    from pathlib import Path

    from generator.cycle.workbook_import import import_new
    from generator.web.routes_excel import _safe_name

    chosen = request.form.get("format", "")
    sent = request.files.get("workbook")
    if sent is None or not sent.filename:
        return page_with("请选择要导入的自评表（.xlsx）")
    data = sent.read(MAX_UPLOAD + 1)
    if len(data) > MAX_UPLOAD:
        abort(413)
    bad = looks_like_xlsx(sent.filename, data[:8])
    if bad:
        return page_with(bad)
    try:
        path = site().folder.new_file(request.form.get("name", ""))
        if path.exists():
            raise Refused(f"{path.name} 已经存在，没有覆盖；请换一个文件名", 400)
        upload = _safe_name(sent.filename)
        with tempfile.TemporaryDirectory(prefix="jixiao-upload-") as tmp:
            xlsx = Path(tmp) / upload
            xlsx.write_bytes(data)
            try:
                import_new(xlsx, path, chosen if chosen in available() else None)
            except JixiaoError as exc:
                errors = [p for p in getattr(exc, "problems", []) if p.is_error]
                if not errors:
                    raise
                # Where each one is, named by the upload (never the private copy's path).
                where = [(p.where().replace(str(xlsx), upload), p.message) for p in errors]
                return page_with(f"{upload} 中有 {len(errors)} 处错误，没有生成数据文件：", where)
    except Refused as exc:
        return page_with(str(exc))
    except JixiaoError as exc:
        return page_with(plain(str(exc), None, site().folder.root))
    return redirect(url_for("unit.show", name=path.stem), code=303)


@bp.route("/new", methods=["GET", "POST"])
def new_unit():
    rows = [r for r in format_rows() if not r.problem]
    chosen = request.values.get("format", "")
    name = request.form.get("name", "")
    problem = ""
    if request.method == "POST":
        try:
            if chosen not in available():
                raise Refused("请先选择一个格式", 400)
            format_id = chosen
            path = site().folder.new_file(name)
            if path.exists():
                raise Refused(f"{path.name} 已经存在，没有覆盖；请换一个文件名", 400)
            init_unit(path, format_id)
            return redirect(url_for("edit.edit", name=path.stem, section="单位"), code=303)
        except Refused as exc:
            problem = str(exc)
        except JixiaoError as exc:
            problem = str(exc)
        return (
            render_template("new.html", rows=rows, chosen=chosen, name=name, problem=problem),
            400,
        )
    return render_template("new.html", rows=rows, chosen=chosen, name=name, problem=problem)
