"""NetworkX views of the graph: structure, attributes, and what `as_of` keeps."""
from __future__ import annotations

import networkx as nx
import pytest


from kg.core.dates import first_day, last_day, parse_day
from kg import views
from kg.dataset.store import open_store

BODY = "https://w3id.org/irdc/id/body/"
PERSON = "https://w3id.org/irdc/id/person/"
SESSION = "https://w3id.org/irdc/id/session/"

from tests.helpers import synthetic_store, trig_store  # noqa: E402



@pytest.fixture(scope="module")
def facts(built):
    return views.read(open_store(built))


def _scalar_attrs(g):
    for _n, d in g.nodes(data=True):
        yield d
    for *_e, d in g.edges(data=True):
        yield d


@pytest.mark.parametrize("name", list(views.VIEWS))
def test_every_node_and_edge_carries_iri_label_and_type(facts, name):
    g = views.view(name, facts)
    assert g.number_of_nodes() > 0 and g.number_of_edges() > 0
    for d in _scalar_attrs(g):
        assert d["iri"].startswith("http") and d["label"] and d["type"]
        assert all(isinstance(v, (str, int, bool)) for v in d.values()), d  # no None: exports need scalars


def test_hierarchy_has_the_commission_at_the_root_and_no_invented_sub_groups(facts, repo):
    from kg.curated import load

    g = views.hierarchy(facts)
    assert nx.is_arborescence(g)
    root = next(n for n in g if g.in_degree(n) == 0)
    assert root == BODY + "irigc-mmtc" and g.nodes[root]["type"] == "Commission"
    assert g.nodes[root]["acronym"] == "IRIGC-M&MTC"
    curated = load(repo / "seeds")["body"]
    named_sub_groups = {BODY + b for b, rec in curated.items() if rec.first("type") == "sub-group"}
    drawn = {n for n, d in g.nodes(data=True) if d["type"] == "SubGroup"}
    assert drawn == named_sub_groups                         # every named sub-group, and only those
    placeholder = next(d for n, d in g.nodes(data=True) if d["type"] == views.PLACEHOLDER)
    # "two working groups and nine sub-groups" (2024): the rest of the nine, as a count, never names
    assert placeholder["stated_count"] == 9 and placeholder["count"] == 9 - len(drawn)
    assert placeholder["label"] == f"{9 - len(drawn)} further sub-groups"
    # Summit series and dialogues are not part of the commission's tree unless asked for.
    assert BODY + "annual-summit" not in g
    assert BODY + "annual-summit" in views.hierarchy(facts, all_bodies=True)


def test_as_of_changes_the_co_chairs_shown(facts):
    before = views.hierarchy(facts, "2024-12-01")
    after = views.hierarchy(facts, "2025-11-01")
    wg_mc, wg_mtc = BODY + "wg-mc", BODY + "wg-mtc-di"
    assert before.nodes[wg_mc]["latest_session_ordinal"] == 3 and after.nodes[wg_mc]["latest_session_ordinal"] == 5
    assert before.nodes[wg_mc]["india_holder"] == "JP Mathew"
    assert after.nodes[wg_mc]["india_holder"] == "Ashutosh Dixit"
    assert after.nodes[wg_mc]["india_post"] == "Chief of Integrated Defence Staff"
    assert before.nodes[wg_mtc]["latest_session_ordinal"] == 22
    assert after.nodes[wg_mtc]["latest_session_ordinal"] == 23
    assert before.nodes[wg_mtc]["india_holder"] == after.nodes[wg_mtc]["india_holder"] == "Sanjeev Kumar"
    assert before.nodes[wg_mtc]["russia_post"] == "First Deputy Director, FSMTC"
    # The commission's co-chairs are its latest session's posts, held on the day by their holders then.
    commission = after.nodes[BODY + "irigc-mmtc"]
    assert commission["latest_session_ordinal"] == 21
    assert (commission["india_holder"], commission["russia_holder"]) == ("Rajnath Singh", "Andrei Belousov")
    early = views.hierarchy(facts, "2005-06-01").nodes[BODY + "irigc-mmtc"]
    assert early["acronym"] == "IRIGC-MTC" and early["india_holder"] == "Pranab Mukherjee"
    # Before the commission's founding year there is nothing to show.
    assert views.hierarchy(facts, "1999-06-01").number_of_nodes() == 0


