"""A readable, diff-friendly text dump of a Word template (.docx), for reviewing template changes.

The shipped templates/<format-id>/template.docx files are binary; tests/templates/<format-id>.txt
holds this dump of each, so a change made in Word shows up as a text diff in review. The dump
lists, in this order:

- every part of the package with a hash of its content (any change at all shows up here);
- document properties, a few settings, theme and declared fonts;
- each section's page setup and its headers and footers;
- every body paragraph in order, with its style name and its text as docxtpl sees it (the text
  of all runs joined, so a `{{ … }}` or `{%p … %}` tag split over runs reads whole), then any
  direct paragraph or run formatting on indented lines;
- tables: rows × columns, grid widths, row flags (header repeat, cantSplit, height), each cell
  (c4 = starts in grid column 4) with its span, vertical merge, width, style and text;
- every style with its type, base style, East Asian and ASCII fonts, size, bold and outline
  level; styles in use and custom styles with the rest of their formatting spelled out, unused
  built-in ones (python-docx's default template brings ~160) with only a hash of the rest.

Lengths are in mm (page, table) or pt (font sizes, indents, spacing). Marks used in text:
⇥ tab, ↵ line break, «PAGE» a field (its instruction; the cached result is left out),
«drawing» a picture or shape, ␣ a trailing space.

Plain python-docx and lxml; nothing from the generator package.
"""

from __future__ import annotations

import hashlib
import io
import tomllib
import zipfile
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn
from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
PREFIXES = {
    W: "",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships": "r:",
    "http://schemas.microsoft.com/office/word/2010/wordml": "w14:",
    "http://schemas.microsoft.com/office/word/2012/wordml": "w15:",
    "http://schemas.openxmlformats.org/markup-compatibility/2006": "mc:",
}
NOISE = {
    "rsidR",
    "rsidRPr",
    "rsidRDefault",
    "rsidP",
    "rsidDel",
    "rsidSect",
    "rsidTr",
    "paraId",
    "uri",
}
TWIPS_PER_MM = 1440 / 25.4
PAPERS = {(210, 297): "A4", (297, 420): "A3", (148, 210): "A5", (216, 279): "Letter"}
SETTINGS = (
    "defaultTabStop",
    "evenAndOddHeaders",
    "mirrorMargins",
    "gutterAtTop",
    "autoHyphenation",
    "characterSpacingControl",
    "updateFields",
    "themeFontLang",
    "compat",
)


def _name(el) -> str:
    q = etree.QName(el)
    return PREFIXES.get(q.namespace, f"{{{q.namespace}}}") + q.localname


def _num(x: float, digits: int = 1) -> str:
    text = f"{x:.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _mm(twips) -> str:
    return f"{int(twips) / TWIPS_PER_MM:.1f}"


def _pt(twips) -> str:
    return _num(int(twips) / 20, 2) + "pt"


def _value(el, attr: str, value: str) -> str:
    """An attribute value in readable units where the unit is known."""
    tag = etree.QName(el).localname
    try:
        if tag in ("sz", "szCs", "kern") and attr == "val":
            return _num(int(value) / 2) + "pt"
        if tag == "ind" and not attr.endswith("Chars"):
            return _pt(value)
        if tag == "spacing" and attr in ("before", "after"):
            return _pt(value)
        if tag == "spacing" and attr == "line":
            rule = el.get(qn("w:lineRule"), "auto")
            return _pt(value) if rule != "auto" else _num(int(value) / 240, 2) + "×"
        if tag == "trHeight" and attr == "val":
            return _mm(value) + "mm"
    except ValueError:
        pass
    return value


