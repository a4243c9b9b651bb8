"""NetworkX projections of the built RDF dataset, for charts, exports and notebooks.

    from kg import views
    store = kg.open_store()
    g = views.hierarchy(store, as_of="2025-11-01")   # DiGraph, the commission at the root
    views.co_chair_network(store)                    # Graph of people, edges weighted by sessions
    views.people_bodies(store)                       # bipartite Graph, people and bodies
    views.sessions(store)                            # DiGraph: sessions, their bodies, sidelines

Every node and edge carries `iri`, `label` and `type`; every attribute is a
string, an integer or a boolean (never None: a missing value is left out), so
the graphs write to GraphML and GEXF as they are.

`as_of` (a date or "YYYY-MM-DD") keeps only what held on that day: sessions
known to have taken place on or before it, holdings of posts already attested,
bodies already founded. A session whose date is known only to the month counts
once its whole month has passed; a session without a date is left out.

The views read the dataset once into a `Facts` snapshot (a few SPARQL queries
over the union graph); pass a `Facts` instead of a store to build several views
from one read.
"""
from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable

import networkx as nx

from .store import select
from .triples import ordinal_words  # noqa: F401 - also used as views.ordinal_words by the charts
from .vocab import ID, IRDC, ORG, RDF, RDFS, SCHEMA, SKOS

SIDES = {"india": ID + "country/india", "russia": ID + "country/russia"}
SIDE_OF_IRI = {iri: slug for slug, iri in SIDES.items()}

BODY_TYPES = ("Commission", "WorkingGroup", "SubGroup", "SummitSeries", "Dialogue")
TYPE_LABELS = {"Commission": "Commission", "WorkingGroup": "Working group", "SubGroup": "Sub-group",
               "SummitSeries": "Summit series", "Dialogue": "Dialogue"}
STATUS = {SCHEMA.EventScheduled.value: "planned", SCHEMA.EventPostponed.value: "postponed",
          SCHEMA.EventCancelled.value: "cancelled"}
PLACEHOLDER = "StatedSubGroups"

_PREFIXES = """
PREFIX irdc: <https://w3id.org/irdc/ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""


# ---------------------------------------------------------------- dates

def parse_as_of(value) -> dt.date | None:
    """None, a date, or an ISO 'YYYY-MM-DD' string as a date; ValueError otherwise."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValueError(f"expected a date as YYYY-MM-DD, got {value!r}") from None


def first_day(partial: str) -> dt.date:
    """The first day a partial ISO date ('2025', '2025-12', '2025-12-06') can mean."""
    y = int(partial[:4])
    m = int(partial[5:7]) if len(partial) >= 7 else 1
    d = int(partial[8:10]) if len(partial) >= 10 else 1
    return dt.date(y, m, d)


def last_day(partial: str) -> dt.date:
    """The last day a partial ISO date can mean."""
    y = int(partial[:4])
    if len(partial) >= 10:
        return dt.date(y, int(partial[5:7]), int(partial[8:10]))
    m = int(partial[5:7]) if len(partial) >= 7 else 12
    return dt.date(y, m, calendar.monthrange(y, m)[1])



# ---------------------------------------------------------------- the snapshot

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

    def dated_by(self, as_of: dt.date | None) -> bool:
        """Dated on or before `as_of`, its whole date range included (everything when as_of is None)."""
        if as_of is None:
            return True
        return self.date is not None and last_day(self.date) <= as_of

    def took_place_by(self, as_of: dt.date | None) -> bool:
        """Held (not planned, postponed or cancelled) and, given `as_of`, known to be on or before it."""
        return self.status == "" and self.dated_by(as_of)

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
class Facts:
    """What the views need from the dataset, read once."""
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


def _rows(store, query: str):
    for row in select(store, _PREFIXES + query):
        yield row


def _v(term) -> str | None:
    return None if term is None else term.value


def _lang_first(pairs: Iterable[tuple[str, str, str]]) -> dict[str, str]:
    """subject -> value, preferring English / untagged, then the smallest value (deterministic)."""
    best: dict[str, tuple] = {}
    for s, value, lang in pairs:
        rank = (0 if lang in ("en", "") else 1, len(value), value)
        if s not in best or rank < best[s]:
            best[s] = rank
    return {s: r[2] for s, r in best.items()}


