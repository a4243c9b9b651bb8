"""Pushing the built graph to any SPARQL 1.1 Graph Store Protocol server.

`push()` sends each named graph with an HTTP PUT, which replaces the graph on
the server: the named graphs are kept, and pushing twice leaves no duplicates.
"""
from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..core.config import dataset_path
from ..core.errors import KgError, NotBuiltError
from ..dataset.store import read_quads


class PushError(KgError):
    exit_code = 1


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


def push(endpoint: str, build: str | Path | None = None, dataset: str | Path | None = None,
         timeout: float = 60.0, progress: Callable[[str, int], None] | None = None) -> PushResult:
    """PUT every named graph of the dataset to a Graph Store Protocol endpoint.

    Each PUT replaces that graph on the server, so pushing again leaves the
    same triples, not duplicates. Graphs the server holds that the dataset does
    not are left alone.
    """
    from pyoxigraph import DefaultGraph, RdfFormat, serialize

    parsed = urllib.parse.urlparse(endpoint)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise PushError(f"{endpoint}: not an http(s) URL of a Graph Store Protocol endpoint")
    path = Path(dataset) if dataset else dataset_path(build)
    if not path.exists():
        raise NotBuiltError(f"{path}: no built graph here; run `kg build` first")
    by_graph: dict[str, list] = {}
    for quad in read_quads(path):
        g = quad.graph_name
        key = "" if isinstance(g, DefaultGraph) else g.value
        by_graph.setdefault(key, []).append(quad.triple)
    sent = []
    for graph in sorted(by_graph):
        body = serialize(by_graph[graph], format=RdfFormat.N_TRIPLES)
        request = urllib.request.Request(_graph_url(endpoint, graph), data=body, method="PUT",
                                         headers={"Content-Type": "application/n-triples"})
        what = f"graph <{graph}>" if graph else "the default graph"
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                response.read()
        except urllib.error.HTTPError as exc:
            detail = _one_line(exc.read().decode("utf-8", "replace")) if exc.fp else ""
            hint = (" (is this the server's Graph Store Protocol endpoint? Oxigraph: /store, Fuseki: /DATASET/data)"
                    if exc.code in (404, 405) else "")
            raise PushError(f"{endpoint}: the server refused {what}: HTTP {exc.code} {exc.reason}"
                            + (f": {detail}" if detail else "") + hint) from None
        except urllib.error.URLError as exc:
            raise PushError(f"{endpoint}: cannot reach the server ({_one_line(str(exc.reason))})") from None
        except (ConnectionError, TimeoutError, OSError) as exc:
            raise PushError(f"{endpoint}: cannot reach the server ({_one_line(str(exc))})") from None
        sent.append((graph, len(by_graph[graph])))
        if progress is not None:
            progress(graph, len(by_graph[graph]))
    return PushResult(endpoint, sent)
