"""The extractor on the genre fixtures (tests/fixtures/genre): short texts
written for the project in the manner of two decades of reporting on the
India-Russia commission and its working groups, scored against their gold.

The scorer is ../shared/eval/score.py when present; otherwise a small local
scoring of the same fact tuples is used.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
import yaml

from kg.extract import extract_paths, extract_text

GENRE = Path(__file__).resolve().parents[1] / "fixtures" / "genre"
SCORER = Path(__file__).resolve().parents[3] / "shared" / "eval" / "score.py"

# reached: precision 1.00, recall 0.97 (F1 0.99); the threshold leaves room
# for rule changes elsewhere but catches a regression on the genre
MIN_F1 = 0.90
MIN_PRECISION = 0.93


def _shared_scorer():
    if not SCORER.is_file():
        return None
    spec = importlib.util.spec_from_file_location("shared_score", SCORER)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.score


def _local_score(gold: dict, predicted: dict) -> dict:
    """Same tuples as the shared scorer, with simpler name and place matching."""
    import re

    def fold(t):
        return re.sub(r"[^a-z0-9]+", " ", str(t).lower()).strip()

    def toks(t):
        skip = {"shri", "mr", "dr", "general", "gen", "lt", "col", "colonel", "admiral", "vice", "air", "marshal", "army"}
        return frozenset(w for w in fold(t).split() if len(w) > 2 and w not in skip)

    def resolver(table):
        table = table or {}

        def res(text):
            tk = toks(text)
            for key, names in table.items():
                if any(tk and (tk <= toks(n) or toks(n) <= tk) for n in [key.replace("-", " "), *names]):
                    return key
            return "?" + fold(text)
        return res

    people, places = resolver(gold.get("people")), resolver(gold.get("places"))
    scope = set(gold["scope"])

    def facts(sessions, gold_side):
        out, ignored = set(), set()
        for s in sessions or []:
            if s.get("body") not in scope or s.get("ordinal") is None:
                continue
            k = (s["body"], int(s["ordinal"]))
            out.add(("session",) + k)
            for field, kind in (("date", "date"), ("place", "place"), ("co_chairs", "co_chair"), ("signed", "signed")):
                if gold_side and field in s and s[field] is None:
                    ignored.add((kind,) + k)
            if s.get("date"):
                out.add(("date",) + k + (str(s["date"]),))
            if s.get("place"):
                out.add(("place",) + k + (s["place"] if gold_side else places(s["place"]),))
            for c in s.get("co_chairs") or []:
                who = c["person"] if gold_side else people(c.get("name"))
                out.add(("co_chair",) + k + (who, fold(c.get("country"))))
            for x in s.get("signed") or []:
                kind = x.get("kind") if isinstance(x, dict) else x
                out.add(("signed",) + k + (fold(kind).replace("memorandum", "mou"),))
        return out, ignored

    by_doc = {d["document"]: d for d in predicted["documents"]}
    tp = fp = fn = 0
    for name, g in gold["documents"].items():
        want, ignored = facts(g.get("sessions"), True)
        want |= {("agreement", fold(a["title"]), str(a.get("date") or "")) for a in g.get("agreements") or []}
        p = by_doc.get(name, {})
        got, _ = facts(p.get("sessions"), False)
        got |= {("agreement", fold(a["title"]), str(a.get("date") or "")) for a in p.get("agreements") or []}
        want = {f for f in want if f[:3] not in ignored}
        got = {f for f in got if f[:3] not in ignored}
        tp, fp, fn = tp + len(want & got), fp + len(got - want), fn + len(want - got)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": fp, "fn": fn}


@pytest.fixture(scope="module")
def genre_result():
    gold = yaml.safe_load((GENRE / "gold.yaml").read_text(encoding="utf-8"))
    predicted = extract_paths([GENRE])
    score = _shared_scorer() or _local_score
    return gold, predicted, score(gold, predicted)


def test_fixtures_are_annotated():
    gold = yaml.safe_load((GENRE / "gold.yaml").read_text(encoding="utf-8"))
    texts = {p.name for p in GENRE.glob("*.txt")}
    assert len(texts) >= 20
    assert texts == set(gold["documents"])


def test_genre_score(genre_result):
    _, _, r = genre_result
    assert r["f1"] >= MIN_F1 and r["precision"] >= MIN_PRECISION, {k: r[k] for k in ("precision", "recall", "f1", "tp", "fp", "fn")}


def test_local_scoring_agrees_roughly(genre_result):
    gold, predicted, r = genre_result
    local = _local_score(gold, predicted)
    assert local["f1"] >= MIN_F1 - 0.05, local


# --- a few of the genre's forms, one rule each -------------------------------

def _sessions(text):
    return {(s["body"], s["ordinal"]): s for s in extract_text(text, "t.txt")["sessions"]}


def test_commission_owned_working_group_is_the_group():
    got = _sessions("The second meeting of the IRIGC-M&MTC WG on Military Cooperation was held in Moscow.")
    assert set(got) == {("wg-mc", 2)}
    got = _sessions("The sixth meeting of the commission's working group on shipbuilding was held in Kochi.")
    assert not {k for k in got if k[0] in ("irigc-mmtc", "wg-mtc-di", "wg-mc")}


def test_counterpart_pair_sides():
    s = _sessions("Russian Defence Minister Anatoly Serdyukov and his Indian counterpart A K Antony on Monday "
                  "opened the ninth session of the India-Russia Inter-Governmental Commission in Moscow.")[("irigc-mmtc", 9)]
    assert {(c["name"], c["country"]) for c in s["co_chairs"]} == {("Anatoly Serdyukov", "Russia"), ("A K Antony", "India")}


def test_previous_meeting_does_not_take_the_current_sessions_facts():
    s = _sessions("Rajnath Singh and Sergei Shoigu co-chaired the 19th meeting of the IRIGC-M&MTC in Moscow. "
                  "The previous meeting of the commission was held in New Delhi under the chairmanship of "
                  "Nirmala Sitharaman.")[("irigc-mmtc", 19)]
    assert s["place"] == "Moscow"
    assert all("Sitharaman" not in c["name"] for c in s["co_chairs"])


def test_relative_month_and_remark_date():
    doc = extract_text("Published: 12 September 2022\n\nThe 20th session of the IRIGC-M&MTC was held in New Delhi "
                       "last December, Shoigu recalled on Monday.", "t.txt")
    s = {(x["body"], x["ordinal"]): x for x in doc["sessions"]}[("irigc-mmtc", 20)]
    assert s.get("date") == "2021-12"


def test_hyphenated_rank():
    s = _sessions("The third meeting of the Working Group on Military Cooperation was co-chaired by "
                  "Vice Admiral Atul Kumar Jain and Col.-Gen. Sergei Rudskoy of the General Staff.")[("wg-mc", 3)]
    assert "Sergei Rudskoy" in {c["name"] for c in s["co_chairs"]}


def test_dashed_aside_between_ordinal_and_session():
    got = _sessions("The 19th - and the first under its new name - session of the India-Russia Inter-Governmental "
                    "Commission on Military and Military-Technical Cooperation opened in Moscow.")
    assert ("irigc-mmtc", 19) in got


def test_current_meeting_after_previous_one():
    doc = extract_text("The fifth meeting of the Russian-Indian Intergovernmental Commission on Military-Technical "
                       "Cooperation was held in Moscow. The previous, fourth meeting of the commission took place in "
                       "New Delhi. The parties signed a protocol on the results of the current meeting.", "t.txt")
    s = {(x["body"], x["ordinal"]): x for x in doc["sessions"]}
    assert [x["kind"] for x in s[("irigc-mmtc", 5)].get("signed", [])] == ["protocol"]
    assert not s[("irigc-mmtc", 4)].get("signed")


def test_co_chairs_label_and_undated_dateline():
    s = _sessions("NEW DELHI: The fifth meeting of the India-Russia Working Group on Military Cooperation was held "
                  "here on Tuesday.\n\nCo-chairs: Air Marshal Ashutosh Dixit (India) and Colonel General Pavel Zarubin "
                  "(Russia).")[("wg-mc", 5)]
    assert s.get("place") == "New Delhi"
    assert {(c["name"], c["country"]) for c in s["co_chairs"]} == {("Ashutosh Dixit", "India"), ("Pavel Zarubin", "Russia")}