def test_as_of_draws_the_bodies_of_that_time_under_their_names_then(facts):
    early = views.hierarchy(facts, "2005-06-01")
    assert early.nodes[BODY + "irigc-mmtc"]["label"] != early.nodes[BODY + "irigc-mmtc"]["current_label"]
    assert "Military and" not in early.nodes[BODY + "irigc-mmtc"]["label"]
    # Neither of today's working groups, and the two of that time only as a stated count.
    assert BODY + "wg-mc" not in early and BODY + "wg-mtc-di" not in early
    counts = [d for _n, d in early.nodes(data=True) if d["type"] == views.PLACEHOLDER]
    assert [d["label"] for d in counts] == ["2 working groups"]
    late = views.hierarchy(facts, "2025-11-01")
    assert {BODY + "wg-mc", BODY + "wg-mtc-di"} <= set(late)
    # A pre-2018 group no source reports after the restructuring is left out, and said to be.
    assert BODY + "wg-shipbuilding-aviation-land" not in late
    assert "Working Group on Shipbuilding" in late.graph["left_out"]


def test_co_chair_network_weights_edges_by_sessions(facts):
    g = views.co_chair_network(facts)
    kumar, boytsov = PERSON + "sanjeev-kumar", PERSON + "andrey-boytsov"
    assert g.edges[kumar, boytsov]["weight"] == 2
    assert g.edges[kumar, boytsov]["sessions"].split() == [SESSION + "wg-mtc-di/22", SESSION + "wg-mtc-di/23"]
    assert g.edges[PERSON + "ashutosh-dixit", PERSON + "igor-dylevsky"]["weight"] == 1
    assert g.edges[PERSON + "rajnath-singh", PERSON + "andrei-belousov"]["weight"] == 2
    sides = {n: d["side"] for n, d in g.nodes(data=True)}
    assert sides[kumar] == sides[PERSON + "george-fernandes"] == "india"
    assert sides[boytsov] == sides[PERSON + "sergei-shoigu"] == "russia"
    # Two decades: the commission's co-chairs from 2003 to 2025.
    assert {PERSON + "george-fernandes", PERSON + "ilya-klebanov", PERSON + "andrei-belousov"} <= set(g)
    early = views.co_chair_network(facts, "2024-12-01")
    assert kumar in early and early.edges[kumar, boytsov]["weight"] == 1
    assert views.co_chair_network(facts, "2002-01-01").number_of_nodes() == 0


def test_people_bodies_is_bipartite(facts):
    g = views.people_bodies(facts)
    people = {n for n, d in g.nodes(data=True) if d["bipartite"] == 0}
    bodies = {n for n, d in g.nodes(data=True) if d["bipartite"] == 1}
    assert nx.is_bipartite(g) and people and bodies
    assert all(g.nodes[n]["type"] == "Person" for n in people)
    assert all(n.startswith(BODY) for n in bodies)
    assert g.edges[PERSON + "sanjeev-kumar", BODY + "wg-mtc-di"]["weight"] == 2
    assert g.edges[PERSON + "narendra-modi", BODY + "annual-summit"]["type"] == "attendee"
    assert PERSON + "ashutosh-dixit" not in views.people_bodies(facts, "2025-10-27")   # the 5th began on the 28th


def test_sessions_view_in_time(facts, store):
    g = views.sessions(facts)
    s = {n: d for n, d in g.nodes(data=True) if d["type"] == "Session"}
    expected = {r["s"].value for r in store.query("SELECT DISTINCT ?s WHERE { ?s a irdc:Session }",
                                                    use_default_graph_as_union=True,
                                                    prefixes={"irdc": "https://w3id.org/irdc/ontology#"})}
    assert set(s) == expected
    # Only announced (the 23rd meeting, due in Russia in 2026): planned.
    assert s[SESSION + "irigc-mmtc/23"]["status"] == "planned"
    assert s[SESSION + "annual-summit/23"]["date"] == "2025-12"
    # Reported as planned before it, and as held after: held.
    assert "status" not in s[SESSION + "irigc-mmtc/22"]
    assert g.edges[SESSION + "two-plus-two/1", SESSION + "annual-summit/2021-12-06"]["type"] == "onSidelinesOf"
    assert all(g.edges[n, d["body"]]["type"] == "sessionOf" for n, d in s.items())
    # As of a day, only sessions known to be on or before it; a month-only date counts once the month is over.
    mid_dec = views.sessions(facts, "2025-12-15")
    assert SESSION + "annual-summit/23" not in mid_dec
    assert SESSION + "annual-summit/23" in views.sessions(facts, "2025-12-31")
    assert {d.get("ordinal") for n, d in views.sessions(facts, "2024-12-01").nodes(data=True)
            if d["type"] == "Session" and d["body"] == BODY + "wg-mtc-di"} == {22}


