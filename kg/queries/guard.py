"""What a query may do before the engine sees it: no outgoing requests (SERVICE).

A `SERVICE <http://...>` clause makes the engine fetch that URL: a web page
the analyst visits could use the local endpoint to reach any host the analyst's
machine can (SSRF). So SERVICE is refused unless the caller names the endpoints
it allows, and even then a variable endpoint (`SERVICE ?x`) is refused, since
the data would choose where the engine connects.

The check reads the query's tokens (strings, IRIs and comments skipped), so a
`SERVICE` inside a string, an IRI, a comment or a prefixed name is not one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Iterator

from ..core.vocab import PREFIXES
from .errors import QueryError


class ServiceRefused(QueryError):
    """A query asked the engine to call another endpoint (SERVICE) that is not allowed."""


@dataclass(frozen=True)
class Token:
    kind: str        # "iri", "string", "word", "punct"
    value: str
    start: int
    end: int


_IRI = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_STRING = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
                     r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'', re.S)
_WORD = re.compile(r"[?$]?[A-Za-z_0-9\u00C0-\uFFFF][\w.\-:\u00B7\u00C0-\uFFFF%]*|[A-Za-z_]*:[\w.\-:%]*")
_SPACE = re.compile(r"\s+")


def tokens(text: str) -> Iterator[Token]:
    """The query's tokens, comments and whitespace left out."""
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        m = _SPACE.match(text, i)
        if m:
            i = m.end()
            continue
        if c == "#":
            j = text.find("\n", i)
            i = n if j == -1 else j
            continue
        if c == "<":
            m = _IRI.match(text, i)
            if m:
                yield Token("iri", m.group(0)[1:-1], i, m.end())
                i = m.end()
                continue
        if c in "\"'":
            m = _STRING.match(text, i)
            if m:
                yield Token("string", m.group(0), i, m.end())
                i = m.end()
                continue
        m = _WORD.match(text, i)
        if m and m.end() > i:
            word = m.group(0).rstrip(".")   # a pname's trailing dot ends the triple
            yield Token("word", word, i, i + len(word))
            i += len(word)
            continue
        yield Token("punct", c, i, i + 1)
        i += 1


def _prologue_prefixes(toks: list[Token]) -> dict[str, str]:
    out = dict(PREFIXES)
    for k, tok in enumerate(toks[:-2]):
        if tok.kind == "word" and tok.value.upper() == "PREFIX" and toks[k + 2].kind == "iri":
            out[toks[k + 1].value.rstrip(":")] = toks[k + 2].value
    return out


def services(text: str) -> list[str | None]:
    """The endpoint of each SERVICE clause: an IRI, or None for a variable endpoint."""
    toks = list(tokens(text))
    prefixes = _prologue_prefixes(toks)
    found: list[str | None] = []
    for k, tok in enumerate(toks):
        if tok.kind != "word" or tok.value.upper() != "SERVICE":
            continue
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        if nxt is not None and nxt.kind == "word" and nxt.value.upper() == "SILENT":
            nxt = toks[k + 2] if k + 2 < len(toks) else None
        if nxt is None:
            continue
        if nxt.kind == "iri":
            found.append(nxt.value)
        elif nxt.kind == "word" and ":" in nxt.value and nxt.value[0] not in "?$":
            pfx, _, local = nxt.value.partition(":")
            found.append(prefixes[pfx] + local if pfx in prefixes else nxt.value)
        else:
            found.append(None)
    return found


def check_services(text: str, allowed: Iterable[str] = (), where: str = "query") -> None:
    """Refuse a query that calls an endpoint not in `allowed` (exact IRIs)."""
    allowed = {a.strip() for a in allowed if a and a.strip()}
    for endpoint in services(text):
        if endpoint is None:
            raise ServiceRefused(f"{where}: refused: SERVICE with a variable endpoint would let the data "
                                 "choose where the engine connects; name the endpoint's IRI")
        if endpoint not in allowed:
            how = ("allowed: " + ", ".join(sorted(allowed))) if allowed else \
                "federated queries are off; allow an endpoint with --allow-service URL (kg query, kg serve) " \
                "or allow_service=[URL] (kg.query)"
            raise ServiceRefused(f"{where}: refused: SERVICE <{endpoint}> would make the engine send a request "
                                 f"to another server; {how}")


def where_group(text: str) -> int:
    """The offset just inside the brace that opens the query's WHERE group, or -1.

    The first `{` after a top-level WHERE; for `ASK {` and `SELECT ... {` (WHERE
    left out), the first top-level `{`.
    """
    depth = 0
    first_word = None
    seen_where = False
    for tok in tokens(text):
        if tok.kind == "word" and first_word is None and tok.value.upper() not in ("PREFIX", "BASE") \
                and ":" not in tok.value:
            first_word = tok.value.upper()
        if tok.kind == "word" and tok.value.upper() == "WHERE" and depth == 0:
            seen_where = True
        elif tok.kind == "punct" and tok.value == "{":
            if depth == 0 and (seen_where or first_word in ("SELECT", "ASK")):
                return tok.end
            depth += 1
        elif tok.kind == "punct" and tok.value == "}":
            depth -= 1
    return -1
