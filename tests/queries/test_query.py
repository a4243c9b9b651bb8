"""`kg query` and `kg.query`: the library, parameters, formats, errors, and the
competency questions checked on the real graph and on small hand-made datasets."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pyoxigraph import Literal, NamedNode, Quad, Store

import kg
from kg import queries as Q
from kg.dataset.store import load_store
from kg.cli import main

ROOT = Path(__file__).resolve().parents[2]
ID = "https://w3id.org/irdc/id/"
IRDC = "https://w3id.org/irdc/ontology#"
SCHEMA = "https://schema.org/"
PROV = "http://www.w3.org/ns/prov#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD = "http://www.w3.org/2001/XMLSchema#"


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def store(built):
    return load_store(built)


# ---------------------------------------------------------------- the library

def test_library_has_the_fourteen_competency_questions():
    names = Q.query_names()
    assert len(names) >= 14
    assert set(Q.library.ORDER) <= set(names)


@pytest.mark.parametrize("lib", Q.list_queries(), ids=lambda q: q.name)
def test_every_query_documents_itself_and_runs(lib, store):
    assert lib.title and lib.answers, f"{lib.name}: no Title/Answers header"
    first = lib.text.splitlines()[0]
    assert first.startswith("# Title:")
    for param in lib.params:
        assert param.description, f"{lib.name}: ?{param.name} undescribed"
        assert f"?{param.name}" in lib.text.split("SELECT", 1)[1].split("WHERE", 1)[0], \
            f"{lib.name}: parameter ?{param.name} must be in the SELECT clause"
    for example in lib.examples:
        result = kg.query(lib.name, store=store, params=dict(example))
        assert result.columns


def test_unknown_library_name_lists_names(capsys, built):
    code, out, err = run(capsys, "query", "sesions-of-body", "--build", str(built))
    assert code == 2
    assert "did you mean 'sessions-of-body'" in err
    for name in Q.query_names():
        assert name in err
    assert len(err.strip().splitlines()) == 1


def test_list_and_show(capsys):
    code, out, _ = run(capsys, "query", "--list")
    assert code == 0
    for name in Q.query_names():
        assert name in out
    code, out, _ = run(capsys, "query", "hierarchy", "--show")
    assert code == 0 and out.startswith("# Title: Hierarchy")


# ---------------------------------------------------------------- the real graph

def test_sessions_of_body_in_order_with_co_chairs(store):
    rows = kg.query("sessions-of-body", store=store, body="wg-mtc-di").rows
    assert [r["ordinal"] for r in rows] == [22, 23]
    assert rows[0]["date"] == "2024-11-22"
    assert "2025-10-29" in rows[1]["date"].split(" / ")        # India Today gives the 25th, as the span's first day
    assert [r["place"] for r in rows] == ["New Delhi", "Moscow"]
    assert {r["india_co_chair"] for r in rows} == {"Sanjeev Kumar"}
    assert {r["russia_co_chair"] for r in rows} == {"Andrey A. Boytsov"}


def test_hierarchy_under_the_commission(store):
    rows = kg.query("hierarchy", store=store).rows
    by_body = {r["body"].rsplit("/", 1)[1]: r for r in rows}
    assert by_body["irigc-mmtc"]["level"] == 0
    assert by_body["wg-mc"]["level"] == by_body["wg-mtc-di"]["level"] == 1
    assert by_body["wg-mc"]["parent"] == ID + "body/irigc-mmtc"
    assert "annual-summit" not in by_body
    assert by_body["irigc-mmtc"]["sub_groups_stated"] == 9


def test_conflicts_list_what_sources_dispute_and_not_what_they_refine(store):
    rows = kg.query("conflicts", store=store).rows
    disputed = {(r["session"].rsplit("/id/", 1)[1], r["fact"]) for r in rows}
    # Sourced disagreements the curators recorded: a first day in office, a meeting's first day.
    assert ("post/defence-minister-india/holding/ak-antony", "date") in disputed
    assert ("session/wg-mtc-di/23", "date") in disputed
    compatible = kg.query("conflicts", store=store, verdict="compatible").rows
    assert (ID + "session/wg-mc/5", "place", "Manekshaw Centre is in New Delhi") in {
        (r["session"], r["fact"], r["reason"]) for r in compatible}


def test_post_holders_between_attestations(store):
    rows = kg.query("post-holders-on-date", store=store, date="2025-01-15").rows
    holders = {r["holder"]: r["basis"] for r in rows}
    assert holders["Sanjeev Kumar"] == "between attestations"
    on_day = {r["holder"]: r for r in kg.query("post-holders-on-date", store=store, date="2025-10-29").rows}
    assert on_day["Ashutosh Dixit"]["basis"] == "start date"          # took charge on 1 May 2025
    assert on_day["Sanjeev Kumar"]["basis"] == "attested that day"
    assert {"Rajnath Singh", "Andrei Belousov", "Andrey A. Boytsov", "Igor Nikolaevich Dylevsky"} <= set(on_day)
    charge = {r["holder"]: r["charge"] for r in kg.query("post-holders-on-date", store=store, date="2017-06-23").rows}
    assert charge["Arun Jaitley"] == "additional charge"


def test_missing_ordinals_on_the_real_graph(store, repo):
    from kg.curated import load

    rows = {(r["body"].rsplit("/", 1)[1], r["missing"]): r["count"]
            for r in kg.query("missing-ordinals", store=store)}
    assert rows[("wg-mtc-di", "1-21")] == 21
    # Every number below the highest known one is either known or listed as missing.
    known = {rec.first("ordinal") for rec in load(repo / "seeds")["session"].values()
             if rec.first("body") == "irigc-mmtc" and rec.first("ordinal")}
    listed = set()
    for (body, missing), count in rows.items():
        if body == "irigc-mmtc":
            lo, _, hi = missing.partition("-")
            listed |= set(range(int(lo), int(hi or lo) + 1))
    assert known | listed == set(range(1, max(known) + 1)) and not known & listed
    assert not any(body == "two-plus-two" for body, _ in rows)


def test_sessions_in_country_include_venues_within(store):
    rows = kg.query("sessions-in-place", store=store, place="india").rows
    sessions = {r["session"].split("/session/")[1] for r in rows}
    # wg-mc/5 is placed at the Manekshaw Centre, which lies in New Delhi, which lies in India.
    assert {"wg-mc/5", "wg-mtc-di/22", "irigc-mmtc/20", "irigc-mmtc/18", "two-plus-two/1"} <= sessions
    moscow = {r["session"].split("/session/")[1] for r in kg.query("sessions-in-place", store=store,
                                                                    place="place:moscow").rows}
    assert {"wg-mtc-di/23", "annual-summit/22", "irigc-mmtc/17", "irigc-mmtc/21"} <= moscow
    assert not moscow & sessions


def test_sources_of_a_fact(store):
    rows = kg.query("sources-of", store=store, about="wg-mc/5", property="schema:location").rows
    got = {r["value"].rsplit("/", 1)[1]: {s.split(" (copy of ")[0] for s in r["sources"].split(", ")}
           for r in rows}
    assert {"unattributed-2025-10-29", "nationpress-2025-10-30"} <= got["manekshaw-centre"]
    assert {"newsx-2025-10-31", "unattributed-001"} <= got["new-delhi"]
    assert not got["manekshaw-centre"] & got["new-delhi"]
    assert {r["methods"] for r in rows} == {"curated"}


def test_other_questions_give_results_on_the_real_graph(store):
    assert len(kg.query("timeline", store=store)) >= 10
    dates = kg.query("timeline", store=store, year=2024).column("date")
    assert "2024-07-08" in dates and "2024-11-22" in dates and dates == sorted(dates)
    incomplete = {r["session"].split("/session/")[1]: r["missing"] for r in kg.query("incomplete-sessions", store=store)}
    assert incomplete["irigc-mmtc/11"] == "India's co-chair, Russia's co-chair"
    assert incomplete["annual-summit/23"] == "exact day"
    per_year = kg.query("sessions-per-year", store=store, body="wg-mtc-di").rows
    assert [(r["year"], r["sessions"]) for r in per_year] == [("2024", 1), ("2025", 1)]
    agreements = {r["agreement"].rsplit("/", 1)[1]: r for r in kg.query("agreements", store=store)}
    assert agreements["protocol-wg-mtc-di-23"]["place"] == "Moscow"
    assert agreements["protocol-wg-mtc-di-23"]["session_co_chairs"]
    people = kg.query("people-in-several-bodies", store=store, min_bodies=1).rows
    assert {r["name"] for r in people} >= {"Sanjeev Kumar", "Igor Nikolaevich Dylevsky", "Rajnath Singh"}
    single = kg.query("single-source-facts", store=store, source="newsx-2025-10-31").rows
    assert any(r["property"] == IRDC + "signedOn" and r["subject"].endswith("protocol-wg-mtc-di-23") for r in single)
    assert all(r["source"].endswith("newsx-2025-10-31") for r in single)


def test_union_default_graph_and_graph_keyword(store, repo):
    from kg.curated import load

    curated = load(repo / "seeds")
    n = kg.query("SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", store=store).rows[0]["n"]
    assert n == len(curated["source"])            # one graph per registered source
    sessions = kg.query("SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a irdc:Session }", store=store).rows[0]["n"]
    assert sessions == len(curated["session"])
    methods = kg.query("SELECT DISTINCT ?m WHERE { GRAPH ?g { ?g irdc:method ?m } }", store=store).column("m")
    assert methods == [IRDC + "Curated"]


# ---------------------------------------------------------------- hand-made datasets

def _store(*quads) -> Store:
    s = Store()
    for q in quads:
        s.add(Quad(*q))
    return s


def N(local: str) -> NamedNode:
    if local.startswith(("irdc:", "schema:")):
        pfx, name = local.split(":", 1)
        return NamedNode((IRDC if pfx == "irdc" else SCHEMA) + name)
    return NamedNode(ID + local)


def G(src: str, method: str = "curated") -> NamedNode:
    return NamedNode(f"https://w3id.org/irdc/graph/{method}/{src}")


def provenance(src: str, method: str = "curated"):
    g = G(src, method)
    yield g, NamedNode(PROV + "wasDerivedFrom"), N(f"source/{src}"), g
    yield g, NamedNode(IRDC + "method"), NamedNode(IRDC + method.capitalize()), g


def session(slug, body, graph, ordinal=None, date=None, place=None):
    s = N(f"session/{slug}")
    yield s, NamedNode(RDF_TYPE), N("irdc:Session"), graph
    yield s, N("irdc:sessionOf"), N(f"body/{body}"), graph
    if ordinal is not None:
        yield s, N("irdc:ordinal"), Literal(str(ordinal), datatype=NamedNode(XSD + "integer")), graph
    if date is not None:
        dtype = {4: "gYear", 7: "gYearMonth", 10: "date"}[len(date)]
        yield s, N("schema:startDate"), Literal(date, datatype=NamedNode(XSD + dtype)), graph
    if place is not None:
        yield s, N("schema:location"), N(f"place/{place}"), graph


def chair(slug, person, side, graph):
    s, c = N(f"session/{slug}"), N(f"session/{slug}/co-chair/{person}")
    yield s, N("irdc:coChairing"), c, graph
    yield c, N("irdc:person"), N(f"person/{person}"), graph
    yield c, N("irdc:side"), N(f"country/{side}"), graph
    yield N(f"person/{person}"), N("schema:name"), Literal(person.title()), graph


def places(graph):
    for child, parent in (("venue", "city"), ("city", "country")):
        yield N(f"place/{child}"), N("schema:containedInPlace"), N(f"place/{parent}"), graph
        yield N(f"place/{child}"), N("schema:name"), Literal(child.title()), graph
    yield N("place/elsewhere"), N("schema:name"), Literal("Elsewhere"), graph
    yield N("country/india"), N("schema:name"), Literal("India"), graph


def test_conflicts_on_a_small_dataset():
    a, b = G("a"), G("b")
    quads = [*provenance("a"), *provenance("b"), *places(a),
             *session("wg/1", "wg", a, 1, "2020-01-01", "venue"), *session("wg/1", "wg", b, 1, "2020-01-02", "city"),
             *session("wg/2", "wg", a, 2, "2021-05", "city"), *session("wg/2", "wg", b, 2, "2021-05-07", "elsewhere"),
             *chair("wg/2", "ram", "india", a), *chair("wg/2", "shyam", "india", b)]
    store = _store(*quads)
    conflicts = {(r["session"].split("/session/")[1], r["fact"]): (r["value_a"], r["value_b"], r["sources_a"], r["sources_b"])
                 for r in kg.query("conflicts", store=store)}
    assert conflicts == {
        ("wg/1", "date"): ("2020-01-01", "2020-01-02", "a", "b"),
        ("wg/2", "place"): ("City", "Elsewhere", "a", "b"),
        ("wg/2", "co-chair (India)"): ("Ram", "Shyam", "a", "b"),
    }
    compatible = {(r["session"].split("/session/")[1], r["fact"]): r["reason"]
                  for r in kg.query("conflicts", store=store, verdict="compatible")}
    assert compatible == {("wg/1", "place"): "Venue is in City", ("wg/2", "date"): "one date refines the other"}


def test_missing_ordinals_on_a_small_dataset():
    g = G("a")
    quads = [*provenance("a")]
    for n in (2, 3, 5, 8):
        quads += session(f"wg/{n}", "wg", g, n)
    quads += session("other/1", "other", g, 1)
    rows = [(r["body"].rsplit("/", 1)[1], r["missing"], r["count"], r["known_before"], r["known_after"])
            for r in kg.query("missing-ordinals", store=_store(*quads))]
    assert rows == [("wg", "1", 1, None, 2), ("wg", "4", 1, 3, 5), ("wg", "6-7", 2, 5, 8)]


def test_sources_of_and_single_source_facts_with_an_extracted_graph():
    cur, ext, other = G("doc"), G("doc", "extracted"), G("other")
    ev = N("evidence/1")
    quads = [*provenance("doc"), *provenance("doc", "extracted"), *provenance("other"),
             *session("wg/1", "wg", cur, 1, "2020-01-01"), *session("wg/1", "wg", ext, None, "2020-01-01"),
             *session("wg/1", "wg", other, 1),
             (N("session/wg/1"), N("irdc:evidence"), ev, ext),
             (ev, N("irdc:evidenceFor"), N("schema:startDate"), ext),
             (ev, N("irdc:quote"), Literal("It met on 1 January 2020."), ext)]
    store = _store(*quads)
    rows = kg.query("sources-of", store=store, about="session:wg/1", property="schema:startDate").rows
    assert len(rows) == 1
    assert rows[0]["sources"].split(", ") == ["doc"] and rows[0]["n_sources"] == 1
    assert set(rows[0]["methods"].split(", ")) == {"curated", "extracted"}
    assert rows[0]["evidence"] == "It met on 1 January 2020."
    single = {(r["source"].rsplit("/", 1)[1], r["property"]) for r in kg.query("single-source-facts", store=store)}
    # The date is stated by one source (in two of its graphs); the ordinal by two sources.
    assert ("doc", SCHEMA + "startDate") in single
    assert not any(p == IRDC + "ordinal" for _, p in single)
    assert not any(p == IRDC + "quote" or p == IRDC + "evidence" for _, p in single)


def test_a_syndicated_copy_is_not_a_second_source():
    orig, copy, indep = G("orig"), G("copy"), G("indep")
    dup = (N("source/copy"), N("irdc:duplicateOf"), N("source/orig"), copy)
    quads = [*provenance("orig"), *provenance("copy"), *provenance("indep"), dup,
             *session("wg/1", "wg", orig, 1, "2020-01-01"), *session("wg/1", "wg", copy, 1, "2020-01-01"),
             *session("wg/2", "wg", orig, 2), *session("wg/2", "wg", indep, 2)]
    single = {(r["source"].rsplit("/", 1)[1], r["subject"].split("/session/")[1], r["property"])
              for r in kg.query("single-source-facts", store=_store(*quads))}
    # Stated by a report and its copy: one source, listed once, under the original.
    assert ("orig", "wg/1", SCHEMA + "startDate") in single
    assert not any(src == "copy" and p == SCHEMA + "startDate" for src, _, p in single)
    # Stated by two independent reports: corroborated.
    assert not any(subject == "wg/2" and p == IRDC + "ordinal" for _, subject, p in single)


# ---------------------------------------------------------------- parameters

def test_parameter_forms(store):
    iri = ID + "body/wg-mc"
    results = []
    for value in ("wg-mc", "body:wg-mc", iri, f"<{iri}>", NamedNode(iri)):
        rows = kg.query("sessions-of-body", store=store, body=value).rows
        results.append([r["session"] for r in rows])
        assert ID + "session/wg-mc/5" in results[-1] and all("/wg-mc/" in r for r in results[-1]), value
    assert all(r == results[0] for r in results)
    assert Q.to_term("2025-10-29", "date") == Literal("2025-10-29", datatype=NamedNode(XSD + "date"))
    assert Q.to_term("2025-12", "date").datatype == NamedNode(XSD + "gYearMonth")
    assert Q.to_term("india", "place|country", store) == NamedNode(ID + "country/india")
    assert Q.to_term("moscow", "place|country", store) == NamedNode(ID + "place/moscow")
    assert Q.to_term('"Moscow"@en') == Literal("Moscow", language="en")
    assert Q.to_term('"2025"^^xsd:gYear') == Literal("2025", datatype=NamedNode(XSD + "gYear"))
    assert Q.to_term("7") == Literal("7", datatype=NamedNode(XSD + "integer"))


def test_parameter_errors(capsys, built):
    code, _, err = run(capsys, "query", "sessions-of-body", "-p", "body=wg-mcc", "--build", str(built))
    assert code == 2 and "no body 'wg-mcc'" in err and "did you mean 'wg-mc'" in err
    code, _, err = run(capsys, "query", "post-holders-on-date", "--build", str(built))
    assert code == 2 and "needs --param date=" in err
    code, _, err = run(capsys, "query", "hierarchy", "-p", "nope=1", "--build", str(built))
    assert code == 2 and "no variable ?nope" in err and "?root" in err
    code, _, err = run(capsys, "query", "post-holders-on-date", "-p", "date=2025-02-30", "--build", str(built))
    assert code == 2 and "impossible date" in err
    # A variable outside the SELECT clause is bound too (a VALUES block; tests/queries/test_bind_any.py).
    code, out, err = run(capsys, "query", "SELECT ?s WHERE { ?s ?p ?x }", "-p", "x=1", "--build", str(built))
    assert code == 0 and "SELECT clause" not in err and "session:" in out


def test_values_are_bound_not_pasted(store):
    nasty = 'x" } } ; DROP ALL ; SELECT * { ?s ?p "'
    rows = kg.query("SELECT ?v WHERE { }", store=store, v=nasty).rows
    assert rows == [{"v": nasty}]
    rows = kg.query("SELECT ?name WHERE { ?person schema:name ?name }", store=store, name=nasty).rows
    assert rows == []
    assert len(store) > 0


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_any_text_round_trips_as_a_literal(text):
    store = Store()
    result = kg.query("SELECT ?v WHERE { }", store=store, params={"v": f'"{text}"' if text.startswith('"') else text})
    value = result.rows[0]["v"]
    expected = Q.python_value(Q.to_term(f'"{text}"' if text.startswith('"') else text))
    assert value == expected


# ---------------------------------------------------------------- read-only, syntax errors, timeouts

@pytest.mark.parametrize("update", [
    "INSERT DATA { <a:x> <a:y> <a:z> }",
    "PREFIX a: <http://a#>  # a comment with INSERT\nDELETE WHERE { ?s ?p ?o }",
    "  load <http://example.org/x.ttl>",
    "BASE <http://a/> CLEAR ALL",
    "# SELECT ?x\nDROP GRAPH <a:g>",
    "WITH <a:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
])
def test_updates_are_refused(capsys, built, update):
    code, out, err = run(capsys, "query", update, "--build", str(built))
    assert code == 2 and out == ""
    assert err.startswith("kg: refused: this is a SPARQL update")


def test_first_keyword_skips_prologue():
    assert Q.first_keyword("PREFIX s: <https://schema.org/#x>\n# DELETE\nSELECT * {}") == "SELECT"
    assert Q.first_keyword("prefix : <a:> ask {}") == "ASK"


def test_syntax_error_gives_line_and_column(capsys, built):
    code, out, err = run(capsys, "query", "SELECT ?x\nWHERE {\n  ?x ?y ?z .\n  FILTER(\n}", "--build", str(built))
    assert code == 2
    assert "line 5, column 2" in err and err.startswith("kg: query:5:2:")
    assert len(err.strip().splitlines()) == 1


def test_syntax_error_in_a_file_names_the_file(capsys, built, tmp_path):
    bad = tmp_path / "bad.rq"
    bad.write_text("# comment\nSELECT ?x WHERE { ?x ?y }\n\n")
    code, _, err = run(capsys, "query", str(bad), "--build", str(built))
    assert code == 2 and f"{bad}:2:26:" in err and "line 2, column 26" in err


def test_timeout(capsys, built):
    heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    code, _, err = run(capsys, "query", heavy, "--timeout", "0.2", "--build", str(built))
    assert code == 3 and "longer than 0.2 s" in err
    with pytest.raises(Q.QueryTimeout):
        kg.query(heavy, build=built, timeout=0.2)


def test_not_built(capsys, tmp_path):
    code, _, err = run(capsys, "query", "hierarchy", "--build", str(tmp_path))
    assert code == 2 and "kg build" in err


# ---------------------------------------------------------------- formats and Python results

def test_formats(capsys, built):
    args = ["query", "sessions-of-body", "-p", "body=wg-mtc-di", "--build", str(built)]
    code, out, _ = run(capsys, *args)
    assert code == 0 and out.splitlines()[0].split()[:3] == ["body", "ordinal", "session"]
    assert "body:wg-mtc-di" in out and "session:wg-mtc-di/22" in out
    code, out, _ = run(capsys, *args, "--format", "csv")
    assert out.splitlines()[1].startswith(ID + "body/wg-mtc-di,22,")
    code, out, _ = run(capsys, *args, "--format", "tsv")
    assert out.splitlines()[1].split("\t")[1] == "22"
    code, out, _ = run(capsys, *args, "--format", "md")
    assert out.startswith("| body | ordinal |") and out.splitlines()[1].startswith("|---|")
    code, out, _ = run(capsys, *args, "--format", "json")
    doc = json.loads(out)
    assert doc["head"]["vars"][:3] == ["body", "ordinal", "session"]
    first = doc["results"]["bindings"][0]
    assert first["body"] == {"type": "uri", "value": ID + "body/wg-mtc-di"}
    assert first["ordinal"] == {"type": "literal", "value": "22", "datatype": XSD + "integer"}
    assert "status" not in first or first["status"]["type"] == "literal"


def test_ask_and_construct(capsys, built):
    code, out, _ = run(capsys, "query", "ASK { ?s a irdc:Session }", "--format", "json", "--build", str(built))
    assert json.loads(out) == {"head": {}, "boolean": True}
    result = kg.query("CONSTRUCT { ?s a irdc:Session } WHERE { ?s a irdc:Session }", build=built)
    assert result.columns == ["subject", "predicate", "object"] and len(result) >= 8


def test_python_result_rows_and_dataframe(store):
    result = kg.query("sessions-of-body", store=store, body="wg-mtc-di")
    assert isinstance(result.rows[0], dict)
    assert [(r["ordinal"], r["place"]) for r in result] == [(22, "New Delhi"), (23, "Moscow")]
    pd = pytest.importorskip("pandas")
    df = result.df
    assert isinstance(df, pd.DataFrame)
    assert list(df.columns) == result.columns and list(df["ordinal"]) == [22, 23]
    assert result.to_json()["head"]["vars"] == result.columns


def test_query_path_imports_no_heavy_modules(built):
    code = ("import sys; from kg.cli import main; rc = main(['query', 'hierarchy', '--build', sys.argv[1]]);"
            "heavy = sorted(m for m in sys.modules if m.split('.')[0] in "
            "('rdflib', 'matplotlib', 'spacy', 'pyshacl', 'pandas', 'networkx', 'yaml', 'ruamel'));"
            "print('HEAVY', heavy); sys.exit(rc)")
    done = subprocess.run([sys.executable, "-c", code, str(built)], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert "HEAVY []" in done.stdout
