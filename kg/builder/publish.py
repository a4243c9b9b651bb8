"""Writing the built dataset: every serialisation staged first, then moved into place.

Deterministic: quads are de-duplicated and sorted before every serialisation
and no blank nodes are made, so two builds of the same input are
byte-identical.
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Iterable

from pyoxigraph import Quad, RdfFormat, serialize

from ..core.vocab import PREFIXES

OUTPUTS = ("kg.trig", "kg.nq", "kg.ttl", "kg.jsonld", "summary.json")


def sort_quads(quads: Iterable[Quad]) -> list[Quad]:
    return sorted(set(quads), key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)))


def _sorted_prefixes(path: Path) -> None:
    """The serializer emits @prefix lines in its map's order; sort them so diffs stay quiet."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    head = [ln for ln in lines if ln.startswith("@prefix")]
    path.write_text("".join(sorted(head) + lines[len(head):]), encoding="utf-8")


def write(staging: Path, quads: list[Quad], summary: dict) -> None:
    serialize(quads, staging / "kg.nq", format=RdfFormat.N_QUADS)
    serialize(quads, staging / "kg.trig", format=RdfFormat.TRIG, prefixes=PREFIXES)
    triples = sorted({q.triple for q in quads}, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    serialize(triples, staging / "kg.ttl", format=RdfFormat.TURTLE, prefixes=PREFIXES)
    for name in ("kg.trig", "kg.ttl"):
        _sorted_prefixes(staging / name)
    serialize(quads, staging / "kg.jsonld", format=RdfFormat.JSON_LD, prefixes=PREFIXES)
    (staging / "summary.json").write_text(json.dumps(summary, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def publish(quads: list[Quad], summary: dict, out: Path) -> None:
    """Write every output beside `out`, then move them in."""
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".kg-build-", dir=out.parent))
    try:
        write(staging, quads, summary)
        out.mkdir(parents=True, exist_ok=True)
        for name in OUTPUTS:
            os.replace(staging / name, out / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
