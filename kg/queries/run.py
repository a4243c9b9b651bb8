"""Running a query: resolve the name, a file or inline text, bind parameters, evaluate, collect rows.

Read-only: an update is refused before the engine sees it.
"""
from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any, Mapping

from pyoxigraph import QueryBoolean, QuerySolutions, Store, Variable

from ..core.vocab import PREFIXES
from ..dataset.store import add_default_union, has_default_graph, load_store
from . import worker
from .errors import QueryError, QueryFailed, QuerySyntaxError, ReadOnlyError
from .guard import check_services
from .library import SLUG, LibraryQuery, get_query, parse_header
from .params import bind_params, explain_empty, with_values
from .results import Result

_UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
_SKIP = re.compile(r"(?:\s+|#[^\n]*)*")
_PROLOGUE_ITEM = re.compile(r"(?:PREFIX\s*[A-Za-z_0-9.\-]*:\s*<[^>]*>|BASE\s*<[^>]*>)", re.I)


def first_keyword(text: str) -> str:
    """The first keyword after comments and the PREFIX/BASE prologue, upper-cased."""
    pos = _SKIP.match(text).end()
    while True:
        m = _PROLOGUE_ITEM.match(text, pos)
        if not m:
            break
        pos = _SKIP.match(text, m.end()).end()
    m = re.compile(r"[A-Za-z]+").match(text, pos)
    return m.group(0).upper() if m else ""


def check_read_only(text: str) -> None:
    word = first_keyword(text)
    if word in _UPDATE_WORDS:
        raise ReadOnlyError(f"refused: this is a SPARQL update ({word}); `kg query` only reads the graph "
                            "(SELECT, ASK, CONSTRUCT, DESCRIBE). Change the curated YAML and rebuild instead.")


_SYNTAX = re.compile(r"error at (\d+):(\d+):\s*(.*)", re.S)


def _clamp(text: str, line: int, column: int) -> tuple[int, int]:
    """The engine reports where it stopped reading; past the last token (trailing
    newlines), point just after that token instead."""
    lines = text.split("\n")
    if line - 1 < len(lines):
        offset = sum(len(ln) + 1 for ln in lines[:line - 1]) + column - 1
        if text[offset:].strip() or not text.strip():
            return line, column
    end = len(text.rstrip())
    before = text[:end]
    return before.count("\n") + 1, end - (before.rfind("\n") + 1) + 1


def _consume(results, emit=None, batch: int = 512):
    """(columns, rows, form, boolean) of the engine's results; with `emit`, rows go
    out in batches as they come (from a child process) instead of into the list."""
    if isinstance(results, QueryBoolean):
        return ["boolean"], [], "ask", bool(results)
    rows: list = []

    def take(row):
        rows.append(row)
        if emit is not None and len(rows) >= batch:
            emit(list(rows))
            rows.clear()

    if isinstance(results, QuerySolutions):
        columns = [v.value for v in results.variables]
        width = len(columns)
        for solution in results:
            take(tuple(solution[i] for i in range(width)))
        form = "select"
    else:
        columns = ["subject", "predicate", "object"]
        for triple in results:   # CONSTRUCT / DESCRIBE
            take((triple.subject, triple.predicate, triple.object))
        form = "graph"
    if emit is not None and rows:
        emit(list(rows))
        rows.clear()
    return columns, rows, form, None


def _lazy(results, where: str):
    """The solutions one by one as the engine yields them, for output that streams
    (`kg query --format csv|tsv|json`): nothing is collected."""
    if isinstance(results, QueryBoolean):
        return ["boolean"], [], "ask", bool(results)
    if isinstance(results, QuerySolutions):
        columns = [v.value for v in results.variables]
        width = len(columns)
        shape = lambda solution: tuple(solution[i] for i in range(width))  # noqa: E731
        form = "select"
    else:
        columns = ["subject", "predicate", "object"]
        shape = lambda t: (t.subject, t.predicate, t.object)  # noqa: E731
        form = "graph"

    def rows():
        try:
            for item in results:
                yield shape(item)
        except (OSError, RuntimeError, ValueError) as exc:
            raise QueryFailed(f"{where}: {exc}") from None

    return columns, rows(), form, None


def evaluate(text: str, store: Store, substitutions: dict | None = None, where: str = "query"):
    """The engine's results for a checked query over the store's default graph.

    A parameter goes to the engine as a substitution where it is one of the
    query's projected variables; pyoxigraph refuses others, so those are bound
    by a VALUES block at the head of the WHERE group instead, built from the
    term's own serialisation (an engine-made term, never the user's text).
    """
    subs = dict(substitutions or {})
    values: dict = {}
    options = {} if has_default_graph(store) else {"use_default_graph_as_union": True}
    while True:
        query_text = with_values(text, values, where) if values else text
        try:
            return store.query(query_text, prefixes=PREFIXES, substitutions=subs or None, **options)
        except SyntaxError as exc:
            msg = str(exc)
            m = _SYNTAX.match(msg)
            if m and not values:
                line, column = _clamp(text, int(m.group(1)), int(m.group(2)))
                raise QuerySyntaxError(where, line, column, m.group(3).strip(), text) from None
            raise QueryError(f"{where}: SPARQL syntax error: {msg}") from None
        except RuntimeError as exc:
            msg = str(exc)
            var = re.search(r"\?(\w+)", msg)
            if "projection" in msg and var and Variable(var.group(1)) in subs:
                key = Variable(var.group(1))
                values[key] = subs.pop(key)
                continue
            raise QueryFailed(f"{where}: {msg}") from None
        except OSError as exc:
            raise QueryFailed(f"{where}: {exc}") from None