def _multi(store, predicate, where: str = "") -> dict[str, list[str]]:
    out: dict[str, set] = defaultdict(set)
    for row in _rows(store, f"SELECT ?s ?o WHERE {{ {where} ?s <{predicate.value}> ?o }}"):
        out[row["s"].value].add(row["o"].value)
    return {k: sorted(v) for k, v in out.items()}


def _one(store, predicate, where: str = "") -> dict[str, str]:
    return {k: v[0] for k, v in _multi(store, predicate, where).items()}


def read_facts(store) -> Facts:
    """Read the dataset (a pyoxigraph store, union default graph) into a `Facts` snapshot."""
    label_pairs = []
    for pred in (SKOS.prefLabel, RDFS.label, SCHEMA.name):
        rank = {SKOS.prefLabel: 0, RDFS.label: 1, SCHEMA.name: 2}[pred]
        for row in _rows(store, f"SELECT ?s ?o (LANG(?o) AS ?l) WHERE {{ ?s <{pred.value}> ?o FILTER(isLiteral(?o)) }}"):
            label_pairs.append((row["s"].value, rank, row["o"].value, row["l"].value))
    labels: dict[str, str] = {}
    for rank in (2, 1, 0):  # prefLabel wins over rdfs:label over schema:name
        labels.update(_lang_first((s, o, lang) for s, r, o, lang in label_pairs if r == rank))

    types: dict[str, str] = {}
    for row in _rows(store, "SELECT ?b ?t WHERE { ?b a irdc:Body ; a ?t }"):
        t = row["t"].value
        if t.startswith(IRDC) and t[len(IRDC):] in BODY_TYPES:
            name = t[len(IRDC):]
            b = row["b"].value
            if b not in types or BODY_TYPES.index(name) < BODY_TYPES.index(types[b]):
                types[b] = name
    acronyms = _multi(store, IRDC.acronym)
    parents = _multi(store, ORG.subOrganizationOf)
    founded = _one(store, SCHEMA.foundingDate)
    sgc = _multi(store, IRDC.statedSubGroupCount)
    wgc = _multi(store, IRDC.statedWorkingGroupCount)
    bodies = {}
    for b, t in types.items():
        bodies[b] = Body(
            iri=b, type=t, label=labels.get(b, b), acronyms=acronyms.get(b, []),
            parents=[p for p in parents.get(b, []) if p in types],
            founded=founded.get(b),
            sub_group_count=max(map(int, sgc[b])) if b in sgc else None,
            working_group_count=max(map(int, wgc[b])) if b in wgc else None)

    session_of = _one(store, IRDC.sessionOf)
    ordinals = _one(store, IRDC.ordinal)
    starts = _one(store, SCHEMA.startDate, "?s a irdc:Session .")
    ends = _one(store, SCHEMA.endDate, "?s a irdc:Session .")
    locations = _multi(store, SCHEMA.location, "?s a irdc:Session .")
    statuses = _one(store, SCHEMA.eventStatus, "?s a irdc:Session .")
    sidelines = _multi(store, IRDC.onSidelinesOf)
    attendees = _multi(store, SCHEMA.attendee, "?s a irdc:Session .")
    sessions = {}
    for s, b in session_of.items():
        if b not in bodies:
            continue
        loc = locations.get(s, [])
        # Where sources name both a venue and its city, the venue is the more specific.
        loc = sorted(loc, key=lambda iri: ("/place/" not in iri, "/country/" in iri, iri))
        sessions[s] = Session(
            iri=s, body=b, label=labels.get(s, ""),
            ordinal=int(ordinals[s]) if s in ordinals else None,
            date=starts.get(s), end_date=ends.get(s), location=loc[0] if loc else None,
            status=STATUS.get(statuses.get(s, ""), ""),
            sidelines_of=sidelines.get(s, []), attendees=attendees.get(s, []))

    titles = _multi(store, IRDC.postTitle)
    co_chairings = []
    for row in _rows(store, """SELECT ?s ?c ?p ?side ?post WHERE {
            ?s irdc:coChairing ?c . ?c irdc:person ?p .
            OPTIONAL { ?c irdc:side ?side } OPTIONAL { ?c irdc:post ?post } }"""):
        s = row["s"].value
        if s not in sessions:
            continue
        side = _v(row["side"])
        co_chairings.append(CoChairing(
            iri=row["c"].value, session=s, person=row["p"].value,
            side=SIDE_OF_IRI.get(side, side), post=_v(row["post"]),
            post_titles=sorted(titles.get(row["c"].value, []), key=lambda t: (len(t), t))))
    co_chairings.sort(key=lambda c: (c.session, c.iri, c.side or "", c.post or ""))
    # One co-chairing per node even where sources disagree on its side or post.
    seen, unique = set(), []
    for c in co_chairings:
        if c.iri not in seen:
            seen.add(c.iri)
            unique.append(c)

    h_start = _one(store, SCHEMA.startDate, "?s a irdc:PostHolding .")
    h_end = _one(store, SCHEMA.endDate, "?s a irdc:PostHolding .")
    attested = _multi(store, IRDC.attestedOn)
    holdings: dict[str, list[Holding]] = defaultdict(list)
    for row in _rows(store, "SELECT ?h ?post ?p WHERE { ?h a irdc:PostHolding ; irdc:post ?post ; irdc:person ?p }"):
        h = row["h"].value
        holdings[row["post"].value].append(Holding(
            iri=h, post=row["post"].value, person=row["p"].value, start=h_start.get(h),
            end=h_end.get(h), attested=attested.get(h, [])))
    for hs in holdings.values():
        hs.sort(key=lambda h: h.iri)

    nationality = _one(store, SCHEMA.nationality)
    honorific = _one(store, SCHEMA.honorificPrefix)
    people = {}
    for row in _rows(store, "SELECT DISTINCT ?p WHERE { ?p a schema:Person }"):
        p = row["p"].value
        people[p] = {"label": labels.get(p, p), "nationality": SIDE_OF_IRI.get(nationality.get(p), ""),
                     "honorific": honorific.get(p, "")}

    sources = [row["src"].value for row in _rows(store, "SELECT DISTINCT ?src WHERE { ?g prov:wasDerivedFrom ?src }")]
    all_types = _multi(store, RDF.type)
    publishers, headlines, published = (_one(store, p) for p in (SCHEMA.publisher, SCHEMA.headline, SCHEMA.datePublished))
    source_list = [Source(iri=s, id=s.rstrip("/").rsplit("/", 1)[-1], types=all_types.get(s, []),
                          publisher=publishers.get(s, ""), headline=headlines.get(s, ""), date=published.get(s, ""))
                   for s in sorted(set(sources))]
    source_list.sort(key=lambda s: (not s.is_news_article, s.date == "", s.date and -first_day(s.date).toordinal(), s.id))

    return Facts(labels=labels, bodies=bodies, sessions=sessions, co_chairings=unique,
                 holdings=dict(holdings), people=people, sources=source_list)


