"""The CSV of entities and the CSV of statements with their sources, counted against the
store by pattern lookups (an independent path from the export's SPARQL)."""
from __future__ import annotations

import csv
import io

import pytest
from pyoxigraph import NamedNode, RdfFormat, Store

from kg.cli import main
from kg.core.vocab import PROV
from kg.dataset.store import open_store
from kg.exports import tables

ID = "https://w3id.org/irdc/id/"


def is_entity(term) -> bool:
    return isinstance(term, NamedNode) and term.value.startswith(ID) and not term.value.startswith(ID + "source/")


def source_graphs(store) -> dict[str, str]:
    return {q.subject.value: q.object.value for q in store.quads_for_pattern(None, PROV.wasDerivedFrom, None, None)
            if q.subject == q.graph_name}


def read(store, table):
    buf = io.StringIO()
    n = tables.write_csv(store, table, buf)
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert len(rows) == n
    return rows


@pytest.fixture(scope="module")
def real(built):
    return open_store(built)


def test_entities_once_each(real):
    rows = read(real, "entities")
    graphs = source_graphs(real)
    expected = {q.subject.value for q in real if is_entity(q.subject) and q.graph_name.value in graphs}
    assert [r["iri"] for r in rows] == sorted(expected)
    body = next(r for r in rows if r["iri"] == ID + "body/irigc-mmtc")
    assert body["id"] == "body:irigc-mmtc" and body["label"] and "irdc:Commission" in body["types"].split()
    assert int(body["sources"]) >= 1 and int(body["statements"]) >= 1


def test_statements_one_row_per_statement_and_source(real):
    rows = read(real, "statements")
    graphs = source_graphs(real)
    evidence = NamedNode("https://w3id.org/irdc/ontology#evidence")
    expected = sum(1 for q in real if is_entity(q.subject) and q.graph_name.value in graphs
                   and q.predicate != evidence)
    assert len(rows) == expected
    assert {r["method"] for r in rows} <= {"curated", "extracted"}
    # Each row's source columns are what the store says of that row's source.
    publishers: dict[str, set] = {}
    for q in real.quads_for_pattern(None, NamedNode("https://schema.org/publisher"), None, None):
        publishers.setdefault(q.subject.value, set()).add(q.object.value)
    for r in rows[:: max(1, len(rows) // 200)]:
        source = r["source"].replace("source:", ID + "source/", 1)
        graph = r["graph"].replace("cg:", "https://w3id.org/irdc/graph/curated/", 1)
        assert graphs[graph] == source                       # the graph is that source's
        assert r["publisher"] in publishers.get(source, {""})
        assert r["subject"] and r["property"]


EXTRACTED = """
@prefix irdc: <https://w3id.org/irdc/ontology#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix schema: <https://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://w3id.org/irdc/graph/extracted/imagined-wire-1> {
  <https://w3id.org/irdc/graph/extracted/imagined-wire-1> prov:wasDerivedFrom <https://w3id.org/irdc/id/source/imagined-wire-1> ;
      irdc:method irdc:Extracted .
  <https://w3id.org/irdc/id/source/imagined-wire-1> schema:publisher "Imagined Wire" ;
      schema:headline "Panel meets again in an invented city" ; schema:datePublished "2031-04-05"^^xsd:date ;
      schema:url "https://example.org/imagined/1" .
  <https://w3id.org/irdc/id/session/panel-x/3> a irdc:Session ; schema:startDate "2031-04-02"^^xsd:date ;
      skos:prefLabel "Third meeting of Panel X"@en ;
      irdc:evidence [ irdc:evidenceFor schema:startDate ; irdc:quote "The panel met for a third time on 2 April." ] .
}
"""


def test_extracted_statements_carry_their_evidence_and_source():
    store = Store()
    store.load(EXTRACTED.encode(), format=RdfFormat.TRIG)
    rows = read(store, "statements")
    assert len(rows) == 3                                   # type, date, label; the evidence link is a column
    date = next(r for r in rows if r["property"] == "schema:startDate")
    assert date == {**date, "value": "2031-04-02", "value_datatype": "xsd:date", "method": "extracted",
                    "publisher": "Imagined Wire", "headline": "Panel meets again in an invented city",
                    "published": "2031-04-05", "url": "https://example.org/imagined/1",
                    "evidence": "The panel met for a third time on 2 April.",
                    "subject_label": "Third meeting of Panel X"}
    label = next(r for r in rows if r["property"] == "skos:prefLabel")
    assert label["language"] == "en" and label["evidence"] == ""


def test_cli_writes_the_tables(built, tmp_path, capsys):
    out = tmp_path / "statements.csv"
    assert main(["export", "csv", "statements", "-o", str(out), "--build", str(built)]) == 0
    written = list(csv.DictReader(out.open(encoding="utf-8")))
    assert f"({len(written)} rows)" in capsys.readouterr().err
    assert main(["export", "csv", "entities", "--build", str(built)]) == 0
    assert capsys.readouterr().out.splitlines()[0] == ",".join(tables.ENTITY_COLUMNS)


@pytest.mark.parametrize("args", [["gexf", "entities"], ["csv", "hierarchy"]])
def test_cli_refuses_mismatched_format_and_view(built, capsys, args):
    assert main(["export", *args, "--build", str(built)]) == 2
    err = capsys.readouterr().err
    assert "csv exports the tables" in err and "Traceback" not in err
