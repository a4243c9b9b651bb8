"""The built dataset, read back: a store, and the statements of each graph about sessions.

    store.py       open the built N-Quads in a pyoxigraph store
    statements.py  each graph's statements of session facts, with their evidence
"""
from .store import load_store, open_store, select

__all__ = ["load_store", "open_store", "select"]
