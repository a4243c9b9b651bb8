"""What the loader warns about but does not refuse: data that is odd, not impossible.

A co-chair's side that contradicts the person's recorded nationality is one:
a source may well be wrong, or the person may represent the other side (an
envoy, a dual national), so the build goes on and says where to look.
"""
from __future__ import annotations

import warnings

from ..core.errors import Problem


class CurationWarning(UserWarning):
    """A `path:line: what looks wrong` that does not stop the build."""

    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(str(problem))


def side_cautions(by_kind: dict) -> list[Problem]:
    people = by_kind.get("person", {})
    found = []
    for session in by_kind.get("session", {}).values():
        for chair in session.children.get("co_chairs", []):
            person = people.get(chair.first("person"))
            if person is None:
                continue
            for side in chair.claims("side"):
                for nat in person.claims("nationality"):
                    if nat.value != side.value:
                        found.append(Problem(side.path or chair.path, side.line,
                                             f"{person.id!r} co-chairs for {side.value}, but their nationality is "
                                             f"recorded as {nat.value} ({nat.path or person.path}:{nat.line}); "
                                             "check the side or the nationality"))
    return sorted(set(found))


def warnings_of(curated) -> list[Problem]:
    """Every caution about loaded curated data."""
    return side_cautions(curated.records)


def emit(by_kind: dict) -> None:
    for problem in side_cautions(by_kind):
        warnings.warn(CurationWarning(problem), stacklevel=3)
