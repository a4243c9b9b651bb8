"""Extracted facts in the graph: own named graph, irdc:Extracted, evidence in SPARQL,
links to curated entities, extraction-only entities flagged, disagreements kept."""
from __future__ import annotations

import pytest

from kg.builder import build
from kg.builder.extracted import facts_quads
from kg.dataset.store import open_store, select

POST_TEXT = "Deputy Minister of Industry A. Petrov met Defence Secretary Ashutosh Dixit."
VISIT_TEXT = "Petrov stayed on in Moscow on 5 March."
TEXT = "The sixth meeting of the group was held in Moscow on 3 March 2026, led by A. Petrov and Ashutosh Dixit."

FACTS = {"documents": [
    {"document": "our-report.txt", "published": "2026-03-04", "sessions": [{
        "body": "wg-mc", "ordinal": 6, "date": "2026-03-03", "place": "Moscow",
        "co_chairs": [
            {"name": "A. Petrov", "country": "Russia",
             "evidence": {"quote": TEXT, "start": 0, "end": len(TEXT), "rule": "led-by", "confidence": 0.8}},
            {"name": "Ashutosh Dixit", "country": "India", "links": {"person_id": "ashutosh-dixit"},
             "post": "Defence Secretary",
             "evidence": {"quote": TEXT, "start": 0, "end": len(TEXT), "rule": "led-by", "confidence": 0.8}}],
        "signed": [{"kind": "protocol"}],
        "evidence": {"session": {"quote": TEXT, "start": 0, "end": len(TEXT), "rule": "ordinal-meeting", "confidence": 0.9},
                     "date": {"quote": TEXT, "start": 0, "end": len(TEXT), "rule": "date-in-sentence", "confidence": 0.9}},
    }, {
        # Disagrees with the curated data on the 22nd WG-MTC&DI session's date.
        "body": "wg-mtc-di", "ordinal": 22, "date": "2024-11-21", "place": "New Delhi",
    }, {
        "body": "subgroup-aviation", "body_name": "Sub-Group on Aviation", "ordinal": 2,
    }, {"body": "wg-mc"}],  # no ordinal, no date: nothing identifies it
     "publisher": "Our Wire", "headline": "Group meets in Moscow", "url": "https://example.org/our-report",
     "posts": [
         {"name": "A. Petrov", "title": "Deputy Minister of Industry", "country": "Russia",
          "evidence": {"quote": POST_TEXT, "start": 0, "end": len(POST_TEXT), "rule": "name-title"}},
         {"name": "Ashutosh Dixit", "title": "Defence Secretary", "country": "India",
          "links": {"person_id": "ashutosh-dixit"},
          "evidence": {"quote": POST_TEXT, "start": 0, "end": len(POST_TEXT), "rule": "name-title"}}],
     "visits": [
         {"person": "A. Petrov", "place": "Moscow", "date": "2026-03-05",
          "evidence": {"quote": VISIT_TEXT, "start": 0, "end": len(VISIT_TEXT), "rule": "visited"}},
         {"person": "Ashutosh Dixit"}]},  # neither place nor organisation: not a visit to record
    {"document": "000_eb7c5755d6f1ba8b.txt", "duplicate_of": "our-report.txt", "sessions": []},
]}

Q = """PREFIX irdc: <https://w3id.org/irdc/ontology#>
PREFIX schema: <https://schema.org/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX eg: <https://w3id.org/irdc/graph/extracted/>
"""


@pytest.fixture(scope="module")
def store(repo, tmp_path_factory):
    from kg.curated import load

    out = tmp_path_factory.mktemp("x") / "build"
    curated = load(repo / "seeds")
    assert list(facts_quads(FACTS, curated))
    build(root=repo, out=out, extra=[lambda root, cur: facts_quads(FACTS, cur)])
    return open_store(out)


def test_each_article_has_its_own_extracted_graph(store):
    rows = {r["g"].value: (r["src"].value, r["m"].value) for r in select(store, Q + """
        SELECT ?g ?src ?m WHERE { GRAPH ?g { ?g prov:wasDerivedFrom ?src ; irdc:method ?m } }""")}
    ours = rows["https://w3id.org/irdc/graph/extracted/article-our-report"]
    assert ours == ("https://w3id.org/irdc/id/source/article-our-report", "https://w3id.org/irdc/ontology#Extracted")
    # A file the source register lists is attached to that registered source.
    assert rows["https://w3id.org/irdc/graph/extracted/newsx-2025-10-31"][0].endswith("/source/newsx-2025-10-31")


def test_evidence_is_queryable(store):
    rows = list(select(store, Q + """
        SELECT ?quote ?start ?end ?rule ?conf WHERE { GRAPH eg:article-our-report {
          <https://w3id.org/irdc/id/session/wg-mc/6> irdc:evidence ?e .
          ?e irdc:evidenceFor schema:startDate ; irdc:value "2026-03-03" ; irdc:quote ?quote ;
             irdc:startOffset ?start ; irdc:endOffset ?end ; irdc:rule ?rule ; irdc:confidence ?conf } }"""))
    assert len(rows) == 1
    r = rows[0]
    assert r["quote"].value == TEXT and int(r["start"].value) == 0 and int(r["end"].value) == len(TEXT)
    assert r["rule"].value == "date-in-sentence" and float(r["conf"].value) == 0.9


