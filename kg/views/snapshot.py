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

from ..core.dates import compatible, first_day, last_day
from ..core.schema import schema
from ..core.vocab import GRAPH, IRDC, ORG, PROV, RDF, RDFS, SCHEMA, SKOS

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
    reported: str | None = None   # the earliest date of a source reporting it held (places an undated session)

    @property
    def when(self) -> str | None:
        """Its date, else the date of the earliest source reporting it held."""
        return self.date or self.reported

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
    ended: str | None = None
    first_seen: str | None = None       # the earliest date a source shows the body at (a session, a publication)
    last_seen: str | None = None        # the latest such date
    counts: list["StatedCount"] = field(default_factory=list)

    @property
    def acronym(self) -> str:
        return self.acronyms[0] if self.acronyms else ""

    @property
    def short(self) -> str:
        return self.acronym or self.label


@dataclass(frozen=True)
class StatedCount:
    """"Two working groups and nine sub-groups": a count one source states, dated by that source."""
    kind: str                  # "sub_group" | "working_group"
    value: int
    date: str | None           # the source's publication date, where known
    source: str


@dataclass
class Change:
    """A creation, renaming or restructuring (org:ChangeEvent), dated by its own date or by
    the session it happened at."""
    iri: str
    types: list[str]
    date: str | None
    original: list[str]
    resulting: list[str]
    from_names: list[str]
    to_names: list[str]


@dataclass
class Source:
    iri: str
    id: str
    types: list[str]
    publisher: str = ""
    headline: str = ""
    date: str = ""
    url: str = ""
    copy_of: "Source | None" = None

    @property
    def is_news_article(self) -> bool:
        return SCHEMA.NewsArticle.value in self.types

    def citation(self) -> str:
        """'NewsX, "Headline" (2025-10-31)': by publisher and headline, never by our slug; a
        page that shows neither is named by what it copies, else as unattributed."""
        parts = [p for p in (self.publisher, f"\u201c{self.headline}\u201d" if self.headline else "") if p]
        if parts:
            text = ", ".join(parts)
        elif self.copy_of is not None and self.copy_of is not self:
            text = f"an unattributed copy of {self.copy_of.citation()}"
            return text
        else:
            text = "an unattributed page" + (f" ({self.url})" if self.url else "")
        return f"{text} ({self.date})" if self.date else text


@dataclass
class Agreement:
    """A signed or issued document (irdc:Agreement and its kinds)."""
    iri: str
    label: str
    kind: str = "Agreement"
    signed_on: str | None = None
    signed_at: list[str] = field(default_factory=list)     # sessions or events
    signatories: list[str] = field(default_factory=list)


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
    changes: list[Change] = field(default_factory=list)
    label_languages: dict[str, str] = field(default_factory=dict)    # IRI -> language of its label, if not English
    sources_of: dict[str, set[str]] = field(default_factory=dict)   # subject IRI -> source IRIs stating it
    posts: dict[str, dict] = field(default_factory=dict)            # post IRI -> {"label", "side"}
    agreements: list[Agreement] = field(default_factory=list)

    def citations(self, subjects) -> list[Source]:
        """The sources that state something about any of `subjects` (or are among them), newest first."""
        subjects = set(subjects or ())
        wanted = subjects.union(*(self.sources_of.get(s, set()) for s in subjects))
        return [src for src in self.sources if src.iri in wanted]

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

    def graphs(self, predicate: NamedNode) -> dict[tuple[str, str], set[str]]:
        """(subject, object) -> the graphs that state it."""
        out: dict[tuple[str, str], set[str]] = defaultdict(set)
        for q in self.store.quads_for_pattern(None, predicate, None, None):
            out[(q.subject.value, q.object.value)].add(q.graph_name.value if hasattr(q.graph_name, "value") else "")
        return out

    def best_dates(self, predicate: NamedNode, within) -> dict[str, str]:
        """Per subject, the date most sources support (a month supports a day in it and the
        other way round), the more precise of equals."""
        by_subject: dict[str, dict[str, set]] = defaultdict(dict)
        for (s, o), graphs in self.graphs(predicate).items():
            if s in within:
                by_subject[s][o] = graphs
        out = {}
        for s, values in by_subject.items():
            def support(v):
                return len(set().union(*(g for w, g in values.items() if compatible(v, w))))
            out[s] = max(sorted(values), key=lambda v: (support(v), len(v)))
        return out

    def typed(self, cls: NamedNode) -> set[str]:
        return {s.value for s, _o in self.pairs(RDF.type) if _o == cls}

    def labels(self) -> dict[str, str]:
        return {s: v for s, (v, _lang) in self.labels_with_language().items()}

    def labels_with_language(self) -> dict[str, tuple[str, str]]:
        """One label per subject: prefLabel over rdfs:label over schema:name; English or
        untagged first, then the shortest (then the smallest) value, so the choice is stable."""
        labels: dict[str, tuple[str, str]] = {}
        for pred in (SCHEMA.name, RDFS.label, SKOS.prefLabel):   # later predicates win
            best: dict[str, tuple] = {}
            for s, o in self.pairs(pred):
                if not isinstance(o, Literal):
                    continue
                lang = o.language or ""
                rank = (0 if lang in ("en", "") else 1, len(o.value), o.value)
                if s.value not in best or rank < best[s.value]:
                    best[s.value] = rank + (lang,)
            labels.update({s: (r[2], r[3]) for s, r in best.items()})
        return labels


