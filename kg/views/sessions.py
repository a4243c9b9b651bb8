"""Sessions in time: each session with its body and the event it was held alongside."""
from __future__ import annotations

import networkx as nx

from ..core.vocab import IRDC
from .filters import AsOf
from .hierarchy import stamp
from .snapshot import BODY_TYPES, TYPE_LABELS, Session


def sessions(at: AsOf) -> nx.DiGraph:
    """Session nodes (date, ordinal, status, location) with edges to their body
    (irdc:sessionOf) and to the event they were held alongside (irdc:onSidelinesOf).
    Planned and cancelled sessions dated by the day are kept, with their status."""
    snap = at.snap
    g = stamp(nx.DiGraph(), "sessions", at)
    dated = sorted(at.dated.values(), key=Session.sort_key)
    for body in sorted({s.body for s in dated},
                       key=lambda b: (BODY_TYPES.index(snap.bodies[b].type), snap.bodies[b].label)):
        b = snap.bodies[body]
        attrs = {"iri": body, "label": b.label, "type": b.type, "type_label": TYPE_LABELS[b.type]}
        if b.acronym:
            attrs["acronym"] = b.acronym
        if snap.label_languages.get(body):
            attrs["label_lang"] = snap.label_languages[body]
        g.add_node(body, **attrs)
    for s in dated:
        attrs = {"iri": s.iri, "label": s.label or at.session_short(s), "type": "Session", "body": s.body,
                 "body_type": snap.bodies[s.body].type, "short_label": at.session_short(s)}
        for name in ("ordinal", "date", "end_date"):
            if getattr(s, name) is not None:
                attrs[name] = getattr(s, name)
        if s.status:
            attrs["status"] = s.status
        if s.location:
            attrs["location"] = snap.label(s.location)
        g.add_node(s.iri, **attrs)
        g.add_edge(s.iri, s.body, iri=IRDC.sessionOf.value, label="session of", type="sessionOf")
    for s in dated:
        for other in s.sidelines_of:
            if other in g:
                g.add_edge(s.iri, other, iri=IRDC.onSidelinesOf.value, label="on the sidelines of",
                           type="onSidelinesOf")
    return g
