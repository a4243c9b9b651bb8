"""Pushing the built graph to any SPARQL 1.1 Graph Store Protocol server.

Each named graph replaces the server's graph of that name: the named graphs
are kept, pushing twice leaves no duplicates, and graphs the dataset does not
hold are left alone. Three ways, by what the server offers:

    transaction   one SPARQL Update request (DROP + INSERT DATA per graph) to a
                  server that runs a request as one transaction (Oxigraph does):
                  all or nothing
    staged        every graph PUT into a staging graph first (nothing replaced
                  if that fails), then one MOVE per graph into place (Virtuoso:
                  its update requests are not atomic, so each MOVE is its own)
    put           one PUT per graph (the Graph Store Protocol alone)

When a staged or put push fails midway, the error names exactly which graphs
were replaced and which were not.
"""
from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..core.config import dataset_path
from ..core.errors import KgError, NotBuiltError
from ..dataset.store import read_quads


class PushError(KgError):
    exit_code = 1
    answered = False      # the server answered (refused) rather than the connection failing

    def __init__(self, message: str, replaced: list[str] | None = None, pending: list[str] | None = None):
        self.replaced = list(replaced or [])
        self.pending = list(pending or [])
        super().__init__(message)


@dataclass
class PushResult:
    endpoint: str
    graphs: list[tuple[str, int]]      # (graph IRI, or "" for the default graph; triples sent)

    @property
    def quads(self) -> int:
        return sum(n for _, n in self.graphs)


def _graph_url(endpoint: str, graph: str) -> str:
    query = "default" if not graph else urllib.parse.urlencode({"graph": graph})
    return endpoint + ("&" if "?" in endpoint else "?") + query


