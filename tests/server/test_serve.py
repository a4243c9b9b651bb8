"""`kg serve`: a read-only SPARQL 1.1 Protocol endpoint over the built graph (Oxigraph server)."""
from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from kg.server.serve import free_port

ROOT = Path(__file__).resolve().parents[2]


def sparql(url: str, query: str) -> dict:
    request = urllib.request.Request(url, data=urllib.parse.urlencode({"query": query}).encode(),
                                     headers={"Accept": "application/sparql-results+json",
                                              "Content-Type": "application/x-www-form-urlencoded"})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.headers["Content-Type"].startswith("application/sparql-results+json")
        return json.loads(response.read())


def listening(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


@pytest.fixture
def served(built):
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--build", str(built), "--port", str(port)],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
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
        yield process, port, lines
    finally:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    assert not listening(port), "the Oxigraph server outlived `kg serve`"


def test_serve_answers_queries_and_refuses_updates(served):
    process, port, lines = served
    out = "".join(lines)
    assert f"http://127.0.0.1:{port}/" in out and f"http://127.0.0.1:{port}/query" in out
    endpoint = f"http://127.0.0.1:{port}/query"

    # Union default graph: the sessions are visible without GRAPH.
    doc = sparql(endpoint, "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a <https://w3id.org/irdc/ontology#Session> }")
    assert doc["head"]["vars"] == ["n"]
    assert doc["results"]["bindings"][0]["n"]["value"] == "8"
    # ... and GRAPH ?g reaches each source's graph.
    doc = sparql(endpoint, "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert doc["results"]["bindings"][0]["n"]["value"] == "6"
    # A library query runs unchanged.
    text = (ROOT / "ontology" / "queries" / "missing-ordinals.rq").read_text()
    doc = sparql(endpoint, text)
    assert {b["missing"]["value"] for b in doc["results"]["bindings"]} >= {"1-4", "1-21"}

    # The web query page.
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as response:
        assert response.status == 200 and "html" in response.headers["Content-Type"]

    # Updates are refused, and change nothing.
    update = urllib.request.Request(
        f"http://127.0.0.1:{port}/update",
        data=urllib.parse.urlencode({"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}).encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(update, timeout=10)
    assert refused.value.code in (403, 405)
    doc = sparql(endpoint, "ASK { <urn:a> <urn:b> <urn:c> }")
    assert doc["boolean"] is False


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
