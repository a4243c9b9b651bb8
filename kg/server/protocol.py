"""SPARQL 1.1 Protocol answers, computed in a stoppable child process.

Each request's query runs in a forked child (kg.queries.worker): it is killed
when the time limit passes, when the client goes away, or when it outgrows its
memory limit, so no abandoned query goes on computing. The child serialises
the results (SPARQL JSON, XML, CSV, TSV; Turtle or N-Triples for graphs) and
sends them in chunks; the answer is sent only once it is whole, so a stopped
query gets an error status, never a 200 with a cut body.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Mapping

from pyoxigraph import QueryBoolean, QueryResultsFormat, QuerySolutions, RdfFormat, Store

from ..core.errors import KgError
from ..queries import worker
from ..queries.guard import check_services
from ..queries.library import get_query
from ..queries.params import bind_params
from ..queries.run import check_read_only, evaluate

RESULT_TYPES = {
    "json": ("application/sparql-results+json", QueryResultsFormat.JSON),
    "xml": ("application/sparql-results+xml", QueryResultsFormat.XML),
    "csv": ("text/csv; charset=utf-8", QueryResultsFormat.CSV),
    "tsv": ("text/tab-separated-values; charset=utf-8", QueryResultsFormat.TSV),
}
GRAPH_TYPES = {
    "turtle": ("text/turtle; charset=utf-8", RdfFormat.TURTLE),
    "ntriples": ("application/n-triples", RdfFormat.N_TRIPLES),
    "xml": ("application/rdf+xml", RdfFormat.RDF_XML),
}
_ACCEPT = {"application/sparql-results+json": "json", "application/json": "json",
           "application/sparql-results+xml": "xml", "application/xml": "xml", "text/csv": "csv",
           "text/tab-separated-values": "tsv", "text/turtle": "turtle", "application/n-triples": "ntriples",
           "application/rdf+xml": "xml"}


@dataclass(frozen=True)
class Limits:
    timeout: float = 30.0            # seconds per request, every operator included
    memory_mb: float = 1024.0        # what a query's child may allocate beyond the loaded store
    result_mb: float = 50.0          # the largest answer sent
    allow_service: tuple[str, ...] = ()


class TooLarge(worker.TooBig):
    pass


def choose_format(fmt: str | None, accept: str | None) -> str:
    if fmt:
        return fmt.lower()
    for part in (accept or "").split(","):
        media = part.split(";")[0].strip().lower()
        if media in _ACCEPT:
            return _ACCEPT[media]
    return ""


class _Chunks:
    """A file-like sink that sends what is written in chunks and keeps to a size limit."""

    def __init__(self, emit: Callable, limit: int, size: int = 1 << 16):
        self.emit, self.limit, self.size = emit, limit, size
        self.buffer = bytearray()
        self.total = 0

    def write(self, data) -> int:
        self.total += len(data)
        if self.total > self.limit:
            raise TooLarge(f"the result is larger than {self.limit / 1048576:g} MB; "
                           "narrow the query (LIMIT, FILTER) or download it with `kg query`")
        self.buffer += data
        if len(self.buffer) >= self.size:
            self.flush()
        return len(data)

    def flush(self) -> None:
        if self.buffer:
            self.emit(bytes(self.buffer))
            self.buffer.clear()


def answer(store: Store, text: str, *, fmt: str = "", params: Mapping[str, str] | None = None,
           library: str | None = None, limits: Limits = Limits(),
           cancelled: Callable[[], bool] | None = None) -> tuple[str, bytes]:
    """(content type, body) of a query's results; raises KgError (timeout, too large, refused, bad query)."""
    check_read_only(text)
    check_services(text, limits.allow_service, "query")
    limit = int(limits.result_mb * 1048576)

    def work(emit):
        declared = get_query(library).params if library else ()
        subs = bind_params(text, dict(params or {}), declared, store, "query") if (params or declared) else None
        results = evaluate(text, store, subs, "query")
        sink = _Chunks(emit, limit)
        if isinstance(results, (QuerySolutions, QueryBoolean)):
            name = fmt if fmt in RESULT_TYPES else "json"
            ctype, rformat = RESULT_TYPES[name]
        else:
            name = fmt if fmt in GRAPH_TYPES else "turtle"
            ctype, rformat = GRAPH_TYPES[name]
        try:
            results.serialize(sink, rformat)
        except OSError:
            # pyoxigraph hands the sink's error back as an OSError.
            if sink.total > limit:
                raise TooLarge(f"the result is larger than {limits.result_mb:g} MB") from None
            raise
        sink.flush()
        return ctype

    if not worker.can_fork():  # pragma: no cover - Linux and macOS fork
        chunks: list[bytes] = []
        ctype = work(chunks.append)
        return ctype, b"".join(chunks)
    child = worker.Child(work, timeout=limits.timeout, memory_mb=limits.memory_mb, cancelled=cancelled)
    body = bytearray()
    for chunk in child.items():
        body += chunk
    return child.value, bytes(body)


def in_child(store: Store, work: Callable[[Store], object], limits: Limits = Limits(),
             cancelled: Callable[[], bool] | None = None, what: str = "request"):
    """`work(store)`'s value, computed in a stoppable child (entity pages, charts)."""
    if not worker.can_fork():  # pragma: no cover
        return work(store)
    child = worker.Child(lambda emit: work(store), timeout=limits.timeout, memory_mb=limits.memory_mb,
                         cancelled=cancelled, what=what)
    for _ in child.items():
        pass
    return child.value


def status_of(exc: KgError) -> int:
    """The HTTP status for what stopped a request."""
    from ..queries.errors import QueryFailed, QueryTimeout
    from ..queries.guard import ServiceRefused

    if isinstance(exc, QueryTimeout):
        return 503
    if isinstance(exc, worker.TooBig):
        return 507
    if isinstance(exc, ServiceRefused):
        return 403
    if isinstance(exc, worker.Cancelled):
        return 499
    if isinstance(exc, QueryFailed):
        return 500
    return 400
