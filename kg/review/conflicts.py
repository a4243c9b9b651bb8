"""Where sources disagree: the same session given a different date, place or co-chair
for a side, by two sources (curated or extracted), with each side's evidence."""
from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from pyoxigraph import Store

from ..dataset.statements import SessionStatements, Statement


@dataclass(frozen=True)
class Conflict:
    session: str
    what: str
    statements: tuple[Statement, ...]   # at least two, with incompatible values


def find_conflicts(store: Store | SessionStatements) -> list[Conflict]:
    facts = SessionStatements.of(store)
    out = []
    for key, group in groupby(facts.statements, key=lambda s: s.key):
        group = list(group)
        values = sorted({s.value for s in group})
        clash = any(not facts.compatible(key[1], a, b) for i, a in enumerate(values) for b in values[i + 1:])
        if clash:
            what = key[1] if key[2] is None else f"{key[1]} ({facts.label(key[2])})"
            out.append(Conflict(session=key[0], what=what, statements=tuple(group)))
    return out


COLUMNS = ["session", "what", "value", "source", "method", "evidence"]


def conflict_rows(store: Store) -> list[list[str]]:
    """One row per statement in conflict, for printing."""
    facts = SessionStatements(store)
    rows = []
    for c in find_conflicts(facts):
        for s in c.statements:
            value = facts.label(s.value) if s.value.startswith("http") else s.value
            evidence = s.quote or ("(curated record)" if s.method == "curated" else "")
            if s.quote and s.start is not None:
                evidence = f"[{s.start}:{s.end}] {s.quote}"
            rows.append([facts.label(c.session), c.what, value, s.source.rsplit("/", 1)[-1], s.method, evidence])
    return rows
