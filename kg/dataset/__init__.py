"""The built dataset, read back: a store, and the statements of each graph about sessions.

    store.py       open the built N-Quads in a pyoxigraph store (named graphs; or with their
                   distinct union as the default graph, for queries)
    statements.py  each graph's statements of session facts, with their evidence
"""
from .store import add_default_union, load_store, open_store, query_store, select

__all__ = ["add_default_union", "load_store", "open_store", "query_store", "select"]
