"""Curated records as RDF quads, each fact in the named graph of every source that states it.

Driven by `kg/schema.yaml` alone: a kind's `iri` and `classes`, each field's
`rdf` predicates (with `inverse`, `owner_rdf`, `to_owner` and `span`), and
nested kinds (co-chairings, post holdings, names in use, signings) with
their `link` and `back`. A record's own sources carry its type and its
computed label; every field's claims carry their own sources, so a place that
only one article gives lands only in that article's graph. Nested nodes get
IRIs under their owner instead of blank nodes, which keeps builds
byte-identical.
"""
from __future__ import annotations

import re
from typing import Iterable, Iterator

from pyoxigraph import Literal, NamedNode, Quad

from ..core.dates import datatype
from ..core.names import slug
from ..core.schema import Field, Kind, expand, schema
from ..core.vocab import ID, IRDC, PROV, RDF, RDFS, SCHEMA, SKOS, XSD, curated_graph
from .labels import LABELS
from .records import Claim, Curated, Record


_LATIN = re.compile(r"^[\x00-\u024f\u1e00-\u1eff\u2000-\u206f\u20a0-\u20cf\u2100-\u214f]*$")


def literal(f: Field, value, lang: str | None) -> Literal:
    if f.type == "date":
        return Literal(value, datatype=NamedNode(datatype(value)))
    if f.type == "year":
        return Literal(value, datatype=XSD.gYear)
    if f.type in ("int", "posint"):
        return Literal(str(value), datatype=XSD.integer)
    if f.type == "bool":
        return Literal("true" if value else "false", datatype=XSD.boolean)
    return Literal(str(value), language=lang) if lang else Literal(str(value))


