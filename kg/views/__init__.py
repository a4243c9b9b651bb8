"""NetworkX projections of the built RDF dataset, for charts, exports and notebooks.

    from kg import views
    store = kg.open_store()
    g = views.hierarchy(store, as_of="2025-11-01")   # DiGraph, the commission at the root
    views.co_chair_network(store)                    # Graph of people, edges weighted by sessions
    views.people_bodies(store)                       # bipartite Graph, people and bodies
    views.sessions(store)                            # DiGraph: sessions, their bodies, sidelines
    views.combined(store)                            # DiGraph: bodies, sessions, people, posts, agreements

Every node and edge carries `iri`, `label` and `type`; every attribute is a
string, an integer or a boolean (never None: a missing value is left out), so
the graphs write to GraphML and GEXF as they are.

The dataset is read once into a `Snapshot` (snapshot.py); `as_of` (a date or
"YYYY-MM-DD") filters it once (filters.py) and each view projects the result:
hierarchy.py, people.py (co-chair network, people and bodies), sessions.py, and
combined.py (everything in one graph, with start and end dates for Gephi's timeline).
Pass a `Snapshot` instead of a store to build several views from one read.
"""
from __future__ import annotations

import networkx as nx

from ..core.dates import parse_day
from . import combined as _combined
from . import hierarchy as _hierarchy
from . import people as _people
from . import sessions as _sessions
from .filters import AsOf, SideCoChair, as_of as _as_of
from .hierarchy import PLACEHOLDER
from .snapshot import BODY_TYPES, SIDES, TYPE_LABELS, Body, CoChairing, Holding, Session, Snapshot, Source, read, snapshot

__all__ = ["hierarchy", "co_chair_network", "people_bodies", "sessions", "combined", "VIEWS", "view", "load", "at",
           "read", "snapshot", "Snapshot", "AsOf", "SideCoChair", "Body", "Session", "CoChairing", "Holding",
           "Source", "PLACEHOLDER", "BODY_TYPES", "TYPE_LABELS", "SIDES"]


def at(source, as_of=None) -> AsOf:
    """The dataset (a store or a Snapshot) as of a day (a date, 'YYYY-MM-DD' or None)."""
    return _as_of(snapshot(source), parse_day(as_of))


def hierarchy(source, as_of=None, *, stated_counts: bool = True, all_bodies: bool = False) -> nx.DiGraph:
    return _hierarchy.hierarchy(at(source, as_of), stated_counts=stated_counts, all_bodies=all_bodies)


def co_chair_network(source, as_of=None) -> nx.Graph:
    return _people.co_chair_network(at(source, as_of))


def people_bodies(source, as_of=None) -> nx.Graph:
    return _people.people_bodies(at(source, as_of))


def sessions(source, as_of=None) -> nx.DiGraph:
    return _sessions.sessions(at(source, as_of))


def combined(source, as_of=None) -> nx.DiGraph:
    return _combined.combined(at(source, as_of))


for _public, _impl in ((hierarchy, _hierarchy.hierarchy), (co_chair_network, _people.co_chair_network),
                       (people_bodies, _people.people_bodies), (sessions, _sessions.sessions),
                       (combined, _combined.combined)):
    _public.__doc__ = _impl.__doc__

VIEWS = {
    "hierarchy": hierarchy,
    "co-chairs": co_chair_network,
    "people-bodies": people_bodies,
    "sessions": sessions,
    "combined": combined,
}


def view(name: str, source, as_of=None):
    """One of VIEWS by name."""
    if name not in VIEWS:
        raise KeyError(f"unknown view {name!r}; choose from {', '.join(VIEWS)}")
    return VIEWS[name](source, as_of)


def load(build=None, as_of=None) -> dict[str, nx.Graph]:
    """Every view of the built dataset in `build` (default build/), for notebooks."""
    from ..dataset.store import open_store

    snap = read(open_store(build))
    return {name: fn(snap, as_of) for name, fn in VIEWS.items()}
