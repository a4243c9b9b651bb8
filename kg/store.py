"""The built dataset as a queryable pyoxigraph store (union of named graphs as default graph)."""
from __future__ import annotations

from pathlib import Path

from pyoxigraph import RdfFormat, Store

from .errors import NotBuiltError
from .paths import build_dir


def dataset_path(build: str | Path | None = None) -> Path:
    return Path(build) / "kg.nq" if build else build_dir() / "kg.nq"


def open_store(build: str | Path | None = None) -> Store:
    """An in-memory store holding `build/kg.nq`; raise NotBuiltError if there is none."""
    path = dataset_path(build)
    if not path.exists():
        raise NotBuiltError(f"{path}: no built graph here; run `kg build` first")
    store = Store()
    store.bulk_load(path=str(path), format=RdfFormat.N_QUADS)
    return store


def select(store: Store, sparql: str, **options):
    """Run a SPARQL query over the union of the named graphs."""
    return store.query(sparql, use_default_graph_as_union=True, **options)
