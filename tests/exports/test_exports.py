"""Exports read back to the same nodes and edges (networkx readers, or parsing)."""
from __future__ import annotations

import json

import networkx as nx
import pytest

from kg import exports, views
from kg.cli import main
from kg.dataset.store import open_store


@pytest.fixture(scope="module")
def facts(built):
    return views.read(open_store(built))


def edge_set(g):
    return {(str(u), str(v)) if g.is_directed() else frozenset((str(u), str(v))) for u, v in g.edges}


def read_with_networkx(path, fmt):
    """The independent reader for each format: networkx's own where it has one."""
    if fmt == "graphml":
        return nx.read_graphml(path)
    if fmt == "gexf":
        return nx.read_gexf(path, node_type=None)
    if fmt == "cytoscape":
        return nx.cytoscape_graph(json.loads(path.read_text(encoding="utf-8")))
    return exports.read(path, fmt)


@pytest.mark.parametrize("fmt", exports.FORMATS)
@pytest.mark.parametrize("view", list(views.VIEWS))
def test_exports_read_back_to_the_same_nodes_and_edges(built, facts, tmp_path, view, fmt, capsys):
    out = tmp_path / f"{view}{exports.SUFFIXES[fmt]}"
    assert main(["export", fmt, view, "-o", str(out), "--build", str(built)]) == 0
    g = views.view(view, facts)
    back = read_with_networkx(out, fmt)
    assert set(map(str, back.nodes)) == set(map(str, g.nodes))
    assert edge_set(back) == edge_set(g)
    labels = {str(n): d.get("label") for n, d in back.nodes(data=True)}
    assert labels == {str(n): d["label"] for n, d in g.nodes(data=True)}
    if fmt != "mermaid":
        assert exports.differences(g, exports.read(out, fmt), fmt) == []   # every attribute, typed
    if fmt in ("graphml", "gexf", "dot"):
        assert back.is_directed() == g.is_directed()


def test_export_to_stdout_and_as_of(built, capsys):
    assert main(["export", "dot", "co-chairs", "--as-of", "2024-12-01", "--build", str(built)]) == 0
    text = capsys.readouterr().out
    g = exports.read_dot(text)
    from kg.dataset.store import open_store

    expected = views.co_chair_network(views.read(open_store(built)), "2024-12-01")
    assert set(g.nodes) == set(expected.nodes) and g.number_of_edges() == expected.number_of_edges()
    assert g.graph["as_of"] == "2024-12-01"
    person = "https://w3id.org/irdc/id/person/"
    assert g.edges[person + "sanjeev-kumar", person + "andrey-boytsov"]["weight"] == 1   # only the 22nd by then


def test_mermaid_is_a_flowchart_with_links(facts):
    text = exports.export(views.hierarchy(facts), "mermaid")
    assert text.splitlines()[1] == "flowchart TD"
    assert 'click n0 href "https://w3id.org/irdc/id/body/irigc-mmtc"' in text
    placeholder = next(d for _n, d in views.hierarchy(facts).nodes(data=True) if d["type"] == views.PLACEHOLDER)
    assert f'["{placeholder["label"]}"]' in text


AWKWARD = ['Quote " and backslash \\ here', "Ampersand & <angle> brackets", "Hash # and pipe | too",
           "Ünïcode — dashes", "line\nbreak"]


@pytest.mark.parametrize("fmt", exports.FORMATS)
def test_awkward_characters_survive(fmt):
    g = nx.DiGraph(view="test", as_of="")
    for i, label in enumerate(AWKWARD):
        g.add_node(f"https://example.org/n/{i}", iri=f"https://example.org/n/{i}", label=label.replace("\n", " ")
                   if fmt == "mermaid" else label, type="Thing", count=i, flag=bool(i % 2))
    for i in range(len(AWKWARD) - 1):
        g.add_edge(f"https://example.org/n/{i}", f"https://example.org/n/{i + 1}", iri="https://example.org/p",
                   label=AWKWARD[i].replace("\n", " ") if fmt == "mermaid" else AWKWARD[i], type="rel", weight=i + 1)
    text = exports.export(g, fmt)
    assert exports.differences(g, exports.READERS[fmt](text), fmt) == []


def test_a_broken_export_is_caught(facts, monkeypatch):
    g = views.co_chair_network(facts)
    real = exports.WRITERS["dot"]
    monkeypatch.setitem(exports.WRITERS, "dot",
                        lambda graph: "\n".join(ln for ln in real(graph).splitlines() if " -- " not in ln) + "\n")
    with pytest.raises(exports.ExportError, match="edges differ"):
        exports.export(g, "dot")


def test_cli_rejects_unknown_views(built, capsys):
    assert main(["export", "graphml", "nonsense", "--build", str(built)]) == 2
    assert main(["export", "graphml", "hierarchy", "--as-of", "soon", "--build", str(built)]) == 2
