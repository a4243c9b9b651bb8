"""Any variable of a query can be a parameter, bound as an engine-made term; an
empty result bound by a literal says why; `sources-of` counts independent sources."""
from __future__ import annotations

from collections import defaultdict

import pytest
from pyoxigraph import Literal, NamedNode, Variable

import kg
from kg.cli import main
from kg.dataset.store import load_store
from kg.queries.params import with_values

ID = "https://w3id.org/irdc/id/"
IRDC = "https://w3id.org/irdc/ontology#"
SCHEMA = "https://schema.org/"
PROV = "http://www.w3.org/ns/prov#"


@pytest.fixture(scope="module")
def store(built):
    return load_store(built)


def _locations(store) -> dict[str, set[str]]:
    """session -> places, read from the named graphs' quads (not through SPARQL)."""
    out = defaultdict(set)
    for q in store.quads_for_pattern(None, NamedNode(SCHEMA + "location"), None, None):
        if isinstance(q.graph_name, NamedNode):
            out[q.object.value].add(q.subject.value)
    return out


def test_a_variable_outside_the_select_clause_is_bound(store):
    by_place = _locations(store)
    place = max(by_place, key=lambda p: len(by_place[p]))
    rows = kg.query("SELECT DISTINCT ?s WHERE { ?s schema:location ?place }", store=store, place=place).rows
    assert {r["s"] for r in rows} == by_place[place]
    # Also inside a nested group, and with a prefixed name.
    rows = kg.query("SELECT DISTINCT ?s WHERE { { ?s schema:location ?place } UNION { ?s schema:location ?place } }",
                    store=store, place=place.replace(ID + "place/", "place:")).rows
    assert {r["s"] for r in rows} == by_place[place]


def test_a_bound_value_is_the_engine_s_serialisation_not_the_text(store):
    nasty = 'x" } } ; DROP ALL ; SELECT * { ?s ?p "'
    text = with_values("SELECT ?s WHERE { ?s ?p ?v }", {Variable("v"): Literal(nasty)})
    assert text.count("VALUES ?v") == 1 and '\\"' in text         # the quote is escaped by the engine
    assert kg.query("SELECT ?s WHERE { ?s ?p ?v }", store=store, v=nasty).rows == []
    assert len(store) > 0


def test_a_literal_where_the_graph_holds_an_iri_says_why(capsys, built, store):
    by_place = _locations(store)
    pref = NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")
    place = sorted(p for p in by_place if p.startswith(ID + "place/"))[0]
    label = next(q.object.value for q in store.quads_for_pattern(NamedNode(place), pref, None, None))
    code = main(["query", "SELECT ?s WHERE { ?s schema:location ?place }", "--param", f'place="{label}"',
                 "--build", str(built)])
    out, err = capsys.readouterr()
    assert code == 0
    slug = place.rsplit("/", 1)[1]
    assert "literal" in err and f"place:{slug}" in err and "IRI" in err
    # ... and with the IRI it suggests, the rows come.
    code = main(["query", "SELECT ?s WHERE { ?s schema:location ?place }", "--param", f"place=place:{slug}",
                 "--build", str(built)])
    out, err = capsys.readouterr()
    assert code == 0 and "session:" in out and not err


def test_a_value_the_graph_does_not_hold_is_said_so(store):
    result = kg.query("SELECT ?s WHERE { ?s ?p ?v }", store=store, v='"no such value anywhere 1234"')
    assert len(result) == 0 and "does not hold" in result.notes[0]
    result = kg.query("SELECT ?s WHERE { ?s ?p ?v }", store=store, v="place:moscow")
    assert len(result) and result.notes == []


def test_sources_of_counts_independent_sources_and_shows_copies(store):
    copy_of = {q.subject.value.rsplit("/", 1)[1]: q.object.value.rsplit("/", 1)[1]
               for q in store.quads_for_pattern(None, NamedNode(IRDC + "duplicateOf"), None, None)}
    # A session that copies state: from the data, the session with the most copies among its sources.
    graph_source = {q.subject.value: q.object.value.rsplit("/", 1)[1]
                    for q in store.quads_for_pattern(None, NamedNode(PROV + "wasDerivedFrom"), None, None)}
    ordinal = NamedNode(IRDC + "ordinal")
    stated = defaultdict(set)
    for q in store.quads_for_pattern(None, ordinal, None, None):
        if isinstance(q.graph_name, NamedNode) and q.graph_name.value in graph_source:
            stated[q.subject.value].add(graph_source[q.graph_name.value])
    session = max(stated, key=lambda s: sum(src in copy_of for src in stated[s]))
    sources = stated[session]
    assert any(src in copy_of for src in sources), "no copied source states an ordinal"
    rows = kg.query("sources-of", store=store, about=session.split("/session/")[1], property="irdc:ordinal").rows
    row = next(r for r in rows if r["subject"] == session)
    independent = {copy_of.get(src, src) for src in sources}
    assert row["n_sources"] == len(independent) < len(sources)
    shown = row["sources"].split(", ")
    assert len(shown) == len(sources)
    for src in sources:
        if src in copy_of:
            assert f"{src} (copy of {copy_of[src]})" in shown
        else:
            assert src in shown


def test_an_invalid_iri_is_a_message_not_a_traceback(capsys, built):
    code = main(["query", "SELECT ?s WHERE { ?s ?p ?o }", "-p", "o=<http://a b>", "--build", str(built)])
    _, err = capsys.readouterr()
    assert code == 2 and err.startswith("kg: --param o: not a valid IRI") and len(err.strip().splitlines()) == 1


def test_every_query_form_takes_a_parameter(store):
    place = NamedNode(ID + "place/moscow")
    about = {(q.subject, q.predicate) for q in store.quads_for_pattern(None, None, place, None)
             if isinstance(q.graph_name, NamedNode)}
    assert about, "nothing is said to be in Moscow: pick another place"
    assert len(kg.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", store=store, o="place:moscow")) == len(about)
    assert kg.query("ASK { ?s ?p ?o }", store=store, o="place:moscow").boolean is True
    assert kg.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", store=store, o="place:moscow").rows == \
        [{"n": len(about)}]
