"""The SPARQL the package runs itself: `ontology/sparql/NAME.rq`, read once.

Kept apart from `ontology/queries/` (the analysts' library that `kg query`
lists); both are data, so no module holds SPARQL in a string. The project's
prefixes are declared by whoever runs the text (pyoxigraph's `prefixes=`).
"""
from __future__ import annotations

from functools import lru_cache

from .config import sparql_dir
from .errors import KgError


@lru_cache(maxsize=None)
def text(name: str, suffix: str = ".rq") -> str:
    """The text of `ontology/sparql/NAME.rq` (`suffix=".ru"` for an update)."""
    path = sparql_dir() / f"{name}{suffix}"
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise KgError(f"{path}: cannot read the package's query {name!r}: {exc.strerror}") from None