def _item(child) -> str:
    """One property element as `name`, `name=v` or `name(a=v, …, children)`."""
    name = _name(child)
    kind, width = child.get(qn("w:type")), child.get(qn("w:w"))
    if kind is not None and width is not None and len(child.attrib) == 2 and len(child) == 0:
        if kind == "dxa":
            return f"{name}={_mm(width)}mm"
        if kind == "pct":
            return f"{name}={_num(int(width) / 50)}%"
        if kind in ("auto", "nil"):
            return f"{name}={kind}"
    attrs = [
        (etree.QName(k).localname, v)
        for k, v in child.attrib.items()
        if etree.QName(k).localname not in NOISE
    ]
    inner = props(child)
    if not attrs and not inner:
        return name
    if len(attrs) == 1 and attrs[0][0] == "val" and not inner:
        return f"{name}={_value(child, 'val', attrs[0][1])}"
    parts = [f"{k}={_value(child, k, v)}" for k, v in attrs]
    if inner:
        parts.append(inner)
    return f"{name}({', '.join(parts)})"


def props(el, skip: tuple[str, ...] = ()) -> str:
    """The children of a property element (pPr, rPr, tblPr, …), space-separated; see _item."""
    if el is None:
        return ""
    return " ".join(
        _item(child) for child in el if isinstance(child.tag, str) and _name(child) not in skip
    )


class _Styles:
    def __init__(self, styles_el):
        self.el = styles_el
        self.names: dict[str, str] = {}
        self.used: set[str] = set()
        self.default_paragraph = "Normal"
        if styles_el is None:
            return
        for s in styles_el.iter(qn("w:style")):
            sid = s.get(qn("w:styleId"))
            name_el = s.find(qn("w:name"))
            self.names[sid] = name_el.get(qn("w:val")) if name_el is not None else sid
            if s.get(qn("w:type")) == "paragraph" and s.get(qn("w:default")) in ("1", "true"):
                self.default_paragraph = self.names[sid]

    def mark_used(self, roots) -> None:
        """Remember the styles that paragraphs, runs and tables use, and what those are based on."""
        based = {}
        default = None
        for st in self.el.iter(qn("w:style")) if self.el is not None else ():
            sid = st.get(qn("w:styleId"))
            b = st.find(qn("w:basedOn"))
            if b is not None:
                based[sid] = b.get(qn("w:val"))
            if st.get(qn("w:type")) == "paragraph" and st.get(qn("w:default")) in ("1", "true"):
                default = sid
        todo = [default] if default else []
        for root in roots:
            for tag in ("w:pStyle", "w:rStyle", "w:tblStyle"):
                todo += [el.get(qn("w:val")) for el in root.iter(qn(tag))]
        while todo:
            sid = todo.pop()
            if sid and sid not in self.used:
                self.used.add(sid)
                todo.append(based.get(sid))

    def name(self, sid: str | None) -> str:
        if sid is None:
            return self.default_paragraph
        return self.names.get(sid, f"?{sid}")


# --- text -----------------------------------------------------------------------------------


def _text(p) -> str:
    """The paragraph's text as docxtpl joins it: all w:t in order; fields by their instruction."""
    out: list[str] = []
    fields: list[dict] = []  # open complex fields: {"instr": [...], "result": bool}

    def emit(text: str) -> None:
        if not (fields and fields[-1]["result"]):  # not the cached result, e.g. page number "1"
            out.append(text)

    def walk(el):
        for child in el:
            if not isinstance(child.tag, str):
                continue
            tag = child.tag
            if tag == qn("w:fldChar"):
                kind = child.get(qn("w:fldCharType"))
                if kind == "begin":
                    fields.append({"instr": [], "result": False})
                elif kind == "separate" and fields:
                    field = fields[-1]
                    field["result"] = True
                    out.append(f"«{''.join(field['instr']).strip()}»")
                elif kind == "end" and fields:
                    field = fields.pop()
                    if not field["result"]:
                        emit(f"«{''.join(field['instr']).strip()}»")
            elif tag == qn("w:instrText"):
                if fields:
                    fields[-1]["instr"].append(child.text or "")
            elif tag == qn("w:t"):
                emit(child.text or "")
            elif tag == qn("w:tab") and el.tag == qn("w:r"):
                emit("⇥")
            elif tag in (qn("w:br"), qn("w:cr")):
                kind = child.get(qn("w:type"))
                emit(f"«{kind} break»" if kind in ("page", "column") else "↵")
            elif tag == qn("w:noBreakHyphen"):
                emit("\u2011")
            elif tag == qn("w:fldSimple"):
                emit(f"«{(child.get(qn('w:instr')) or '').strip()}»")
            elif tag in (qn("w:drawing"), qn("w:pict"), qn("w:object")) or _name(child) == (
                "mc:AlternateContent"
            ):
                emit("«drawing»")
            elif tag in (qn("w:pPr"), qn("w:rPr"), qn("w:del")):
                continue
            else:
                walk(child)  # runs, hyperlinks, insertions, smart tags, content controls

    walk(p)
    return "".join(out)


