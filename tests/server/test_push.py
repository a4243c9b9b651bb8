"""`kg push`: the dataset into a SPARQL 1.1 Graph Store Protocol server: a writable Oxigraph and a
Virtuoso, each on 127.0.0.1. All or nothing where the server allows; else it says what it replaced."""
from __future__ import annotations

import json
import urllib.parse
import urllib.request

import pytest
from pyoxigraph import RdfFormat, parse

from kg.server import push as push_mod
from kg.server import serve as srv
from kg.server.push import PushError, push
from kg.cli import main

from . import virtuoso as virt

PRIOR = "https://w3id.org/irdc/graph/test/prior"     # a graph the dataset does not hold: left alone


def count(server) -> tuple[int, int]:
    query = ("SELECT (COUNT(*) AS ?quads) (COUNT(DISTINCT ?g) AS ?graphs) WHERE { GRAPH ?g { ?s ?p ?o } "
             f"FILTER(STRSTARTS(STR(?g), 'https://w3id.org/irdc/graph/')) }}")
    request = urllib.request.Request(server.query_url, data=urllib.parse.urlencode({"query": query}).encode(),
                                     headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        row = json.loads(response.read())["results"]["bindings"][0]
    return int(row["quads"]["value"]), int(row["graphs"]["value"])


def graph_of(server, graph: str) -> set[tuple[str, str, str]]:
    query = f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    request = urllib.request.Request(server.query_url, data=urllib.parse.urlencode({"query": query}).encode(),
                                     headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        rows = json.loads(response.read())["results"]["bindings"]
    return {(r["s"]["value"], r["p"]["value"], r["o"]["value"]) for r in rows}


def dataset(path) -> tuple[int, list[str]]:
    quads = list(parse(path=str(path / "kg.nq"), format=RdfFormat.N_QUADS))
    return len(quads), sorted({q.graph_name.value for q in quads})


def seed(server, graphs: list[str]) -> None:
    """Old content in the dataset's graphs (and one other graph), as a previous push would leave."""
    for g in graphs + [PRIOR]:
        body = f"<{g}> <https://example.org/old> \"old\" .\n".encode()
        request = urllib.request.Request(push_mod._graph_url(server.store_url, g), data=body, method="PUT",
                                         headers={"Content-Type": "application/n-triples"})
        with urllib.request.urlopen(request, timeout=30) as response:
            response.read()


@pytest.fixture
def writable():
    server = srv.start(read_only=False, load=False, port=0)
    try:
        yield server
    finally:
        server.stop()
    assert not server.alive()


@pytest.fixture(scope="module")
def small(built, tmp_path_factory):
    """The first graphs of the real build (enough for a push to fail midway, few enough to check one by one)."""
    from pyoxigraph import serialize

    quads = list(parse(path=str(built / "kg.nq"), format=RdfFormat.N_QUADS))
    keep = sorted({q.graph_name.value for q in quads})[:7]
    out = tmp_path_factory.mktemp("small")
    serialize([q for q in quads if q.graph_name.value in keep], out / "kg.nq", format=RdfFormat.N_QUADS)
    return out


@pytest.fixture(scope="module")
def virtuoso():
    if not virt.available():
        if virt.required():
            pytest.fail("virtuoso-opensource is not installed (.ci/run installs it)")
        pytest.skip("virtuoso-opensource is not installed (apt-get install virtuoso-opensource)")
    server = virt.Virtuoso()
    try:
        yield server
    finally:
        server.stop()


def test_push_twice_keeps_graphs_and_leaves_no_duplicates(capsys, built, writable):
    quads, graphs = dataset(built)
    assert count(writable) == (0, 0)
    assert main(["push", "--endpoint", writable.store_url, "--build", str(built)]) == 0
    out = capsys.readouterr().out
    assert f"Pushed {len(graphs)} named graphs ({quads} quads)" in out
    assert all(g in out for g in graphs)
    first = count(writable)
    assert first == (quads, len(graphs))
    assert main(["push", "--endpoint", writable.store_url, "--build", str(built)]) == 0
    assert count(writable) == first
    result = push(writable.store_url, build=built)
    assert result.quads == quads and len(result.graphs) == len(graphs)
    assert count(writable) == first


def _fail_on(monkeypatch, what, nth: int):
    """The server refuses the nth request of kind `what` (a network or server fault midway)."""
    real = getattr(push_mod, what)
    calls = {"n": 0}

    def flaky(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == nth:
            error = PushError("http://test/: the server refused it: HTTP 500 Internal Server Error")
            error.answered = True
            raise error
        return real(*args, **kwargs)
    monkeypatch.setattr(push_mod, what, flaky)


def test_oxigraph_push_is_one_transaction(built, writable, monkeypatch):
    quads, graphs = dataset(built)
    seed(writable, graphs)
    before = {g: graph_of(writable, g) for g in graphs}
    # A request that fails at its end, on the server: nothing of it stays.
    real = push_mod.transaction_text
    monkeypatch.setattr(push_mod, "transaction_text", lambda by: real(by) + f" ;\nCREATE GRAPH <{PRIOR}>")
    with pytest.raises(PushError, match="nothing was replaced") as failed:
        push(writable.store_url, build=built, update=writable.update_url, transactional=True)
    assert failed.value.replaced == [] and failed.value.pending == graphs
    assert {g: graph_of(writable, g) for g in graphs} == before
    monkeypatch.undo()
    result = push(writable.store_url, build=built, update=writable.update_url, transactional=True)
    assert result.quads == quads and count(writable) == (quads + 1, len(graphs) + 1)   # + the other graph
    assert graph_of(writable, PRIOR)


@pytest.mark.parametrize("mode", ["put", "staged"])
def test_a_push_failing_midway_names_the_graphs_it_replaced(small, virtuoso, monkeypatch, mode, capsys):
    quads, graphs = dataset(small)
    assert len(graphs) >= 3
    seed(virtuoso, graphs)
    before = {g: graph_of(virtuoso, g) for g in graphs}
    k = len(graphs) // 2
    if mode == "put":
        _fail_on(monkeypatch, "_put", k + 1)
        options = {}
    else:
        _fail_on(monkeypatch, "_update", k + 1)   # the (k+1)th MOVE fails
        options = {"update": virtuoso.update_url}
    with pytest.raises(PushError) as failed:
        push(virtuoso.store_url, build=small, **options)
    replaced, pending = failed.value.replaced, failed.value.pending
    assert replaced == graphs[:k] and pending == graphs[k:]
    assert f"replaced {k} of {len(graphs)} graphs" in str(failed.value)
    # What it says is what the server holds: replaced graphs new, the others old.
    for g in graphs:
        assert (graph_of(virtuoso, g) == before[g]) == (g in pending), g
    assert not [g for g in _all_graphs(virtuoso) if g.startswith("urn:kg-push:")]   # staging dropped
    monkeypatch.undo()
    assert main(["push", "--endpoint", virtuoso.store_url, "--build", str(small)]
                + (["--update", virtuoso.update_url] if options else [])) == 0
    assert count(virtuoso) == (quads + 1, len(graphs) + 1)
    assert f"Pushed {len(graphs)} named graphs ({quads} quads)" in capsys.readouterr().out


def test_staged_push_failing_before_the_swap_replaces_nothing(small, virtuoso, monkeypatch):
    _, graphs = dataset(small)
    seed(virtuoso, graphs)
    before = {g: graph_of(virtuoso, g) for g in graphs}
    _fail_on(monkeypatch, "_put", len(graphs))     # the last staging PUT
    with pytest.raises(PushError, match=f"replaced 0 of {len(graphs)}"):
        push(virtuoso.store_url, build=small, update=virtuoso.update_url)
    assert {g: graph_of(virtuoso, g) for g in graphs} == before
    assert not [g for g in _all_graphs(virtuoso) if g.startswith("urn:kg-push:")]


def _all_graphs(server) -> list[str]:
    request = urllib.request.Request(server.query_url, data=urllib.parse.urlencode(
        {"query": 'SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), "urn:kg-push:")) }'}).encode(),
        headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return [r["g"]["value"] for r in json.loads(response.read())["results"]["bindings"]]


def test_push_to_an_unreachable_server(capsys, built):
    port = srv.free_port()
    code = main(["push", "--endpoint", f"http://127.0.0.1:{port}/store", "--build", str(built)])
    err = capsys.readouterr().err
    assert code == 1
    assert "cannot reach the server" in err and "replaced 0 of" in err and "Traceback" not in err


def test_push_refused_by_a_read_only_server(capsys, built):
    with srv.start(build=built, read_only=True, port=0) as server:
        code = main(["push", "--endpoint", server.store_url, "--build", str(built)])
        err = capsys.readouterr().err
    assert code == 1
    assert "refused" in err and "HTTP 403" in err and "replaced 0 of" in err


def test_push_to_a_wrong_path(capsys, built, writable):
    code = main(["push", "--endpoint", writable.url + "nothing", "--build", str(built)])
    err = capsys.readouterr().err
    assert code == 1 and "Graph Store Protocol endpoint" in err


@pytest.mark.parametrize("url", ["ftp://example.org/", "http://[::1", "http://127.0.0.1:99999/store"])
def test_push_needs_a_valid_http_url(capsys, built, url):
    assert main(["push", "--endpoint", url, "--build", str(built)]) == 1
    err = capsys.readouterr().err
    assert url in err and ("not an http(s) URL" in err or "not a valid URL" in err) and "Traceback" not in err
