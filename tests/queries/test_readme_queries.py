"""README's examples are generated from the real built graph (docs/readme.py); this keeps the two in step.

Regenerate with `python docs/readme.py`.
"""
from __future__ import annotations

import json

from kg import queries as Q
from kg.dataset.store import open_store
from tests.docs_tool import readme as docs


def test_readme_generated_blocks_match_the_built_graph(repo, built):
    text = (repo / "README.md").read_text(encoding="utf-8")
    expected = docs.blocks_for(open_store(built), json.loads((built / "summary.json").read_text()), repo)
    assert docs.current(text) == expected, "README.md's generated blocks are stale: run `python docs/readme.py`"


def test_readme_documents_every_library_query_and_the_commands(repo):
    text = (repo / "README.md").read_text(encoding="utf-8")
    blocks = docs.current(text)
    for name in Q.query_names():
        assert f"$ kg query {name}" in blocks["query-library"], f"{name} has no example in README"
    for command in ("kg query", "kg serve", "kg push --endpoint"):
        assert command in text
    assert "pyoxigraph / rdflib" in blocks["bench-queries"], "README lacks the benchmark figures (run make bench)"
