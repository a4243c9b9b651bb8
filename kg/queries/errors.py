"""What can go wrong with a query, each with its exit code."""
from __future__ import annotations

from ..core.errors import KgError


class QueryError(KgError):
    """The query or its parameters cannot be run as given (exit 2)."""


class QuerySyntaxError(QueryError):
    def __init__(self, where: str, line: int, column: int, message: str):
        self.where, self.line, self.column, self.detail = where, line, column, message
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