def _visible(text: str) -> str:
    stripped = text.rstrip(" ")
    return stripped + "␣" * (len(text) - len(stripped))


# --- paragraphs and tables ------------------------------------------------------------------


def _paragraph(p, styles: _Styles, indent: str) -> list[str]:
    ppr = p.find(qn("w:pPr"))
    sid = None
    if ppr is not None and ppr.find(qn("w:pStyle")) is not None:
        sid = ppr.find(qn("w:pStyle")).get(qn("w:val"))
    text = _visible(_text(p))
    lines = [f"{indent}[{styles.name(sid)}]" + (f" {text}" if text else "")]
    direct = props(ppr, skip=("pStyle", "rPr", "sectPr"))
    if direct:
        lines.append(f"{indent}    pPr: {direct}")
    mark = props(ppr.find(qn("w:rPr")) if ppr is not None else None)
    if mark:
        lines.append(f"{indent}    ¶ rPr: {mark}")
    for r in p.iter(qn("w:r")):
        rpr = props(r.find(qn("w:rPr")))
        if rpr:
            rtext = _visible(_text(r))
            lines.append(f"{indent}    run “{rtext}”: {rpr}")
    return lines


def _cell_flags(tc) -> list[str]:
    tcpr = tc.find(qn("w:tcPr"))
    flags = []
    if tcpr is None:
        return flags
    span = tcpr.find(qn("w:gridSpan"))
    if span is not None:
        flags.append(f"span {span.get(qn('w:val'))}")
    vm = tcpr.find(qn("w:vMerge"))
    if vm is not None:
        flags.append(
            "vmerge start" if vm.get(qn("w:val")) == "restart" else "vmerge ↑ (continues above)"
        )
    rest = props(tcpr, skip=("gridSpan", "vMerge"))
    if rest:
        flags.append(rest)
    return flags


def _row_flags(tr) -> list[str]:
    trpr = tr.find(qn("w:trPr"))
    flags = []
    if trpr is None:
        return flags
    if trpr.find(qn("w:tblHeader")) is not None:
        flags.append("repeat as header row")
    if trpr.find(qn("w:cantSplit")) is not None:
        flags.append("cantSplit")
    height = trpr.find(qn("w:trHeight"))
    if height is not None:
        rule = height.get(qn("w:hRule"), "atLeast")
        sign = {"atLeast": "≥", "exact": "="}.get(rule, "~")
        flags.append(f"height {sign}{_mm(height.get(qn('w:val'), '0'))}mm")
    rest = props(trpr, skip=("tblHeader", "cantSplit", "trHeight"))
    if rest:
        flags.append(rest)
    return flags


