"""Every fact is asserted in a named graph that is derived from a registered source."""
from __future__ import annotations

from kg.dataset.store import select

Q = """
PREFIX irdc: <https://w3id.org/irdc/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX schema: <https://schema.org/>
"""


def test_no_triple_outside_a_sourced_graph(store):
    for quad in store.quads_for_pattern(None, None, None):
        assert quad.graph_name.value.startswith("https://w3id.org/irdc/graph/"), quad
    orphans = list(select(store, Q + """
        SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o }
          FILTER NOT EXISTS { GRAPH ?g { ?g prov:wasDerivedFrom ?src ; irdc:method ?m } } }"""))
    assert orphans == []


def test_every_graph_is_derived_from_a_described_source(repo, store):
    from kg.curated import load

    register = load(repo / "seeds")["source"]
    rows = list(select(store, Q + """
        SELECT DISTINCT ?g ?src ?m ?file WHERE { GRAPH ?g { ?g prov:wasDerivedFrom ?src ; irdc:method ?m }
          OPTIONAL { ?src irdc:fileName ?file } }"""))
    graphs = {r["g"].value for r in rows}
    assert len(graphs) == len(register)          # one curated graph per registered source
    for r in rows:
        assert r["m"].value == "https://w3id.org/irdc/ontology#Curated"
    files = {r["file"].value for r in rows if r["file"] is not None}
    assert files == {f for rec in register.values() for f in rec.values("file")}


def test_every_curated_record_cites_a_source(repo):
    from kg.curated import load

    curated = load(repo / "seeds")
    for rec in curated.all():
        if rec.kind != "source":
            assert rec.sources, rec.id
            for claims in rec.fields.values():
                assert all(c.sources for c in claims)


def test_sources_with_unknown_fields_leave_them_absent(store):
    rows = list(select(store, Q + """
        SELECT ?src ?publisher WHERE { ?src a schema:NewsArticle OPTIONAL { ?src schema:publisher ?publisher } }"""))
    publishers = {r["src"].value.rsplit("/", 1)[-1]: r["publisher"] for r in rows}
    assert publishers["newsx-2025-10-31"].value == "NewsX"
    assert publishers["unattributed-001"] is None     # a copy that shows no publisher: none is guessed
