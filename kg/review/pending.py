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
    if s.what == "visit":  # one visit may be stated with several dates or places: one fact each
        key += "|" + "|".join([s.date or "", s.where or "", s.visited or ""])
    return "x" + hashlib.sha1(key.encode()).hexdigest()[:8]


def _visit_known(s: Statement, curated: list[Statement], facts: SessionStatements) -> bool:
    """A curated visit by the same person to the same place or organisation, on a compatible date."""
    return any(c.value == s.value and ((s.where and c.where == s.where) or (s.visited and c.visited == s.visited))
               and (not c.date or not s.date or facts.compatible("date", c.date, s.date)) for c in curated)


def pending(store: Store | SessionStatements) -> list[Pending]:
    facts = SessionStatements.of(store)
    curated = {(s.key, s.value) for s in facts.statements if s.method == "curated"}
    curated |= {((s.session, s.what), s.value) for s in facts.records if s.method == "curated"}
    visits = [s for s in facts.records if s.method == "curated" and s.what == "visit"]
    out, seen = [], set()
    tagged = [(s, s.key) for s in facts.statements] + [(s, (s.session, s.what)) for s in facts.records]
    for s, key in tagged:
        if s.method != "extracted" or (key, s.value) in curated:
            continue
        if s.what == "visit" and _visit_known(s, visits, facts):
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
        details = [facts.label(x) if x.startswith("http") else x for x in (s.where, s.visited, s.date) if x]
        if details:
            value += " (" + ", ".join(details) + ")"
        rows.append([p.id, facts.label(s.session), what, value, s.source.rsplit("/", 1)[-1], s.quote or ""])
    return rows
