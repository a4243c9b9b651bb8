"""The default graph is a set; SERVICE is refused unless allowed; a stopped query's
work ends (the child process is killed), on a timeout and on Ctrl-C."""
from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from pyoxigraph import NamedNode

import kg
from kg.cli import main
from kg.dataset.store import load_store, open_store
from kg.queries import QueryTimeout
from kg.queries.guard import ServiceRefused, check_services, services

ROOT = Path(__file__).resolve().parents[2]
IRDC = "https://w3id.org/irdc/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
HEAVY = "SELECT ?a WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i"


@pytest.fixture(scope="module")
def store(built):
    return load_store(built)


# ---------------------------------------------------------------- the default graph is a set

def test_count_sees_each_triple_once(store, built):
    sessions = {q.subject.value for q in open_store(built).quads_for_pattern(None, NamedNode(RDF_TYPE),
                                                                            NamedNode(IRDC + "Session"), None)}
    stating = sum(1 for _ in open_store(built).quads_for_pattern(None, NamedNode(RDF_TYPE),
                                                                 NamedNode(IRDC + "Session"), None))
    assert stating > len(sessions), "no session typed by two sources: the test would not see a multiset"
    for where in (store, open_store(built)):          # a query store, and one of named graphs only
        n = kg.query("SELECT (COUNT(*) AS ?n) WHERE { ?s a irdc:Session }", store=where).rows[0]["n"]
        assert n == len(sessions)
    graphs = {q.graph_name.value for q in open_store(built) if isinstance(q.graph_name, NamedNode)}
    n = kg.query("SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", store=store).rows[0]["n"]
    assert n == len(graphs)


def test_kg_select_counts_each_triple_once_too(built):
    named = open_store(built)
    sessions = {q.subject.value for q in named.quads_for_pattern(None, NamedNode(RDF_TYPE),
                                                                NamedNode(IRDC + "Session"), None)}
    rows = list(kg.select(named, "SELECT ?s WHERE { ?s a irdc:Session }"))
    assert len(rows) == len(sessions)
    with pytest.raises(ServiceRefused):
        kg.select(named, "SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")


def test_the_caller_s_store_is_left_as_it_was(built):
    named = open_store(built)
    before = len(named)
    kg.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", store=named)
    assert len(named) == before


def test_readme_inline_examples_have_no_repeated_rows(repo, store):
    text = (repo / "README.md").read_text(encoding="utf-8")
    examples = re.findall(r"^kg query '([^']+)'", text, re.M)
    assert any("schema:startDate" in e for e in examples)
    for example in examples:
        result = kg.query(example, store=store)
        assert len(result.terms) == len(set(result.terms)), example
    dated = {(q.subject.value, q.object.value) for q in store.quads_for_pattern(
        None, NamedNode("https://schema.org/startDate"), None, None) if isinstance(q.graph_name, NamedNode)}
    example = next(e for e in examples if "schema:startDate" in e)
    assert len(kg.query(example, store=store)) == len(dated)


# ---------------------------------------------------------------- SERVICE

def test_service_is_found_only_where_it_is_a_clause():
    assert services("SELECT * { SERVICE <http://a.example/sparql> { ?s ?p ?o } }") == ["http://a.example/sparql"]
    assert services("SELECT * { service silent ?x { ?s ?p ?o } }") == [None]
    assert services("PREFIX e: <http://e.example/> SELECT * { SERVICE e:q { ?s ?p ?o } }") == ["http://e.example/q"]
    assert services('SELECT * { ?s ?p "SERVICE <http://x/>" } # SERVICE <http://y/>') == []
    assert services("SELECT ?service WHERE { ?service <http://e/SERVICE> ?o }") == []


@pytest.fixture
def listener():
    """A loopback listener that records whether anything connected."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(5)
    sock.settimeout(0.5)
    yield sock, f"http://127.0.0.1:{sock.getsockname()[1]}/sparql"
    sock.close()


def _connected(sock) -> bool:
    try:
        conn, _ = sock.accept()
        conn.close()
        return True
    except (socket.timeout, OSError):
        return False


def test_service_is_refused_on_every_path(capsys, built, store, listener):
    sock, url = listener
    text = f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}"
    with pytest.raises(ServiceRefused, match="allow-service"):
        kg.query(text, store=store)
    code = main(["query", text, "--build", str(built)])
    _, err = capsys.readouterr()
    assert code == 2 and "refused: SERVICE" in err and url in err and "Traceback" not in err
    with pytest.raises(ServiceRefused, match="variable endpoint"):
        check_services("SELECT * { SERVICE ?x { ?s ?p ?o } }", allowed=[url])
    assert not _connected(sock), "the engine connected to the SERVICE endpoint"


def test_an_allowed_endpoint_passes_the_check(listener):
    sock, url = listener
    check_services(f"SELECT * {{ SERVICE <{url}> {{ ?s ?p ?o }} }}", allowed=[url])
    with pytest.raises(ServiceRefused, match="allowed: "):
        check_services("SELECT * { SERVICE <http://other.example/> { ?s ?p ?o } }", allowed=[url])


# ---------------------------------------------------------------- stopping the work

def _children() -> set[int]:
    return {p.pid for p in psutil.Process().children(recursive=True) if p.is_running()
            and p.status() != psutil.STATUS_ZOMBIE}


def test_a_timeout_stops_the_work_not_only_the_wait(store):
    before = _children()
    with pytest.raises(QueryTimeout, match="longer than 0.5 s"):
        kg.query(HEAVY, store=store, timeout=0.5)
    time.sleep(0.2)
    assert _children() <= before, "the query's worker outlived the timeout"


def test_ctrl_c_stops_kg_query(built):
    process = subprocess.Popen([sys.executable, "-m", "kg.cli", "query", HEAVY, "--build", str(built)],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        parent = psutil.Process(process.pid)
        deadline = time.monotonic() + 60
        while not parent.children() and time.monotonic() < deadline:   # the query's child is at work
            time.sleep(0.1)
        workers = parent.children()
        assert workers, "kg query ran no worker"
        time.sleep(0.3)
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=20)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 130 and "interrupted" in err and "Traceback" not in err
    time.sleep(0.2)
    assert not any(w.is_running() and w.status() != psutil.STATUS_ZOMBIE for w in workers)
