"""What can go wrong with a query, each with its exit code."""
from __future__ import annotations

import re

from ..core.errors import KgError


class QueryError(KgError):
    """The query or its parameters cannot be run as given (exit 2)."""


_PNAME = re.compile(r"([A-Za-z][\w.-]*)?:(?![/\\])")


def unknown_prefix(text: str, line: int, column: int) -> tuple[str, int] | None:
    """The undeclared prefix the engine stopped at (its name and column): the prefixed
    name nearest before the reported position on that line."""
    lines = text.split("\n")
    if not 0 < line <= len(lines):
        return None
    before = lines[line - 1][:column]
    found = [m for m in _PNAME.finditer(before) if not _in_iri(before, m.start())]
    if not found:
        return None
    m = found[-1]
    return (m.group(1) or ""), m.start() + 1


def _in_iri(line: str, pos: int) -> bool:
    return line.rfind("<", 0, pos) > line.rfind(">", 0, pos)


class QuerySyntaxError(QueryError):
    def __init__(self, where: str, line: int, column: int, message: str, text: str | None = None):
        self.where, self.line, self.column, self.detail = where, line, column, message
        # The engine's message for an undeclared prefix is a grammar dump that never
        # names it: name the prefix, and the ones the project declares.
        found = unknown_prefix(text, line, column) if text and "Prefix not found" in message else None
        if found:
            from ..core.vocab import PREFIXES

            self.prefix, self.column = found[0], found[1]
            super().__init__(f"{where}:{line}:{found[1]}: unknown prefix '{found[0]}:' (declare it with "
                             f"PREFIX {found[0]}: <...>, or use one of: "
                             + ", ".join(f"{p}:" for p in sorted(PREFIXES)) + ")")
            return
        super().__init__(f"{where}:{line}:{column}: SPARQL syntax error at line {line}, column {column}: {message}")


class ReadOnlyError(QueryError):
    """An update (INSERT, DELETE, LOAD, CLEAR...) was given where only queries run."""


class UnknownQueryError(QueryError):
    pass


class ParamError(QueryError):
    pass


class QueryTimeout(KgError):
    exit_code = 3


class QueryFailed(KgError):
    """The engine failed while evaluating a valid query."""

    exit_code = 1
