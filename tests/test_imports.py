"""Imports inside the package run one way: values -> models -> layout -> reader/writer.

Every import a module makes when it runs counts, including imports inside functions;
imports only for type checkers (``if TYPE_CHECKING:``) do not.
"""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import REPO

PACKAGE = REPO / "single_window"


def _module(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _runtime_imports(path: Path) -> set[str]:
    """The single_window modules a module imports when it runs."""
    tree = ast.parse(path.read_text("utf-8"))
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "single_window":
                found.update(f"single_window.{a.name}" for a in node.names)
            elif node.module.startswith("single_window."):
                found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("single_window."))
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def _graph() -> dict[str, set[str]]:
    modules = {_module(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        # The package itself re-exports everything; a submodule's import of a sibling
        # runs the package first, which is not an edge between the two.
        if name == "single_window":
            continue
        graph[name] = {m for m in _runtime_imports(path) if m in modules and m != name}
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def test_no_module_of_the_package_imports_itself_in_a_circle() -> None:
    assert _cycle(_graph()) is None


def test_the_model_layers_import_only_downwards() -> None:
    graph = _graph()
    order = [
        "single_window._values",
        "single_window._model_api",
        "single_window.models",
        "single_window._spec",
        "single_window.formats.wco._walkers",
        "single_window.formats.wco._mapping",
        "single_window.formats.wco._writer",
        "single_window.formats.wco._format",
    ]
    for position, module in enumerate(order):
        later = set(order[position + 1 :])
        assert not graph[module] & later, f"{module} imports {graph[module] & later}"


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_no_runtime_module_imports_the_documentation_generator() -> None:
    """``_docgen`` renders the docs from the runtime modules; nothing that runs a check
    may depend on it (finding codes live in ``single_window.codes``)."""
    importers = sorted(m for m, deps in _graph().items() if "single_window._docgen" in deps)
    assert importers == []


def test_rule_modules_do_not_import_the_strategies() -> None:
    """The rule engine runs without Hypothesis: nothing under ``single_window.rules``
    imports ``single_window.testing``."""
    graph = _graph()
    for module, deps in graph.items():
        if module.startswith("single_window.rules"):
            assert not any(d.startswith("single_window.testing") for d in deps), module