def facts(source) -> Facts:
    """A `Facts` snapshot from a store, or the snapshot itself."""
    return source if isinstance(source, Facts) else read_facts(source)


# ---------------------------------------------------------------- who held what, when

@dataclass(frozen=True)
class SideCoChair:
    """What the org chart shows for one side of one body as of a date."""
    side: str
    post: str | None          # post IRI
    post_title: str           # the post's title (its skos:prefLabel), else the co-chairing's own wording
    holder: str | None        # person IRI: the post's holder as of the date (None: not known)
    holder_label: str
    session: str              # the session whose co-chair this is
    co_chair: str             # the person who co-chaired that session


def holder_as_of(f: Facts, post: str, as_of: dt.date | None) -> Holding | None:
    """The holding of `post` that best fits `as_of`: one whose start/end cover the day,
    else the one attested most recently on or before it; holdings not yet attested
    (or started) by then are left out."""
    best, best_key = None, None
    for h in f.holdings.get(post, []):
        if as_of is not None:
            if h.start and first_day(h.start) > as_of:
                continue
            if h.end and last_day(h.end) < as_of:
                continue
            known = [first_day(a) for a in h.attested] + ([first_day(h.start)] if h.start else [])
            if known and min(known) > as_of:
                continue
            attested = [last_day(a) for a in h.attested if last_day(a) <= as_of]
            covers = h.start is not None
        else:
            attested = [last_day(a) for a in h.attested]
            covers = h.start is not None and h.end is None
        key = (covers, max(attested) if attested else dt.date.min, h.iri)
        if best_key is None or key > best_key:
            best, best_key = h, key
    return best


