"""`kg serve`: the query page, entity pages, charts and the read-only SPARQL 1.1
Protocol endpoint, with its limits (time, memory, result size, a client gone) and
its refusals (updates, SERVICE, cross-origin requests, a foreign Host). Counts
come from the data."""
from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from pathlib import Path

import psutil
import pytest
from pyoxigraph import NamedNode

from kg.dataset.store import open_store
from kg.server.serve import free_port

ROOT = Path(__file__).resolve().parents[2]
IRDC = "https://w3id.org/irdc/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
PROV = "http://www.w3.org/ns/prov#"
HEAVY = "SELECT ?a WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i"


def post(url: str, query: str, headers: dict | None = None, timeout: float = 30):
    request = urllib.request.Request(url, data=urllib.parse.urlencode({"query": query}).encode(),
                                     headers={"Accept": "application/sparql-results+json",
                                              "Content-Type": "application/x-www-form-urlencoded",
                                              **(headers or {})})
    return urllib.request.urlopen(request, timeout=timeout)


def sparql(url: str, query: str) -> dict:
    with post(url, query) as response:
        assert response.headers["Content-Type"].startswith("application/sparql-results+json")
        return json.loads(response.read())


def refused(url: str, query: str, headers: dict | None = None, timeout: float = 60) -> tuple[int, str, float]:
    start = time.monotonic()
    with pytest.raises(urllib.error.HTTPError) as error:
        post(url, query, headers, timeout).read()
    return error.value.code, error.value.read().decode(), time.monotonic() - start


def listening(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def workers_of(process) -> list:
    return [c for c in psutil.Process(process.pid).children(recursive=True)
            if c.is_running() and c.status() != psutil.STATUS_ZOMBIE]


class Served:
    def __init__(self, process, port, lines):
        self.process, self.port, self.lines = process, port, lines
        self.url = f"http://127.0.0.1:{port}/"
        self.endpoint = self.url + "query"


@pytest.fixture
def serve(built):
    started = []

    def start(*options) -> Served:
        port = free_port()
        process = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--build", str(built),
                                    "--port", str(port), *options],
                                   cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        started.append((process, port))
        lines = []
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                break
            lines.append(line)
            if "SPARQL endpoint:" in line:
                break
        assert any("SPARQL endpoint:" in ln for ln in lines), "".join(lines) + process.stderr.read()
        return Served(process, port, lines)

    yield start
    for process, port in started:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        assert not listening(port), "the server outlived `kg serve`"


