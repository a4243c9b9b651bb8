"""kg conflicts, kg review and kg accept, on a project copy with hand-made extracted facts."""
from __future__ import annotations

import os
import shutil

import pytest
from click.testing import CliRunner

from kg.builder import build
from kg.builder.extracted import facts_quads
from kg.cli import cli, main
from kg.core import journal
from kg.curated import load
from kg.dataset.statements import SessionStatements
from kg.dataset.store import open_store
from kg.review.accept import accept
from kg.review.conflicts import find_conflicts
from kg.review.pending import pending
from tests.builder.test_extracted_rdf import FACTS

ID = "https://w3id.org/irdc/id/"


def build_with_facts(project, facts=FACTS):
    out = project / "build"
    build(root=project, out=out, extra=[lambda root, cur: facts_quads(facts, cur)])
    return open_store(out)


@pytest.fixture(scope="module")
def shared_build(tmp_path_factory):
    """FACTS built once over a copy of the project's seeds: the tests that accept from it
    each get their own fresh copy of the same seeds (a build takes a while on two cores)."""
    from tests.conftest import REPO

    base = tmp_path_factory.mktemp("shared")
    for name in ("ontology", "seeds"):
        shutil.copytree(REPO / name, base / name, ignore=shutil.ignore_patterns("reports"))
    store = build_with_facts(base)
    return base / "build", store


@pytest.fixture
def built_project(project, shared_build):
    """A fresh project copy and the store built from the same seeds with FACTS."""
    build_dir, store = shared_build
    return project, build_dir, store


def short(iri: str) -> str:
    return iri.split("/id/", 1)[1].split("/", 1)[1]


def by_key(store) -> dict:
    return {f"{short(p.statement.session)} {p.statement.what}": p for p in pending(store)}


def subsequence(lines: list[str], text: str) -> bool:
    """Every line of `lines` is in `text`, in the same order."""
    it = iter(text.splitlines())
    return all(any(line == other for other in it) for line in lines)