class Emitter:
    def __init__(self, curated: Curated):
        self.curated = curated
        self.schema = schema()
        self.quads: list[Quad] = []

    def add(self, s, p, o, sources: Iterable[str]) -> None:
        for src in sources:
            self.quads.append(Quad(s, p, o, curated_graph(src)))

    # ---- identifiers

    def iri(self, kind: str, rec_id: str) -> NamedNode:
        """The IRI of a record of `kind` (a place that is a country: .../country/...)."""
        k = self.schema[kind]
        template = k.spec["iri"]
        by = k.spec.get("iri_by")
        if by:
            rec = self.curated[kind].get(rec_id)
            value = rec.first(by["field"]) if rec is not None else None
            template = by["values"].get(value, template)
        return NamedNode(ID + template.format(id=rec_id))

    def nested_iri(self, k: Kind, owner: NamedNode, rec: Record) -> NamedNode:
        parts = {}
        for name in k.merge_key or ():
            value = rec.first(name)
            if name == "term":
                parts[name] = f"-{value}" if value and value > 1 else ""
            elif name == "agreement":
                parts[name] = f"/{value}" if value else ""
            else:
                parts[name] = slug(str(value), empty="") if value is not None else ""
        return NamedNode(k.spec["iri"].format(owner=owner.value, **parts))

    def value(self, f: Field, claim: Claim, term_lang: str | None):
        """The RDF object of one claim for one predicate."""
        if f.type == "ref":
            return self.iri(f.target, claim.value)
        if f.type == "url":
            return NamedNode(claim.value)
        if f.type == "enum":
            iri = f.values.get(claim.value, {}).get("iri")
            return NamedNode(expand(iri)) if iri else None
        if f.type == "langtext":
            lang, text = claim.value
            return Literal(text, language=lang)
        return literal(f, claim.value, self.language(claim, term_lang))

    def language(self, claim: Claim, lang: str | None) -> str | None:
        """English-tagged text that is not in Latin script takes its source's language
        (a Hindi post title as a Hindi source writes it is `@hi`, not `@en`)."""
        if lang != "en" or not isinstance(claim.value, str) or _LATIN.match(claim.value):
            return lang
        for src in claim.sources:
            rec = self.curated["source"].get(src)
            if rec is not None and rec.first("language") and rec.first("language") != "en":
                return rec.first("language")
        return "und"

    # ---- records

    def record(self, k: Kind, s: NamedNode, rec: Record, owner: NamedNode | None = None) -> None:
        classes = list(k.classes)
        for f in k.fields.values():
            if f.type == "enum" and f.values:
                for claim in rec.claims(f.name):
                    classes += [expand(c) for c in f.values.get(claim.value, {}).get("classes", ())]
        for cls in dict.fromkeys(classes):
            self.add(s, RDF.type, NamedNode(cls), rec.sources)
        if k.spec.get("label"):
            text, sources = LABELS[k.spec["label"]](self.curated, rec)
            self.add(s, RDFS.label, Literal(text, language="en"), sources)
        for f in k.fields.values():
            if f.type == "object":
                self.children(f, s, rec)
            elif f.type == "langtext":
                self.labels(f, s, rec, k)
            elif f.spec.get("span"):
                self.span(f, s, rec)
            else:
                self.field(f, s, rec, owner)

    def field(self, f: Field, s: NamedNode, rec: Record, owner: NamedNode | None) -> None:
        for claim in rec.claims(f.name):
            for term in f.terms():
                o = self.value(f, claim, term.lang)
                if o is not None:
                    self.add(s, NamedNode(term.iri), o, claim.sources)
            if f.type not in ("ref",):
                continue
            o = self.iri(f.target, claim.value)
            for term in f.terms("inverse"):
                self.add(o, NamedNode(term.iri), s, claim.sources)
            if owner is not None:
                for term in f.terms("owner_rdf"):
                    self.add(owner, NamedNode(term.iri), o, claim.sources)
                for term in f.terms("to_owner"):
                    self.add(o, NamedNode(term.iri), owner, claim.sources)

    def labels(self, f: Field, s: NamedNode, rec: Record, k: Kind) -> None:
        """Names in other languages: per language, the one most sources write is the
        preferred label (skos:prefLabel@lang), the others alternatives. A record that no
        source names in English also takes its most-attested label as its schema:name."""
        by_lang: dict[str, list[Claim]] = {}
        for claim in rec.claims(f.name):
            by_lang.setdefault(claim.value[0], []).append(claim)
        named = bool(rec.claims("name") or rec.claims("title"))
        best_overall = None
        for lang, claims in by_lang.items():
            votes: dict[str, int] = {}
            for c in claims:
                votes[c.value[1]] = votes.get(c.value[1], 0) + len(c.sources)
            preferred = max(votes, key=lambda v: (votes[v], -[c.value[1] for c in claims].index(v)))
            for c in claims:
                term = SKOS.prefLabel if c.value[1] == preferred else SKOS.altLabel
                self.add(s, term, Literal(c.value[1], language=lang), c.sources)
            rank = (sum(votes.values()), lang)
            if best_overall is None or rank > best_overall[0]:
                best_overall = (rank, [c for c in claims if c.value[1] == preferred])
        if not named and best_overall is not None and k.field("name") is not None:
            for c in best_overall[1]:
                self.add(s, SCHEMA.name, Literal(c.value[1], language=c.value[0]), c.sources)

    def span(self, f: Field, s: NamedNode, rec: Record) -> None:
        """[first, last] of a list, each with its own predicate (an agreement's period),
        for each source's list apart: two sources may give two periods."""
        by_sources: dict[tuple, list[Claim]] = {}
        for claim in rec.claims(f.name):
            by_sources.setdefault(claim.sources, []).append(claim)
        first, last = (NamedNode(expand(t)) for t in f.spec["span"])
        for claims in by_sources.values():
            self.add(s, first, literal(f, claims[0].value, None), claims[0].sources)
            self.add(s, last, literal(f, claims[-1].value, None), claims[-1].sources)

    def children(self, f: Field, owner: NamedNode, rec: Record) -> None:
        k = self.schema[f.of]
        for kid in rec.children.get(f.name, []):
            node = self.nested_iri(k, owner, kid)
            if k.spec.get("link"):
                self.add(owner, NamedNode(expand(k.spec["link"])), node, kid.sources)
            if k.spec.get("back"):
                self.add(node, NamedNode(expand(k.spec["back"])), owner, kid.sources)
            self.record(k, node, kid, owner)

    def source_graphs(self) -> None:
        """Each source's graph says what it is: a fact graph, derived from that source, curated."""
        for rec in self.curated["source"].values():
            g = curated_graph(rec.id)
            self.add(g, RDF.type, IRDC.FactGraph, [rec.id])
            self.add(g, PROV.wasDerivedFrom, self.iri("source", rec.id), [rec.id])
            self.add(g, IRDC.method, IRDC.Curated, [rec.id])


def curated_quads(curated: Curated) -> Iterator[Quad]:
    """Every curated fact as quads (unsorted, possibly repeated)."""
    em = Emitter(curated)
    em.source_graphs()
    for k in em.schema:
        if k.nested:
            continue
        for rec in curated[k.name].values():
            if k.spec.get("self_graph"):
                rec = _own_graph(rec)
            em.record(k, em.iri(k.name, rec.id), rec)
    return iter(em.quads)


def _own_graph(rec: Record) -> Record:
    """A source register entry states its own metadata, in its own graph."""
    own = (rec.id,)
    return Record(kind=rec.kind, id=rec.id, path=rec.path, line=rec.line, sources=own,
                  fields={n: [Claim(c.value, own, c.line, True, c.path) for c in cs] for n, cs in rec.fields.items()})


def record_locations(curated: Curated) -> dict[str, str]:
    """Each record's IRI -> `path:line` of the record that makes it (nested records their own line),
    so a SHACL violation on a node can be reported where a curator fixes it."""
    em = Emitter(curated)
    where: dict[str, str] = {}

    def walk(k: Kind, node: NamedNode, rec: Record) -> None:
        where.setdefault(node.value, rec.where)
        for f in k.fields.values():
            if f.type != "object":
                continue
            kid_kind = em.schema[f.of]
            for kid in rec.children.get(f.name, []):
                walk(kid_kind, em.nested_iri(kid_kind, node, kid), kid)

    for k in em.schema:
        if not k.nested:
            for rec in curated[k.name].values():
                walk(k, em.iri(k.name, rec.id), rec)
    return where
