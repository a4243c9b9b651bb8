"""kg conflicts, kg review and kg accept, on a project copy with hand-made extracted facts."""
from __future__ import annotations

from click.testing import CliRunner

from kg.builder import build
from kg.cli import cli
from kg.review.conflicts import find_conflicts
from kg.curated import load
from kg.builder.extracted import facts_quads
from kg.review.accept import accept
from kg.review.pending import pending
from kg.dataset.store import open_store
from tests.builder.test_extracted_rdf import FACTS, TEXT


def build_with_facts(project, facts=FACTS):
    out = project / "build"
    build(root=project, out=out, extra=[lambda root, cur: facts_quads(facts, cur)])
    return open_store(out)


def test_conflicts_show_both_sides_with_evidence(project):
    facts = {"documents": [{"document": "wire.txt", "sessions": [{
        "body": "wg-mtc-di", "ordinal": 22, "date": "2024-11-21",
        "co_chairs": [{"name": "Someone Else", "country": "India",
                       "evidence": {"quote": "Someone Else led India's side.", "start": 5, "end": 36, "rule": "led-by"}}],
        "evidence": {"date": {"quote": "It met on 21 November.", "start": 40, "end": 62, "rule": "date"}}}]}]}
    store = build_with_facts(project, facts)
    found = {(c.session.rsplit("/", 2)[-2:][0] + "/" + c.session.rsplit("/", 1)[-1], c.what) for c in find_conflicts(store)}
    assert found == {("wg-mtc-di/22", "date"), ("wg-mtc-di/22", "co-chair (India)")}
    result = CliRunner().invoke(cli, ["conflicts", "--build", str(project / "build"), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert "2024-11-21,article-wire,extracted,[40:62] It met on 21 November." in result.output
    assert "2024-11-22,unattributed-2024-11-22,curated,(curated record)" in result.output
    assert "Someone Else" in result.output and "Sanjeev Kumar" in result.output


def test_compatible_values_are_not_conflicts(built):
    # The curated WG-MC 5th session: Manekshaw Centre in two sources, New Delhi in two others.
    assert find_conflicts(open_store(built)) == []


def test_review_then_accept_then_rebuild(project):
    store = build_with_facts(project)
    before = {p.statement.session.rsplit("session/", 1)[-1] + " " + p.statement.what: p for p in pending(store)}
    assert "wg-mc/6 date" in before and "wg-mc/6 co-chair" in before and "wg-mc/6 place" in before
    # Facts the curated graph already holds are not pending: wg-mtc-di/22's place is New Delhi in both.
    assert "wg-mtc-di/22 place" not in before

    result = CliRunner().invoke(cli, ["review", "--build", str(project / "build")])
    assert result.exit_code == 0 and before["wg-mc/6 date"].id in result.output

    sessions = project / "seeds" / "curated" / "sessions.yaml"
    original = sessions.read_text()
    chosen = [p.id for p in pending(store) if p.statement.session.endswith("/wg-mc/6")]
    assert len(chosen) == 5  # the session, its date, its place and two co-chairs
    changed = accept(chosen, project, store)
    assert sessions in changed and project / "seeds" / "sources.yaml" in changed
    text = sessions.read_text()
    # Round trip: every original line (comments included) is still there, in order.
    assert text.startswith(original.rstrip("\n"))
    assert "# The NewsX text refers to the Indian co-chair only as \"He\" (the IDS)." in text
    assert ("\n\n  - body: wg-mc\n    ordinal: 6\n    date: 2026-03-03\n    place: moscow\n    co_chairs:\n"
            "      - person: petrov\n        side: russia\n      - person: ashutosh-dixit\n        side: india\n"
            "    sources: [article-our-report]\n") in text
    assert text.endswith("    sources: [article-our-report]\n")
    assert "article-our-report" in (project / "seeds" / "sources.yaml").read_text()
    people = (project / "seeds" / "curated" / "people.yaml").read_text()
    assert "id: petrov" in people and "name: A. Petrov" in people

    curated = load(project / "seeds")  # the accepted YAML loads cleanly
    assert curated["session"]["wg-mc/6"].first("date") == "2026-03-03"
    store = build_with_facts(project)
    after = {p.statement.session.rsplit("session/", 1)[-1] + " " + p.statement.what for p in pending(store)}
    assert not any(k.startswith("wg-mc/6") for k in after)


def test_accept_unknown_id_is_a_clear_error(project):
    build_with_facts(project)
    result = CliRunner().invoke(cli, ["accept", "xdeadbeef", "--build", str(project / "build"), "--root", str(project)])
    assert result.exit_code != 0
    assert "no pending extracted fact with id xdeadbeef" in str(result.exception)


def test_accept_refuses_a_contradiction_and_writes_nothing(project):
    store = build_with_facts(project)
    clash = next(p for p in pending(store) if p.statement.session.endswith("/wg-mtc-di/22") and p.statement.what == "date")
    before = {p: p.read_text() for p in (project / "seeds").rglob("*.yaml")}
    result = CliRunner().invoke(cli, ["accept", clash.id, "--build", str(project / "build"), "--root", str(project)])
    assert result.exit_code != 0
    message = str(result.exception)
    assert "this article says '2024-11-21' but the curated data says '2024-11-22'" in message
    assert {p: p.read_text() for p in (project / "seeds").rglob("*.yaml")} == before


def test_facts_already_curated_are_not_pending(project):
    facts = {"documents": [{"document": "another.txt", "sessions": [
        {"body": "wg-mc", "ordinal": 5, "date": "2025-10-29", "place": "New Delhi"}]}]}
    store = build_with_facts(project, facts)
    # The session, its date and New Delhi are curated already (from other sources): nothing to review.
    assert pending(store) == []
