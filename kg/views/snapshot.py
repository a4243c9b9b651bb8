"""What the views need from the built dataset, read once: bodies, sessions, co-chairings,
post holdings, people and sources.

Read straight from the store's indexes (pattern lookups, no SPARQL): the
default graph repeats a triple once per named graph that holds it, and every
value here is collected into a set, so each fact counts once.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from pyoxigraph import Literal, NamedNode

from ..core.dates import first_day
from ..core.schema import schema
from ..core.vocab import IRDC, ORG, RDF, RDFS, SCHEMA, SKOS

BODY_TYPES = tuple(local for _v, local, _l in schema().body_types())
TYPE_LABELS = {local: label for _v, local, label in schema().body_types()}
STATUS = schema().statuses()
SIDES = schema().side_iris()
SIDE_OF_IRI = {iri: slug for slug, iri in SIDES.items()}


@dataclass
class Session:
    iri: str
    body: str
    label: str = ""
    ordinal: int | None = None
    date: str | None = None       # partial ISO date
    end_date: str | None = None
    location: str | None = None   # IRI
    status: str = ""              # "", planned, postponed, cancelled
    sidelines_of: list[str] = field(default_factory=list)
    attendees: list[str] = field(default_factory=list)

    @property
    def held(self) -> bool:
        """Not planned, postponed or cancelled."""
        return self.status == ""

    def sort_key(self):
        return (self.date or "", self.ordinal or 0, self.iri)


@dataclass
class CoChairing:
    iri: str
    session: str
    person: str
    side: str | None = None       # "india" | "russia" | other country IRI | None
    post: str | None = None
    post_titles: list[str] = field(default_factory=list)


@dataclass
class Holding:
    iri: str
    post: str
    person: str
    start: str | None = None
    end: str | None = None
    attested: list[str] = field(default_factory=list)


@dataclass
class Body:
    iri: str
    type: str
    label: str
    acronyms: list[str] = field(default_factory=list)
    parents: list[str] = field(default_factory=list)
    founded: str | None = None
    sub_group_count: int | None = None
    working_group_count: int | None = None

    @property
    def acronym(self) -> str:
        return self.acronyms[0] if self.acronyms else ""

    @property
    def short(self) -> str:
        return self.acronym or self.label


@dataclass
class Source:
    iri: str
    id: str
    types: list[str]
    publisher: str = ""
    headline: str = ""
    date: str = ""

    @property
    def is_news_article(self) -> bool:
        return SCHEMA.NewsArticle.value in self.types

    def citation(self) -> str:
        """'NewsX, "Headline" (2025-10-31)', or the source's id where it has no publisher or headline."""
        parts = [p for p in (self.publisher, f"\u201c{self.headline}\u201d" if self.headline else "") if p]
        text = ", ".join(parts) if parts else self.id
        return f"{text} ({self.date})" if self.date else text


@dataclass
class Snapshot:
    """The dataset's bodies, sessions, co-chairings, holdings, people and sources."""
    labels: dict[str, str]
    bodies: dict[str, Body]
    sessions: dict[str, Session]
    co_chairings: list[CoChairing]
    holdings: dict[str, list[Holding]]      # post IRI -> holdings
    people: dict[str, dict]                  # person IRI -> {"label", "nationality", "honorific"}
    sources: list[Source]

    def label(self, iri: str | None) -> str:
        if iri is None:
            return ""
        return self.labels.get(iri) or iri.rstrip("/").rsplit("/", 1)[-1]

    def person_label(self, iri: str | None) -> str:
        return (self.people.get(iri, {}).get("label") or self.label(iri)) if iri else ""


# ---------------------------------------------------------------- reading


class _Reader:
    """Pattern lookups over the union of the graphs, each value once."""

    def __init__(self, store):
        self.store = store

    def pairs(self, predicate: NamedNode):
        seen = set()
        for q in self.store.quads_for_pattern(None, predicate, None, None):
            key = (q.subject, q.object)
            if key not in seen:
                seen.add(key)
                yield q.subject, q.object

    def multi(self, predicate: NamedNode, within: set | dict | None = None) -> dict[str, list[str]]:
        out: dict[str, set] = defaultdict(set)
        for s, o in self.pairs(predicate):
            if within is None or s.value in within:
                out[s.value].add(o.value)
        return {k: sorted(v) for k, v in out.items()}

    def one(self, predicate: NamedNode, within: set | dict | None = None) -> dict[str, str]:
        return {k: v[0] for k, v in self.multi(predicate, within).items()}

    def typed(self, cls: NamedNode) -> set[str]:
        return {s.value for s, _o in self.pairs(RDF.type) if _o == cls}

    def labels(self) -> dict[str, str]:
        """One label per subject: prefLabel over rdfs:label over schema:name; English or
        untagged first, then the shortest (then the smallest) value, so the choice is stable."""
        labels: dict[str, str] = {}
        for pred in (SCHEMA.name, RDFS.label, SKOS.prefLabel):   # later predicates win
            best: dict[str, tuple] = {}
            for s, o in self.pairs(pred):
                if not isinstance(o, Literal):
                    continue
                lang = o.language or ""
                rank = (0 if lang in ("en", "") else 1, len(o.value), o.value)
                if s.value not in best or rank < best[s.value]:
                    best[s.value] = rank
            labels.update({s: r[2] for s, r in best.items()})
        return labels


def read(store) -> Snapshot:
    """Read the dataset (a pyoxigraph store) into a `Snapshot`."""
    r = _Reader(store)
    labels = r.labels()
    bodies = _bodies(r, labels)
    sessions = _sessions(r, labels, bodies)
    return Snapshot(labels=labels, bodies=bodies, sessions=sessions, co_chairings=_co_chairings(r, sessions),
                    holdings=_holdings(r), people=_people(r, labels), sources=_sources(r))


