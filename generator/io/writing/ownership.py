"""Which existing workbook a command may replace: only one this tool wrote as the same kind.

The tool marks what it writes in the workbook's custom properties (jixiao = 汇总表 or 自评表);
Excel, WPS and LibreOffice keep custom properties when they save. A file without the mark (a
hand-filled 自评表 from elsewhere, any other workbook) is never replaced.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree  # type: ignore[import-untyped]
from openpyxl import Workbook
from openpyxl.packaging.custom import StringProperty

from generator.errors import JixiaoError

MARK = "jixiao"
SUMMARY = "汇总表"
SHEET = "自评表"
PROPS = "docProps/custom.xml"
LIMIT = 1024 * 1024  # bytes: a properties part is a few hundred
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def mark(wb: Workbook, kind: str) -> None:
    """Mark the workbook as written by this tool as `kind` (SUMMARY or SHEET)."""
    wb.custom_doc_props.append(StringProperty(name=MARK, value=kind))


def written_as(path: Path) -> str | None:
    """The kind this tool wrote the workbook as; None for any other file (or one it cannot read)."""
    try:
        with zipfile.ZipFile(path) as z:
            info = z.getinfo(PROPS)
            if info.file_size > LIMIT:
                return None
            root = etree.fromstring(z.read(info), PARSER)
    except (OSError, KeyError, zipfile.BadZipFile, etree.XMLSyntaxError, ValueError):
        return None
    for prop in root:
        if prop.get("name") == MARK and len(prop):
            return (prop[0].text or "").strip()
    return None


def may_replace(target: Path, kind: str, force: bool = True) -> None:
    """Refuse (JixiaoError) to replace an existing file unless this tool wrote it as `kind`;
    `force` False: refuse any existing file (one the clerk may have filled in)."""
    if not (target.exists() or target.is_symlink()):
        return
    if written_as(target) != kind:
        raise JixiaoError(
            f"{target} 已经存在，没有覆盖：它不是本工具写出的{kind}（可能是手工填写的自评表"
            "或别的工作簿），原样留着；请用 -o 另指文件名，或先把它移到别处"
        )
    if not force:
        raise JixiaoError(
            f"{target} 已经存在，没有覆盖（其中可能有手工填写的内容）；"
            "确要覆盖请加 --force，或用 -o 另指文件名"
        )