def test_conflicts_the_article_adds_show_both_sides_with_evidence(project):
    facts = {"documents": [{"document": "wire.txt", "sessions": [{
        "body": "wg-mtc-di", "ordinal": 22, "date": "2024-11-21",
        "co_chairs": [{"name": "Someone Else", "country": "India",
                       "evidence": {"quote": "Someone Else led India's side.", "start": 5, "end": 36, "rule": "led-by"}}],
        "evidence": {"date": {"quote": "It met on 21 November.", "start": 40, "end": 62, "rule": "date"}}}]}]}
    store = build_with_facts(project, facts)
    # The curated sources disagree among themselves too; the baseline is the data's: the
    # conflicts this article takes part in are the ones it adds.
    found = {(short(c.session), c.what) for c in find_conflicts(store)
             if any(s.method == "extracted" for s in c.statements)}
    assert found == {("wg-mtc-di/22", "date"), ("wg-mtc-di/22", "co-chair (India)")}
    result = CliRunner().invoke(cli, ["conflicts", "--build", str(project / "build"), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert "2024-11-21,article-wire,extracted,[40:62] It met on 21 November." in result.output
    curated_date = next(s for s in SessionStatements(store).statements if s.method == "curated"
                        and short(s.session) == "wg-mtc-di/22" and s.what == "date")
    assert f"{curated_date.value},{curated_date.source.rsplit('/', 1)[-1]},curated,(curated record)" in result.output
    assert "Someone Else" in result.output and "Sanjeev Kumar" in result.output


def test_compatible_values_are_not_conflicts(store):
    # WG-MC's 5th session: some sources say Manekshaw Centre, others New Delhi, which holds it.
    facts = SessionStatements(store)
    places = {facts.label(s.value) for s in facts.statements if short(s.session) == "wg-mc/5" and s.what == "place"}
    assert len(places) > 1, places  # the data does give more than one place
    assert not any(short(c.session) == "wg-mc/5" and c.what == "place" for c in find_conflicts(facts))


def test_review_then_accept_then_rebuild(built_project):
    project, build_dir, store = built_project
    before = by_key(store)
    for key in ("wg-mc/6 date", "wg-mc/6 co-chair", "wg-mc/6 place", "wg-mc/6 signed",
                "defence-secretary-india holding", "x-deputy-minister-of-industry-russia holding",
                "x-petrov-moscow-2026-03-05 visit"):
        assert key in before, sorted(before)
    # Facts the curated graph already holds are not pending: wg-mtc-di/22's place is New Delhi in both.
    assert "wg-mtc-di/22 place" not in before

    result = CliRunner().invoke(cli, ["review", "--build", str(build_dir)])
    assert result.exit_code == 0
    for key in ("wg-mc/6 date", "defence-secretary-india holding", "x-petrov-moscow-2026-03-05 visit"):
        assert before[key].id in result.output

    register = project / "seeds" / "sources.yaml"
    original_register = register.read_text()
    os.chmod(register, 0o644)
    mine = project / "seeds" / "curated" / "sources" / "article-our-report.yaml"
    assert not mine.exists()
    chosen = [p.id for p in pending(store) if "wg-mtc-di/22" not in p.statement.session
              and "subgroup-aviation" not in p.statement.session]
    changed = accept(chosen, project, store)
    assert changed == sorted([mine, register])
    text = mine.read_text()
    assert text.startswith("source: article-our-report\nsessions:\n  - body: wg-mc\n    ordinal: 6\n")
    assert "sources:" not in text  # the file's source states everything in it
    assert ("    co_chairs:\n      - person: petrov\n        side: russia\n"
            "      - person: ashutosh-dixit\n        side: india\n        post: defence-secretary-india\n"
            "        post_title: Defence Secretary\n    signed:\n      - type: protocol\n") in text
    assert "people:\n  - id: petrov\n    name: A. Petrov\n" in text
    assert ("  - id: defence-secretary-india\n    holders:\n      - person: ashutosh-dixit\n"
            "        attested_on: [2026-03-04]\n") in text
    assert "  - id: deputy-minister-of-industry-russia\n    side: russia\n    title: Deputy Minister of Industry\n" in text
    assert "visits:\n  - id: petrov-moscow-2026-03-05\n    visitor: petrov\n    place: moscow\n    date: 2026-03-05\n" in text
    # The register keeps every line, and the new source has the fields the article states.
    new_register = register.read_text()
    assert new_register.startswith(original_register.rstrip("\n"))
    assert ("  - id: article-our-report\n    kind: news-article\n    publisher: Our Wire\n"
            "    headline: Group meets in Moscow\n    date_published: 2026-03-04\n    file: [our-report.txt]\n"
            "    url: https://example.org/our-report\n") in new_register
    assert oct(register.stat().st_mode & 0o777) == oct(0o644) and not (project / "seeds" / journal.JOURNAL).exists()

    curated = load(project / "seeds")  # the accepted YAML loads cleanly
    assert curated["session"]["wg-mc/6"].first("date") == "2026-03-03"
    assert curated["visit"]["petrov-moscow-2026-03-05"].first("visitor") == "petrov"
    store = build_with_facts(project)
    after = by_key(store)
    assert not [k for k in after if k.startswith(("wg-mc/6", "defence-secretary-india", "x-petrov", "x-deputy"))], after


def test_accept_merges_into_the_sources_file_keeping_comments_and_mode(project):
    # An article whose file the register lists: its facts go into that source's own file.
    facts = {"documents": [{"document": "000_eb7c5755d6f1ba8b.txt", "posts": [
        {"name": "Ashutosh Dixit", "title": "Defence Secretary", "country": "India",
         "evidence": {"quote": "Defence Secretary Ashutosh Dixit was there.", "start": 0, "end": 43}}],
        "agreements": [{"title": "Memorandum on Joint Testing of Spare Parts", "date": "2025-10-29",
                        "evidence": {"quote": "They signed a memorandum on joint testing.", "start": 50, "end": 92}}],
        "visits": [{"person": "Ashutosh Dixit", "organisation": "Volga Precision Works", "date": "2025-10-30",
                    "evidence": {"quote": "Dixit toured Volga Precision Works.", "start": 100, "end": 135}}]}]}
    store = build_with_facts(project, facts)
    own = project / "seeds" / "curated" / "sources" / "newsx-2025-10-31.yaml"
    original = own.read_text()
    assert "#" in original  # the file has comments to keep
    os.chmod(own, 0o640)
    chosen = [p.id for p in pending(store) if p.statement.what in ("holding", "agreement", "visit")]
    assert len(chosen) == 3
    assert accept(chosen, project, store) == [own]  # registered already: the register is untouched
    text = own.read_text()
    assert subsequence(original.splitlines(), text)
    assert "      - person: ashutosh-dixit\n" in text and text.count("source: newsx-2025-10-31") == 1
    assert text.count("\nagreements:\n") == 1  # merged into the file's own section
    assert ("  - id: memorandum-on-joint-testing-of-spare-parts\n    type: memorandum\n"
            "    name: Memorandum on Joint Testing of Spare Parts\n    signed_on: 2025-10-29\n") in text
    assert ("  - id: ashutosh-dixit-volga-precision-works-2025-10-30\n    visitor: ashutosh-dixit\n"
            "    visited: volga-precision-works\n    date: 2025-10-30\n") in text
    assert "  - id: volga-precision-works\n    name: Volga Precision Works\n" in text
    assert load(project / "seeds")["agreement"]["memorandum-on-joint-testing-of-spare-parts"].first("type") == "memorandum"
    assert own.stat().st_mode & 0o777 == 0o640


def test_accept_unknown_id_is_a_clear_error(built_project):
    project, build_dir, store = built_project
    result = CliRunner().invoke(cli, ["accept", "xdeadbeef", "--build", str(build_dir), "--root", str(project)])
    assert result.exit_code != 0
    assert "no pending extracted fact with id xdeadbeef" in str(result.exception)


def snapshot(project) -> dict:
    return {p: (p.read_bytes(), p.stat().st_mode) for p in (project / "seeds").rglob("*") if p.is_file()}


def test_accept_refuses_a_contradiction_and_writes_nothing(built_project):
    project, build_dir, store = built_project
    clash = next(p for p in pending(store) if p.statement.session.endswith("/wg-mtc-di/22") and p.statement.what == "date")
    curated = next(s for s in SessionStatements(store).statements if s.method == "curated"
                   and s.key == clash.statement.key and s.value != clash.statement.value)
    before = snapshot(project)
    result = CliRunner().invoke(cli, ["accept", clash.id, "--build", str(build_dir), "--root", str(project)])
    assert result.exit_code != 0
    assert f"this article says '2024-11-21' but the curated data says '{curated.value}'" in str(result.exception)
    assert snapshot(project) == before


def test_facts_already_curated_are_not_pending(project):
    facts = {"documents": [{"document": "another.txt", "sessions": [
        {"body": "wg-mc", "ordinal": 5, "date": "2025-10-29", "place": "New Delhi"}]}]}
    store = build_with_facts(project, facts)
    # The session, its date and New Delhi are curated already (from other sources): nothing to review.
    assert pending(store) == []


def chosen_for_wg_mc_6(store) -> list[str]:
    return [p.id for p in pending(store) if p.statement.session.endswith("/wg-mc/6")]


def test_malformed_yaml_is_reported_at_its_line_and_nothing_written(built_project, capsys):
    project, build_dir, store = built_project
    broken = project / "seeds" / "curated" / "sources" / "article-our-report.yaml"
    broken.write_text("source: article-our-report\nsessions:\n  - body: wg-mc\n    ordinal: [6\n")
    before = snapshot(project)
    code = main(["accept", *chosen_for_wg_mc_6(store), "--build", str(build_dir), "--root", str(project)])
    err = capsys.readouterr().err
    assert code != 0 and "Traceback" not in err
    assert f"{broken}:" in err and snapshot(project) == before


def test_a_file_it_does_not_understand_is_never_overwritten(built_project, capsys):
    project, build_dir, store = built_project
    odd = project / "seeds" / "curated" / "sources" / "article-our-report.yaml"
    odd.write_text("# a curator's notes, as a list\n- wg-mc/6 was in Moscow\n- check the date\n")
    before = snapshot(project)
    code = main(["accept", *chosen_for_wg_mc_6(store), "--build", str(build_dir), "--root", str(project)])
    err = capsys.readouterr().err
    assert code != 0 and f"{odd}:2: " in err and "Traceback" not in err
    assert snapshot(project) == before


def test_seeds_that_would_not_load_are_not_written(built_project, capsys):
    project, build_dir, store = built_project
    own = project / "seeds" / "curated" / "sources" / "article-our-report.yaml"
    # The source's file already ends the meeting on 1 March; a start on 3 March would end it before it starts.
    own.write_text("source: article-our-report\nsessions:\n  - body: wg-mc\n    ordinal: 6\n    end_date: 2026-03-01\n")
    (project / "seeds" / "sources.yaml").write_text(
        (project / "seeds" / "sources.yaml").read_text() + "\n  - id: article-our-report\n    kind: news-article\n")
    load(project / "seeds")  # as they are, the seeds load
    before = snapshot(project)
    date = next(p.id for p in pending(store) if p.statement.session.endswith("/wg-mc/6") and p.statement.what == "date")
    code = main(["accept", date, "--build", str(build_dir), "--root", str(project)])
    err = capsys.readouterr().err
    assert code != 0 and "end_date 2026-03-01 is before date 2026-03-03" in err and f"{own}:" in err
    assert snapshot(project) == before


def test_a_kill_between_file_writes_is_rolled_forward(built_project, monkeypatch):
    project, build_dir, store = built_project
    seeds = project / "seeds"
    calls = []

    def dies_second_time(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise KeyboardInterrupt("killed")  # as a kill between the two renames would stop it
        os.replace(src, dst)

    monkeypatch.setattr(journal, "_rename", dies_second_time)
    with pytest.raises(KeyboardInterrupt):
        accept(chosen_for_wg_mc_6(store), project, store)
    monkeypatch.setattr(journal, "_rename", os.replace)
    # Half done: the per-source file is there, the register does not list its source yet.
    mine = seeds / "curated" / "sources" / "article-our-report.yaml"
    assert mine.exists() and "article-our-report" not in (seeds / "sources.yaml").read_text()
    assert (seeds / journal.JOURNAL / "journal.json").exists()
    curated = load(seeds)  # the next reader finishes the transaction first
    assert "article-our-report" in curated["source"] and curated["session"]["wg-mc/6"].first("date") == "2026-03-03"
    assert not (seeds / journal.JOURNAL).exists()


def test_a_kill_before_the_commit_point_changes_nothing(built_project, monkeypatch):
    project, build_dir, store = built_project
    before = snapshot(project)
    real = journal._write

    def dies_at_journal(path, data, mode):
        if path.name.startswith("journal"):
            raise KeyboardInterrupt("killed")
        real(path, data, mode)

    monkeypatch.setattr(journal, "_write", dies_at_journal)
    with pytest.raises(KeyboardInterrupt):
        accept(chosen_for_wg_mc_6(store), project, store)
    monkeypatch.setattr(journal, "_write", real)
    assert (project / "seeds" / journal.JOURNAL).exists()  # staged files left behind
    load(project / "seeds")  # ... and dropped by the next reader
    assert snapshot(project) == before and not (project / "seeds" / journal.JOURNAL).exists()


def test_an_id_taken_by_someone_else_is_not_reused(built_project, capsys):
    project, build_dir, store = built_project
    # A curated person whose id is the one the article's unlinked "A. Petrov" would get.
    (project / "seeds" / "curated" / "sources" / "zz-other.yaml").write_text(
        "source: unattributed-001\npeople:\n  - id: petrov\n    name: Pyotr Petrovsky\n")
    load(project / "seeds")
    before = snapshot(project)
    chair = next(p.id for p in pending(store) if p.statement.session.endswith("/wg-mc/6")
                 and p.statement.value.endswith("/x-petrov"))
    code = main(["accept", chair, "--build", str(build_dir), "--root", str(project)])
    err = capsys.readouterr().err
    assert code != 0 and "the id 'petrov' is taken by the curated person 'Pyotr Petrovsky'" in err
    assert snapshot(project) == before
