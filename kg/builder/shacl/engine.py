"""Run compiled checks over a pyoxigraph Store: each check is one query over the whole graph."""
from __future__ import annotations

import re
from typing import Iterator

from dataclasses import replace

from pyoxigraph import BlankNode, Store

from ...core.vocab import PREFIXES
from .compile import FOCUS, Check

_VAR = re.compile(r"\{[?$](\w+)\}")


def _rows(store: Store, query: str):
    return store.query(query, prefixes=PREFIXES)


def _message(check: Check, row) -> str:
    if not check.template:
        return check.message
    def value(match):  # as pySHACL writes them: the IRI or the literal's lexical form
        try:
            term = row[match.group(1)]
        except (KeyError, IndexError, TypeError):
            return match.group(0)
        return match.group(0) if term is None else term.value
    return _VAR.sub(value, check.message)


def _focus_of(store: Store, check: Check) -> set:
    return {row["this"] for row in _rows(store, f"SELECT DISTINCT ?this WHERE {{ {check.targets} }}")}


def _on(check: Check, values: str) -> Check:
    return replace(check, query=check.query.replace(FOCUS, values), targets=check.targets.replace(FOCUS, values),
                   inner=tuple(_on(i, values) for i in check.inner))


def _values(nodes) -> str:
    # Terms serialised by the engine itself (never text from the data), one row each.
    return "VALUES ?this { " + " ".join(str(n) for n in nodes) + " }"


def run_checks(store: Store, checks: list[Check]) -> Iterator[tuple]:
    """(focus node, path IRI or "", message, severity) for every violation."""
    for check in checks:
        if check.inner:
            # The distinct values first (few: a graph IRI for ten thousand subjects), and the
            # focus nodes behind a value only when it fails.
            distinct = check.query.replace("SELECT DISTINCT ?this ?v", "SELECT DISTINCT ?v", 1)
            values = sorted({row["v"] for row in _rows(store, distinct)}, key=str)
            # A VALUES block lists the values themselves; a blank node cannot be written in
            # a query, so then the values are matched by their pattern instead.
            focus = check.values_of if any(isinstance(v, BlankNode) for v in values) else _values(values)
            details = [d for inner in check.inner for d in run_checks(store, [_on(inner, focus)])]
            yield from details  # why a value fails, as pySHACL's sh:detail results say
            bad = {f for f, *_ in details}
            if bad:
                for row in _rows(store, check.query):
                    if row["v"] in bad:
                        yield row["this"], check.path, check.message, check.severity
            continue
        keep = _focus_of(store, check) if check.targets else None
        for row in _rows(store, check.query):
            focus = row["this"]
            if keep is None or focus in keep:
                yield focus, check.path, _message(check, row), check.severity
