"""People as networks: who co-chaired with whom, and who took part in which body."""
from __future__ import annotations

from collections import defaultdict

import networkx as nx

from ..core.vocab import IRDC, SCHEMA
from .filters import AsOf
from .hierarchy import stamp
from .snapshot import SIDES, CoChairing


def person_side(at: AsOf, person: str, chairs: list[CoChairing]) -> str:
    """The side a person most often co-chaired for, else their nationality."""
    sides = sorted(c.side for c in chairs if c.person == person and c.side in SIDES)
    if sides:
        return max(set(sides), key=lambda s: (sides.count(s), s))
    return at.snap.people.get(person, {}).get("nationality", "")


def person_attrs(at: AsOf, person: str, side: str) -> dict:
    snap = at.snap
    attrs = {"iri": person, "label": snap.person_label(person), "type": "Person"}
    if snap.label_languages.get(person):
        attrs["label_lang"] = snap.label_languages[person]
    if side:
        attrs["side"] = side
        attrs["side_label"] = snap.label(SIDES.get(side, side)) or side.title()
    honorific = snap.people.get(person, {}).get("honorific")
    if honorific:
        attrs["honorific"] = honorific
    return attrs


def _by_session(at: AsOf) -> dict[str, list[CoChairing]]:
    by_session: dict[str, list[CoChairing]] = defaultdict(list)
    for c in at.co_chairings:
        by_session[c.session].append(c)
    return by_session


def co_chair_network(at: AsOf) -> nx.Graph:
    """People who co-chaired sessions; an edge joins two co-chairs of the same session,
    weighted by the number of such sessions (`sessions` lists them)."""
    snap = at.snap
    g = stamp(nx.Graph(), "co-chairs", at)
    by_session = _by_session(at)
    chairs = [c for cs in by_session.values() for c in cs]
    for person in sorted({c.person for c in chairs}):
        attrs = person_attrs(at, person, person_side(at, person, chairs))
        mine = sorted((c for c in chairs if c.person == person),
                      key=lambda c: (snap.sessions[c.session].sort_key(), c.iri))
        attrs["sessions"] = len({c.session for c in mine})
        latest = mine[-1]
        title = (snap.labels.get(latest.post, "") if latest.post else "") or (latest.post_titles or [""])[0]
        if title:
            attrs["post"] = title
        attrs["bodies"] = "; ".join(sorted({snap.bodies[snap.sessions[c.session].body].short for c in mine}))
        g.add_node(person, **attrs)
    pairs: dict[tuple[str, str], list[str]] = defaultdict(list)
    for session, cs in sorted(by_session.items()):
        people = sorted({c.person for c in cs})
        for i, a in enumerate(people):
            for b in people[i + 1:]:
                pairs[(a, b)].append(session)
    for (a, b), sess in sorted(pairs.items()):
        sess = sorted(sess, key=lambda s: snap.sessions[s].sort_key())
        g.add_edge(a, b, iri=IRDC.coChair.value, type="coChairedWith",
                   label=f"co-chaired {len(sess)} session{'s' if len(sess) != 1 else ''}",
                   weight=len(sess), sessions=" ".join(sess),
                   session_labels="; ".join(at.session_short(snap.sessions[s]) for s in sess))
    return g


def people_bodies(at: AsOf) -> nx.Graph:
    """Bipartite graph: people (bipartite=0) and the bodies (bipartite=1) whose sessions
    they co-chaired or attended; `weight` counts the sessions."""
    snap = at.snap
    g = stamp(nx.Graph(), "people-bodies", at)
    links: dict[tuple[str, str], dict[str, set]] = defaultdict(lambda: {"coChair": set(), "attendee": set()})
    chairs = []
    for session, cs in _by_session(at).items():
        for c in cs:
            links[(c.person, snap.sessions[session].body)]["coChair"].add(session)
            chairs.append(c)
    for s in at.held.values():
        for p in s.attendees:
            links[(p, s.body)]["attendee"].add(s.iri)
    for person in sorted({p for p, _ in links}):
        g.add_node(person, bipartite=0, **person_attrs(at, person, person_side(at, person, chairs)))
    for body in sorted({b for _, b in links}):
        b = snap.bodies[body]
        attrs = {"iri": body, "label": b.label, "type": b.type, "bipartite": 1}
        if b.acronym:
            attrs["acronym"] = b.acronym
        g.add_node(body, **attrs)
    for (person, body), rel in sorted(links.items()):
        kind = "coChair" if rel["coChair"] else "attendee"
        sess = sorted(rel["coChair"] | rel["attendee"], key=lambda s: snap.sessions[s].sort_key())
        g.add_edge(person, body, iri=(IRDC.coChair if kind == "coChair" else SCHEMA.attendee).value, type=kind,
                   label=("co-chaired" if kind == "coChair" else "attended") + f" {len(sess)} session"
                   + ("s" if len(sess) != 1 else ""),
                   weight=len(sess), sessions=" ".join(sess), co_chaired=len(rel["coChair"]),
                   attended=len(rel["attendee"]))
    return g
