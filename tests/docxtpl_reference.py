"""docxtpl itself, as its documentation uses it: the yardstick the one render path is held to.

Tests only: the tool renders one way (generator/report/prepared.py); these tests render the
same unit with a fresh `DocxTemplate(...).render()`, the same post-pass, and python-docx's own
save re-zipped with fixed times, and compare the bytes.
"""

import io
import zipfile

from docxtpl import DocxTemplate

from generator.report.columns import style_sizes
from generator.report.context import build_context
from generator.report.layout import style_names
from generator.report.render import finish, jinja_environment
from generator.report.write import FIXED_TIME


def normalise_zip(data: bytes) -> bytes:
    """Same content, same bytes: fixed timestamps and order in the .docx container."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as zin,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout,
    ):
        for info in zin.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            zout.writestr(fixed, zin.read(info.filename))
    return out.getvalue()


def docxtpl_document(unit):
    """The unit's report as docxtpl renders it, with the tool's post-pass: a Document."""
    tpl = DocxTemplate(str(unit.fmt.template))
    tpl.render(build_context(unit), jinja_environment(unit.fmt.settings), autoescape=True)
    doc = tpl.docx
    finish(unit, doc.element.body, doc.core_properties, style_names(doc), style_sizes(doc))
    return doc


def docxtpl_bytes(unit) -> bytes:
    saved = io.BytesIO()
    docxtpl_document(unit).save(saved)
    return normalise_zip(saved.getvalue())
