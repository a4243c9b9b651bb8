"""README's query section is generated from the real built graph; this keeps the two in step.

Regenerate with `python -m kg.queries --readme` after `kg build --no-extract`.
"""
from __future__ import annotations

from pathlib import Path

from kg import queries as Q

ROOT = Path(__file__).resolve().parent.parent


def test_readme_query_region_matches_the_built_graph(built):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    expected = Q.readme_region(Q.load_store(built), root=ROOT)
    current = Q.current_region(readme)
    assert current == expected, "README.md's query region is stale: run `python -m kg.queries --readme`"


def test_readme_documents_every_library_query_and_the_commands():
    region = Q.current_region((ROOT / "README.md").read_text(encoding="utf-8"))
    for name in Q.query_names():
        assert f"$ kg query {name}" in region, f"{name} has no example in README"
    for command in ("kg query", "kg serve", "kg push --endpoint"):
        assert command in region
    assert "pyoxigraph / rdflib" in region, "README lacks the benchmark figures (run make bench)"
