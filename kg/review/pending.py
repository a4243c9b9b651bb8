"""Extracted facts that the curated data does not hold yet, each with a stable id for `kg accept`."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

from pyoxigraph import Store

from ..dataset.statements import SessionStatements, Statement


@dataclass(frozen=True)
class Pending:
    id: str
    statement: Statement


def fact_id(s: Statement) -> str:
    key = "|".join([s.source, s.session, s.what, s.side or "", s.value])
    return "x" + hashlib.sha1(key.encode()).hexdigest()[:8]


def pending(store: Store | SessionStatements) -> list[Pending]:
    facts = SessionStatements.of(store)
    curated = {(s.key, s.value) for s in facts.statements if s.method == "curated"}
    out, seen = [], set()
    for s in facts.statements:
        if s.method != "extracted" or (s.key, s.value) in curated:
            continue
        pid = fact_id(s)
        if pid not in seen:
            seen.add(pid)
            out.append(Pending(pid, s))
    return out


COLUMNS = ["id", "session", "what", "value", "source", "evidence"]


def pending_rows(store: Store) -> list[list[str]]:
    facts = SessionStatements(store)
    rows = []
    for p in pending(facts):
        s = p.statement
        what = s.what if s.side is None else f"{s.what} ({facts.label(s.side)})"
        value = facts.label(s.value) if s.value.startswith("http") else s.value
        rows.append([p.id, facts.label(s.session), what, value, s.source.rsplit("/", 1)[-1], s.quote or ""])
    return rows
