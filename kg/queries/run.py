"""Running a query: resolve the name, a file or inline text, bind parameters, evaluate, collect rows.

Read-only: an update is refused before the engine sees it.
"""
from __future__ import annotations

import re
import threading
import time
from pathlib import Path
from typing import Any, Mapping

from pyoxigraph import QueryBoolean, QuerySolutions, Store

from ..core.vocab import PREFIXES
from ..dataset.store import load_store
from .errors import ParamError, QueryError, QueryFailed, QuerySyntaxError, QueryTimeout, ReadOnlyError
from .library import SLUG, LibraryQuery, get_query, parse_header
from .params import bind_params
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


def _lazy(results, deadline: float | None, where: str, timeout: float | None = None):
    """The solutions one by one as the engine yields them, for output that streams
    (`kg query --format csv|tsv|json`): nothing is collected, and the deadline is
    checked as rows are pulled."""
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
            for n, item in enumerate(results, 1):
                yield shape(item)
                if deadline is not None and n % 256 == 0 and time.monotonic() > deadline:
                    raise QueryTimeout(f"{where}: the query ran longer than {timeout:g} s and was stopped")
        except (OSError, RuntimeError, ValueError) as exc:
            raise QueryFailed(f"{where}: {exc}") from None

    return columns, rows(), form, None


def _consume(results, deadline: float | None, cancelled: threading.Event | None = None):
    if isinstance(results, QueryBoolean):
        return ["boolean"], [], "ask", bool(results)
    if isinstance(results, QuerySolutions):
        columns = [v.value for v in results.variables]
        width = len(columns)
        rows = []
        for solution in results:
            rows.append(tuple(solution[i] for i in range(width)))
            if cancelled is not None and cancelled.is_set():
                break
            if deadline is not None and len(rows) % 256 == 0 and time.monotonic() > deadline:
                break
        return columns, rows, "select", None
    rows = []
    for triple in results:   # CONSTRUCT / DESCRIBE
        rows.append((triple.subject, triple.predicate, triple.object))
        if cancelled is not None and cancelled.is_set():
            break
    return ["subject", "predicate", "object"], rows, "graph", None


def execute(text: str, store: Store, substitutions: dict | None = None, timeout: float | None = None,
            where: str = "query", lazy: bool = False) -> Result:
    """Run one read-only query over the union of the named graphs. `lazy=True` gives a
    Result whose rows are pulled from the engine as they are read (see `Result.write`)."""
    check_read_only(text)
    start = time.monotonic()

    def run():
        try:
            results = store.query(text, use_default_graph_as_union=True, prefixes=PREFIXES,
                                  substitutions=substitutions or None)
        except SyntaxError as exc:
            msg = str(exc)
            m = _SYNTAX.match(msg)
            if m:
                line, column = _clamp(text, int(m.group(1)), int(m.group(2)))
                raise QuerySyntaxError(where, line, column, m.group(3).strip(), text) from None
            raise QueryError(f"{where}: SPARQL syntax error: {msg}") from None
        except RuntimeError as exc:
            msg = str(exc)
            if "SELECT projection" in msg:
                var = re.search(r"\?\w+", msg)
                raise ParamError(f"{where}: cannot bind {var.group(0) if var else 'that variable'}: "
                                 "a parameter must appear in the query's SELECT clause") from None
            raise QueryFailed(f"{where}: {msg}") from None
        except OSError as exc:
            raise QueryFailed(f"{where}: {exc}") from None
        deadline = start + timeout if timeout else None
        if lazy:
            return _lazy(results, deadline, where, timeout)
        try:
            return _consume(results, deadline, cancelled)
        except (OSError, RuntimeError, ValueError) as exc:
            raise QueryFailed(f"{where}: {exc}") from None

    cancelled = threading.Event()
    if not timeout or lazy:
        columns, rows, form, boolean = run()
    else:
        # pyoxigraph cannot cancel a query, but it releases the GIL while it
        # works: evaluate in a daemon thread and stop waiting at the deadline.
        box: dict[str, Any] = {}

        def worker():
            try:
                box["value"] = run()
            except BaseException as exc:  # handed to the caller below
                box["error"] = exc

        thread = threading.Thread(target=worker, name="kg-query", daemon=True)
        thread.start()
        thread.join(timeout)
        if thread.is_alive() or time.monotonic() - start > timeout:
            cancelled.set()
            raise QueryTimeout(f"{where}: the query ran longer than {timeout:g} s and was stopped")
        if "error" in box:
            raise box["error"]
        columns, rows, form, boolean = box["value"]
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
          timeout: float | None = None, params: Mapping[str, Any] | None = None, lazy: bool = False,
          **kwargs) -> Result:
    """Run a query of the library (by name), a `.rq` file, or inline SPARQL over the built graph.

    Parameters go as keywords (`query("sessions-of-body", body="wg-mc")`) or, for a
    name that clashes with these options, in `params=`. `store` is a pyoxigraph
    Store or a build folder; by default the project's `build/kg.nq` is loaded
    (once, then cached while the file is unchanged).
    """
    text, where, lib = resolve(text_or_name)
    if isinstance(store, (str, Path)):
        build, store = store, None
    if store is None:
        store = load_store(build)
    values = {**(params or {}), **kwargs}
    subs = bind_params(text, values, lib.params if lib else (), store, where)
    return execute(text, store, subs, timeout, where, lazy=lazy)