def _table(tbl, styles: _Styles, indent: str, number: str) -> list[str]:
    grid_el = tbl.find(qn("w:tblGrid"))
    cols = grid_el.findall(qn("w:gridCol")) if grid_el is not None else []
    grid = [int(g.get(qn("w:w"), "0")) for g in cols]
    rows = tbl.findall(qn("w:tr"))
    widths = " | ".join(_mm(w) for w in grid)
    lines = [
        f"{indent}<table {number}: {len(rows)} rows × {len(grid)} cols; "
        f"grid {widths} mm = {_mm(sum(grid))} mm>"
    ]
    tblpr = tbl.find(qn("w:tblPr"))
    if tblpr is not None:
        style = tblpr.find(qn("w:tblStyle"))
        style_name = f"style {styles.name(style.get(qn('w:val')))}; " if style is not None else ""
        lines.append(f"{indent}  tblPr: {style_name}{props(tblpr, skip=('tblStyle',))}")
    for i, tr in enumerate(rows, 1):
        flags = _row_flags(tr)
        lines.append(f"{indent}  row {i}" + (f" [{'; '.join(flags)}]" if flags else ""))
        trpr = tr.find(qn("w:trPr"))
        before = trpr.find(qn("w:gridBefore")) if trpr is not None else None
        col = 1 + (int(before.get(qn("w:val"), "0")) if before is not None else 0)
        for tc in tr.findall(qn("w:tc")):
            # cells are named by the grid column they start in: c4 after a cell spanning 3
            flags = _cell_flags(tc)
            head = f"{indent}    c{col}" + (f" [{'; '.join(flags)}]" if flags else "")
            content = _blocks(tc, styles, indent + "      ", f"{number}.{i}.{col}")
            span = tc.find(qn("w:tcPr") + "/" + qn("w:gridSpan"))
            col += int(span.get(qn("w:val"), "1")) if span is not None else 1
            if content and content[0].startswith(indent + "      ["):
                content[0] = head + " " + content[0].lstrip()
                lines.extend(content)
            else:
                lines.append(head)
                lines.extend(content)
    lines.append(f"{indent}</table {number}>")
    return lines


def _blocks(container, styles: _Styles, indent: str, prefix: str = "") -> list[str]:
    """Paragraphs and tables of a body, cell, header or footer, in order."""
    lines: list[str] = []
    tables = 0
    sections = 0
    for child in container:
        if child.tag == qn("w:p"):
            lines.extend(_paragraph(child, styles, indent))
            ppr = child.find(qn("w:pPr"))
            if ppr is not None and ppr.find(qn("w:sectPr")) is not None:
                sections += 1
                lines.append(f"{indent}--- end of section {sections} ---")
        elif child.tag == qn("w:tbl"):
            tables += 1
            lines.extend(
                _table(child, styles, indent, f"{prefix}.{tables}" if prefix else str(tables))
            )
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            lines.append(f"{indent}<content control>")
            if content is not None:
                lines.extend(_blocks(content, styles, indent + "  ", prefix))
            lines.append(f"{indent}</content control>")
        elif child.tag in (qn("w:sectPr"), qn("w:tcPr")):
            continue
        elif isinstance(child.tag, str):
            lines.append(f"{indent}<{_name(child)}>")
    return lines


# --- package, sections, styles ----------------------------------------------------------------


def _parts(data: bytes) -> list[str]:
    lines = ["== parts (content sha256, size)"]
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for info in sorted(z.infolist(), key=lambda i: i.filename):
            blob = z.read(info)
            digest = hashlib.sha256(blob).hexdigest()[:16]
            lines.append(f"{info.filename}  {digest}  {len(blob)} bytes")
    return lines


def _related(doc, kind: str):
    """The root element of the main document's related part of this kind, or None."""
    for rel in doc.part.rels.values():
        if not rel.is_external and rel.reltype.rsplit("/", 1)[-1] == kind:
            return etree.fromstring(rel.target_part.blob)
    return None


def _package(doc) -> list[str]:
    cp = doc.core_properties
    lines = ["", "== properties"]
    for label, value in (
        ("title", cp.title),
        ("subject", cp.subject),
        ("author", cp.author),
        ("keywords", cp.keywords),
        ("comments", cp.comments),
        ("created", cp.created),
        ("modified", cp.modified),
    ):
        if value:
            lines.append(f"{label}: {value}")
    settings = _related(doc, "settings")
    if settings is not None:
        lines += ["", "== settings"]
        lines += [_item(c) for c in settings if isinstance(c.tag, str) and _name(c) in SETTINGS]
    theme = _related(doc, "theme")
    if theme is not None:
        lines += ["", "== theme fonts", *_theme(theme)]
    fonts = _related(doc, "fontTable")
    if fonts is not None:
        names = [f.get(qn("w:name")) for f in fonts.findall(qn("w:font"))]
        lines += ["", "== fontTable", ", ".join(names)]
    return lines


