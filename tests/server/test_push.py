"""`kg push`: the dataset into a SPARQL 1.1 Graph Store Protocol server (a writable Oxigraph on 127.0.0.1)."""
from __future__ import annotations

import json
import urllib.parse
import urllib.request

import pytest

from kg.server import serve as srv
from kg.server.push import push
from kg.cli import main


def count(server: srv.Server) -> tuple[int, int]:
    query = "SELECT (COUNT(*) AS ?quads) (COUNT(DISTINCT ?g) AS ?graphs) WHERE { GRAPH ?g { ?s ?p ?o } }"
    request = urllib.request.Request(server.query_url, data=urllib.parse.urlencode({"query": query}).encode(),
                                     headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        row = json.loads(response.read())["results"]["bindings"][0]
    return int(row["quads"]["value"]), int(row["graphs"]["value"])


def lines_of(path) -> int:
    return sum(1 for line in open(path, encoding="utf-8") if line.strip())


@pytest.fixture
def writable():
    server = srv.start(read_only=False, load=False, port=0)
    try:
        yield server
    finally:
        server.stop()
    assert not server.alive()


def test_push_twice_keeps_graphs_and_leaves_no_duplicates(capsys, built, writable):
    quads = lines_of(built / "kg.nq")
    assert count(writable) == (0, 0)
    assert main(["push", "--endpoint", writable.store_url, "--build", str(built)]) == 0
    out = capsys.readouterr().out
    assert f"Pushed 6 named graphs ({quads} quads)" in out
    assert "https://w3id.org/irdc/graph/curated/newsx-2025-10-31" in out
    first = count(writable)
    assert first == (quads, 6)
    assert main(["push", "--endpoint", writable.store_url, "--build", str(built)]) == 0
    assert count(writable) == first
    # The library call says the same.
    result = push(writable.store_url, build=built)
    assert result.quads == quads and len(result.graphs) == 6
    assert count(writable) == first


def test_push_to_an_unreachable_server(capsys, built):
    port = srv.free_port()
    code = main(["push", "--endpoint", f"http://127.0.0.1:{port}/store", "--build", str(built)])
    err = capsys.readouterr().err
    assert code == 1
    assert "cannot reach the server" in err and len(err.strip().splitlines()) == 1


def test_push_refused_by_a_read_only_server(capsys, built):
    with srv.start(build=built, read_only=True, port=0) as server:
        code = main(["push", "--endpoint", server.store_url, "--build", str(built)])
        err = capsys.readouterr().err
    assert code == 1
    assert "refused" in err and "HTTP 403" in err and len(err.strip().splitlines()) == 1


def test_push_to_a_wrong_path(capsys, built, writable):
    code = main(["push", "--endpoint", writable.url + "nothing", "--build", str(built)])
    err = capsys.readouterr().err
    assert code == 1 and "Graph Store Protocol endpoint" in err


def test_push_needs_an_http_url(capsys, built):
    assert main(["push", "--endpoint", "ftp://example.org/", "--build", str(built)]) == 1
    assert "not an http(s) URL" in capsys.readouterr().err
