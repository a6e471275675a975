"""The package's layers, as the README's table lists them: each imports only itself and the
layers below it (imports inside functions included), so data flows one way."""

import ast

from conftest import ROOT

# Lowest first. A module may import its own layer and any layer before it in this list.
LAYERS = [
    "generator.errors",
    "generator.version",
    "generator.data",
    "generator.template",
    "generator.compute",
    "generator.checks",
    "generator.evaluate",
    "generator.report",
    "generator.examine",
    "generator.io",
    "generator.building",
    "generator.cycle",
    "generator.web",
    "generator.cli",
    "generator.__main__",
]


def layer_of(module: str) -> int | None:
    for rank, name in enumerate(LAYERS):
        if module == name or module.startswith(name + "."):
            return rank
    return None


def modules():
    package = ROOT / "generator"
    for path in sorted(package.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        yield name, path


def imported(path) -> set[str]:
    """The generator modules a file imports: `from a.b import c` is a.b.c where c is a module
    of the package, else a.b."""
    known = {name for name, _ in modules()}
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for a in node.names:
                inner = f"{node.module}.{a.name}"
                found.add(inner if inner in known else node.module)
    return {m for m in found if m.startswith("generator.")}


def test_every_module_belongs_to_a_layer():
    loose = [name for name, _ in modules() if name != "generator" and layer_of(name) is None]
    assert loose == []


def test_no_module_imports_a_layer_above_its_own():
    upward = []
    for name, path in modules():
        own = layer_of(name)
        if own is None:
            continue
        for target in imported(path):
            rank = layer_of(target)
            if rank is not None and rank > own:
                upward.append(f"{name} → {target}")
    assert upward == []


def test_no_two_modules_import_each_other_even_through_others():
    names = {name: path for name, path in modules()}
    graph = {}
    for name, path in names.items():
        targets = set()
        for target in imported(path):
            while target and target not in names:
                target = target.rpartition(".")[0]
            if target and target != name and target != "generator":
                targets.add(target)
        graph[name] = targets
    circles = []
    state: dict[str, int] = {}

    def visit(node, trail):
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                circles.append(" → ".join(trail[trail.index(nxt) :] + [nxt]))
            elif nxt not in state:
                visit(nxt, trail + [nxt])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    assert circles == []
