"""The import graph of the ``brief`` package: no cycle, and no stage imports a later stage.

How an import counts (read from the source with ``ast``, nothing is imported):

* ``import brief.x`` and ``from brief.x import y`` (relative forms too) are an edge to
  ``brief.x.y`` when ``y`` is a submodule, else to ``brief.x``;
* an import inside a function counts like one at the top of the module: it runs the first
  time the function is called, and the dependency is just as real;
* an import under ``if TYPE_CHECKING:`` does not count: it never runs (it names a type);
  nor does one under ``if __name__ == "__main__":``: it runs only in the program's own
  ``__main__`` module, a different module object, so it cannot close a cycle;
* a string constant that is exactly the dotted name of a submodule (``"brief.api"``) counts
  as an import of it (a lazy ``importlib.import_module`` table, as in ``brief/__init__.py``).
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

PACKAGE = Path(__file__).resolve().parents[1] / "brief"
STAGES = ("ingest", "clean", "extract", "group", "summarize", "render")
# modules every stage may use; they import no stage themselves
FOUNDATIONS = ("brief.model", "brief.config", "brief.errors", "brief.lexicon", "brief.timing")


def _modules() -> dict[str, Path]:
    out = {}
    for p in PACKAGE.rglob("*.py"):
        parts = list(p.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = p
    return out


def _never_imported(node: ast.If) -> bool:
    """``if TYPE_CHECKING:`` or ``if __name__ == "__main__":``."""
    t = node.test
    if isinstance(t, ast.Compare) and isinstance(t.left, ast.Name) and t.left.id == "__name__":
        return any(isinstance(c, ast.Constant) and c.value == "__main__" for c in t.comparators)
    return (isinstance(t, ast.Name) and t.id == "TYPE_CHECKING") or (isinstance(t, ast.Attribute) and t.attr == "TYPE_CHECKING")


def _targets(node: ast.AST, module: str, is_package: bool, known: dict[str, Path]) -> list[str]:
    """The package modules one statement (or constant) imports."""
    if isinstance(node, ast.Import):
        return [a.name for a in node.names]
    if isinstance(node, ast.ImportFrom):
        base = node.module or ""
        if node.level:
            here = module.split(".") if is_package else module.split(".")[:-1]
            here = here[: len(here) - (node.level - 1)]
            base = ".".join(here + ([base] if base else []))
        return [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names]
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and "." in node.value and node.value in known:
        return [node.value]
    return []


def _owner(name: str, known: dict[str, Path]) -> str | None:
    while name and name not in known:
        name = name.rpartition(".")[0]
    return name or None


def import_graph() -> nx.DiGraph:
    known = _modules()
    graph = nx.DiGraph()
    for module, path in known.items():
        graph.add_node(module)
        is_package = path.name == "__init__.py"
        todo: list[ast.AST] = [ast.parse(path.read_text(encoding="utf-8"))]
        while todo:
            node = todo.pop()
            for child in ast.iter_child_nodes(node):
                if isinstance(child, ast.If) and _never_imported(child):
                    todo.append(ast.Module(body=child.orelse, type_ignores=[]))
                    continue
                for name in _targets(child, module, is_package, known):
                    target = _owner(name, known) if name.startswith("brief") else None
                    if target and target != module:
                        graph.add_edge(module, target, line=child.lineno)
                todo.append(child)
    return graph


def _stage(module: str) -> int | None:
    parts = module.split(".")
    return STAGES.index(parts[1]) if len(parts) > 1 and parts[1] in STAGES else None


def _where(graph: nx.DiGraph, a: str, b: str) -> str:
    return f"{a} -> {b} (line {graph.edges[a, b]['line']})"


def test_the_package_has_no_import_cycle():
    graph = import_graph()
    cycles = sorted(" -> ".join([*c, c[0]]) for c in nx.simple_cycles(graph, length_bound=8))
    assert not cycles, "import cycles:\n" + "\n".join(cycles)


def test_no_stage_imports_a_later_stage():
    graph = import_graph()
    wrong = [_where(graph, a, b) for a, b in graph.edges
             if _stage(a) is not None and _stage(b) is not None and _stage(b) > _stage(a)]
    assert not wrong, "a stage imports a later stage: " + "; ".join(wrong)


def test_foundations_import_no_stage():
    graph = import_graph()
    wrong = [_where(graph, a, b) for a, b in graph.edges
             if a.startswith(FOUNDATIONS) and _stage(b) is not None]
    assert not wrong, "the shared modules import a stage: " + "; ".join(wrong)


def test_the_graph_sees_function_level_lazy_and_relative_imports():
    """The reader finds the import kinds the rules above rely on (checked on the package itself)."""
    graph = import_graph()
    assert graph.has_edge("brief.report", "brief.render")  # inside Brief.write
    assert graph.has_edge("brief", "brief.api")  # the lazy table of brief/__init__.py
    assert not graph.has_edge("brief.render", "brief.report")  # type-only (TYPE_CHECKING)
    assert graph.has_edge("brief.pipeline", "brief.summarize")
