"""GEXF for Gephi, checked by structure: read with networkx.read_gexf, then the spells,
colours, ids and attributes compared with what the dataset states."""
from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from kg import exports, views
from kg.cli import main
from kg.core.dates import first_day, last_day
from kg.core.schema import schema
from kg.dataset.store import open_store
from kg.exports import gephi

NS = {"g": "http://www.gexf.net/1.2draft", "viz": "http://www.gexf.net/1.2draft/viz"}


@pytest.fixture(scope="module")
def facts(built):
    return views.read(open_store(built))


@pytest.fixture(scope="module")
def combined_file(built, tmp_path_factory):
    out = tmp_path_factory.mktemp("gexf") / "combined.gexf"
    assert main(["export", "gexf", "combined", "-o", str(out), "--build", str(built)]) == 0
    return out


def rgb(hex_colour):
    h = hex_colour.lstrip("#")
    return tuple(int(h[i:i + 2], 16) for i in (0, 2, 4))


def test_combined_graph_holds_every_kind(facts):
    g = views.combined(facts)
    kinds = {d["type"] for _n, d in g.nodes(data=True)}
    assert {"Session", "Person", "Post"} <= kinds
    assert set(views.BODY_TYPES) & kinds
    agreements = {a.iri for a in facts.agreements}
    assert agreements and agreements <= set(g.nodes)
    held_posts = {h.post for hs in facts.holdings.values() for h in hs}
    assert held_posts <= set(g.nodes)
    chairs = {(c.person, c.session) for c in facts.co_chairings if c.session in g}
    assert chairs and chairs <= set(g.edges)
    edge_types = {d["type"] for *_e, d in g.edges(data=True)}
    assert {"sessionOf", "coChair", "holds", "signedAt", "subOrganizationOf"} <= edge_types


def test_gexf_is_dynamic_with_spells_from_the_stated_dates(facts, combined_file):
    root = ET.parse(combined_file).getroot()
    graph = root.find("g:graph", NS)
    assert graph.get("mode") == "dynamic" and graph.get("timeformat") == "date"
    back = nx.read_gexf(combined_file, node_type=None)
    sessions = [s for s in facts.sessions.values() if s.date and s.iri in back]
    assert sessions
    for s in sessions:
        spells = back.nodes[s.iri]["spells"]
        assert spells == [(first_day(s.date).isoformat(), last_day(s.end_date or s.date).isoformat())]
        assert back.nodes[s.iri]["from"] == s.date                 # the stated text kept beside the spell
    undated = [s.iri for s in facts.sessions.values() if not s.date and s.iri in back]
    assert all("spells" not in back.nodes[i] for i in undated)     # no date invented
    holdings = [h for hs in facts.holdings.values() for h in hs if h.start]
    by_edge = {(u, v): d for u, v, d in back.edges(data=True)}
    checked = 0
    for h in holdings:
        d = by_edge.get((h.person, h.post))
        if d is None or d.get("iri") != h.iri:
            continue                                              # a second term of the same post
        start, end = d["spells"][0]
        end = None if end == "None" else end      # networkx reads a spell's absent end as the text "None"
        assert start == first_day(h.start).isoformat()
        assert end == (last_day(h.end).isoformat() if h.end else None)
        checked += 1
    assert checked


def test_gexf_colours_by_side(facts, combined_file):
    colours = {side: rgb(opts["colour"]) for side, opts in schema().sides.items()}
    assert len(set(colours.values())) == len(colours) >= 2
    back = nx.read_gexf(combined_file, node_type=None)
    people = [(n, d) for n, d in back.nodes(data=True) if d.get("type") == "Person" and d.get("side") in colours]
    assert {d["side"] for _n, d in people} == set(colours)
    for _n, d in people:
        c = d["viz"]["color"]
        assert (c["r"], c["g"], c["b"]) == colours[d["side"]]
    # networkx reads viz on nodes only: read the edges' colours from the XML.
    root = ET.parse(combined_file).getroot()
    ids = {a.get("title"): a.get("id") for a in root.iterfind("g:graph/g:attributes[@class='edge']/g:attribute", NS)}
    chair_edges = 0
    for edge in root.iter(f"{{{NS['g']}}}edge"):
        values = {v.get("for"): v.get("value") for v in edge.iterfind("g:attvalues/g:attvalue", NS)}
        side = values.get(ids["side"])
        if values.get(ids["edge_type"]) == "coChair" and side:
            c = edge.find("viz:color", NS)
            assert (int(c.get("r")), int(c.get("g")), int(c.get("b"))) == colours[side]
            chair_edges += 1
    assert chair_edges == sum(1 for *_e, d in views.combined(facts).edges(data=True)
                              if d["type"] == "coChair" and d.get("side") in colours)


def test_ids_are_stable(built, facts, tmp_path):
    first = ET.parse(io.StringIO(exports.export(views.combined(facts), "gexf"))).getroot()
    again = ET.parse(io.StringIO(exports.export(views.combined(views.read(open_store(built))), "gexf"))).getroot()

    def ids(root, tag):
        return [(e.get("id"), e.get("source"), e.get("target")) for e in root.iter(f"{{{NS['g']}}}{tag}")]

    assert ids(first, "node") == ids(again, "node")
    assert ids(first, "edge") == ids(again, "edge")
    nodes = {i for i, *_x in ids(first, "node")}
    assert all(i.startswith("https://w3id.org/irdc/") for i in nodes)   # a node's id is its IRI
    edges = ids(first, "edge")
    assert len({i for i, *_x in edges}) == len(edges)
    assert all(i.startswith(f"{s} ") and i.endswith(f" {t}") for i, s, t in edges)


def test_every_view_round_trips_through_gexf_with_time(facts):
    for name in views.VIEWS:
        g = views.view(name, facts)
        text = exports.export(g, "gexf")                   # raises if the read-back differs
        back = exports.READERS["gexf"](text)
        assert exports.differences(g, back, "gexf") == []


def test_partial_dates_span_their_period():
    assert gephi.spell("2012", "2015-03") == ("2012-01-01", "2015-03-31")
    assert gephi.spell(None, "2020") == (None, "2020-12-31")
    assert gephi.spell(None, None) is None


def test_as_of_keeps_what_had_happened(facts):
    day = "2010-01-01"
    g = views.combined(facts, day)
    for _n, d in g.nodes(data=True):
        if d["type"] == "Session" and "start" in d:
            assert last_day(d["start"]).isoformat() <= day
    assert g.number_of_nodes() < views.combined(facts).number_of_nodes()


def test_the_sessions_view_is_on_the_timeline_too(facts):
    g = views.sessions(facts)
    back = nx.read_gexf(io.BytesIO(exports.export(g, "gexf").encode()), node_type=None)
    dated = [(n, d) for n, d in g.nodes(data=True) if d["type"] == "Session" and "date" in d]
    assert dated
    for n, d in dated:
        assert back.nodes[n]["spells"] == [(first_day(d["date"]).isoformat(),
                                            last_day(d.get("end_date") or d["date"]).isoformat())]
        assert back.nodes[n]["date"] == d["date"]