def co_chairs_as_of(f: Facts, body: str, as_of: dt.date | None) -> dict[str, SideCoChair | None]:
    """For each side, the co-chair of the body's latest session held by `as_of` that names one."""
    out: dict[str, SideCoChair | None] = {side: None for side in SIDES}
    held = {s.iri: s for s in f.sessions.values() if s.body == body and s.took_place_by(as_of)}
    by_side: dict[str, list[CoChairing]] = defaultdict(list)
    for c in f.co_chairings:
        if c.session in held and c.side in SIDES:
            by_side[c.side].append(c)
    for side, chairs in by_side.items():
        chairs.sort(key=lambda c: (held[c.session].sort_key(), c.iri))
        latest = chairs[-1]
        title = f.labels.get(latest.post, "") if latest.post else ""
        if not title:
            title = latest.post_titles[0] if latest.post_titles else ""
        holding = holder_as_of(f, latest.post, as_of) if latest.post else None
        if holding is not None:
            holder = holding.person
        else:
            # The co-chair held the post at the session, unless a source ends their holding before the date.
            own = [h for h in f.holdings.get(latest.post, []) if h.person == latest.person] if latest.post else []
            ended = as_of is not None and any(h.end and last_day(h.end) < as_of for h in own)
            holder = None if ended else latest.person
        out[side] = SideCoChair(side=side, post=latest.post, post_title=title, holder=holder,
                                holder_label=(f.people.get(holder, {}).get("label") or f.label(holder)) if holder else "",
                                session=latest.session, co_chair=latest.person)
    return out


def _founded_by(body: Body, as_of: dt.date | None) -> bool:
    return as_of is None or body.founded is None or first_day(body.founded) <= as_of


def _stamp(g, view: str, as_of: dt.date | None):
    g.graph["view"] = view
    g.graph["as_of"] = as_of.isoformat() if as_of else ""
    return g


def _session_short(f: Facts, s: Session) -> str:
    body = f.bodies[s.body]
    return f"{body.short} {ordinal_words(s.ordinal)}" if s.ordinal else f"{body.short} {s.date or '(undated)'}"


# ---------------------------------------------------------------- views

def hierarchy(source, as_of=None, *, stated_counts: bool = True, all_bodies: bool = False) -> nx.DiGraph:
    """The body hierarchy: edges parent -> child (org:hasSubOrganization), commissions at the root.

    Body nodes carry their type, label, acronym and, for each side, the co-chair post
    and its holder as of the date (`india_post`, `india_holder`, ...; absent when
    unknown). A body's stated sub-group count beyond the sub-groups the graph names
    becomes one placeholder node ("9 sub-groups", type StatedSubGroups), never
    invented names. `all_bodies` also keeps bodies outside the commissions' trees
    (summit series, dialogues) as further roots.
    """
    f = facts(source)
    as_of = parse_as_of(as_of)
    live = {b.iri: b for b in f.bodies.values() if _founded_by(b, as_of)}
    children: dict[str, list[str]] = defaultdict(list)
    for b in live.values():
        for p in b.parents:
            if p in live:
                children[p].append(b.iri)
    roots = sorted((b for b in live.values() if not any(p in live for p in b.parents)),
                   key=lambda b: (BODY_TYPES.index(b.type), b.label))
    if not all_bodies:
        roots = [b for b in roots if b.type == "Commission"]

    g = _stamp(nx.DiGraph(), "hierarchy", as_of)
    order = lambda iri: (BODY_TYPES.index(live[iri].type), live[iri].label, iri)  # noqa: E731

    def add(iri: str, depth: int, seen: frozenset):
        b = live[iri]
        attrs = {"iri": iri, "label": b.label, "type": b.type, "type_label": TYPE_LABELS[b.type], "depth": depth}
        if b.acronym:
            attrs["acronym"] = b.acronym
        if b.founded:
            attrs["founded"] = b.founded
        held = sorted((s for s in f.sessions.values() if s.body == iri and s.took_place_by(as_of)),
                      key=Session.sort_key)
        if held:
            attrs.update(latest_session=held[-1].iri, latest_session_label=_session_short(f, held[-1]),
                         sessions=len(held))
            if held[-1].date:
                attrs["latest_session_date"] = held[-1].date
            if held[-1].ordinal:
                attrs["latest_session_ordinal"] = held[-1].ordinal
        else:
            attrs["sessions"] = 0
        for side, chair in co_chairs_as_of(f, iri, as_of).items():
            if chair is None:
                continue
            if chair.post:
                attrs[f"{side}_post_iri"] = chair.post
            if chair.post_title:
                attrs[f"{side}_post"] = chair.post_title
            if chair.holder:
                attrs[f"{side}_holder"] = chair.holder_label
                attrs[f"{side}_holder_iri"] = chair.holder
            attrs[f"{side}_session"] = chair.session
            attrs[f"{side}_session_label"] = _session_short(f, f.sessions[chair.session])
        g.add_node(iri, **attrs)
        kids = sorted((c for c in children.get(iri, []) if c not in seen), key=order)
        for c in kids:
            add(c, depth + 1, seen | {c})
            g.add_edge(iri, c, iri=ORG.hasSubOrganization.value, label="has sub-organization",
                       type="hasSubOrganization")
        if stated_counts and b.sub_group_count:
            named = sum(1 for c in kids if live[c].type == "SubGroup")
            unnamed = b.sub_group_count - named
            if unnamed > 0:
                node = f"{iri}#stated-sub-groups"
                further = "further " if named else ""
                g.add_node(node, iri=iri, type=PLACEHOLDER, type_label="Sub-groups (not named)",
                           label=f"{unnamed} {further}sub-group{'s' if unnamed != 1 else ''}",
                           count=unnamed, stated_count=b.sub_group_count, placeholder=True, depth=depth + 1,
                           note="names not given by the sources")
                g.add_edge(iri, node, iri=IRDC.statedSubGroupCount.value, label="stated number of sub-groups",
                           type="statedSubGroupCount")

    for r in roots:
        add(r.iri, 0, frozenset({r.iri}))
    return g