def read(store) -> Snapshot:
    """Read the dataset (a pyoxigraph store) into a `Snapshot`."""
    r = _Reader(store)
    with_language = r.labels_with_language()
    labels = {s: v for s, (v, _lang) in with_language.items()}
    graph_source = {g: src for g, src in r.one(PROV.wasDerivedFrom).items() if g.startswith(GRAPH)}
    published = r.one(SCHEMA.datePublished)
    bodies = _bodies(r, labels, graph_source, published)
    sessions = _sessions(r, labels, bodies)
    dated = _source_dates(r, sessions, graph_source, published)
    _reported(r, sessions, graph_source, dated)
    for b in bodies.values():
        b.counts = sorted((StatedCount(c.kind, c.value, c.date or dated.get(c.source), c.source) for c in b.counts),
                          key=lambda c: (c.date or "", c.source))
    _first_seen(bodies, sessions, r, graph_source, dated)
    co_chairings = _co_chairings(r, sessions)
    holdings = _holdings(r)
    changes = _changes(r, sessions)
    subjects = set(bodies) | set(sessions) | {c.iri for c in co_chairings} | {
        h.iri for hs in holdings.values() for h in hs} | {c.iri for c in changes}
    return Snapshot(labels=labels, bodies=bodies, sessions=sessions, co_chairings=co_chairings,
                    holdings=holdings, people=_people(r, labels), sources=_sources(r),
                    label_languages={s: lang for s, (_v, lang) in with_language.items() if lang not in ("", "en")},
                    changes=changes, sources_of=_sources_of(store, subjects, graph_source),
                    posts=_posts(r, labels, holdings), agreements=_agreements(r, labels))


def _posts(r: _Reader, labels: dict, holdings: dict) -> dict[str, dict]:
    known = r.typed(ORG.Post) | set(holdings)
    side = r.one(IRDC.side, known)
    return {p: {"label": labels.get(p, p), "side": SIDE_OF_IRI.get(side.get(p), "")} for p in sorted(known)}


def _agreements(r: _Reader, labels: dict) -> list[Agreement]:
    known = r.typed(IRDC.Agreement)
    if not known:
        return []
    kinds = r.multi(RDF.type, known)
    signed_on = r.best_dates(IRDC.signedOn, known)
    at, signatories = r.multi(IRDC.signedAt, known), r.multi(IRDC.signatory, known)
    out = []
    for a in sorted(known):
        named = sorted(t.rsplit("#", 1)[-1] for t in kinds.get(a, []) if t.startswith(IRDC) and t != IRDC.Agreement.value)
        out.append(Agreement(iri=a, label=labels.get(a, a), kind=named[0] if named else "Agreement",
                             signed_on=signed_on.get(a), signed_at=at.get(a, []), signatories=signatories.get(a, [])))
    return out


