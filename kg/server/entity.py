"""An entity's page data: its statements grouped by property, each value with the
sources that state it (publisher, headline, date, URL, method, evidence), values
that sources dispute side by side, what links to it, and its own parts (a
session's co-chairings, a post's holdings) inline.

Runs on a query store (the distinct union as default graph); the SPARQL is in
ontology/sparql/entity-*.rq.
"""
from __future__ import annotations

from collections import defaultdict

from pyoxigraph import Literal, NamedNode, Store, Variable

from ..core import sparql
from ..core.vocab import ID, PREFIXES
from ..core.vocab import compact as compact_iri
from ..dataset.store import select
from ..queries.results import json_term

_PART_DEPTH = 1      # parts of parts are linked, not inlined


def _labels(store: Store) -> dict[str, str]:
    """One label per entity: by property (skos:prefLabel first), then English or
    untagged before other languages, then the shortest."""
    best: dict[str, tuple] = {}
    for r in select(store, sparql.text("entity-labels")):
        if not isinstance(r["x"], NamedNode):
            continue
        label = r["l"]
        lang = getattr(label, "language", None) or ""
        rank = (int(r["kind"].value), 0 if lang in ("", "en") or lang.startswith("en-") else 1, len(label.value),
                label.value)
        if r["x"].value not in best or rank < best[r["x"].value]:
            best[r["x"].value] = rank
    return {x: rank[3] for x, rank in best.items()}


def _short(iri: str) -> str:
    return compact_iri(iri) or iri


def _term(term, labels: dict) -> dict:
    out = json_term(term)
    if isinstance(term, NamedNode):
        out["short"] = _short(term.value)
        if term.value in labels:
            out["label"] = labels[term.value]
        if term.value.startswith(ID):
            out["page"] = "/id/" + term.value[len(ID):]
    return out


def _statements(store: Store, iri: str, labels: dict) -> list[dict]:
    rows = select(store, sparql.text("entity-statements"), substitutions={Variable("s"): NamedNode(iri)})
    values: dict[str, dict] = {}
    order: list[str] = []
    for r in rows:
        p, o = r["p"].value, r["o"]
        key = (p, str(o))
        prop = values.setdefault(p, {"property": _term(r["p"], labels), "values": {}})
        if p not in order:
            order.append(p)
        value = prop["values"].setdefault(str(o), {"value": _term(o, labels), "sources": []})
        src = r["source"]
        entry = {"graph": r["g"].value, "graph_short": _short(r["g"].value),
                 "method": r["method"].value.rsplit("#", 1)[-1].lower() if r["method"] else None,
                 "source": src.value if src else None, "source_short": _short(src.value) if src else None,
                 "source_page": ("/id/" + src.value[len(ID):]) if src and src.value.startswith(ID) else None}
        for name in ("publisher", "headline", "published", "url", "quote"):
            entry[name] = r[name].value if r[name] is not None else None
        entry["copy_of"] = _short(r["copyOf"].value) if r["copyOf"] else None
        if entry not in value["sources"]:
            value["sources"].append(entry)
        del key
    out = []
    # What the entity is told first; its types (stated by every source) last.
    order.sort(key=lambda p: p == PREFIXES["rdf"] + "type")
    for p in order:
        prop = values[p]
        vals = list(prop["values"].values())
        # Disputed: two or more values, and no source states more than one of them.
        by_source = defaultdict(set)
        for i, v in enumerate(vals):
            for s in v["sources"]:
                by_source[s["source"] or s["graph"]].add(i)
        disputed = len(vals) > 1 and all(len(ix) == 1 for ix in by_source.values()) \
            and not all(v["value"]["type"] == "uri" and p == PREFIXES["rdf"] + "type" for v in vals)
        out.append({"property": prop["property"], "values": vals, "disputed": disputed})
    return out


def entity(store: Store, iri: str) -> dict:
    """Everything the page shows about `iri`."""
    labels = _labels(store)
    statements = _statements(store, iri, labels)
    parts = {}
    for prop in statements:
        for v in prop["values"]:
            o = v["value"]
            if o["type"] == "uri" and o["value"].startswith(iri + "/") and o["value"] not in parts:
                parts[o["value"]] = {"entity": _term(NamedNode(o["value"]), labels),
                                     "statements": _statements(store, o["value"], labels)}
    incoming = []
    for r in select(store, sparql.text("entity-incoming"), substitutions={Variable("s"): NamedNode(iri)}):
        x = r["x"].value
        if x.startswith(iri + "/"):
            continue   # its own parts, shown inline
        owner = x
        # A part of another entity (a co-chairing, a holding) links through to its owner.
        for other in (x.rsplit("/co-chair/", 1)[0], x.rsplit("/holding/", 1)[0]):
            if other != x:
                owner = other
        incoming.append({"from": _term(NamedNode(owner), labels), "property": _term(r["p"], labels)})
    seen, unique = set(), []
    for link in incoming:
        key = (link["from"]["value"], link["property"]["value"])
        if key not in seen:
            seen.add(key)
            unique.append(link)
    node = NamedNode(iri)
    return {"entity": _term(node, labels), "found": bool(statements or unique),
            "statements": statements, "parts": list(parts.values()), "incoming": unique}


def is_entity_iri(value: str) -> bool:
    return value.startswith(ID) and len(value) > len(ID)


__all__ = ["entity", "is_entity_iri", "Literal"]
