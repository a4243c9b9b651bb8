"""India-Russia defence cooperation knowledge graph: the library API.

    import kg
    kg.build()                    # curated YAML (+ extracted facts) -> build/
    store = kg.open_store()       # the built dataset in a pyoxigraph store

Names are loaded lazily so that `import kg` stays cheap on the query path.
"""
from __future__ import annotations

import importlib

_API = {
    "build": "kg.builder:build",
    "BuildResult": "kg.builder:BuildResult",
    "load_curated": "kg.curated:load",
    "open_store": "kg.dataset:open_store",
    "query_store": "kg.dataset:query_store",
    "select": "kg.queries.run:select",
    "validate": "kg.builder:check_seeds",
    "KgError": "kg.core.errors:KgError",
    "InputError": "kg.core.errors:InputError",
    "project_root": "kg.core.config:project_root",
    "dataset_path": "kg.core.config:dataset_path",
    "query": "kg.queries:query",
    "views": "kg.views",
    "charts": "kg.charts",
    "exports": "kg.exports",
    "conflicts": "kg.review.conflicts",
    "review": "kg.review",
}

__all__ = sorted(_API)


def __getattr__(name: str):
    target = _API.get(name)
    if target is None:
        raise AttributeError(f"module 'kg' has no attribute {name!r}")
    module, _, attr = target.partition(":")
    value = importlib.import_module(module)
    if attr:
        value = getattr(value, attr)
    globals()[name] = value
    return value


def __dir__():
    return sorted(list(globals()) + list(_API))
