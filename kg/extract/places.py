"""Which gazetteer place matches in a sentence give a meeting's venue."""
from __future__ import annotations

import re
from functools import lru_cache

from .data import load

_BEFORE = re.compile(
    r"(?:\b(?:in|at|inside|venue\s*:?|venue\s+was|hosted\s+by|held\s+in|took\s+place\s+in|met\s+in)\s+(?:the\s+)?"
    r"(?:(?:capital|city|indian|russian|national|capital's|city's|historic|famous|iconic|prestigious|sprawling|"
    r"new|newly|built|state-of-the-art|premises\s+of|building\s+of|headquarters\s+of)\s+(?:the\s+)?){0,3})$",
    re.I,
)
_AFTER_SUBJECT = re.compile(r"\s+(?:hosted|will\s+host|is\s+hosting|was\s+hosting|played\s+host|plays\s+host)\b", re.I)
_BASED = re.compile(r"-?\s*based\b", re.I)


@lru_cache(maxsize=1)
def _not_before():
    return re.compile(load("places.yaml").get("not_venue_before", r"(?!x)x"), re.I)


def venue_ok(norm: str, sent_start: int, start: int, end: int) -> tuple[bool, str]:
    """Is the place at ``norm[start:end]`` stated as where something happens?"""
    before = norm[max(sent_start, start - 60):start]
    if _BASED.match(norm, end, end + 8):
        return False, ""
    m = _BEFORE.search(before)
    if m:
        head = before[:m.start()]
        if _not_before().search(head):
            return False, ""
        return True, "place-after-preposition"
    if _AFTER_SUBJECT.match(norm, end, end + 30):
        return True, "place-hosted"
    return False, ""
