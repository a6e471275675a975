"""Excel and PDF from the page: the 自评表 and summary workbooks, a report's PDF, importing a
自评表 into a unit (preview what changes, then apply), through the same library calls as the
commands `export`, `summary`, `import` and `build --pdf`.
"""

from __future__ import annotations

import hashlib
import secrets
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from flask import Blueprint, Response, abort, redirect, render_template, request, url_for

from generator.errors import JixiaoError, Problem
from generator.web.jobs import BUILD_LOCK
from generator.web.safety import MAX_UPLOAD, inside, looks_like_xlsx
from generator.web.site import error_page, site
from generator.web.units import view
from generator.web.words import plain

bp = Blueprint("excel", __name__)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
KEEP = 20  # previewed uploads kept in memory, waiting for “apply”


def attachment(data: bytes, mimetype: str, name: str, ascii_name: str) -> Response:
    response = Response(data, mimetype=mimetype)
    response.headers["Content-Disposition"] = (
        f"attachment; filename={ascii_name}; filename*=UTF-8''{quote(name)}"
    )
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/unit/<name>/自评表.xlsx")
def sheet(name: str):
    from generator.io.writing.workbook_export import workbook_bytes

    s = site()
    v = view(s.folder, s.folder.unit(name), s.cache)
    if v.unit is None:
        abort(400, "数据文件有错误，无法导出自评表：请先按单位页面列出的行号改正")
    return attachment(workbook_bytes(v.unit), XLSX, f"{name}-自评表.xlsx", "sheet.xlsx")


@bp.get("/summary.xlsx")
def summary():
    from generator.io.writing.summary import collect, summary_bytes

    folder = site().folder
    paths = [p for p in folder.unit_files() if inside(folder.root, p)]
    if not paths:
        abort(404, "这个文件夹里没有单位数据文件（.toml）")
    return attachment(summary_bytes(collect(paths)), XLSX, "汇总表.xlsx", "summary.xlsx")


@bp.get("/unit/<name>/report.pdf")
def report_pdf(name: str):
    from generator.io import pdf as pdfs

    folder = site().folder
    source = folder.unit(name)
    docx, pdf = folder.report(source), folder.report(source, ".pdf")
    if not docx.is_file():
        abort(404, f"{name} 还没有生成报告：请先点“生成报告”")
    if not pdf.is_file() or pdf.stat().st_mtime_ns < docx.stat().st_mtime_ns:
        with BUILD_LOCK:
            result = pdfs.to_pdf(docx, pdf)
        if result.pdf is None:
            return error_page(503, plain(f"无法生成 PDF：{result.problem}", None, folder.root))
        warnings = result.warnings
    else:
        missing = pdfs.missing_fonts(docx)
        warnings = [pdfs.font_warning(missing)] if missing else []
    response = attachment(pdf.read_bytes(), "application/pdf", pdf.name, "report.pdf")
    # The page shows it beside the download: which official fonts the PDF had to replace.
    response.headers["X-Jixiao-Fonts"] = quote("；".join(warnings))
    return response


@dataclass
class Upload:
    unit: Path
    filename: str
    data: bytes
    unit_hash: str  # the unit file as it was when the preview was made


def _uploads() -> dict[str, Upload]:
    return site().uploads


def _hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _safe_name(filename: str) -> str:
    """The upload's own name for messages (自评表.xlsx 工作表…), never used as a path of ours."""
    base = Path(filename.replace("\\", "/")).name.strip() or "自评表.xlsx"
    keep = "".join(c for c in base if c.isprintable() and c not in '/\\:*?"<>|')
    return keep[:80] or "自评表.xlsx"


def run_import(up: Upload, dry_run: bool):
    """import_into on a private copy of the upload; (result, problems) — one of them None/[]."""
    from generator.cycle.workbook_import import import_into

    with tempfile.TemporaryDirectory(prefix="jixiao-upload-") as tmp:
        xlsx = Path(tmp) / _safe_name(up.filename)
        xlsx.write_bytes(up.data)
        try:
            return import_into(xlsx, up.unit, dry_run=dry_run), []
        except JixiaoError as exc:
            problems = list(getattr(exc, "problems", []) or [Problem(str(exc))])
            return None, [p for p in problems if p.is_error] or problems


@bp.route("/unit/<name>/import", methods=["GET", "POST"])
def upload(name: str):
    s = site()
    path = s.folder.unit(name)
    v = view(s.folder, path, s.cache)
    if request.method == "GET":
        return render_template("import.html", v=v, max_mb=MAX_UPLOAD // (1024 * 1024))
    sent = request.files.get("workbook")
    if sent is None or not sent.filename:
        abort(400, "请选择要导入的自评表（.xlsx）")
    data = sent.read(MAX_UPLOAD + 1)
    if len(data) > MAX_UPLOAD:
        abort(413)
    bad = looks_like_xlsx(sent.filename, data[:8])
    if bad:
        abort(400, bad)
    up = Upload(path, sent.filename, data, _hash(path))
    result, problems = run_import(up, dry_run=True)
    key = ""
    if result is not None and result.changed and not result.sheet_errors:
        uploads = _uploads()
        while len(uploads) >= KEEP:
            uploads.pop(next(iter(uploads)))
        key = secrets.token_urlsafe(16)
        uploads[key] = up
    status = 400 if problems else 200
    return (
        render_template(
            "import.html",
            v=v,
            result=result,
            problems=problems or (result.problems if result else []),
            key=key,
            filename=_safe_name(sent.filename),
            max_mb=MAX_UPLOAD // (1024 * 1024),
        ),
        status,
    )


@bp.post("/unit/<name>/import/apply")
def apply(name: str):
    s = site()
    path = s.folder.unit(name)
    up = _uploads().pop(request.form.get("key", ""), None)
    if up is None or up.unit != path:
        abort(400, "找不到这次上传（可能已经导入过，或网页重启过）：请重新上传自评表")
    if _hash(path) != up.unit_hash:
        abort(400, f"{path.name} 在预览之后又改过：请重新上传自评表，再看一遍将要改动的内容")
    with BUILD_LOCK:
        result, problems = run_import(up, dry_run=False)
    if result is None:
        s.flash[path] = ("bad", [plain(p.message, None, s.folder.root) for p in problems])
    else:
        s.flash[path] = ("ok", [f"已从 {_safe_name(up.filename)} 导入，数据文件已更新"])
    return redirect(url_for("unit.show", name=name), code=303)