def _co_chair_sessions(f: Facts, as_of: dt.date | None) -> dict[str, list[CoChairing]]:
    by_session: dict[str, list[CoChairing]] = defaultdict(list)
    for c in f.co_chairings:
        if f.sessions[c.session].took_place_by(as_of):
            by_session[c.session].append(c)
    return by_session


def _person_side(f: Facts, person: str, chairs: list[CoChairing]) -> str:
    sides = sorted(c.side for c in chairs if c.person == person and c.side in SIDES)
    if sides:
        return max(set(sides), key=lambda s: (sides.count(s), s))
    return f.people.get(person, {}).get("nationality", "")


def _person_attrs(f: Facts, person: str, side: str) -> dict:
    attrs = {"iri": person, "label": f.people.get(person, {}).get("label") or f.label(person), "type": "Person"}
    if side:
        attrs["side"] = side
        attrs["side_label"] = f.label(SIDES.get(side, side)) or side.title()
    honorific = f.people.get(person, {}).get("honorific")
    if honorific:
        attrs["honorific"] = honorific
    return attrs


def co_chair_network(source, as_of=None) -> nx.Graph:
    """People who co-chaired sessions; an edge joins two co-chairs of the same session,
    weighted by the number of such sessions (`sessions` lists them)."""
    f = facts(source)
    as_of = parse_as_of(as_of)
    g = _stamp(nx.Graph(), "co-chairs", as_of)
    by_session = _co_chair_sessions(f, as_of)
    chairs = [c for cs in by_session.values() for c in cs]
    for person in sorted({c.person for c in chairs}):
        attrs = _person_attrs(f, person, _person_side(f, person, chairs))
        mine = sorted((c for c in chairs if c.person == person), key=lambda c: (f.sessions[c.session].sort_key(), c.iri))
        attrs["sessions"] = len({c.session for c in mine})
        latest = mine[-1]
        title = (f.labels.get(latest.post, "") if latest.post else "") or (latest.post_titles or [""])[0]
        if title:
            attrs["post"] = title
        attrs["bodies"] = "; ".join(sorted({f.bodies[f.sessions[c.session].body].short for c in mine}))
        g.add_node(person, **attrs)
    pairs: dict[tuple[str, str], list[str]] = defaultdict(list)
    for session, cs in sorted(by_session.items()):
        people = sorted({c.person for c in cs})
        for i, a in enumerate(people):
            for b in people[i + 1:]:
                pairs[(a, b)].append(session)
    for (a, b), sess in sorted(pairs.items()):
        sess = sorted(sess, key=lambda s: f.sessions[s].sort_key())
        g.add_edge(a, b, iri=IRDC.coChair.value, type="coChairedWith",
                   label=f"co-chaired {len(sess)} session{'s' if len(sess) != 1 else ''}",
                   weight=len(sess), sessions=" ".join(sess),
                   session_labels="; ".join(_session_short(f, f.sessions[s]) for s in sess))
    return g


