"""Everything in one graph, for Gephi and other network tools: bodies, sessions, people,
posts and agreements, with the links between them.

Edges: body -> parent (subOrganizationOf), session -> body (sessionOf), person ->
session (coChair, with the side), person -> post (holds: a post holding), agreement ->
session or event (signedAt). Nodes and edges that happen in time carry `start` and
`end` (ISO dates as the sources give them, partial where they are partial): a
session its dates (one day when no end is stated), a holding its term, a co-chairing
its session's dates, a body its founding and dissolution, an agreement its signing
day. What no source dates carries neither, and is never given a guessed date.
"""
from __future__ import annotations

import networkx as nx

from ..core.dates import last_day
from ..core.vocab import IRDC, ORG
from .filters import AsOf
from .hierarchy import stamp
from .people import person_attrs, person_side
from .snapshot import SIDES, TYPE_LABELS, Session


def _when(attrs: dict, start: str | None, end: str | None) -> dict:
    if start:
        attrs["start"] = start
    if end:
        attrs["end"] = end
    return attrs


def combined(at: AsOf) -> nx.DiGraph:
    """Bodies, sessions, people, posts and agreements in one directed graph (see the module)."""
    snap = at.snap
    g = stamp(nx.DiGraph(), "combined", at)
    bodies = dict(sorted(at.bodies.items()))
    for iri, b in bodies.items():
        attrs = {"iri": iri, "label": b.label, "type": b.type, "type_label": TYPE_LABELS[b.type]}
        if b.acronym:
            attrs["acronym"] = b.acronym
        g.add_node(iri, **_when(attrs, b.founded, b.ended))
    for iri, b in bodies.items():
        for parent in b.parents:
            if parent in g:
                g.add_edge(iri, parent, **_when({"iri": ORG.subOrganizationOf.value, "label": "part of",
                                                  "type": "subOrganizationOf"}, b.founded, b.ended))
    sessions = {k: s for k, s in sorted(at.dated.items(), key=lambda kv: Session.sort_key(kv[1])) if s.body in g}
    for iri, s in sessions.items():
        attrs = {"iri": iri, "label": s.label or at.session_short(s), "type": "Session", "body": s.body}
        if s.ordinal is not None:
            attrs["ordinal"] = s.ordinal
        if s.status:
            attrs["status"] = s.status
        if s.location:
            attrs["location"] = snap.label(s.location)
        g.add_node(iri, **_when(attrs, s.date, s.end_date or s.date))
        g.add_edge(iri, s.body, **_when({"iri": IRDC.sessionOf.value, "label": "session of", "type": "sessionOf"},
                                        s.date, s.end_date or s.date))
    # Every co-chairing a source states for a session shown, planned ones too (the session says its status).
    chairs = [c for c in snap.co_chairings if c.session in sessions]
    holdings = [h for hs in at.holdings.values() for h in hs]
    for person in sorted({c.person for c in chairs} | {h.person for h in holdings}):
        g.add_node(person, **person_attrs(at, person, person_side(at, person, chairs)))
    for c in chairs:
        s = sessions[c.session]
        attrs = {"iri": IRDC.coChair.value, "label": "co-chaired", "type": "coChair"}
        if c.side in SIDES:
            attrs["side"] = c.side
        g.add_edge(c.person, c.session, **_when(attrs, s.date, s.end_date or s.date))
    for post in sorted({h.post for h in holdings}):
        info = snap.posts.get(post, {})
        attrs = {"iri": post, "label": info.get("label") or snap.label(post), "type": "Post"}
        if info.get("side"):
            attrs["side"] = info["side"]
        g.add_node(post, **attrs)
    for h in sorted(holdings, key=lambda h: h.iri):
        # One edge per person and post: a second term of the same post widens nothing here;
        # its own dates stay on the holding the sources state (see the CSV of statements).
        if g.has_edge(h.person, h.post):
            continue
        attrs = {"iri": h.iri, "label": "held", "type": "holds"}
        side = snap.posts.get(h.post, {}).get("side")
        if side:
            attrs["side"] = side
        g.add_edge(h.person, h.post, **_when(attrs, h.start, h.end))
    for a in snap.agreements:
        if at.day is not None and not (a.signed_on and last_day(a.signed_on) <= at.day):
            continue
        g.add_node(a.iri, **_when({"iri": a.iri, "label": a.label, "type": a.kind}, a.signed_on, a.signed_on))
        for where in a.signed_at:
            if where in g:
                g.add_edge(a.iri, where, **_when({"iri": IRDC.signedAt.value, "label": "signed at",
                                                   "type": "signedAt"}, a.signed_on, a.signed_on))
    return g
