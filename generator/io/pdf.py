"""PDF through LibreOffice: find `soffice`, convert one .docx or .xlsx, warn about missing fonts.

Each conversion runs its own LibreOffice with a private temporary profile and output folder, so
parallel builds never share (or lock) a profile, and a hung LibreOffice is killed after a
timeout. The PDF replaces any old one in one step (atomic_write), like the reports themselves.

Wiring it into `build` (the caller keeps writing the .docx whatever happens here):

    result = to_pdf(target)                 # after the .docx is written; never raises
    if result.problem: print once: result.problem   (e.g. LibreOffice missing: how to install)
    for w in result.warnings: print once per font: w

Fonts: the reports name the official faces (方正小标宋简体, 仿宋_GB2312, 黑体, 楷体_GB2312), which a Linux
machine rarely has; LibreOffice would then fall back silently to whatever CJK face it finds first
(on Debian: Noto Sans CJK JP, Japanese glyph forms, for every role). The private profile therefore
holds a font replacement table (Tools > Options > Fonts) that maps each missing official face to a
free Simplified-Chinese face of the same role (fonts.py).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from xml.etree import ElementTree

from generator.errors import JixiaoError
from generator.io.fonts import replacement_table, substitutes, write_profile
from generator.report.write import atomic_write

ENV = "JIXIAO_SOFFICE"
TIMEOUT = 180  # seconds; a first run with a fresh profile takes a few seconds, a report a few more
WINDOWS = [r"LibreOffice\program\soffice.exe", r"LibreOffice 7\program\soffice.exe"]
MACOS = ["/Applications/LibreOffice.app/Contents/MacOS/soffice"]
INSTALL = (
    "没有找到 LibreOffice，未生成 PDF（Word/Excel 文件照常写出）。请安装 LibreOffice"
    "（https://zh-cn.libreoffice.org/download/ ；Linux：apt install libreoffice-writer-nogui "
    "libreoffice-calc-nogui fonts-noto-cjk fonts-lxgw-wenkai），或用环境变量 JIXIAO_SOFFICE 指明 soffice 的位置"
)


class PdfError(JixiaoError):
    """The PDF could not be made; the .docx or .xlsx it was made from is untouched."""


def find_soffice() -> Path | None:
    """$JIXIAO_SOFFICE, then soffice/libreoffice on PATH, then the usual install folders."""
    given = os.environ.get(ENV)
    if given:
        path = Path(given)
        if path.is_dir():
            path = next(
                (
                    p
                    for p in (
                        path / "soffice",
                        path / "soffice.exe",
                        path / "program" / "soffice.exe",
                    )
                    if p.is_file()
                ),
                path / "soffice",
            )
        return path if path.is_file() else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return Path(found)
    roots = [os.environ.get(v) for v in ("ProgramFiles", "ProgramFiles(x86)", "ProgramW6432")]
    candidates = [Path(r) / w for r in roots if r for w in WINDOWS] + [Path(p) for p in MACOS]
    candidates += [Path.home() / p.lstrip("/") for p in MACOS]
    return next((p for p in candidates if p.is_file()), None)


def _kill(proc: subprocess.Popen) -> None:
    with contextlib.suppress(OSError):
        if os.name == "nt":
            proc.kill()
        else:
            os.killpg(proc.pid, signal.SIGKILL)
    with contextlib.suppress(Exception):
        proc.communicate(timeout=10)


def convert(
    source: Path,
    target: Path | None = None,
    timeout: float = TIMEOUT,
    soffice: Path | None = None,
    to: str = "pdf",
) -> Path:
    """Write `source` (.docx, .xlsx; a .doc with to="docx") as PDF or `to` (default: beside it,
    same name); PdfError if it fails."""
    source = Path(source)
    target = Path(target) if target else source.with_suffix("." + to)
    soffice = soffice or find_soffice()
    if soffice is None:
        raise PdfError(INSTALL)
    with tempfile.TemporaryDirectory(prefix="jixiao-pdf-") as tmp:
        profile, out = Path(tmp) / "profile", Path(tmp) / "out"
        write_profile(profile, replacement_table(installed_fonts()))
        cmd = [
            str(soffice),
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--nologo",
            "--nolockcheck",
            "--convert-to",
            to,
            "--outdir",
            str(out),
            str(source.resolve()),
        ]
        try:
            proc = subprocess.Popen(
                cmd,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                start_new_session=os.name != "nt",
            )
        except OSError as exc:
            raise PdfError(
                f"无法运行 LibreOffice（{soffice}）：{exc.strerror}。{INSTALL}"
            ) from None
        try:
            _stdout, stderr = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill(proc)
            raise PdfError(
                f"LibreOffice 转换 {source.name} 超过 {timeout:g} 秒没有完成，已中止"
            ) from None
        pdf = out / (source.stem + "." + to)
        if not pdf.is_file():
            said = stderr.decode("utf-8", "replace").strip().splitlines()
            said = [s for s in said if "javaldx" not in s]
            why = said[-1] if said else f"退出码 {proc.returncode}"
            hint = (
                "（转换 .xlsx 需要 LibreOffice Calc：libreoffice-calc-nogui）"
                if source.suffix.lower() == ".xlsx"
                else ""
            )
            raise PdfError(f"LibreOffice 没能把 {source.name} 转为 PDF：{why}{hint}")
        atomic_write(target, pdf.read_bytes())
    return target


# -- fonts --------------------------------------------------------------------------------------

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
XLSX_FONT = re.compile(r'<(?:x:)?name val="([^"]+)"')
# Fonts LibreOffice replaces by a metric-compatible one: the layout does not change.
METRIC_TWINS = {
    "calibri": "carlito",
    "cambria": "caladea",
    "arial": "liberation sans",
    "times new roman": "liberation serif",
    "courier new": "liberation mono",
}


def _rfonts(element) -> set[str]:
    return {
        v
        for rf in element.iter(W + "rFonts")
        for k, v in rf.attrib.items()
        if k in (W + "ascii", W + "hAnsi", W + "eastAsia", W + "cs")
    }


def _docx_fonts(z: zipfile.ZipFile) -> set[str]:
    """Fonts of the runs, and of the styles they use (with the styles those are based on)."""
    styles = (
        ElementTree.fromstring(z.read("word/styles.xml"))
        if "word/styles.xml" in z.namelist()
        else None
    )
    by_id = {} if styles is None else {s.get(W + "styleId"): s for s in styles.iter(W + "style")}
    used = {sid for sid, s in by_id.items() if s.get(W + "default") == "1"}
    names: set[str] = set()
    for part in z.namelist():
        if re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", part):
            root = ElementTree.fromstring(z.read(part))
            names |= _rfonts(root)
            used |= {
                el.get(W + "val")
                for el in root.iter()
                if el.tag in (W + "pStyle", W + "rStyle", W + "tblStyle")
            }
    todo = list(used)
    while todo:
        style = by_id.get(todo.pop())
        if style is None:
            continue
        names |= _rfonts(style)
        for ref in (W + "basedOn", W + "link"):
            el = style.find(ref)
            if el is not None and el.get(W + "val") not in used:
                used.add(el.get(W + "val"))
                todo.append(el.get(W + "val"))
    defaults = None if styles is None else styles.find(W + "docDefaults")
    if defaults is not None:
        names |= _rfonts(defaults)
    return names


def fonts_named(path: Path) -> set[str]:
    """Font names a .docx (its runs and the styles they use) or .xlsx (its cell fonts) asks for."""
    try:
        with zipfile.ZipFile(path) as z:
            if "word/document.xml" in z.namelist():
                names = _docx_fonts(z)
            else:
                names = set(XLSX_FONT.findall(z.read("xl/styles.xml").decode("utf-8", "replace")))
    except (OSError, KeyError, zipfile.BadZipFile, ElementTree.ParseError):
        return set()  # not a document we can read: LibreOffice will say what is wrong with it
    return {n for n in names if n and not n.startswith("+")}  # +mn-ea: theme fonts


@cache
def installed_fonts() -> frozenset[str] | None:
    """Family names fontconfig knows (every localized name), or None where fc-list is missing."""
    fc = shutil.which("fc-list")
    if fc is None:
        return None
    try:
        out = subprocess.run(
            [fc, ":", "family"], capture_output=True, timeout=30, check=True
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    names: set[str] = set()
    for line in out.decode("utf-8", "replace").splitlines():
        names.update(n.strip().lower() for n in line.split(","))
    return frozenset(names)


def missing_fonts(path: Path) -> list[str]:
    """Fonts the document names that this machine lacks (empty when that cannot be told)."""
    have = installed_fonts()
    if have is None:
        return []
    return sorted(
        n
        for n in fonts_named(path)
        if n.lower() not in have and METRIC_TWINS.get(n.lower()) not in have
    )


def font_warning(names: list[str]) -> str:
    shown = "、".join(f"“{n}”" for n in names)
    return f"本机没有安装字体{shown}，PDF 中将用其他字体代替（字形和分页可能与 Word/Excel 中不同）"


@dataclass
class PdfResult:
    pdf: Path | None
    problem: str | None = None  # why there is no PDF
    warnings: list[str] = field(default_factory=list)


def replaced_warning(replaced: dict[str, str]) -> str:
    pairs = "，".join(f"“{official}”用“{free}”" for official, free in sorted(replaced.items()))
    return (
        f"本机没有安装公文字体，PDF 中{pairs}代替（同类的免费简体中文字体；"
        "字形和分页可能与 Word/Excel 中略有不同，装上公文字体后重新生成即用原字体）"
    )


def to_pdf(source: Path, target: Path | None = None, timeout: float = TIMEOUT) -> PdfResult:
    """convert() for callers that go on without a PDF: never raises, says what went wrong."""
    missing = missing_fonts(source)
    replaced = substitutes(missing, installed_fonts() or frozenset())
    unreplaced = [n for n in missing if n not in replaced]
    warnings = [replaced_warning(replaced)] if replaced else []
    warnings += [font_warning(unreplaced)] if unreplaced else []
    try:
        return PdfResult(convert(source, target, timeout), None, warnings)
    except PdfError as exc:
        return PdfResult(None, str(exc), warnings)