def _one_line(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _name(graph: str) -> str:
    return f"graph <{graph}>" if graph else "the default graph"


def _send(request: urllib.request.Request, endpoint: str, what: str, timeout: float) -> None:
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
    except urllib.error.HTTPError as exc:
        detail = _one_line(exc.read().decode("utf-8", "replace")) if exc.fp else ""
        hint = (" (is this the server's Graph Store Protocol endpoint? Oxigraph: /store, Fuseki: /DATASET/data,"
                " Virtuoso: /sparql-graph-crud)" if exc.code in (404, 405) else "")
        refused = PushError(f"{endpoint}: the server refused {what}: HTTP {exc.code} {exc.reason}"
                            + (f": {detail}" if detail else "") + hint)
        refused.answered = True
        raise refused from None
    except urllib.error.URLError as exc:
        raise PushError(f"{endpoint}: cannot reach the server ({_one_line(str(exc.reason))})") from None
    except (ConnectionError, TimeoutError, OSError, ValueError) as exc:
        raise PushError(f"{endpoint}: cannot reach the server ({_one_line(str(exc))})") from None


def _put(endpoint: str, graph: str, triples: list, timeout: float) -> None:
    from pyoxigraph import RdfFormat, serialize

    body = serialize(triples, format=RdfFormat.N_TRIPLES)
    request = urllib.request.Request(_graph_url(endpoint, graph), data=body, method="PUT",
                                     headers={"Content-Type": "application/n-triples"})
    _send(request, endpoint, _name(graph), timeout)


def _update(update_url: str, text: str, what: str, timeout: float) -> None:
    request = urllib.request.Request(update_url, data=text.encode("utf-8"), method="POST",
                                     headers={"Content-Type": "application/sparql-update"})
    _send(request, update_url, what, timeout)


def _graph_ref(graph: str) -> str:
    return f"GRAPH <{graph}>" if graph else "DEFAULT"


def transaction_text(by_graph: dict[str, list]) -> str:
    """One SPARQL Update request replacing every graph of `by_graph`."""
    from pyoxigraph import RdfFormat, serialize

    ops = []
    for graph in sorted(by_graph):
        data = serialize(by_graph[graph], format=RdfFormat.N_TRIPLES).decode("utf-8")
        ops.append(f"DROP SILENT {_graph_ref(graph)}")
        ops.append(f"INSERT DATA {{ GRAPH <{graph}> {{\n{data}}} }}" if graph else f"INSERT DATA {{\n{data}}}")
    return " ;\n".join(ops)


def _failed(exc: PushError, replaced: list[str], graphs: list[str]) -> PushError:
    pending = [g for g in graphs if g not in replaced]
    shown = lambda gs: ", ".join(f"<{g}>" if g else "(default graph)" for g in gs) or "none"  # noqa: E731
    return PushError(f"{exc}\nreplaced {len(replaced)} of {len(graphs)} graphs: {shown(replaced)}"
                     f"\nnot replaced: {shown(pending)}", replaced, pending)


def push(endpoint: str, build: str | Path | None = None, dataset: str | Path | None = None,
         timeout: float = 60.0, progress: Callable[[str, int], None] | None = None,
         update: str | None = None, transactional: bool = False) -> PushResult:
    """Replace every named graph of the dataset on the server at `endpoint` (Graph Store Protocol).

    With `update` (the server's SPARQL Update URL) and `transactional` (the server runs one
    request as one transaction), one request replaces them all or none; with `update` alone,
    graphs are staged, then moved in one by one; without, each is PUT. A failure midway
    raises a PushError naming the graphs replaced (`.replaced`) and not (`.pending`).
    """
    from pyoxigraph import DefaultGraph

    for url in (endpoint, update) if update else (endpoint,):
        try:
            parsed = urllib.parse.urlparse(url)
            parsed.port
        except ValueError as exc:
            raise PushError(f"{url}: not a valid URL ({exc})") from None
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            raise PushError(f"{url}: not an http(s) URL of a Graph Store Protocol endpoint")
    path = Path(dataset) if dataset else dataset_path(build)
    if not path.exists():
        raise NotBuiltError(f"{path}: no built graph here; run `kg build` first")
    by_graph: dict[str, list] = {}
    try:
        for quad in read_quads(path):
            g = quad.graph_name
            key = "" if isinstance(g, DefaultGraph) else g.value
            by_graph.setdefault(key, []).append(quad.triple)
    except (SyntaxError, ValueError, OSError) as exc:
        # Nothing is sent from a dataset that does not read whole.
        raise PushError(f"{path}: cannot read the built dataset ({_one_line(str(exc))}); "
                        "run `kg build` again; nothing was pushed") from None
    graphs = sorted(by_graph)
    sent: list[tuple[str, int]] = []

    def done(graph: str) -> None:
        sent.append((graph, len(by_graph[graph])))
        if progress is not None:
            progress(graph, len(by_graph[graph]))

    if update and transactional:
        try:
            _update(update, transaction_text(by_graph), f"the update replacing {len(graphs)} graphs", timeout)
        except PushError as exc:
            if exc.answered:
                raise PushError(f"{exc}\nnothing was replaced (one transaction)", [], graphs) from None
            raise PushError(f"{exc}\nthe transaction may or may not have been committed; push again to be sure",
                            [], graphs) from None
        for graph in graphs:
            done(graph)
    elif update:
        token = uuid.uuid4().hex
        staging = {g: f"urn:kg-push:{token}:{i}" for i, g in enumerate(graphs)}
        try:
            try:
                for graph in graphs:
                    _put(endpoint, staging[graph], by_graph[graph], timeout)
            except PushError as exc:
                raise _failed(exc, [], graphs) from None
            for graph in graphs:
                try:
                    _update(update, f"MOVE SILENT GRAPH <{staging[graph]}> TO {_graph_ref(graph)}", _name(graph), timeout)
                except PushError as exc:
                    raise _failed(exc, [g for g, _ in sent], graphs) from None
                done(graph)
        finally:
            left = [staging[g] for g in graphs if g not in {s for s, _ in sent}]
            if left:
                try:
                    _update(update, " ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in left), "the staging graphs", timeout)
                except PushError:
                    pass    # the server is gone; its staging graphs are named urn:kg-push:* for cleaning
    else:
        for graph in graphs:
            try:
                _put(endpoint, graph, by_graph[graph], timeout)
            except PushError as exc:
                raise _failed(exc, [g for g, _ in sent], graphs) from None
            done(graph)
    return PushResult(endpoint, sent)
