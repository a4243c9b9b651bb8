"""CSV, TSV and JSON are streamed: each row is written as it is pulled, nothing collected."""
from __future__ import annotations

import csv
import io
import json
import tracemalloc

import pytest
from pyoxigraph import Literal, NamedNode, Quad, Store

import kg
from kg.cli import main
from kg.queries import Result

EX = "https://example.org/thing/"
ROWS_QUERY = "SELECT ?s ?n WHERE { ?s <https://example.org/n> ?n }"


def generated_store(n: int) -> Store:
    store = Store()
    p = NamedNode("https://example.org/n")
    store.bulk_extend(Quad(NamedNode(f"{EX}{i}"), p, Literal(str(i), datatype=NamedNode(
        "http://www.w3.org/2001/XMLSchema#integer"))) for i in range(n))
    return store


class Counting:
    """Rows handed out one by one, counting how many have been pulled."""

    def __init__(self, n: int):
        self.n, self.pulled = n, 0

    def __iter__(self):
        for i in range(self.n):
            self.pulled += 1
            yield (NamedNode(f"{EX}{i}"), Literal(f"value {i}"))


class Sink(io.StringIO):
    """A file that notes, at each write, how many rows the source had handed out."""

    def __init__(self, source: Counting):
        super().__init__()
        self.source, self.seen = source, []

    def write(self, text):
        self.seen.append((self.source.pulled, text))
        return super().write(text)


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json"])
def test_rows_are_written_as_they_are_pulled(fmt):
    source = Counting(5000)
    result = Result(["s", "v"], iter(source))
    assert result.lazy
    sink = Sink(source)
    result.write(sink, fmt)
    assert source.pulled == 5000
    data_writes = [(pulled, text) for pulled, text in sink.seen if EX in text]
    assert len(data_writes) >= 5000                         # one write (at least) per row
    first_pulled, _ = data_writes[0]
    assert first_pulled == 1                                 # output began after the first row...
    assert all(pulled <= k + 1 for k, (pulled, _t) in enumerate(data_writes))   # ...and never ran ahead
    assert result.lazy is False and result._terms == []      # and nothing was kept


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json"])
def test_lazy_output_equals_collected_output(fmt):
    store = generated_store(300)
    lazy = kg.query(ROWS_QUERY + " ORDER BY ?n", store=store, lazy=True)
    assert lazy.lazy
    streamed = io.StringIO()
    lazy.write(streamed, fmt)
    collected = kg.query(ROWS_QUERY + " ORDER BY ?n", store=store)
    if fmt == "json":
        assert json.loads(streamed.getvalue()) == collected.to_json()
    else:
        rows = list(csv.reader(io.StringIO(streamed.getvalue()), delimiter="," if fmt == "csv" else "\t"))
        assert rows[0] == ["s", "n"] and len(rows) == len(collected) + 1
        assert rows[1:] == [[r["s"], str(r["n"])] for r in collected]


def test_streaming_a_large_result_holds_no_rows():
    """Python-side memory while writing n rows as CSV: streamed, it does not grow with n."""
    n = 30000
    store = generated_store(n)

    def peak(lazy: bool) -> int:
        sink = open("/dev/null", "w", encoding="utf-8")
        tracemalloc.start()
        try:
            kg.query(ROWS_QUERY, store=store, lazy=lazy).write(sink, "csv")
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
            sink.close()

    collected, streamed = peak(False), peak(True)
    assert streamed * 10 < collected, (streamed, collected)


def test_the_cli_streams_and_matches_the_library(built, capsys):
    args = ["query", "sessions-of-body", "-p", "body=irigc-mmtc", "--build", str(built)]
    expected = kg.query("sessions-of-body", build=built, body="irigc-mmtc")
    assert main(args + ["--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == expected.to_json()
    assert main(args + ["--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert out == expected.render("csv") and len(out.splitlines()) == len(expected) + 1


def test_ask_and_construct_stream(capsys, built):
    assert main(["query", "ASK { ?s a irdc:Session }", "--format", "csv", "--build", str(built)]) == 0
    assert capsys.readouterr().out == "boolean\ntrue\n"
    text = "CONSTRUCT { ?s a irdc:Session } WHERE { ?s a irdc:Session }"
    assert main(["query", text, "--format", "tsv", "--build", str(built)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "subject\tpredicate\tobject"
    assert len(lines) - 1 == len(kg.query(text, build=built))


def test_with_a_timeout_the_rows_are_the_same(built, capsys):
    args = ["query", "timeline", "--format", "csv", "--build", str(built)]
    assert main(args) == 0
    streamed = capsys.readouterr().out
    assert main(args + ["--timeout", "60"]) == 0
    assert capsys.readouterr().out == streamed and len(streamed.splitlines()) > 1
