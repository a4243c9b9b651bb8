"""The disputable facts about sessions (date, place, co-chair per side), per named graph,
with the evidence each graph gives. Shared by `kg conflicts` and `kg review`."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from pyoxigraph import Store

from .store import select

FACTS = """
PREFIX irdc: <https://w3id.org/irdc/ontology#>
PREFIX schema: <https://schema.org/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?session ?what ?value ?side ?g ?source ?method ?quote ?start ?end ?rule WHERE {
  GRAPH ?g {
    { ?session irdc:sessionOf ?value BIND("session" AS ?what) BIND(irdc:sessionOf AS ?p) BIND(?session AS ?on) }
    UNION { ?session schema:startDate ?value BIND("date" AS ?what) BIND(schema:startDate AS ?p) BIND(?session AS ?on) }
    UNION { ?session schema:location ?value BIND("place" AS ?what) BIND(schema:location AS ?p) BIND(?session AS ?on) }
    UNION { ?session irdc:coChairing ?on . ?on irdc:person ?value ; irdc:side ?side
            BIND("co-chair" AS ?what) BIND(irdc:person AS ?p) }
    ?g prov:wasDerivedFrom ?source ; irdc:method ?method .
    OPTIONAL { ?on irdc:evidence ?e . ?e irdc:evidenceFor ?p ; irdc:quote ?quote
               OPTIONAL { ?e irdc:startOffset ?start ; irdc:endOffset ?end } OPTIONAL { ?e irdc:rule ?rule } }
  }
  ?session irdc:sessionOf ?body .
}
"""

LABELS = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <https://schema.org/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX irdc: <https://w3id.org/irdc/ontology#>
SELECT ?x (SAMPLE(?l) AS ?label) WHERE {
  { ?x skos:prefLabel ?l } UNION { ?x rdfs:label ?l } UNION { ?x schema:name ?l } UNION { ?x irdc:fileName ?l }
} GROUP BY ?x
"""

CONTAINED = """
PREFIX schema: <https://schema.org/>
SELECT ?inner ?outer WHERE { ?inner schema:containedInPlace+ ?outer }
"""


@dataclass(frozen=True)
class Statement:
    """One graph's statement of one disputable fact about a session."""

    session: str
    what: str           # session (its body) | date | place | co-chair
    side: str | None    # for co-chairs: the country IRI
    value: str          # literal text or IRI
    graph: str
    source: str
    method: str         # curated | extracted
    quote: str | None
    start: int | None
    end: int | None
    rule: str | None

    @property
    def key(self) -> tuple:
        return (self.session, self.what, self.side)


class SessionFacts:
    def __init__(self, store: Store):
        self.store = store

    @classmethod
    def of(cls, source: "Store | SessionFacts") -> "SessionFacts":
        """The facts of a store, or the given facts themselves (their queries already run)."""
        return source if isinstance(source, cls) else cls(source)

    @cached_property
    def statements(self) -> list[Statement]:
        out = []
        for r in select(self.store, FACTS):
            v = lambda name: r[name].value if r[name] is not None else None  # noqa: E731
            out.append(Statement(
                session=v("session"), what=v("what"), side=v("side"), value=v("value"), graph=v("g"),
                source=v("source"), method=v("method").rsplit("#", 1)[-1].lower(), quote=v("quote"),
                start=int(v("start")) if v("start") else None, end=int(v("end")) if v("end") else None,
                rule=v("rule")))
        return sorted(set(out), key=lambda s: (s.session, s.what, s.side or "", s.value, s.graph))

    @cached_property
    def labels(self) -> dict[str, str]:
        return {r["x"].value: r["label"].value for r in select(self.store, LABELS)}

    def label(self, iri: str | None) -> str:
        if iri is None:
            return ""
        if iri in self.labels:
            return self.labels[iri]
        if "/id/session/" in iri:  # extraction-only sessions carry no label: body/number
            return iri.split("/id/session/", 1)[1]
        return iri.rsplit("/", 1)[-1]

    @cached_property
    def containment(self) -> set[tuple[str, str]]:
        return {(r["inner"].value, r["outer"].value) for r in select(self.store, CONTAINED)}

    def compatible(self, what: str, a: str, b: str) -> bool:
        """Two values that do not contradict each other: the same, a date and its month or
        year, or a place and a place it lies in."""
        if a == b:
            return True
        if what == "date":
            return a.startswith(b) or b.startswith(a)
        if what == "place":
            return (a, b) in self.containment or (b, a) in self.containment
        return False