_VIEWS: dict[int, tuple[Store, Store]] = {}


def _queryable(store: Store) -> Store:
    """A store whose default graph is the distinct union: the store itself when it
    holds one, else a copy (the caller's store is left as it was)."""
    if has_default_graph(store):
        return store
    cached = _VIEWS.get(id(store))
    if cached is not None and cached[0] is store:
        return cached[1]
    copy = Store()
    copy.extend(list(store))
    add_default_union(copy)
    _VIEWS.clear()
    _VIEWS[id(store)] = (store, copy)
    return copy


def select(store: Store, sparql: str, **options):
    """`kg.select`: the engine's own results for a query, over a default graph that
    is the distinct union of the store's named graphs (the store is left as it was)."""
    check_read_only(sparql)
    check_services(sparql, options.pop("allow_service", ()), "query")
    return _queryable(store).query(sparql, prefixes=PREFIXES, **options)


def execute(text: str, store: Store, substitutions: dict | None = None, timeout: float | None = None,
            where: str = "query", *, isolate: bool | None = None, allow_service=(),
            memory_mb: float | None = None, lazy: bool = False) -> Result:
    """Run one read-only query over the distinct union of the named graphs (the
    default graph); `GRAPH ?g` reaches each named graph.

    With a timeout (or `isolate=True`, as `kg query` asks so that Ctrl-C works)
    the query runs in a child process that is killed when it is stopped: the
    work ends, not only the wait.
    """
    check_read_only(text)
    check_services(text, allow_service, where)
    store = _queryable(store)
    start = time.monotonic()
    isolate = bool(timeout or memory_mb) if isolate is None else isolate
    if lazy and not (timeout or memory_mb):
        # Streamed output (`Result.write`): rows are pulled from the engine as they are
        # written, in this process, and never collected; Ctrl-C stops it between rows.
        columns, rows, form, boolean = _lazy(evaluate(text, store, substitutions, where), where)
    elif not isolate or not worker.can_fork():
        # In this process (no fork on this platform, or not asked): nothing stops it but its end.
        columns, rows, form, boolean = _consume(evaluate(text, store, substitutions, where))
    else:
        def work(emit):
            return _consume(evaluate(text, store, substitutions, where), emit)

        batches, value = worker.run(work, timeout=timeout, memory_mb=memory_mb, where=where)
        columns, _, form, boolean = value
        rows = [row for batch in batches for row in batch]
    return Result(columns, rows, form, boolean, time.monotonic() - start, where)


def resolve(text_or_name: str, folder: str | Path | None = None) -> tuple[str, str, LibraryQuery | None]:
    """(query text, where it came from, the library entry if any) for a name, a `.rq` path or SPARQL text."""
    candidate = text_or_name.strip()
    if SLUG.match(candidate):
        lib = get_query(candidate, folder)
        return lib.text, f"{lib.name}.rq", lib
    if candidate.endswith(".rq") and "\n" not in candidate and "{" not in candidate:
        path = Path(candidate)
        if not path.is_file():
            raise QueryError(f"{candidate}: no such query file")
        text = path.read_text(encoding="utf-8")
        return text, str(path), parse_header(text, path.stem, path)
    return text_or_name, "query", None


def query(text_or_name: str, *, store: Store | str | Path | None = None, build: str | Path | None = None,
          timeout: float | None = None, params: Mapping[str, Any] | None = None, allow_service=(),
          isolate: bool | None = None, memory_mb: float | None = None, lazy: bool = False, **kwargs) -> Result:
    """Run a query of the library (by name), a `.rq` file, or inline SPARQL over the built graph.

    Parameters go as keywords (`query("sessions-of-body", body="wg-mc")`) or, for a
    name that clashes with these options, in `params=`. `store` is a pyoxigraph
    Store or a build folder; by default the project's `build/kg.nq` is loaded
    (once, then cached while the file is unchanged), with the distinct union of
    the named graphs as its default graph. `timeout` (seconds) stops the work in a
    child process; `allow_service` lists the SERVICE endpoints a query may call
    (none by default). An empty result bound by a parameter says why it may be
    empty in `result.notes`.
    """
    text, where, lib = resolve(text_or_name)
    if isinstance(store, (str, Path)):
        build, store = store, None
    if store is None:
        store = load_store(build)
    values = {**(params or {}), **kwargs}
    subs = bind_params(text, values, lib.params if lib else (), store, where)
    result = execute(text, store, subs, timeout, where, isolate=isolate, allow_service=allow_service,
                     memory_mb=memory_mb, lazy=lazy)
    result.notes = explain_empty(result, subs, _queryable(store)) if subs and not lazy else []
    return result
