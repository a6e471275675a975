"""The one-pass writer gives the very bytes of zipfile writing the same parts with fixed times."""

import io
import zipfile

from docxtpl_reference import normalise_zip

from generator.report.docx_writer import deflate, write_zip


def zipped(members: list[tuple[str, bytes]]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members:
            z.writestr(name, data)
    return buf.getvalue()


def test_write_zip_is_normalise_zip_in_one_pass():
    members = [
        ("[Content_Types].xml", b"<Types/>"),
        ("word/document.xml", "<w:document>报告</w:document>".encode() * 500),
        ("word/empty.xml", b""),
        ("word/媒体/图.png", bytes(range(256)) * 40),
    ]
    ours = write_zip(deflate(name, data) for name, data in members)
    assert ours == normalise_zip(zipped(members))
    with zipfile.ZipFile(io.BytesIO(ours)) as z:
        assert z.testzip() is None
        assert [(i.filename, z.read(i)) for i in z.infolist()] == members
