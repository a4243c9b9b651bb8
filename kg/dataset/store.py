"""The built dataset as a queryable pyoxigraph store (union of named graphs as default graph)."""
from __future__ import annotations

from pathlib import Path

from pyoxigraph import RdfFormat, Store

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


def load_store(build: str | Path | None = None) -> Store:
    """The built dataset in memory, loaded once per file version (for repeated library calls)."""
    path = dataset_path(build)
    try:
        st = path.stat()
    except FileNotFoundError:
        return open_store(build)  # raises NotBuiltError with the usual message
    key = (str(path.resolve()), st.st_mtime_ns, st.st_size)
    store = _STORES.get(key)
    if store is None:
        _STORES.clear()
        store = _STORES[key] = open_store(build)
    return store


def read_quads(path: str | Path):
    """The quads of an N-Quads file, streamed."""
    from pyoxigraph import parse

    return parse(path=str(path), format=RdfFormat.N_QUADS)


def select(store: Store, sparql: str, **options):
    """Run a SPARQL query over the union of the named graphs, with the project's prefixes."""
    return store.query(sparql, use_default_graph_as_union=True, prefixes=PREFIXES, **options)
