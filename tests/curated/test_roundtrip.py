"""Round trip, property-based: sessions written as curated YAML come back unchanged from the graph."""
from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.curated import load
from kg.curated.quads import curated_quads
from kg.core.vocab import IRDC, SCHEMA

REPO = Path(__file__).resolve().parents[2]
PLACES = ["new-delhi", "moscow", "saint-petersburg", "manekshaw-centre"]

session = st.fixed_dictionaries({
    "ordinal": st.integers(min_value=100, max_value=10_000),
    "date": st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31)),
    "place": st.sampled_from(PLACES),
})


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(session, min_size=1, max_size=8, unique_by=lambda s: s["ordinal"]))
def test_sessions_round_trip(sessions):
    with tempfile.TemporaryDirectory() as tmp:
        seeds = Path(tmp) / "seeds"
        shutil.copytree(REPO / "seeds", seeds, ignore=shutil.ignore_patterns("reports"))
        records = [{"body": "wg-mc", **s, "sources": ["unattributed-2024-11-22"]} for s in sessions]
        (seeds / "curated" / "zz-generated.yaml").write_text(yaml.safe_dump({"sessions": records}))
        quads = list(curated_quads(load(seeds)))
    got = {}
    for q in quads:
        s = q.subject.value
        if "/session/wg-mc/" in s and "/co-chair/" not in s:
            got.setdefault(s.rsplit("/", 1)[-1], {})[q.predicate.value] = q.object.value
    for s in sessions:
        facts = got[str(s["ordinal"])]
        assert facts[IRDC.ordinal.value] == str(s["ordinal"])
        assert facts[SCHEMA.startDate.value] == s["date"].isoformat()
        assert facts[SCHEMA.location.value].rsplit("/", 1)[-1] == s["place"]
