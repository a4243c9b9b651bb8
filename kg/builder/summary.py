"""The counts a build reports (and writes to summary.json)."""
from __future__ import annotations

from pyoxigraph import Quad, Store

from ..core import sparql
from ..core.vocab import PREFIXES
from .validate import Report

COUNTS = ("bodies", "sessions", "people", "agreements", "sources")


def summarise(quads: list[Quad], report: Report) -> dict:
    store = Store()
    store.extend(quads)
    row = next(iter(store.query(sparql.text("summary"), use_default_graph_as_union=True, prefixes=PREFIXES)))
    counts = {name: int(row[name].value) for name in COUNTS}
    triples = len({q.triple for q in quads})
    graphs = len({q.graph_name for q in quads})
    return {**counts, "named_graphs": graphs, "triples": triples, "quads": len(quads),
            "conforms": report.conforms,
            "violations": sum(v.severity == "Violation" for v in report.violations),
            "warnings": sum(v.severity != "Violation" for v in report.violations),
            "left_out": list(report.left_out)}