def _bodies(r: _Reader, labels: dict, graph_source: dict, published: dict) -> dict[str, Body]:
    classes = {IRDC + name: name for name in BODY_TYPES}
    body_iris = r.typed(IRDC.Body)
    types: dict[str, str] = {}
    for s, o in r.pairs(RDF.type):
        name = classes.get(o.value)
        b = s.value
        if name and b in body_iris and (b not in types or BODY_TYPES.index(name) < BODY_TYPES.index(types[b])):
            types[b] = name
    acronyms = _acronyms(r, types)
    parents = r.multi(ORG.subOrganizationOf, types)
    founded = r.best_dates(SCHEMA.foundingDate, types)
    ended = r.best_dates(SCHEMA.dissolutionDate, types)
    sgc, wgc = r.multi(IRDC.statedSubGroupCount, types), r.multi(IRDC.statedWorkingGroupCount, types)
    counts: dict[str, list[StatedCount]] = defaultdict(list)
    for kind, pred in (("sub_group", IRDC.statedSubGroupCount), ("working_group", IRDC.statedWorkingGroupCount)):
        for (b, value), graphs in r.graphs(pred).items():
            for g in graphs:
                src = graph_source.get(g, "")
                counts[b].append(StatedCount(kind, int(value), published.get(src), src))
    return {b: Body(iri=b, type=t, label=labels.get(b, b), acronyms=acronyms.get(b, []),
                    parents=[p for p in parents.get(b, []) if p in types], founded=founded.get(b),
                    sub_group_count=max(map(int, sgc[b])) if b in sgc else None,
                    working_group_count=max(map(int, wgc[b])) if b in wgc else None,
                    ended=ended.get(b), counts=sorted(counts.get(b, []), key=lambda c: (c.date or "", c.source)))
            for b, t in types.items()}


def _acronyms(r: _Reader, bodies: dict) -> dict[str, list[str]]:
    """Each body's acronyms, the current one first: the one most stated beside the body's
    English preferred name, then the most stated."""
    named = defaultdict(set)
    for q in r.store.quads_for_pattern(None, SKOS.prefLabel, None, None):
        if q.subject.value in bodies and isinstance(q.object, Literal) and q.object.language == "en":
            named[q.subject.value].add(q.graph_name.value)
    by_body: dict[str, list[tuple]] = defaultdict(list)
    for (b, a), graphs in r.graphs(IRDC.acronym).items():
        if b in bodies:
            by_body[b].append((-len(graphs & named[b]), -len(graphs), a))
    return {b: [a for *_k, a in sorted(items)] for b, items in by_body.items()}


def _sessions(r: _Reader, labels: dict, bodies: dict) -> dict[str, Session]:
    known = r.typed(IRDC.Session)
    session_of = r.one(IRDC.sessionOf)
    ordinals = r.one(IRDC.ordinal)
    starts, ends = r.best_dates(SCHEMA.startDate, known), r.best_dates(SCHEMA.endDate, known)
    locations = r.multi(SCHEMA.location, known)
    sidelines, attendees = r.multi(IRDC.onSidelinesOf), r.multi(SCHEMA.attendee, known)
    status = _statuses(r, known)
    sessions = {}
    for s, b in session_of.items():
        if b not in bodies:
            continue
        # Where sources name both a venue and its city, the venue is the more specific.
        loc = sorted(locations.get(s, []), key=lambda iri: ("/place/" not in iri, "/country/" in iri, iri))
        sessions[s] = Session(
            iri=s, body=b, label=labels.get(s, ""), ordinal=int(ordinals[s]) if s in ordinals else None,
            date=starts.get(s), end_date=ends.get(s), location=loc[0] if loc else None,
            status=status.get(s, ""), sidelines_of=sidelines.get(s, []),
            attendees=attendees.get(s, []))
    return sessions


def _statuses(r: _Reader, sessions: set) -> dict[str, str]:
    """A session is held ("") when some source reports it without calling it planned,
    postponed or cancelled: an article written before a meeting calls it planned, one
    written after reports it held. Otherwise the gravest status any source gives."""
    typed = defaultdict(set)
    for (s, o), graphs in r.graphs(RDF.type).items():
        if o == IRDC.Session.value:
            typed[s] |= graphs
    stated: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))
    for (s, o), graphs in r.graphs(SCHEMA.eventStatus).items():
        if s in sessions and o in STATUS:
            stated[s][STATUS[o]] |= graphs
    out = {}
    for s, by_status in stated.items():
        with_status = set().union(*by_status.values())
        if typed[s] - with_status:
            continue          # held, as far as some source is concerned
        out[s] = next(w for w in ("cancelled", "postponed", "planned") if w in by_status)
    return out


def _source_dates(r: _Reader, sessions: dict, graph_source: dict, published: dict) -> dict[str, str]:
    """When each source saw what it reports: its publication date, or, for a page that
    shows none, the latest date of the held sessions it reports (dated by any source).
    Used to place a source in time (a stated count, a body's first sighting), never
    asserted as a fact."""
    out = dict(published)
    latest: dict[str, str] = {}
    for (sess, _o), graphs in r.graphs(IRDC.sessionOf).items():
        s = sessions.get(sess)
        if s is None or not s.date or not s.held:
            continue
        for g in graphs:
            src = graph_source.get(g)
            if src and src not in published and (src not in latest or last_day(s.date) > last_day(latest[src])):
                latest[src] = s.date
    out.update(latest)
    return out


