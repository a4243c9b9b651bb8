"""Each extracted graph is validated on its own in the curated context, with one reused
validator: the verdicts must be those of validating each graph afresh, and one graph's
triples must never leak into the next one's check."""
from __future__ import annotations

from pyoxigraph import NamedNode, RdfFormat, parse

from kg.builder.run import check
from kg.builder.validate import Shapes, validate, validate_each
from tests.builder.test_shapes import BASE, HEAD
from tests.conftest import REPO

SHAPES = Shapes.load(REPO / "ontology" / "shapes.ttl", REPO / "ontology" / "irdc.ttl")
X = "https://w3id.org/irdc/graph/extracted/"


def article(name: str, body: str) -> str:
    return f"""<{X}{name}> {{
  <{X}{name}> a irdc:FactGraph ; prov:wasDerivedFrom <https://w3id.org/irdc/id/source/{name}> ;
      irdc:method irdc:Extracted .
  <https://w3id.org/irdc/id/source/{name}> a schema:NewsArticle , schema:CreativeWork .
  {body}
}}
"""


ARTICLES = {
    "fine": "s:wg-9 a irdc:Session ; irdc:sessionOf b:wg ; irdc:ordinal 9 .",
    "no-body": "s:wg-7 a irdc:Session ; irdc:ordinal 7 .",
    # Only the context says when the group was founded: the check must see it.
    "too-early": "s:wg-8 a irdc:Session ; irdc:sessionOf b:wg ; irdc:ordinal 8 ; "
                 "schema:startDate \"1990-05-01\"^^xsd:date .",
    "also-fine": "s:wg-1 a irdc:Session ; irdc:sessionOf b:wg ; irdc:ordinal 1 ; "
                 "schema:startDate \"2020-01-10\"^^xsd:date .",
}


def quads(text: str):
    return list(parse((HEAD + text).encode(), format=RdfFormat.TRIG))


def context():
    founded = "b:wg schema:foundingDate \"2001-01-01\"^^xsd:date ."
    return [q for q in quads(BASE % (founded, "")) if not q.subject.value.startswith("https://w3id.org/irdc/id/session/")]


def test_each_graph_gets_the_verdict_of_a_fresh_validation():
    ctx = context()
    extracted = quads("".join(article(n, b) for n, b in ARTICLES.items()))
    reports = validate_each(extracted, ctx, SHAPES)
    assert {g.value.rsplit("/", 1)[-1] for g in reports} == set(ARTICLES)
    for graph, report in reports.items():
        fresh = validate([q for q in extracted if q.graph_name == graph] + ctx, SHAPES)
        assert (report.conforms, report.violations) == (fresh.conforms, fresh.violations), graph
    verdict = {g.value.rsplit("/", 1)[-1]: r.conforms for g, r in reports.items()}
    assert verdict == {"fine": True, "no-body": False, "too-early": False, "also-fine": True}
    assert "lifespan" in reports[NamedNode(X + "too-early")].text()


def test_a_broken_graph_does_not_leak_into_the_next_check():
    ctx = context()
    # Alphabetical order checks "a-broken" first; its session has no body and a second
    # ordinal for the session "b-fine" describes.
    broken = article("a-broken", "s:wg-9 a irdc:Session ; irdc:ordinal 10 .")
    fine = article("b-fine", ARTICLES["fine"])
    reports = validate_each(quads(broken + fine), ctx, SHAPES)
    assert not reports[NamedNode(X + "a-broken")].conforms
    assert reports[NamedNode(X + "b-fine")].conforms, reports[NamedNode(X + "b-fine")].text()


def test_the_build_leaves_a_broken_article_out_and_keeps_the_rest():
    curated = quads(BASE % ("b:wg schema:foundingDate \"2001-01-01\"^^xsd:date .", ""))
    extracted = quads("".join(article(n, b) for n, b in ARTICLES.items()))
    report = check(curated, extracted, SHAPES)
    assert report.conforms  # the curated record is sound; the articles do not make it fail
    assert sorted(g.rsplit("/", 1)[-1] for g in report.left_out) == ["no-body", "too-early"]
    warned = [v for v in report.violations if "left out of the build" in v.message]
    assert warned and all(v.severity == "Warning" for v in warned)


def test_graphs_that_describe_each_others_nodes_are_never_checked_together():
    from kg.builder.validate import batches, by_graph

    text = (article("one", "s:wg-9 a irdc:Session ; irdc:sessionOf b:wg ; irdc:ordinal 9 .")
            + article("two", "s:wg-9 schema:location <https://w3id.org/irdc/id/place/x> .")
            + article("three", "s:wg-6 a irdc:Session ; irdc:sessionOf b:wg ; irdc:ordinal 6 ."))
    groups = batches(by_graph(quads(text)))
    together = [{g.value.rsplit("/", 1)[-1] for g in group} for group in groups]
    assert not any({"one", "two"} <= group for group in together)  # both describe s:wg-9
    assert any({"one", "three"} <= group for group in together)    # independent: one run


def test_a_group_that_conforms_gives_each_graph_the_fresh_verdict():
    ctx = context()
    # Many independent, valid articles: checked as groups, each must still conform alone.
    text = "".join(article(f"ok-{n}", f"s:wg-{n} a irdc:Session ; irdc:sessionOf b:wg ; irdc:ordinal {n} .")
                   for n in range(3, 40))
    extracted = quads(text)
    reports = validate_each(extracted, ctx, SHAPES)
    assert len(reports) == 37 and all(r.conforms for r in reports.values())
    one = NamedNode(X + "ok-7")
    assert validate([q for q in extracted if q.graph_name == one] + ctx, SHAPES).conforms
