"""The built dataset as a queryable pyoxigraph store.

Two shapes: `open_store` holds the named graphs only (the readers look at each
source's graph); `query_store` adds their union, once per triple, as the real
default graph. pyoxigraph's `use_default_graph_as_union` yields a triple once per
named graph that holds it, so COUNT(*) over the "default graph" counted 137
rows for 48 sessions; SPARQL's RDF merge counts each triple once.
"""
from __future__ import annotations

from pathlib import Path

from pyoxigraph import DefaultGraph, Quad, RdfFormat, Store

from ..core.config import dataset_path
from ..core.errors import KgError, NotBuiltError
from ..core.vocab import PREFIXES

_STORES: dict[tuple, Store] = {}


def open_store(build: str | Path | None = None) -> Store:
    """An in-memory store holding `build/kg.nq`; raise NotBuiltError if there is none."""
    path = dataset_path(build)
    if not path.exists():
        raise NotBuiltError(f"{path}: no built graph here; run `kg build` first")
    store = Store()
    try:
        store.bulk_load(path=str(path), format=RdfFormat.N_QUADS)
    except (OSError, SyntaxError, ValueError) as exc:
        raise KgError(f"{path}: cannot load the built graph ({exc}); run `kg build` again") from None
    return store


def add_default_union(store: Store) -> Store:
    """Put the union of the named graphs into the store's default graph (a set: each
    triple once), so queries run without `use_default_graph_as_union`."""
    default = DefaultGraph()
    if next(iter(store.quads_for_pattern(None, None, None, default)), None) is not None:
        return store      # already holds it
    store.extend([Quad(q.subject, q.predicate, q.object, default) for q in store])
    return store


def has_default_graph(store: Store) -> bool:
    return next(iter(store.quads_for_pattern(None, None, None, DefaultGraph())), None) is not None


def query_store(build: str | Path | None = None) -> Store:
    """A fresh store of the built dataset with the distinct union as its default graph."""
    return add_default_union(open_store(build))


def load_store(build: str | Path | None = None) -> Store:
    """The built dataset as `query_store` gives it, loaded once per file version (for
    repeated library calls)."""
    path = dataset_path(build)
    try:
        st = path.stat()
    except FileNotFoundError:
        return open_store(build)  # raises NotBuiltError with the usual message
    key = (str(path.resolve()), st.st_mtime_ns, st.st_size)
    store = _STORES.get(key)
    if store is None:
        _STORES.clear()
        store = _STORES[key] = query_store(build)
    return store


def read_quads(path: str | Path):
    """The quads of an N-Quads file, streamed."""
    from pyoxigraph import parse

    return parse(path=str(path), format=RdfFormat.N_QUADS)


def select(store: Store, sparql: str, **options):
    """Run a SPARQL query over the union of the named graphs, with the project's prefixes.

    On a `query_store` the default graph is the distinct union itself; on an
    `open_store` (named graphs only) the engine's union stands in for it, which
    repeats a triple once per graph that holds it (use DISTINCT, or a query_store,
    to count)."""
    if "use_default_graph_as_union" not in options and not has_default_graph(store):
        options["use_default_graph_as_union"] = True
    return store.query(sparql, prefixes=PREFIXES, **options)