def people_bodies(source, as_of=None) -> nx.Graph:
    """Bipartite graph: people (bipartite=0) and the bodies (bipartite=1) whose sessions
    they co-chaired or attended; `weight` counts the sessions."""
    f = facts(source)
    as_of = parse_as_of(as_of)
    g = _stamp(nx.Graph(), "people-bodies", as_of)
    links: dict[tuple[str, str], dict[str, set]] = defaultdict(lambda: {"coChair": set(), "attendee": set()})
    chairs = []
    for session, cs in _co_chair_sessions(f, as_of).items():
        for c in cs:
            links[(c.person, f.sessions[session].body)]["coChair"].add(session)
            chairs.append(c)
    for s in f.sessions.values():
        if s.took_place_by(as_of):
            for p in s.attendees:
                links[(p, s.body)]["attendee"].add(s.iri)
    for person in sorted({p for p, _ in links}):
        g.add_node(person, bipartite=0, **_person_attrs(f, person, _person_side(f, person, chairs)))
    for body in sorted({b for _, b in links}):
        b = f.bodies[body]
        attrs = {"iri": body, "label": b.label, "type": b.type, "bipartite": 1}
        if b.acronym:
            attrs["acronym"] = b.acronym
        g.add_node(body, **attrs)
    for (person, body), rel in sorted(links.items()):
        kind = "coChair" if rel["coChair"] else "attendee"
        sess = sorted(rel["coChair"] | rel["attendee"], key=lambda s: f.sessions[s].sort_key())
        g.add_edge(person, body, iri=(IRDC.coChair if kind == "coChair" else SCHEMA.attendee).value, type=kind,
                   label=("co-chaired" if kind == "coChair" else "attended") + f" {len(sess)} session"
                   + ("s" if len(sess) != 1 else ""),
                   weight=len(sess), sessions=" ".join(sess), co_chaired=len(rel["coChair"]),
                   attended=len(rel["attendee"]))
    return g


def sessions(source, as_of=None) -> nx.DiGraph:
    """Sessions in time: session nodes (date, ordinal, status, location) with edges to
    their body (irdc:sessionOf) and to the event they were held alongside
    (irdc:onSidelinesOf)."""
    f = facts(source)
    as_of = parse_as_of(as_of)
    g = _stamp(nx.DiGraph(), "sessions", as_of)
    held = sorted((s for s in f.sessions.values() if s.dated_by(as_of)), key=Session.sort_key)
    for body in sorted({s.body for s in held}, key=lambda b: (BODY_TYPES.index(f.bodies[b].type), f.bodies[b].label)):
        b = f.bodies[body]
        attrs = {"iri": body, "label": b.label, "type": b.type, "type_label": TYPE_LABELS[b.type]}
        if b.acronym:
            attrs["acronym"] = b.acronym
        g.add_node(body, **attrs)
    for s in held:
        attrs = {"iri": s.iri, "label": s.label or _session_short(f, s), "type": "Session", "body": s.body,
                 "body_type": f.bodies[s.body].type, "short_label": _session_short(f, s)}
        for name in ("ordinal", "date", "end_date"):
            if getattr(s, name) is not None:
                attrs[name] = getattr(s, name)
        if s.status:
            attrs["status"] = s.status
        if s.location:
            attrs["location"] = f.label(s.location)
        g.add_node(s.iri, **attrs)
        g.add_edge(s.iri, s.body, iri=IRDC.sessionOf.value, label="session of", type="sessionOf")
    for s in held:
        for other in s.sidelines_of:
            if other in g:
                g.add_edge(s.iri, other, iri=IRDC.onSidelinesOf.value, label="on the sidelines of",
                           type="onSidelinesOf")
    return g


VIEWS = {
    "hierarchy": hierarchy,
    "co-chairs": co_chair_network,
    "people-bodies": people_bodies,
    "sessions": sessions,
}


def view(name: str, source, as_of=None):
    """One of VIEWS by name."""
    if name not in VIEWS:
        raise KeyError(f"unknown view {name!r}; choose from {', '.join(VIEWS)}")
    return VIEWS[name](source, as_of)


def load(build=None, as_of=None) -> dict[str, nx.Graph]:
    """Every view of the built dataset in `build` (default build/), for notebooks."""
    from .store import open_store

    f = read_facts(open_store(build))
    return {name: fn(f, as_of) for name, fn in VIEWS.items()}
