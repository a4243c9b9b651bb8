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
    "open_store": "kg.store:open_store",
    "select": "kg.store:select",
    "validate": "kg.shacl:check",
    "KgError": "kg.errors:KgError",
    "InputError": "kg.errors:InputError",
    "project_root": "kg.paths:project_root",
    "query": "kg.queries:query",
    "views": "kg.views",
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
