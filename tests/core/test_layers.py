"""The package shows its data flow: no module imports one above it, and no import cycles.

Layers, top to bottom of the flow (a module may import its own layer and the ones
before it):

    core -> curated -> extract -> builder -> dataset -> queries -> views
         -> charts | exports | review -> server -> cli
"""
from __future__ import annotations

import ast
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import networkx as nx
import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "kg"
LAYERS = {"core": 0, "curated": 1, "extract": 2, "builder": 3, "dataset": 4, "queries": 5, "views": 6,
          "charts": 7, "exports": 7, "review": 7, "server": 8, "cli": 9}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports(name: str, path: Path) -> set[str]:
    """Every kg module `name` imports, at the top or inside a function."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name.split(".")[0] == "kg"}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != "kg":
                continue
            out.add(target)
            for alias in node.names:          # `from .. import views` imports a module
                out.add(f"{target}.{alias.name}")
    known = modules()
    return {t for t in out if t in known and t != name}


def layer(name: str) -> int | None:
    parts = name.split(".")
    return LAYERS.get(parts[1]) if len(parts) > 1 else None


def graph() -> nx.DiGraph:
    g = nx.DiGraph()
    for name, path in modules().items():
        g.add_node(name)
        for target in imports(name, path):
            g.add_edge(name, target)
    return g


def test_every_module_belongs_to_a_layer():
    loose = [m for m in modules() if m not in ("kg", "kg.__main__") and layer(m) is None]
    assert not loose, f"modules outside every layer: {loose}"


def test_no_module_imports_one_above_it_in_the_flow():
    upward = [(a, b) for a, b in graph().edges
              if layer(a) is not None and layer(b) is not None and layer(b) > layer(a)]
    assert not upward, "\n".join(f"{a} imports {b}" for a, b in upward)


def test_the_import_graph_has_no_cycles():
    g = graph()
    # A package's __init__ re-exporting its modules is not a cycle of meaning: drop package nodes' edges down.
    g.remove_edges_from([(a, b) for a, b in list(g.edges) if b.startswith(a + ".")])
    cycles = list(nx.simple_cycles(g))
    assert not cycles, cycles[:5]


@pytest.mark.parametrize("chunk", range(4))
def test_each_module_imports_alone(chunk):
    """In a fresh interpreter each, so that a module that only works after another was
    imported (a hidden cycle or a missing import) fails here."""
    names = [m for m in sorted(modules()) if not m.endswith("__main__")][chunk::4]   # __main__ runs the CLI

    def run(name):
        done = subprocess.run([sys.executable, "-c", f"import {name}"], capture_output=True, text=True,
                              cwd=PACKAGE.parent)
        return name, done.returncode, done.stderr.strip().splitlines()[-1:] if done.stderr else []

    with ThreadPoolExecutor(max_workers=2) as pool:
        failed = [r for r in pool.map(run, names) if r[1] != 0]
    assert not failed, failed