def _reported(r: _Reader, sessions: dict, graph_source: dict, dated: dict) -> None:
    """For a session no source dates: the earliest date of a dated source reporting it held,
    so that a view as of a day can tell it had happened by then."""
    status_graphs = defaultdict(set)
    for (s, _o), graphs in r.graphs(SCHEMA.eventStatus).items():
        status_graphs[s] |= graphs
    for (s, o), graphs in r.graphs(RDF.type).items():
        sess = sessions.get(s)
        if sess is None or sess.date or o != IRDC.Session.value:
            continue
        days = [dated[graph_source[g]] for g in graphs - status_graphs[s] if dated.get(graph_source.get(g))]
        if days:
            sess.reported = min(days, key=first_day)


def _first_seen(bodies: dict, sessions: dict, r: _Reader, graph_source: dict, published: dict) -> None:
    """The earliest (and latest) date any source shows each body at: its held sessions, and
    the dates of the sources that name it."""
    seen: dict[str, list[str]] = defaultdict(list)
    for sess in sessions.values():
        if sess.date and sess.held:
            seen[sess.body].append(sess.date)
    for (b, _o), graphs in r.graphs(RDF.type).items():
        if b in bodies:
            seen[b] += [published[graph_source[g]] for g in graphs if graph_source.get(g) in published]
    for b, dates in seen.items():
        if dates:
            bodies[b].first_seen = min(dates, key=first_day)
            bodies[b].last_seen = max(dates, key=last_day)


def _changes(r: _Reader, sessions: dict) -> list[Change]:
    known = r.typed(ORG.ChangeEvent)
    if not known:
        return []
    types = r.multi(RDF.type, known)
    dates = r.best_dates(SCHEMA.startDate, known)
    at_session = r.multi(IRDC.atSession, known)
    original, resulting = r.multi(ORG.originalOrganization, known), r.multi(ORG.resultingOrganization, known)
    from_names, to_names = r.multi(IRDC.fromName, known), r.multi(IRDC.toName, known)
    out = []
    for c in sorted(known):
        date = dates.get(c) or min((sessions[s].date for s in at_session.get(c, []) if s in sessions
                                    and sessions[s].date), default=None)
        out.append(Change(iri=c, types=[t.rsplit("#", 1)[-1] for t in types.get(c, []) if t.startswith(IRDC)],
                          date=date, original=original.get(c, []), resulting=resulting.get(c, []),
                          from_names=from_names.get(c, []), to_names=to_names.get(c, [])))
    return out


def _sources_of(store, subjects: set, graph_source: dict) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for q in store.quads_for_pattern(None, None, None, None):
        s = q.subject.value if isinstance(q.subject, NamedNode) else None
        if s in subjects:
            src = graph_source.get(q.graph_name.value if hasattr(q.graph_name, "value") else "")
            if src:
                out[s].add(src)
    return dict(out)


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
    start, end = r.best_dates(SCHEMA.startDate, known), r.best_dates(SCHEMA.endDate, known)
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
    sources = sorted({o.value for _s, o in r.pairs(PROV.wasDerivedFrom)})
    within = set(sources)
    types = r.multi(RDF.type, within)
    publishers, headlines = r.one(SCHEMA.publisher, within), r.one(SCHEMA.headline, within)
    published, urls = r.one(SCHEMA.datePublished, within), r.one(SCHEMA.url, within)
    copies = r.one(IRDC.duplicateOf, within)
    out = [Source(iri=s, id=s.rstrip("/").rsplit("/", 1)[-1], types=types.get(s, []), publisher=publishers.get(s, ""),
                  headline=headlines.get(s, ""), date=published.get(s, ""), url=urls.get(s, "")) for s in sources]
    by_iri = {src.iri: src for src in out}
    for src in out:
        src.copy_of = by_iri.get(copies.get(src.iri, ""))
    out.sort(key=lambda s: (not s.is_news_article, s.date == "", s.date and -first_day(s.date).toordinal(), s.id))
    return out


def snapshot(source) -> Snapshot:
    """A `Snapshot` of a store, or the snapshot itself."""
    return source if isinstance(source, Snapshot) else read(source)