def _theme(root) -> list[str]:
    out = []
    for kind in ("majorFont", "minorFont"):
        font = root.find(f".//{{{A}}}{kind}")
        if font is None:
            continue
        slots = []
        for slot in ("latin", "ea", "cs"):
            el = font.find(f"{{{A}}}{slot}")
            if el is not None:
                slots.append(f"{slot}={el.get('typeface')!r}")
        scripts = {f.get("script"): f.get("typeface") for f in font.findall(f"{{{A}}}font")}
        for script in ("Hans", "Hant", "Jpan", "Hang"):
            if script in scripts:
                slots.append(f"{script}={scripts[script]!r}")
        out.append(f"{kind}: {', '.join(slots)}")
    return out


def _section_line(number: int, sectpr) -> list[str]:
    size = sectpr.find(qn("w:pgSz"))
    w = int(size.get(qn("w:w"), "0")) if size is not None else 0
    h = int(size.get(qn("w:h"), "0")) if size is not None else 0
    orient = size.get(qn("w:orient"), "portrait") if size is not None else "portrait"
    wm, hm = round(w / TWIPS_PER_MM), round(h / TWIPS_PER_MM)
    paper = PAPERS.get((min(wm, hm), max(wm, hm)), "custom")
    shape = "landscape" if w > h else "portrait"
    orientation = orient if orient == shape else f"{shape} by size, but orient={orient}"
    line = f"section {number}: {paper} {orientation} {_mm(w)} × {_mm(h)} mm"
    mar = sectpr.find(qn("w:pgMar"))
    if mar is not None:
        m = {
            k: _mm(mar.get(qn(f"w:{k}"), "0"))
            for k in ("top", "bottom", "left", "right", "header", "footer", "gutter")
        }
        line += (
            f"; margins top {m['top']} bottom {m['bottom']} left {m['left']} right {m['right']};"
            f" header {m['header']} footer {m['footer']} gutter {m['gutter']}"
        )
    lines = [line]
    rest = props(sectpr, skip=("pgSz", "pgMar", "headerReference", "footerReference"))
    if rest:
        lines.append(f"  other: {rest}")
    return lines


def _sections(doc, styles: _Styles) -> list[str]:
    body = doc.element.body
    sectprs = [
        p.find(qn("w:pPr")).find(qn("w:sectPr"))
        for p in body.findall(qn("w:p"))
        if p.find(qn("w:pPr")) is not None and p.find(qn("w:pPr")).find(qn("w:sectPr")) is not None
    ]
    final = body.find(qn("w:sectPr"))
    if final is not None:
        sectprs.append(final)
    lines = ["", "== sections"]
    for n, sectpr in enumerate(sectprs, 1):
        lines.extend(_section_line(n, sectpr))
        refs = [
            (
                etree.QName(ref).localname.replace("Reference", ""),
                ref.get(qn("w:type")),
                ref.get(qn("r:id")),
            )
            for ref in sectpr
            if ref.tag in (qn("w:headerReference"), qn("w:footerReference"))
        ]
        if not refs:
            lines.append(
                "  headers and footers: as the previous section"
                if n > 1
                else "  no headers or footers"
            )
        for kind, which, rid in refs:
            part = doc.part.related_parts[rid]
            lines.append(f"  {kind} {which} ({part.partname.lstrip('/')}):")
            lines.extend(_blocks(part.element, styles, "    "))
    return lines