HOLDERS = """
body:c a irdc:Body, irdc:Commission ; skos:prefLabel "Commission"@en ; schema:foundingDate "2018"^^xsd:gYear .
body:wg a irdc:Body, irdc:WorkingGroup ; skos:prefLabel "Group"@en ; org:subOrganizationOf body:c ;
  schema:foundingDate "2019"^^xsd:gYear .
post:chief a org:Post ; skos:prefLabel "Chief of Staff"@en ; irdc:holding post:chief-a, post:chief-b .
post:chief-a a irdc:PostHolding ; irdc:post post:chief ; irdc:person person:a ;
  schema:startDate "2019-01-01"^^xsd:date ; schema:endDate "2022-06-30"^^xsd:date .
post:chief-b a irdc:PostHolding ; irdc:post post:chief ; irdc:person person:b ;
  irdc:attestedOn "2023-03-01"^^xsd:date .
person:a a schema:Person ; skos:prefLabel "Person A"@en .
person:b a schema:Person ; skos:prefLabel "Person B"@en .
person:r a schema:Person ; skos:prefLabel "Person R"@en .
session:wg-1 a irdc:Session ; irdc:sessionOf body:wg ; irdc:ordinal 1 ; schema:startDate "2021-05-05"^^xsd:date ;
  irdc:coChairing session:wg-1-a .
session:wg-1-a a irdc:CoChairing ; irdc:person person:a ; irdc:side country:india ; irdc:post post:chief ;
  irdc:postTitle "Chief"@en .
session:wg-2 a irdc:Session ; irdc:sessionOf body:wg ; irdc:ordinal 2 ; schema:startDate "2024-02"^^xsd:gYearMonth ;
  irdc:coChairing session:wg-2-r .
session:wg-2-r a irdc:CoChairing ; irdc:person person:r ; irdc:side country:russia ; irdc:postTitle "Head of delegation"@en .
"""


@pytest.mark.parametrize("as_of, india, russia", [
    ("2020-01-01", None, None),                  # no session yet
    ("2021-06-01", "Person A", None),            # A co-chaired and held the post
    ("2022-12-01", None, None),                  # A's term ended, B not yet attested: holder unknown
    ("2023-06-01", "Person B", None),            # the post's holder on the day, not the old co-chair
    ("2024-02-15", "Person B", None),            # session 2 only counts once February is over
    ("2024-03-01", "Person B", "Person R"),      # Russia's side from session 2, India's still from session 1
])
def test_holder_as_of_prefers_the_holding_that_covers_the_date(as_of, india, russia):
    g = views.hierarchy(trig_store(HOLDERS), as_of)
    wg = g.nodes[BODY + "wg"]
    assert wg.get("india_holder") == india
    assert wg.get("russia_holder") == russia
    if as_of > "2021":
        assert wg["india_post"] == "Chief of Staff"  # the post's title, not the session's wording
    if russia:
        assert wg["russia_post"] == "Head of delegation"  # no post node: the co-chairing's own wording
        assert wg["india_session"] == SESSION + "wg-1" and wg["latest_session"] == SESSION + "wg-2"


def test_stated_count_beyond_named_sub_groups():
    store = trig_store("""
body:c a irdc:Body, irdc:Commission ; skos:prefLabel "Commission"@en ; irdc:statedSubGroupCount 3 .
body:s1 a irdc:Body, irdc:SubGroup ; skos:prefLabel "Sub-Group on Ships"@en ; org:subOrganizationOf body:c .
""")
    g = views.hierarchy(store)
    labels = sorted(d["label"] for _n, d in g.nodes(data=True))
    assert labels == ["2 further sub-groups", "Commission", "Sub-Group on Ships"]
    assert views.hierarchy(store, stated_counts=False).number_of_nodes() == 2


def test_synthetic_hierarchy_of_200_bodies():
    g = views.hierarchy(synthetic_store(200))
    assert g.number_of_nodes() == 200 and nx.is_arborescence(g)
    with_chairs = [d for _n, d in g.nodes(data=True) if "india_holder" in d]
    assert len(with_chairs) == 50


def test_parse_as_of_rejects_bad_dates():
    assert parse_day("2025-11-01").isoformat() == "2025-11-01"
    assert parse_day(None) is None
    for bad in ("2025-13-01", "yesterday", "2025/11/01"):
        with pytest.raises(ValueError):
            parse_day(bad)
    assert last_day("2024-02").isoformat() == "2024-02-29"
    assert first_day("2025").isoformat() == "2025-01-01"
