"""The app's modules import each other without cycles (#16).

Modules are imported on several threads at once: the vault code in the background while
the worker reads the key header and asks the keyring (``ui/preload.py``), the other
screens while the GUI thread builds one. Python's per-module import locks make that safe
only without cycles: with one, a thread may get a half-initialised module (or a
``_DeadlockError``). Imports inside functions and under ``TYPE_CHECKING`` do not count:
they run when their module is complete.
"""

from __future__ import annotations

import ast
from pathlib import Path

import waakvlam_desktop

PACKAGE = Path(waakvlam_desktop.__file__).resolve().parent
ROOT = "waakvlam_desktop"


def _module_names() -> dict[str, Path]:
    names = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        names[".".join(parts)] = path
    return names


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _top_level_imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """What importing ``name`` imports of the app at once (module level only)."""
    found: set[str] = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]

    def visit(body: list[ast.stmt]) -> None:
        for node in body:
            if isinstance(node, ast.If) and not _is_type_checking(node):
                visit(node.body)
                visit(node.orelse)
            elif isinstance(node, ast.Try):
                visit(node.body)
            elif isinstance(node, ast.Import):
                found.update(a.name for a in node.names if a.name.startswith(ROOT))
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                    base = f"{parent}.{base}" if base else parent
                if not base.startswith(ROOT):
                    continue
                found.add(base)
                found.update(
                    f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in modules
                )

    visit(ast.parse(path.read_text(encoding="utf-8")).body)
    found.discard(name)
    return {m for m in found if m in modules}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    found: list[list[str]] = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def walk(node: str) -> None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                found.append([*path[path.index(nxt) :], nxt])
            elif nxt not in state:
                walk(nxt)
        path.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            walk(node)
    return found


def test_the_apps_modules_import_each_other_without_cycles() -> None:
    modules = _module_names()
    graph = {name: _top_level_imports(name, path, modules) for name, path in modules.items()}
    assert sum(len(v) for v in graph.values()) > 300  # the test reads the real imports
    assert _cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(graph) == [["a", "b", "c", "a"]]