def _style_line(s, styles: _Styles) -> str:
    kind = s.get(qn("w:type"))
    sid = s.get(qn("w:styleId"))
    name = styles.names.get(sid, sid)
    tags = [kind, f"id {sid}"]
    if sid in styles.used:
        tags.append("used")
    if s.get(qn("w:default")) in ("1", "true"):
        tags.append("default")
    if s.get(qn("w:customStyle")) in ("1", "true"):
        tags.append("custom")
    based = s.find(qn("w:basedOn"))
    if based is not None:
        tags.append(f"based on {styles.name(based.get(qn('w:val')))}")
    nxt = s.find(qn("w:next"))
    if nxt is not None:
        tags.append(f"next {styles.name(nxt.get(qn('w:val')))}")
    rpr = s.find(qn("w:rPr"))
    ppr = s.find(qn("w:pPr"))
    fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None

    def font(slot):
        if fonts is None:
            return "—"
        return fonts.get(qn(f"w:{slot}")) or (
            f"theme {fonts.get(qn(f'w:{slot}Theme'))}" if fonts.get(qn(f"w:{slot}Theme")) else "—"
        )

    size = rpr.find(qn("w:sz")) if rpr is not None else None
    bold = rpr.find(qn("w:b")) if rpr is not None else None
    outline = ppr.find(qn("w:outlineLvl")) if ppr is not None else None
    fields = [
        f"eastAsia {font('eastAsia')}",
        f"ascii {font('ascii')}",
        _value(size, "val", size.get(qn("w:val"))) if size is not None else "size —",
        ("not bold" if bold.get(qn("w:val")) in ("0", "false") else "bold")
        if bold is not None
        else "bold —",
        f"outline {int(outline.get(qn('w:val'))) + 1}" if outline is not None else "outline —",
    ]
    line = f"{name} [{'; '.join(tags)}]: {'; '.join(fields)}"
    extra_p = props(ppr, skip=("outlineLvl",))
    extra_r = props(rpr, skip=("sz", "b"))
    other = props(s, skip=("name", "basedOn", "next", "pPr", "rPr", "rsid"))
    if sid not in styles.used and "custom" not in tags:
        # An unused built-in style (python-docx's default template brings ~160, table styles
        # among them with kilobytes of formatting): the rest of its formatting as a hash only.
        rest = f"{extra_p} | {extra_r} | {other}".encode()
        return line + f" | rest #{hashlib.sha256(rest).hexdigest()[:10]}"
    if extra_p:
        line += f" | pPr {extra_p}"
    if extra_r:
        line += f" | rPr {extra_r}"
    if other:
        line += f" | {other}"
    return line


def _styles(styles: _Styles) -> list[str]:
    el = styles.el
    if el is None:
        return ["", "== styles: none"]
    all_styles = el.findall(qn("w:style"))
    lines = [
        "",
        f"== styles ({len(all_styles)}, {len(styles.used)} used; "
        "outline 1 = level 1 heading; — = not set in this style; "
        "unused built-in styles show the rest of their formatting as a hash)",
    ]
    defaults = el.find(qn("w:docDefaults"))
    if defaults is not None:
        for kind in ("rPr", "pPr"):
            holder = defaults.find(qn(f"w:{kind}Default"))
            inner = holder.find(qn(f"w:{kind}")) if holder is not None else None
            if inner is not None:
                lines.append(f"defaults {kind}: {props(inner)}")
    lines.extend(_style_line(s, styles) for s in all_styles)
    return lines


def dump(source: bytes | str | Path, label: str | None = None) -> str:
    """The text dump of a .docx template; label names it in the first line."""
    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    doc = Document(io.BytesIO(data))
    styles = _Styles(_related(doc, "styles"))
    parts = [doc.element] + [
        rel.target_part.element
        for rel in doc.part.rels.values()
        if not rel.is_external and rel.reltype.rsplit("/", 1)[-1] in ("header", "footer")
    ]
    styles.mark_used(parts)
    lines = [f"# {label or 'template'}: text dump by tests/templatedump.py", ""]
    lines += _parts(data)
    lines += _package(doc)
    lines += _sections(doc, styles)
    lines += ["", "== body"]
    lines += _blocks(doc.element.body, styles, "")
    lines += _styles(styles)
    return "\n".join(lines) + "\n"


def shipped_templates(templates: Path) -> dict[str, Path]:
    """Format id → its own template file, for every format folder under templates/ that has one.

    A format folder holds settings.toml; its template is the file that settings names under
    "模板" (default template.docx). A format without its own template uses the one it
    inherits, so it has nothing to dump.
    """
    found = {}
    for settings in sorted(templates.glob("*/settings.toml")):
        name = tomllib.loads(settings.read_text(encoding="utf-8")).get("模板", "template.docx")
        if (settings.parent / name).is_file():
            found[settings.parent.name] = settings.parent / name
    return found
