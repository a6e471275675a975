"""Which data keys a format's Word template uses, read from the template itself.

docxtpl turns the document into one Jinja source (`{%p …%}` and `{%tr …%}` become plain
`{% … %}`); its syntax tree says which names the template reads. Loop variables are followed
back to what they loop over, so `{% for i in 指标 %}{{ i.实际值 }}` uses `指标[].实际值`.

A new district's template needs no code: whatever it reads is known from the template.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import jinja2
from jinja2 import Environment, nodes
from jinja2.exceptions import TemplateSyntaxError

from generator.data.cache_folder import kept


@dataclass(frozen=True)
class TemplateUse:
    """Key paths (indices as `[]`) a template reads.

    `printed`: written into the report, with everything inside (`{{ d }}` prints a whole 职责
    item). `tested`: only looked at (`{% if 预算.项目个数 is not none %}`, a loop's list).
    `unguarded`: figures (`数据.X`, `数值.X`) read where nothing checks `is defined` first and
    no condition or loop may skip them: rendering fails when such a figure is missing.
    """

    printed: frozenset[str]
    tested: frozenset[str]
    unguarded: frozenset[str] = frozenset()

    @property
    def paths(self) -> frozenset[str]:
        return self.printed | self.tested


@dataclass
class _Walk:
    printed: set[str] = field(default_factory=set)
    tested: set[str] = field(default_factory=set)
    unguarded: set[str] = field(default_factory=set)


FIGURE_ROOTS = ("数据", "数值")


def path_of(node: nodes.Node, scope: dict[str, str]) -> str | None:
    """The key path an expression names: 单位.名称, 指标[].实际值 (via a loop variable), or None."""
    if isinstance(node, nodes.Name):
        if node.name == "loop":
            return None
        return scope.get(node.name, node.name)
    if isinstance(node, nodes.Getattr):
        base = path_of(node.node, scope)
        return None if base is None else f"{base}.{node.attr}"
    if isinstance(node, nodes.Getitem):
        base = path_of(node.node, scope)
        if base is None:
            return None
        if isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
            return f"{base}.{node.arg.value}"
        return f"{base}[]"  # d[0], d[name]: any element
    return None


def _defined_tests(node: nodes.Node, scope: dict[str, str]) -> set[str]:
    """Paths a condition checks with `is defined` (directly or within and/or)."""
    found = set()
    for test in node.find_all(nodes.Test):
        if test.name == "defined":
            p = path_of(test.node, scope)
            if p:
                found.add(p)
    return found


class _Reader:
    def __init__(self) -> None:
        self.walk = _Walk()

    def expr(self, node: nodes.Node, scope: dict[str, str], mode: str, guards: tuple) -> None:
        """Record what an expression reads; mode "print" or "test"."""
        path = path_of(node, scope)
        if path is not None:
            (self.walk.printed if mode == "print" else self.walk.tested).add(path)
            if path.split(".")[0] in FIGURE_ROOTS and path.count(".") == 1:
                if not guards:
                    self.walk.unguarded.add(path)
            if isinstance(node, nodes.Getitem) and not isinstance(node.arg, nodes.Const):
                self.expr(node.arg, scope, "test", guards)
            return
        if isinstance(node, nodes.CondExpr):
            self.expr(node.test, scope, "test", guards)
            inner = guards + ("if",)
            self.expr(node.expr1, scope, mode, inner)
            if node.expr2 is not None:
                self.expr(node.expr2, scope, mode, inner)
            return
        if isinstance(node, nodes.Test):
            self.expr(
                node.node, scope, "test", guards + (("defined",) if node.name == "defined" else ())
            )
            for arg in node.args:
                self.expr(arg, scope, "test", guards)
            return
        if isinstance(node, (nodes.Compare, nodes.Not, nodes.And, nodes.Or)):
            mode = "test"
        for child in node.iter_child_nodes():
            self.expr(child, scope, mode, guards)

    def body(self, body: list[nodes.Node], scope: dict[str, str], guards: tuple) -> None:
        for node in body:
            self.stmt(node, scope, guards)

    def stmt(self, node: nodes.Node, scope: dict[str, str], guards: tuple) -> None:
        if isinstance(node, nodes.Output):
            for child in node.nodes:
                if not isinstance(child, nodes.TemplateData):
                    self.expr(child, scope, "print", guards)
        elif isinstance(node, nodes.If):
            self.expr(node.test, scope, "test", guards)
            inner = guards + ("if",)
            defined = _defined_tests(node.test, scope)
            self.body(node.body, scope, inner + tuple(defined))
            for elif_ in node.elif_:
                self.stmt(elif_, scope, inner)
            self.body(node.else_, scope, inner)
        elif isinstance(node, nodes.For):
            self.expr(node.iter, scope, "test", guards)
            inner_scope = dict(scope)
            iterated: nodes.Node = node.iter
            while isinstance(iterated, nodes.Filter) and iterated.node is not None:
                iterated = iterated.node  # 格式.等级 | reverse: still the elements of 格式.等级
            source = path_of(iterated, scope)
            if isinstance(node.target, nodes.Name) and source is not None:
                inner_scope[node.target.name] = f"{source}[]"
            if node.test is not None:
                self.expr(node.test, inner_scope, "test", guards)
            self.body(node.body, inner_scope, guards + ("for",))
            self.body(node.else_, scope, guards + ("for",))
        elif isinstance(node, nodes.Assign):
            self.expr(node.node, scope, "test", guards)
            source = path_of(node.node, scope)
            if isinstance(node.target, nodes.Name) and source is not None:
                scope[node.target.name] = source
        else:
            for part in node.iter_child_nodes():
                if isinstance(part, nodes.Stmt):
                    self.stmt(part, scope, guards)
                elif isinstance(part, nodes.Expr):
                    self.expr(part, scope, "print", guards)


def source_of(template: Path) -> str:
    """The template's body, headers and footers as one Jinja source, as docxtpl renders it.

    Read from the package's XML parts as python-docx parses them, without loading the whole
    document (its styles and every other part) as `Document()` would.
    """
    import posixpath
    import zipfile

    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml.parser import parse_xml
    from docxtpl import DocxTemplate
    from lxml import etree  # type: ignore[import-untyped]

    tpl = DocxTemplate(str(template))  # for patch_xml; reads nothing
    with zipfile.ZipFile(template) as z:
        main = _main_part(z)
        xml = tpl.patch_xml(tpl.xml_to_string(parse_xml(z.read(main)).find(_BODY)))
        folder, name = posixpath.split(main)
        rels = etree.fromstring(z.read(posixpath.join(folder, "_rels", name + ".rels")))
        for rel in rels:
            if rel.get("Type") in (RT.HEADER, RT.FOOTER) and rel.get("TargetMode") != "External":
                target = posixpath.normpath(posixpath.join(folder, rel.get("Target", "")))
                blob = z.read(target.lstrip("/"))
                if blob:
                    xml += tpl.patch_xml(tpl.xml_to_string(parse_xml(blob)))
    return xml


_BODY = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}body"


def _main_part(z) -> str:
    """The name of the package's main document part, from its root relationships."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from lxml import etree

    for rel in etree.fromstring(z.read("_rels/.rels")):
        if rel.get("Type") == RT.OFFICE_DOCUMENT:
            return rel.get("Target", "").lstrip("/")
    raise ValueError("no main document part")


def read_use(source: str) -> TemplateUse:
    reader = _Reader()
    reader.body(Environment().parse(source).body, {}, ())
    w = reader.walk
    return TemplateUse(frozenset(w.printed), frozenset(w.tested), frozenset(w.unguarded))


@lru_cache(maxsize=32)
def _cached(path: str, _stamp: tuple[int, int]) -> TemplateUse | None:
    try:
        return _kept(Path(path))
    except TemplateSyntaxError:
        return None  # a broken template: rendering reports it; nothing is known of its keys
    except Exception:  # not a .docx, or a damaged one: opening it to render says so in Chinese
        return None


def _kept(template: Path) -> TemplateUse:
    """read_use(source_of(template)), from the user's cache folder when it holds it: the
    entry is named by the template's bytes, this reader's code, and the versions of Jinja and
    docxtpl (whose clean-up makes the source)."""

    def name() -> str:
        import docxtpl

        h = hashlib.sha256(template.read_bytes())
        h.update(Path(__file__).read_bytes())
        h.update(f"{jinja2.__version__} {getattr(docxtpl, '__version__', '')}".encode())
        return f"{h.hexdigest()}.use.json"

    def dump(use: TemplateUse) -> bytes:
        fields = {k: sorted(getattr(use, k)) for k in USE_FIELDS}
        return json.dumps(fields, ensure_ascii=False).encode("utf-8")

    def load(data: bytes) -> TemplateUse:
        fields = json.loads(data)
        return TemplateUse(*(frozenset(map(str, fields[k])) for k in USE_FIELDS))

    return kept(name, lambda: read_use(source_of(template)), dump, load)


USE_FIELDS = ("printed", "tested", "unguarded")


def template_use(template: Path | None) -> TemplateUse | None:
    """What the template reads, or None when there is no template or it can't be parsed."""
    if template is None:
        return None
    try:
        st = os.stat(template)
    except OSError:
        return None
    return _cached(str(Path(template).resolve()), (st.st_mtime_ns, st.st_size))


def iter_prefixes(path: str) -> Iterator[str]:
    """指标[].说明[] → 指标[].说明[], 指标[].说明, 指标[], 指标."""
    while path:
        yield path
        if path.endswith("[]"):
            path = path[:-2]
        elif "." in path:
            path = path.rsplit(".", 1)[0]
        else:
            break
