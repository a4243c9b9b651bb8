"""Property-based: any curated record either builds or is refused with `path:line` problems,
never a traceback, and a refused build leaves the last good build/ as it was; any text goes
through the extractor without a crash. Bounded budgets (max_examples), no deadlines."""
from __future__ import annotations

import datetime
import shutil

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from kg.builder import build
from kg.core.errors import InputError, KgError

# A tiny project of our own (invented wording): one source, a commission and a working group.
SOURCES = """sources:
  - id: test-wire-2024
    kind: news-article
    publisher: Test Wire
    headline: Two governments review their defence commission
    date_published: 2024-03-04
"""
BODIES = """bodies:
  - id: test-commission
    type: commission
    name: Test Inter-Governmental Commission
    sources: [test-wire-2024]
  - id: test-wg
    type: working-group
    name: Test Working Group
    parent: test-commission
    sources: [test-wire-2024]
"""

ids = st.one_of(st.sampled_from(["test-commission", "test-wg", "test-sg", "new-body"]),
                st.from_regex(r"[a-z][a-z0-9-]{0,12}", fullmatch=True), st.text(max_size=12))
texts = st.one_of(st.text(max_size=40), st.sampled_from(["Sub-Group on Tests", "Re\u0301union", "a\u202eb",
                                                          "zero\u200bwidth", "nul\x00", ""]))
dates = st.one_of(st.dates().map(str), st.sampled_from(["0000", "0000-01-01", "2024-02-30", "2024-13", "2024",
                                                         "2024-05-06T10:00:00", "soon"]),
                  st.integers(-5, 10000), st.datetimes().map(lambda d: d.isoformat()))
scalars = st.one_of(texts, dates, st.integers(), st.booleans(), st.none(), st.lists(st.text(max_size=5), max_size=3))


def field(name, values):
    return st.tuples(st.just(name), values)


good_ids = st.one_of(st.just("test-sg"), st.from_regex(r"sg-[a-z]{1,8}", fullmatch=True))
good_dates = st.dates(min_value=datetime.date(1990, 1, 1),
                      max_value=datetime.date(2030, 1, 1)).map(str)
# Mostly well-formed records with odd values in places, and some records of random fields.
body = st.one_of(
    st.fixed_dictionaries(
        {"id": good_ids, "type": st.sampled_from(["sub-group", "working-group"]),
         "name": st.one_of(st.sampled_from(["Sub-Group on Tests", "Sub-Group on Trials"]), texts),
         "sources": st.just(["test-wire-2024"])},
        optional={"parent": st.one_of(st.sampled_from(["test-wg", "test-commission"]), ids),
                  "founded": st.one_of(good_dates, dates), "ended": st.one_of(good_dates, dates),
                  "acronyms": st.lists(texts, max_size=2), "colour": scalars}),
    st.lists(st.one_of(field("id", ids), field("type", st.sampled_from(["commission", "sub-group", "committee"])),
                       field("name", texts), field("parent", ids), field("founded", dates),
                       field("sources", st.sampled_from([["test-wire-2024"], ["nope"], [], "test-wire-2024"])),
                       field("colour", scalars)), max_size=6).map(dict))
session = st.one_of(
    st.fixed_dictionaries(
        {"body": st.sampled_from(["test-wg", "test-commission"]), "ordinal": st.integers(1, 40),
         "sources": st.just(["test-wire-2024"])},
        optional={"date": st.one_of(good_dates, dates), "end_date": st.one_of(good_dates, dates),
                  "status": st.sampled_from(["held", "planned", "maybe"])}),
    st.lists(st.one_of(field("body", ids), field("ordinal", st.one_of(st.integers(-2, 40), texts)),
                       field("date", dates), field("status", st.sampled_from(["held", "planned", "maybe"]))),
             max_size=5).map(dict))
files = st.fixed_dictionaries({"bodies": st.lists(body, max_size=3), "sessions": st.lists(session, max_size=3)})
mangle = st.one_of(st.none(), st.none(), st.none(), st.text(max_size=30))     # sometimes the YAML itself is broken


@pytest.fixture(scope="module")
def tiny(tmp_path_factory, repo):
    root = tmp_path_factory.mktemp("tiny")
    shutil.copytree(repo / "ontology", root / "ontology")
    (root / "seeds" / "curated" / "sources").mkdir(parents=True)
    (root / "seeds" / "sources.yaml").write_text(SOURCES, encoding="utf-8")
    (root / "seeds" / "curated" / "bodies.yaml").write_text(BODIES, encoding="utf-8")
    out = root / "build"
    build(root=root, out=out, extra=[])
    return root, out, (out / "kg.nq").read_bytes()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(data=files, junk=mangle, per_source=st.booleans())
def test_any_curated_record_builds_or_is_refused_at_path_and_line(tiny, data, junk, per_source):
    root, out, good = tiny
    target = root / "seeds" / "curated" / ("sources/test-wire-2024.yaml" if per_source else "generated.yaml")
    text = (("source: test-wire-2024\n" if per_source else "")
            + yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    if junk is not None:
        cut = len(text) // 2
        text = text[:cut] + junk + text[cut:]
    target.write_text(text, encoding="utf-8")
    try:
        scratch = root / "scratch"
        build(root=root, out=scratch, extra=[])
        event("built")
    except InputError as exc:
        event("refused by the loader")
        assert exc.problems
        for problem in exc.problems:
            assert problem.path.startswith(str(root)) and problem.line >= 1, problem
            assert problem.message.strip() and "Traceback" not in problem.message
    except KgError as exc:               # a SHACL refusal: a report, never a crash
        event("refused by SHACL")
        assert str(exc).strip()
    finally:
        target.unlink()
    # The last good build is never touched, whatever the outcome here.
    assert (out / "kg.nq").read_bytes() == good


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(data=files, junk=mangle)
def test_a_refused_record_leaves_build_untouched(tiny, data, junk):
    """The same records into the real output folder: it changes only when the build succeeds."""
    root, out, good = tiny
    target = root / "seeds" / "curated" / "generated.yaml"
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    target.write_text(text if junk is None else junk + text, encoding="utf-8")
    try:
        build(root=root, out=out, extra=[])
        built = True
    except KgError:
        built = False
    finally:
        target.unlink()
    if not built:
        assert (out / "kg.nq").read_bytes() == good
    else:
        build(root=root, out=out, extra=[])      # back to the good record for the next example
        assert (out / "kg.nq").read_bytes() == good


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(codec=None), max_size=400), st.sampled_from([None, "2025-10-30", "x"]))
def test_any_text_through_the_extractor(text, published):
    from kg.extract import extract_text

    doc = extract_text(text, "generated.txt", published=published)
    for key in ("sessions", "visits"):
        assert isinstance(doc.get(key, []), list)