def _bodies(r: _Reader, labels: dict) -> dict[str, Body]:
    classes = {IRDC + name: name for name in BODY_TYPES}
    body_iris = r.typed(IRDC.Body)
    types: dict[str, str] = {}
    for s, o in r.pairs(RDF.type):
        name = classes.get(o.value)
        b = s.value
        if name and b in body_iris and (b not in types or BODY_TYPES.index(name) < BODY_TYPES.index(types[b])):
            types[b] = name
    acronyms = r.multi(IRDC.acronym, types)
    parents = r.multi(ORG.subOrganizationOf, types)
    founded = r.one(SCHEMA.foundingDate, types)
    sgc, wgc = r.multi(IRDC.statedSubGroupCount, types), r.multi(IRDC.statedWorkingGroupCount, types)
    return {b: Body(iri=b, type=t, label=labels.get(b, b), acronyms=acronyms.get(b, []),
                    parents=[p for p in parents.get(b, []) if p in types], founded=founded.get(b),
                    sub_group_count=max(map(int, sgc[b])) if b in sgc else None,
                    working_group_count=max(map(int, wgc[b])) if b in wgc else None)
            for b, t in types.items()}


def _sessions(r: _Reader, labels: dict, bodies: dict) -> dict[str, Session]:
    known = r.typed(IRDC.Session)
    session_of = r.one(IRDC.sessionOf)
    ordinals = r.one(IRDC.ordinal)
    starts, ends = r.one(SCHEMA.startDate, known), r.one(SCHEMA.endDate, known)
    locations, statuses = r.multi(SCHEMA.location, known), r.one(SCHEMA.eventStatus, known)
    sidelines, attendees = r.multi(IRDC.onSidelinesOf), r.multi(SCHEMA.attendee, known)
    sessions = {}
    for s, b in session_of.items():
        if b not in bodies:
            continue
        # Where sources name both a venue and its city, the venue is the more specific.
        loc = sorted(locations.get(s, []), key=lambda iri: ("/place/" not in iri, "/country/" in iri, iri))
        sessions[s] = Session(
            iri=s, body=b, label=labels.get(s, ""), ordinal=int(ordinals[s]) if s in ordinals else None,
            date=starts.get(s), end_date=ends.get(s), location=loc[0] if loc else None,
            status=STATUS.get(statuses.get(s, ""), ""), sidelines_of=sidelines.get(s, []),
            attendees=attendees.get(s, []))
    return sessions


def _co_chairings(r: _Reader, sessions: dict) -> list[CoChairing]:
    titles = r.multi(IRDC.postTitle)
    person, side, post = r.multi(IRDC.person), r.multi(IRDC.side), r.multi(IRDC.post)
    out = []
    for s, c in r.pairs(IRDC.coChairing):
        if s.value not in sessions:
            continue
        c = c.value
        for p in person.get(c, []):
            for sd in side.get(c, [None]):
                for po in post.get(c, [None]):
                    out.append(CoChairing(iri=c, session=s.value, person=p, side=SIDE_OF_IRI.get(sd, sd), post=po,
                                          post_titles=sorted(titles.get(c, []), key=lambda t: (len(t), t))))
    out.sort(key=lambda c: (c.session, c.iri, c.side or "", c.post or ""))
    # One co-chairing per node even where sources disagree on its side or post.
    seen, unique = set(), []
    for c in out:
        if c.iri not in seen:
            seen.add(c.iri)
            unique.append(c)
    return unique


def _holdings(r: _Reader) -> dict[str, list[Holding]]:
    known = r.typed(IRDC.PostHolding)
    start, end = r.one(SCHEMA.startDate, known), r.one(SCHEMA.endDate, known)
    attested = r.multi(IRDC.attestedOn, known)
    post, person = r.multi(IRDC.post, known), r.multi(IRDC.person, known)
    holdings: dict[str, list[Holding]] = defaultdict(list)
    for h in known:
        for po in post.get(h, []):
            for p in person.get(h, []):
                holdings[po].append(Holding(iri=h, post=po, person=p, start=start.get(h), end=end.get(h),
                                            attested=attested.get(h, [])))
    for hs in holdings.values():
        hs.sort(key=lambda h: h.iri)
    return dict(holdings)


def _people(r: _Reader, labels: dict) -> dict[str, dict]:
    known = r.typed(SCHEMA.Person)
    nationality, honorific = r.one(SCHEMA.nationality, known), r.one(SCHEMA.honorificPrefix, known)
    return {p: {"label": labels.get(p, p), "nationality": SIDE_OF_IRI.get(nationality.get(p), ""),
                "honorific": honorific.get(p, "")} for p in known}


def _sources(r: _Reader) -> list[Source]:
    sources = sorted({o.value for _s, o in r.pairs(NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom"))})
    within = set(sources)
    types = r.multi(RDF.type, within)
    publishers, headlines = r.one(SCHEMA.publisher, within), r.one(SCHEMA.headline, within)
    published = r.one(SCHEMA.datePublished, within)
    out = [Source(iri=s, id=s.rstrip("/").rsplit("/", 1)[-1], types=types.get(s, []), publisher=publishers.get(s, ""),
                  headline=headlines.get(s, ""), date=published.get(s, "")) for s in sources]
    out.sort(key=lambda s: (not s.is_news_article, s.date == "", s.date and -first_day(s.date).toordinal(), s.id))
    return out


def snapshot(source) -> Snapshot:
    """A `Snapshot` of a store, or the snapshot itself."""
    return source if isinstance(source, Snapshot) else read(source)
