"""The dev scorer: gold from the curated record, the same tuples as the hidden-set scorer."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from kg.extract import score as S

SHARED = Path(__file__).resolve().parents[3] / "shared"


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def seeds(tmp_path):
    root = tmp_path / "seeds"
    _write(root / "sources.yaml", """
sources:
  - {id: s1, kind: news-article, file: [100_a.txt, 900_a_copy.txt]}
  - {id: s2, kind: news-article, file: 101_b.txt}
  - {id: s3, kind: news-article, file: 102_c.txt}
""")
    _write(root / "curated" / "places.yaml", "places:\n  - {id: pune, type: city, name: Pune, alt_names: [Poona]}\n")
    _write(root / "curated" / "sources" / "s1.yaml", """
source: s1
sessions:
  - body: wg-mc
    ordinal: 7
    date: 2011-03-02
    place: pune
    co_chairs:
      - {person: ravi-menon, side: india}
    signed:
      - agreement: p7
agreements:
  - {id: p7, type: protocol, label: protocol of the seventh meeting, signed_on: 2011-03-02}
people:
  - {id: ravi-menon, name: Ravi K Menon, alt_names: [R K Menon]}
""")
    _write(root / "curated" / "sources" / "s2.yaml", "source: s2\nsessions:\n  - {body: sub-x, ordinal: 2}\n"
           "  - {body: wg-mc, ordinal: 3, attendees: [olga-test]}\npeople:\n  - {id: olga-test, name: Olga Test}\n")
    return root


def test_gold_from_curated(seeds):
    gold = S.build_gold(seeds)
    # every file of a curated source is a document; a source without a curated file is not
    assert set(gold["documents"]) == {"100_a.txt", "900_a_copy.txt", "101_b.txt"}
    s = gold["documents"]["100_a.txt"]["sessions"][0]
    assert s["signed"] == ["protocol"] and s["place"] == "pune"
    assert s["co_chairs"] == [{"person": "ravi-menon", "country": "india"}]
    assert "Poona" in gold["places"]["pune"] and "R K Menon" in gold["people"]["ravi-menon"]


def _prediction():
    return {"documents": [
        {"document": "100_a.txt", "sessions": [
            {"body": "wg-mc", "ordinal": 7, "date": "2011-03-01", "place": "Poona",
             "co_chairs": [{"name": "Shri Ravi Menon", "country": "India"}], "signed": [{"kind": "protocol"}]}],
         "agreements": []},
        {"document": "101_b.txt", "sessions": [{"body": "wg-mc", "ordinal": 2},
                                               {"body": "wg-mc", "ordinal": 3,
                                                "co_chairs": [{"name": "Olga Test", "country": "Russia"}]}]},
    ]}


def test_score_per_field_and_body(seeds):
    r = S.score(S.build_gold(seeds), _prediction())
    # the date is wrong, the rest of the session right; the copy is all misses; sub-x is out of scope
    assert r["fields"]["date"]["fp"] == 1 and r["fields"]["date"]["fn"] == 2
    assert r["fields"]["co_chair"]["tp"] == 1 and r["fields"]["place"]["tp"] == 1
    assert r["fields"]["session"]["fp"] == 1          # wg-mc 2 in 101_b is not in its gold
    assert r["bodies"]["wg-mc"]["tp"] == r["tp"]
    assert r["fields"]["agreement"]["fn"] == 2 and "agreement" not in str(r["sessions_only"])
    assert r["sessions_only"]["fn"] == r["fn"] - 2
    # Olga Test was present at wg-mc 3 by the curated record, not its co-chair
    assert r["fields"]["co_chair"]["fp"] == 1 and r["co_chair_fp_attendees"] == 1


def test_same_figures_as_the_hidden_set_scorer(seeds):
    path = SHARED / "eval" / "score.py"
    if not path.is_file():
        pytest.skip("../shared/eval/score.py not present")
    spec = importlib.util.spec_from_file_location("shared_score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    gold, pred = S.build_gold(seeds), _prediction()
    theirs, ours = mod.score(gold, pred), S.score(gold, pred)
    assert (theirs["tp"], theirs["fp"], theirs["fn"]) == (ours["tp"], ours["fp"], ours["fn"])


def test_command_scores_a_given_prediction(seeds, tmp_path, capsys):
    import json
    pred = tmp_path / "facts.json"
    pred.write_text(json.dumps(_prediction()), encoding="utf-8")
    assert S.main(["--seeds", str(seeds), "--predicted", str(pred)]) == 0
    out = capsys.readouterr().out
    assert "-- per field" in out and "TOTAL" in out and "wg-mc" in out