def test_serve_answers_queries_and_refuses_updates(serve, built):
    served = serve()
    out = "".join(served.lines)
    assert served.url in out and served.endpoint in out
    named = open_store(built)
    sessions = {q.subject.value for q in named.quads_for_pattern(None, NamedNode(RDF_TYPE), NamedNode(IRDC + "Session"))}
    graphs = {q.graph_name.value for q in named}
    assert f"({len(graphs)} named graphs, {len(named)} quads)" in out

    # The default graph is the distinct union: COUNT(*) counts each session once ...
    doc = sparql(served.endpoint, "SELECT (COUNT(*) AS ?n) WHERE { ?s a irdc:Session }")
    assert doc["head"]["vars"] == ["n"] and int(doc["results"]["bindings"][0]["n"]["value"]) == len(sessions)
    # ... and GRAPH ?g reaches each source's graph.
    doc = sparql(served.endpoint, "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert int(doc["results"]["bindings"][0]["n"]["value"]) == len(graphs)
    # A library query runs unchanged, and the project's prefixes are predeclared.
    text = (ROOT / "ontology" / "queries" / "missing-ordinals.rq").read_text()
    assert {b["missing"]["value"] for b in sparql(served.endpoint, text)["results"]["bindings"]}
    # A library query's parameter, read by its declared kind.
    with urllib.request.urlopen(served.endpoint + "?" + urllib.parse.urlencode(
            {"query": (ROOT / "ontology" / "queries" / "sessions-of-body.rq").read_text(),
             "library": "sessions-of-body", "param.body": "wg-mc", "format": "csv"}), timeout=30) as response:
        assert response.headers["Content-Type"].startswith("text/csv")
        assert "attachment" in response.headers["Content-Disposition"]
        rows = response.read().decode().strip().splitlines()
    wg_mc = {q.subject.value for q in named.quads_for_pattern(None, NamedNode(IRDC + "sessionOf"),
                                                             NamedNode("https://w3id.org/irdc/id/body/wg-mc"))}
    assert len(rows) - 1 == len(wg_mc)

    # The project's query page, with its scripts, all from this server.
    with urllib.request.urlopen(served.url, timeout=10) as response:
        page = response.read().decode()
        assert response.status == 200 and "html" in response.headers["Content-Type"]
    assert "/static/query.js" in page and "http://" not in page.replace("http://www.w3.org", "")

    # Updates are refused, and change nothing.
    update = urllib.request.Request(
        served.url + "update", data=urllib.parse.urlencode({"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}).encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded"})
    with pytest.raises(urllib.error.HTTPError) as refusal:
        urllib.request.urlopen(update, timeout=10)
    assert refusal.value.code in (403, 405)
    assert sparql(served.endpoint, "ASK { <urn:a> <urn:b> <urn:c> }")["boolean"] is False


def test_entity_pages_list_statements_with_their_sources(serve, built):
    served = serve()
    named = open_store(built)
    source_of = {q.subject.value: q.object.value for q in named.quads_for_pattern(None, NamedNode(PROV + "wasDerivedFrom"), None)}
    # The session stated by the most sources, from the data.
    by_session = defaultdict(set)
    for q in named.quads_for_pattern(None, NamedNode(RDF_TYPE), NamedNode(IRDC + "Session")):
        by_session[q.subject.value].add(source_of.get(q.graph_name.value))
    session = max(sorted(by_session), key=lambda s: len(by_session[s]))
    with urllib.request.urlopen(served.url + "api/entity?" + urllib.parse.urlencode({"iri": session}), timeout=60) as r:
        data = json.loads(r.read())
    typed = next(p for p in data["statements"] if p["property"]["value"] == RDF_TYPE)
    value = next(v for v in typed["values"] if v["value"]["value"] == IRDC + "Session")
    assert {s["source"] for s in value["sources"]} == by_session[session]
    assert all(s["publisher"] or s["url"] for s in value["sources"])
    body = next(p for p in data["statements"] if p["property"]["value"] == IRDC + "sessionOf")["values"][0]["value"]
    assert body["page"].startswith("/id/body/")
    # The entity's page itself is the project's page.
    with urllib.request.urlopen(served.url + session.split("/irdc/", 1)[1], timeout=10) as r:
        assert "/static/entity.js" in r.read().decode()
    # A malformed IRI is a 400 with a message, and the server goes on.
    with pytest.raises(urllib.error.HTTPError) as bad:
        urllib.request.urlopen(served.url + "api/entity?" + urllib.parse.urlencode(
            {"iri": "https://w3id.org/irdc/id/a b"}), timeout=30)
    assert bad.value.code == 400 and "IRI" in bad.value.read().decode()
    # Disputed values: a property with two values, each stated by different sources.
    disputed = []
    for s in sorted(by_session):
        with urllib.request.urlopen(served.url + "api/entity?" + urllib.parse.urlencode({"iri": s}), timeout=60) as r:
            disputed += [p for p in json.loads(r.read())["statements"] if p["disputed"]]
        if disputed:
            break
    assert disputed and all(len(p["values"]) > 1 for p in disputed)
    for p in disputed:
        sources = [{x["source"] for x in v["sources"]} for v in p["values"]]
        assert not set.intersection(*sources)


def test_charts_are_drawn_by_the_server(serve):
    served = serve()
    with urllib.request.urlopen(served.url + "chart/org.svg?date=2025-11-01", timeout=120) as r:
        assert r.headers["Content-Type"] == "image/svg+xml" and b"<svg" in r.read(2000)
    with pytest.raises(urllib.error.HTTPError) as bad:
        urllib.request.urlopen(served.url + "chart/org.svg?date=tomorrow", timeout=10)
    assert bad.value.code == 400


def test_cross_origin_posts_are_refused_unless_cors_names_the_origin(serve):
    served = serve()
    code, text, _ = refused(served.endpoint, "ASK {}", {"Origin": "http://evil.example"})
    assert code == 403 and "--cors" in text
    code, _, _ = refused(served.endpoint, "ASK {}", {"Sec-Fetch-Site": "cross-site"})
    assert code == 403
    code, _, _ = refused(served.endpoint, "ASK {}", {"Host": "attacker.example:80"})    # DNS rebinding
    assert code == 403
    with post(served.endpoint, "ASK {}", {"Origin": served.url.rstrip("/")}) as response:   # the page itself
        assert response.status == 200 and "Access-Control-Allow-Origin" not in response.headers
    allowed = serve("--cors", "http://localhost:8888")
    with post(allowed.endpoint, "ASK {}", {"Origin": "http://localhost:8888"}) as response:
        assert response.headers["Access-Control-Allow-Origin"] == "http://localhost:8888"
    code, _, _ = refused(allowed.endpoint, "ASK {}", {"Origin": "http://evil.example"})
    assert code == 403


def test_service_is_refused_and_nothing_is_fetched(serve):
    served = serve()
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        listener.settimeout(0.5)
        url = f"http://127.0.0.1:{listener.getsockname()[1]}/sparql"
        code, text, _ = refused(served.endpoint, f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}")
        assert code == 403 and "SERVICE" in text
        with pytest.raises(socket.timeout):
            listener.accept()


def test_a_stopped_query_gets_an_error_status_and_its_work_ends(serve):
    served = serve("--timeout", "1")
    code, text, took = refused(served.endpoint, HEAVY)
    assert code == 503 and "longer than 1 s" in text and took < 30
    time.sleep(0.3)
    assert not workers_of(served.process), "the stopped query's worker is still running"
    assert sparql(served.endpoint, "ASK {}")["boolean"] is True       # and the server goes on


def test_memory_and_result_size_are_capped(serve):
    served = serve("--max-memory", "64", "--max-result", "0.01")
    code, text, _ = refused(served.endpoint, HEAVY)
    assert code == 507 and "memory" in text
    code, text, _ = refused(served.endpoint, "SELECT * WHERE { ?s ?p ?o }")
    assert code == 507 and "larger than" in text
    assert sparql(served.endpoint, "ASK {}")["boolean"] is True


def test_work_stops_when_the_client_goes_away(serve):
    served = serve("--timeout", "120", "--max-memory", "100000")
    with pytest.raises((TimeoutError, socket.timeout, urllib.error.URLError)):
        post(served.endpoint, HEAVY, timeout=1.5).read()
    deadline = time.monotonic() + 10
    while workers_of(served.process) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not workers_of(served.process), "the abandoned query is still computing"


def test_serve_reports_a_port_in_use(built):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(1)
        port = sock.getsockname()[1]
        done = subprocess.run([sys.executable, "-m", "kg.cli", "serve", "--build", str(built), "--port", str(port)],
                              cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert done.stderr.startswith("kg: ") and len(done.stderr.strip().splitlines()) == 1


def test_serve_needs_a_build(tmp_path):
    done = subprocess.run([sys.executable, "-m", "kg.cli", "serve", "--build", str(tmp_path), "--port", "0"],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "kg build" in done.stderr


def test_the_oxigraph_server_too_sees_the_default_graph_as_a_set(built):
    from kg.server.serve import start

    named = open_store(built)
    sessions = {q.subject.value for q in named.quads_for_pattern(None, NamedNode(RDF_TYPE), NamedNode(IRDC + "Session"))}
    with start(built, port=0) as server:
        doc = sparql(server.query_url, "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/irdc/ontology#Session> }")
        assert int(doc["results"]["bindings"][0]["n"]["value"]) == len(sessions)
        doc = sparql(server.query_url, "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        assert int(doc["results"]["bindings"][0]["n"]["value"]) == len({q.graph_name for q in named})
