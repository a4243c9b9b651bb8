"""The disputable facts about sessions (date, place, co-chair per side), per named graph,
with the evidence each graph gives. Shared by `kg conflicts` and `kg review`; the other
facts an article can add (post holdings, visits, signings, agreements) for `kg review`."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from pyoxigraph import Store

from ..core import sparql
from ..core.dates import compatible
from .store import select


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
    date: str | None = None      # a holding's attestation, a visit's or an agreement's date
    where: str | None = None     # a visit's place
    visited: str | None = None   # a visit's organisation

    @property
    def key(self) -> tuple:
        return (self.session, self.what, self.side)


class SessionStatements:
    def __init__(self, store: Store):
        self.store = store

    @classmethod
    def of(cls, source: "Store | SessionStatements") -> "SessionStatements":
        """The facts of a store, or the given facts themselves (their queries already run)."""
        return source if isinstance(source, cls) else cls(source)

    @cached_property
    def statements(self) -> list[Statement]:
        out = []
        for r in select(self.store, sparql.text("session-statements")):
            v = lambda name: r[name].value if r[name] is not None else None  # noqa: E731
            out.append(Statement(
                session=v("session"), what=v("what"), side=v("side"), value=v("value"), graph=v("g"),
                source=v("source"), method=v("method").rsplit("#", 1)[-1].lower(), quote=v("quote"),
                start=int(v("start")) if v("start") else None, end=int(v("end")) if v("end") else None,
                rule=v("rule")))
        return sorted(set(out), key=lambda s: (s.session, s.what, s.side or "", s.value, s.graph))

    @cached_property
    def records(self) -> list[Statement]:
        """Post holdings, visits, signings and extraction-only agreements, per graph."""
        out = []
        for r in select(self.store, sparql.text("record-statements")):
            v = lambda name: r[name].value if r[name] is not None else None  # noqa: E731
            out.append(Statement(
                session=v("subject"), what=v("what"), side=v("side"), value=v("value"), graph=v("g"),
                source=v("source"), method=v("method").rsplit("#", 1)[-1].lower(), quote=v("quote"),
                start=int(v("start")) if v("start") else None, end=int(v("end")) if v("end") else None,
                rule=v("rule"), date=v("date"), where=v("where"), visited=v("visited")))
        return sorted(set(out), key=lambda s: (s.what, s.session, s.value, s.graph, s.date or ""))

    @cached_property
    def labels(self) -> dict[str, str]:
        return {r["x"].value: r["ranked"].value[1:] for r in select(self.store, sparql.text("labels"))}

    def label(self, iri: str | None) -> str:
        if iri is None:
            return ""
        if iri in self.labels:
            return self.labels[iri]
        if "/id/session/" in iri:  # extraction-only sessions carry no label: body/number
            return iri.split("/id/session/", 1)[1]
        return iri.rsplit("/", 1)[-1].rsplit("#", 1)[-1]

    @cached_property
    def containment(self) -> set[tuple[str, str]]:
        return {(r["inner"].value, r["outer"].value) for r in select(self.store, sparql.text("contained-places"))}

    def compatible(self, what: str, a: str, b: str) -> bool:
        """Two values that do not contradict each other: the same, a date and its month or
        year, or a place and a place it lies in."""
        if a == b:
            return True
        if what == "date":
            return compatible(a, b)
        if what == "place":
            return (a, b) in self.containment or (b, a) in self.containment
        return False