def test_links_to_curated_and_flags_extraction_only(store):
    chairs = {r["p"].value: r["x"] for r in select(store, Q + """
        SELECT ?p ?x WHERE { <https://w3id.org/irdc/id/session/wg-mc/6> irdc:coChair ?p
          OPTIONAL { ?p irdc:extractionOnly ?x } }""")}
    assert chairs["https://w3id.org/irdc/id/person/ashutosh-dixit"] is None
    assert chairs["https://w3id.org/irdc/id/person/x-petrov"].value == "true"
    assert bool(select(store, Q + """ASK { <https://w3id.org/irdc/id/session/wg-mc/6> schema:location
        <https://w3id.org/irdc/id/place/moscow> }"""))
    assert bool(select(store, Q + """ASK { <https://w3id.org/irdc/id/body/subgroup-aviation> irdc:extractionOnly true }"""))
    assert bool(select(store, Q + """ASK { ?p a irdc:Protocol ; irdc:signedAt <https://w3id.org/irdc/id/session/wg-mc/6> }"""))


def test_disagreement_is_kept_not_fatal(store):
    dates = {(r["d"].value, r["g"].value.rsplit("/", 2)[-2]) for r in select(store, Q + """
        SELECT ?d ?g WHERE { GRAPH ?g { <https://w3id.org/irdc/id/session/wg-mtc-di/22> schema:startDate ?d } }""")}
    assert dates == {("2024-11-22", "curated"), ("2024-11-21", "extracted")}


def test_unidentifiable_session_is_dropped_and_duplicates_marked(store):
    assert not bool(select(store, Q + """ASK { GRAPH eg:article-our-report { ?s irdc:sessionOf
        <https://w3id.org/irdc/id/body/wg-mc> FILTER NOT EXISTS { ?s irdc:ordinal ?o } } }"""))
    assert bool(select(store, Q + """ASK { <https://w3id.org/irdc/id/source/newsx-2025-10-31> irdc:duplicateOf
        <https://w3id.org/irdc/id/source/article-our-report> }"""))


def test_posts_are_holdings_with_evidence(store):
    rows = {(r["post"].value.rsplit("/", 1)[-1], r["person"].value.rsplit("/", 1)[-1], r["on"].value, r["quote"].value)
            for r in select(store, Q + """
        PREFIX org: <http://www.w3.org/ns/org#>
        SELECT ?post ?person ?on ?quote WHERE { GRAPH eg:article-our-report {
          ?post a org:Post ; irdc:holding ?h . ?h a irdc:PostHolding ; irdc:post ?post ; irdc:person ?person ;
             irdc:attestedOn ?on ; irdc:evidence ?e . ?person org:holds ?post . ?e irdc:quote ?quote } }""")}
    # A curated post is linked by its title and side; an unknown title is an extraction-only post.
    assert rows == {("defence-secretary-india", "ashutosh-dixit", "2026-03-04", POST_TEXT),
                    ("x-deputy-minister-of-industry-russia", "x-petrov", "2026-03-04", POST_TEXT)}
    assert bool(select(store, Q + """ASK { <https://w3id.org/irdc/id/post/x-deputy-minister-of-industry-russia>
        irdc:extractionOnly true ; irdc:side <https://w3id.org/irdc/id/country/russia> }"""))


def test_visits_have_visitor_place_date_and_evidence(store):
    rows = [(r["who"].value.rsplit("/", 1)[-1], r["where"].value.rsplit("/", 1)[-1], r["d"].value, r["q"].value)
            for r in select(store, Q + """
        SELECT ?who ?where ?d ?q WHERE { GRAPH eg:article-our-report {
          ?v a irdc:Visit ; irdc:visitor ?who ; schema:location ?where ; schema:startDate ?d ;
             irdc:evidence [ irdc:evidenceFor irdc:visitor ; irdc:quote ?q ] } }""")]
    assert rows == [("x-petrov", "moscow", "2026-03-05", VISIT_TEXT)]
    visits = list(select(store, Q + "SELECT ?v WHERE { GRAPH eg:article-our-report { ?v a irdc:Visit } }"))
    assert len(visits) == 1  # the mention with no place or organisation is not a visit


def test_signings_use_the_curated_terms(store):
    assert bool(select(store, Q + """ASK { <https://w3id.org/irdc/id/session/wg-mc/6> irdc:signing ?s .
        ?s a irdc:Signing ; irdc:documentKind irdc:Protocol ; irdc:document ?d . ?d irdc:signedAt ?x }"""))


def test_register_fields_the_article_states(store):
    row = next(iter(select(store, Q + """SELECT ?p ?h ?u WHERE {
        <https://w3id.org/irdc/id/source/article-our-report> schema:publisher ?p ; schema:headline ?h ; schema:url ?u }""")))
    assert (row["p"].value, row["h"].value, row["u"].value) == (
        "Our Wire", "Group meets in Moscow", "https://example.org/our-report")
