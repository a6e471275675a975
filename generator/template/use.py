"""Which data keys a format's Word template uses, read from the template itself.

docxtpl turns the document into one Jinja source (`{%p …%}` and `{%tr …%}` become plain
`{% … %}`); its syntax tree says which names the template reads. Loop variables are followed
back to what they loop over, so `{% for i in 指标 %}{{ i.实际值 }}` uses `指标[].实际值`.

A new district's template needs no code: whatever it reads is known from the template.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from jinja2 import Environment, nodes
from jinja2.exceptions import TemplateSyntaxError

from generator.errors import RenderError
from generator.template.signed import kept
from generator.template.source import KEPT, Kept, TemplateSource, template_source
from generator.version import tool_version


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


def read_use(*sources: str) -> TemplateUse:
    """What the Jinja sources read, each parsed on its own (a part's loops end in it)."""
    env = Environment()
    return _walked([env.parse(source) for source in sources])


def _walked(trees: list[nodes.Template]) -> TemplateUse:
    reader = _Reader()
    for tree in trees:
        reader.body(tree.body, {}, ())
    w = reader.walk
    return TemplateUse(frozenset(w.printed), frozenset(w.tested), frozenset(w.unguarded))


def template_use(template: Path | None) -> TemplateUse | None:
    """What the template reads (its body, headers, footers, footnotes and document
    properties), or None when there is no template or it can't be read or parsed: rendering
    says why."""
    if template is None:
        return None
    try:
        source = template_source(template, "")
    except RenderError:
        return None
    return use_of(source)


_uses: Kept[str, tuple[TemplateUse | None]] = Kept()  # by the template's digest
# Syntax trees of the parts, parsed for `use_of` and not yet compiled: compiling changes a
# tree (Jinja folds constants in place), so each is handed out once (`take_parsed`).
_unused_trees: Kept[tuple[str, str], nodes.Template] = Kept(KEPT * 8)


def use_of(source: TemplateSource) -> TemplateUse | None:
    """What an opened template reads; None when its Jinja does not parse."""
    known = _uses.get(source.digest)
    if known is not None:
        return known[0]
    texts = [part.source for part in source.parts] + [text for _p, text in source.properties]
    made_from = "\0".join((jinja2.__version__, tool_version(), *texts))
    name = hashlib.sha256(made_from.encode("utf-8")).hexdigest() + ".use"
    use = kept(name, lambda: _parsed_use(source), _dump, _load)
    return _uses.put(source.digest, (use,))[0]


def _parsed_use(source: TemplateSource) -> TemplateUse | None:
    env = Environment()
    try:
        trees = {part.name: env.parse(part.source) for part in source.parts}
        props = [env.parse(text) for _prop, text in source.properties]
    except TemplateSyntaxError:
        return None  # a broken template: rendering reports it
    for name, tree in trees.items():
        _unused_trees.put((source.digest, name), tree)
    return _walked([*trees.values(), *props])


def _dump(use: TemplateUse | None) -> bytes:
    fields = None if use is None else {k: sorted(getattr(use, k)) for k in USE_FIELDS}
    return json.dumps(fields, ensure_ascii=False).encode("utf-8")


def _load(data: bytes) -> TemplateUse | None:
    fields = json.loads(data)
    if fields is None:
        return None
    return TemplateUse(*(frozenset(map(str, fields[k])) for k in USE_FIELDS))


USE_FIELDS = ("printed", "tested", "unguarded")


def take_parsed(source: TemplateSource, part_name: str) -> nodes.Template | None:
    """The part's syntax tree if `use_of` parsed it and nothing has compiled it yet."""
    return _unused_trees.pop((source.digest, part_name))
