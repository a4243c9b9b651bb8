"""Genre rules of the extractor, on short texts written for these tests."""
from __future__ import annotations

import pytest

from kg.core.dates import first_day, last_day, parse_day
from kg.extract import extract_text


def sessions(text, published=None, body=None):
    doc = extract_text(text, "t.txt", published=published)
    out = {(s["body"], s["ordinal"]): s for s in doc["sessions"]}
    return out if body is None else {k: v for k, v in out.items() if k[0] == body}


def chairs(session):
    return {(c["name"], c["country"]) for c in session["co_chairs"]}


@pytest.mark.parametrize("phrase,ordinal", [
    ("fifth", 5), ("5th", 5), ("twenty-third", 23), ("twenty third", 23), ("23rd", 23), ("22nd", 22),
    ("Eleventh", 11), ("1st", 1),
])
def test_ordinals_in_words_and_digits(phrase, ordinal):
    text = f"The {phrase} meeting of the Working Group on Military Cooperation took place in Moscow."
    assert ("wg-mc", ordinal) in sessions(text)


@pytest.mark.parametrize("name,body", [
    ("Inter-Governmental Commission on Military and Military-Technical Cooperation", "irigc-mmtc"),
    ("India-Russia Inter-Governmental Commission on Military Technical Cooperation", "irigc-mmtc"),
    ("IRIGC-MTC", "irigc-mmtc"),
    ("IRIGC-M&MTC", "irigc-mmtc"),
    ("India-Russia Intergovernmental Commission", "irigc-mmtc"),
    ("Working Group on Military-Technical Cooperation and Defence Industry", "wg-mtc-di"),
    ("Working Group on Military Technical Cooperation", "wg-mtc-di"),
    ("WG on military cooperation", "wg-mc"),
    ("working group on military cooperation", "wg-mc"),
])
def test_body_names(name, body):
    text = f"Officials said the 12th meeting of the {name} was held in New Delhi."
    assert list(sessions(text)) == [(body, 12)]


def test_subgroup_is_not_its_working_group():
    text = ("The 4th meeting of the Sub-Group on Military Technical Cooperation in Aviation was held in Bengaluru. "
            "It was co-chaired by Air Vice Marshal Ravi Menon and Major General Pavel Orlov.")
    got = sessions(text)
    assert not any(k[0] in ("wg-mtc-di", "wg-mc", "irigc-mmtc") for k in got)
    assert any(k[0].startswith("subgroup-") and k[1] == 4 for k in got)


def test_trade_commission_is_not_the_defence_commission():
    text = ("The 24th session of the India-Russia Inter-Governmental Commission on Trade, Economic, Scientific, "
            "Technological and Cultural Cooperation was held in Moscow.")
    assert not sessions(text, body="irigc-mmtc")


def test_same_number_different_bodies_kept_apart():
    text = ("The 23rd meeting of the Working Group on Military Technical Cooperation and Defence Industry was held "
            "in Moscow on 29 October 2025. The 23rd India-Russia Annual Summit will be held in New Delhi in December.")
    got = sessions(text)
    assert got[("wg-mtc-di", 23)]["place"] == "Moscow"
    assert got[("wg-mtc-di", 23)]["date"] == "2025-10-29"
    assert got[("annual-summit", 23)].get("place") != "Moscow"


@pytest.mark.parametrize("sentence", [
    "The meeting was co-chaired by Lt Gen Arun Mehta and Colonel General Boris Zhukov.",
    "It was led by Lt Gen Arun Mehta and Colonel General Boris Zhukov.",
    "The session was chaired jointly by Lt Gen Arun Mehta and Colonel General Boris Zhukov.",
    "Lt Gen Arun Mehta co-chaired the meeting with Colonel General Boris Zhukov.",
    "The Indian side was led by Lt Gen Arun Mehta, while the Russian delegation was headed by Colonel General Boris Zhukov.",
    "Lt Gen Arun Mehta and his Russian counterpart Colonel General Boris Zhukov co-chaired the session.",
    "The meeting was headed by Lt Gen Arun Mehta and the head of the Russian delegation, Colonel General Boris Zhukov.",
])
def test_co_chair_cues(sentence):
    text = "The 7th meeting of the Working Group on Military Cooperation was held in New Delhi. " + sentence
    got = sessions(text)[("wg-mc", 7)]
    names = {n for n, _ in chairs(got)}
    assert "Arun Mehta" in names and "Boris Zhukov" in names
    assert dict(chairs(got))["Boris Zhukov"] == "Russia"
    assert dict(chairs(got))["Arun Mehta"] == "India"


def test_name_order_ranks_and_honorifics():
    text = ("The 8th meeting of the IRIGC-MTC was co-chaired by Shri Vinod Rao, Defence Secretary, and "
            "Vice Admiral Sokolov Dmitri Ivanovich of the Russian Navy.")
    got = chairs(sessions(text)[("irigc-mmtc", 8)])
    assert ("Vinod Rao", "India") in got
    assert ("Sokolov Dmitri Ivanovich", "Russia") in got


def test_people_merely_present_are_not_co_chairs():
    text = ("The 9th meeting of the Working Group on Military Cooperation was co-chaired by Lt Gen Arun Mehta and "
            "Colonel General Boris Zhukov. Also present were Brigadier Sunil Nair and Colonel Ilya Frolov. "
            "The Russian delegation was accompanied by Major General Oleg Titov. The meeting was attended by "
            "Ambassador Kiran Bose.")
    names = {n for n, _ in chairs(sessions(text)[("wg-mc", 9)])}
    assert names == {"Arun Mehta", "Boris Zhukov"}


def test_unnamed_co_chair_is_left_out():
    text = ("The 5th meeting of the Working Group on Military Cooperation ended at New Delhi. "
            "He co-chaired the session along with Lt Gen Pavel Sidorov of the Russian General Staff.")
    got = sessions(text)[("wg-mc", 5)]
    assert chairs(got) == {("Pavel Sidorov", "Russia")}
    assert "date" not in got


def test_relative_date_resolved_against_dateline():
    text = ("date 2024-03-14\nMoscow, March 14 (Agency) The 11th meeting of the Working Group on Military "
            "Cooperation was held here on Tuesday.")
    got = sessions(text)[("wg-mc", 11)]
    assert got["date"] == "2024-03-12"
    assert got["place"] == "Moscow"


def test_today_and_weekday_against_publication_date():
    text = "The 14th meeting of the IRIGC-M&MTC took place in New Delhi today."
    assert sessions(text, published="2022-04-08")[("irigc-mmtc", 14)]["date"] == "2022-04-08"
    text = "The 14th meeting of the IRIGC-M&MTC took place in New Delhi on Wednesday."
    assert sessions(text, published="2022-04-08")[("irigc-mmtc", 14)]["date"] == "2022-04-06"


def test_no_date_when_text_gives_none():
    text = ("Published: 3 May 2023\n\nThe 6th meeting of the Working Group on Military Cooperation was held in "
            "Moscow last week. It was co-chaired by Lt Gen Arun Mehta and Colonel General Boris Zhukov.")
    got = sessions(text)[("wg-mc", 6)]
    assert "date" not in got


def test_no_relative_date_without_anchor():
    got = sessions("The 6th meeting of the IRIGC-MTC was held in Moscow on Monday.")[("irigc-mmtc", 6)]
    assert "date" not in got


def test_multi_day_meeting_first_day():
    text = "The 3rd meeting of the IRIGC-MTC was held in Moscow on 14-15 November 2003."
    got = sessions(text)[("irigc-mmtc", 3)]
    assert got["date"] == "2003-11-14" and got["end_date"] == "2003-11-15"
    text = "The 3rd meeting of the IRIGC-MTC was held in Moscow on November 14-16, 2003."
    assert sessions(text)[("irigc-mmtc", 3)]["date"] == "2003-11-14"


def test_month_only_date():
    text = "The IRIGC-MTC met for the 10th session in Moscow in October 2010."
    got = sessions(text)
    assert got[("irigc-mmtc", 10)]["date"] == "2010-10"


@pytest.mark.parametrize("venue,city", [
    ("the Manekshaw Centre", "New Delhi"), ("South Block", "New Delhi"), ("the Kremlin", "Moscow"),
    ("Vigyan Bhawan", "New Delhi"),
])
def test_venue_implies_city(venue, city):
    text = f"The 15th meeting of the IRIGC-M&MTC was held at {venue} on 2 June 2015."
    assert sessions(text)[("irigc-mmtc", 15)]["place"] == city


def test_coreference_to_last_mentioned_body():
    text = ("The India-Russia Inter-Governmental Commission on Military Technical Cooperation is at the top of "
            "this structure. The 17th edition of this meeting was held in Moscow on 3 October 2017.")
    got = sessions(text)
    assert got[("irigc-mmtc", 17)]["date"] == "2017-10-03"


def test_two_plus_two_and_summit_facts_stay_with_them():
    text = ("The 4th meeting of the Working Group on Military Cooperation was held in Moscow. "
            "Separately, the inaugural 2+2 dialogue was held in New Delhi on 6 December 2021, and the "
            "21st India-Russia Annual Summit took place at Hyderabad House on the same day.")
    got = sessions(text)
    wg = got[("wg-mc", 4)]
    assert wg["place"] == "Moscow" and "date" not in wg
    assert got[("two-plus-two", 1)]["date"] == "2021-12-06"


def test_signed_documents_and_agreements():
    text = ("The 19th meeting of the IRIGC-MTC was held in New Delhi on 5 October 2018. A protocol was signed at the "
            "end of the meeting. The ministers also signed the Agreement on Mutual Logistics Support on the same day.")
    doc = extract_text(text, "t.txt")
    s = {(x["body"], x["ordinal"]): x for x in doc["sessions"]}[("irigc-mmtc", 19)]
    assert {x["kind"] for x in s["signed"]} >= {"protocol"}
    titles = {a["title"]: a.get("date") for a in doc["agreements"]}
    assert titles.get("Agreement on Mutual Logistics Support") == "2018-10-05"


def test_agreement_anaphor_gets_signing_date():
    text = ("Cooperation is guided by the Agreement on the Programme for Military-Technical Cooperation. "
            "The Agreement for 2011-2020 was signed in Moscow on 21 December 2010.")
    doc = extract_text(text, "t.txt")
    assert doc["agreements"][0]["date"] == "2010-12-21"
    assert "2011-2020" in doc["agreements"][0]["title"]


def test_bare_working_group_resolved_by_number():
    text = ("India and Russia met at the 21st Working Group meeting in Moscow.\n\n"
            "The 21st meeting of the Working Group on Military Technical Cooperation and Defence Industry was "
            "held in Moscow on 2 August 2023.")
    got = sessions(text)
    assert set(got) == {("wg-mtc-di", 21)}


def test_evidence_offsets_and_links():
    text = ("NEW DELHI, Nov 22: The 22nd meeting of the Working Group on Military Technical Cooperation and "
            "Defence Industry was held in New Delhi today. The meeting was co-chaired by Sanjeev Kumar, "
            "Secretary (Defence Production), and Andrey Boytsov, First Deputy Director, FSMTC.")
    doc = extract_text(text, "t.txt", published="2024-11-22")
    s = doc["sessions"][0]
    for ev in [s["evidence"]["session"], s["evidence"]["date"], s["evidence"]["place"],
               *[c["evidence"] for c in s["co_chairs"]]]:
        assert text[ev["start"]:ev["end"]] == ev["quote"]
        assert ev["rule"] and 0 < ev["confidence"] <= 1
    assert s["date"] == "2024-11-22"
    assert {c["name"]: c["country"] for c in s["co_chairs"]} == {"Sanjeev Kumar": "India", "Andrey Boytsov": "Russia"}
    assert s.get("links", {}).get("place_id") in (None, "new-delhi")
    assert any(p["name"] == "Sanjeev Kumar" and "Defence Production" in p["title"] for p in doc["posts"])


def test_gazetteer_links_but_never_fills():
    from kg.extract.gazetteer import Gazetteer
    gaz = Gazetteer.default()
    if not gaz.entries:
        pytest.skip("no curated seeds")
    text = "The 22nd meeting of the Working Group on Military Cooperation was co-chaired by Sanjeev Kumar."
    s = extract_text(text, "t.txt")["sessions"][0]
    assert "place" not in s and "date" not in s
    for c in s["co_chairs"]:
        assert c.get("links", {}).get("person_id") == "sanjeev-kumar"


# --------------------------------------------------- spaCy Matcher token rules
def test_body_mentions_and_ordinals_go_through_spacy_matcher():
    from spacy.matcher import Matcher

    from kg.extract import bodies as B
    from kg.extract.data import load
    from kg.extract.pipeline import get_pipeline

    pipe = get_pipeline()
    data = load("bodies.yaml")
    assert isinstance(pipe.body_matcher, Matcher) and isinstance(pipe.ordinal_matcher, Matcher)
    # the rules are token patterns (data), one Matcher key per YAML pattern
    rules = [r["rule"] for r in data["bodies"]] + [a["rule"] for a in data["anaphors"]]
    assert all(isinstance(r["patterns"], list) and "pattern" not in r for r in data["bodies"] + data["anaphors"])
    for rule in rules:
        assert f"{rule}#0" in pipe.body_matcher, rule
    for o in data["ordinals"]:
        assert f"ordinal-{o['kind']}#0" in pipe.ordinal_matcher
    assert set(B.token_rules("bodies").patterns) == {k for k in B.token_rules("bodies").patterns if k in pipe.body_matcher}

    text = "The 23rd meeting of the Working Group on Military Cooperation was held in Moscow."
    # straight from the Matcher, on a Doc of the pipeline
    doc = pipe.nlp(text)
    keys = {pipe.nlp.vocab.strings[m].split("#")[0]: doc[s:e].text for m, s, e in pipe.body_matcher(doc)}
    assert keys["wg-mc-name"] == "Working Group on Military Cooperation"
    # and as the extractor uses it: one Doc for sentences, gazetteer, bodies and ordinals
    found = pipe.analyse(text, [(0, len(text))])
    assert found.sents == [(0, len(text))]
    mentions = B.find_mentions(text, found.bodies)
    assert [(text[m.start:m.end], m.body, m.rule) for m in mentions] == [
        ("Working Group on Military Cooperation", "wg-mc", "wg-mc-name")]
    assert found.ordinals == [(4, 8, "digits", "23rd")]
    ordinals = B.find_ordinals(text, mentions, found.ordinals)
    assert [(o.value, o.mention.body, o.rule) for o in ordinals] == [(23, "wg-mc", "ordinal-before-body")]


@pytest.mark.filterwarnings("ignore:.*does not have any patterns defined")
def test_matcher_finds_nothing_without_its_patterns(monkeypatch):
    from spacy.matcher import Matcher

    from kg.extract.pipeline import get_pipeline

    pipe = get_pipeline()
    text = "The 23rd meeting of the Working Group on Military Cooperation was held in Moscow."
    monkeypatch.setattr(pipe, "body_matcher", Matcher(pipe.nlp.vocab))
    monkeypatch.setattr(pipe, "ordinal_matcher", Matcher(pipe.nlp.vocab))
    from kg.extract.gazetteer import Gazetteer
    from kg.extract.spans import BodyRuler
    monkeypatch.setattr(pipe, "body_ruler", BodyRuler(pipe.nlp, Gazetteer([])))
    found = pipe.analyse(text, [(0, len(text))])
    assert found.bodies == [] and found.ordinals == []


@pytest.mark.parametrize("text,expected", [
    # a name wrapped over two lines (one line break)
    ("The 5th meeting of the Working\nGroup on Military Cooperation was held in Moscow.", ("wg-mc", 5)),
    # hyphenated words in a sub-group's name
    ("The 4th meeting of the Sub-Group on anti-terrorism cooperation was held.", ("subgroup-anti-terrorism", 4)),
    ("The 3rd meeting of the Working Group on Military #TechnicalCooperation and #DefenceIndustry was held.",
     ("wg-mtc-di", 3)),
    ("The XXth session of the IRIGC-M&MTC was held in New Delhi.", ("irigc-mmtc", 20)),
    ("The twenty-third meeting of the IRIGC (M&MTC) was held in New Delhi.", ("irigc-mmtc", 23)),
    ("The 2nd meeting of the IRIGC (TEC) was held in New Delhi.", ("irigc-tec", 2)),
])
def test_token_rules_edge_cases(text, expected):
    assert expected in sessions(text)


def test_commission_on_another_subject_is_not_the_defence_commission():
    text = "The 7th meeting of the India-Russia Intergovernmental Commission on Science and Technology was held."
    assert not sessions(text, body="irigc-mmtc")


def test_fabric_summit_is_no_ric_summit():
    from kg.extract import bodies as B
    from kg.extract.pipeline import get_pipeline

    text = "The 3rd fabric summit was held in Surat."
    found = get_pipeline().analyse(text, [(0, len(text))])
    assert not [m for m in B.find_mentions(text, found.bodies) if (m.body or "").startswith("other-summit")]


def test_no_bounded_repeats_reach_the_matcher():
    """spaCy expands OP "{0,n}" into n optional tokens, exponential on a run of
    words several of them match; the rules are given to it as "*" with the bound
    checked after the match."""
    from kg.extract import bodies as B

    rules = B.token_rules("bodies")
    ops = {str(t.get("OP", "")) for pats in rules.patterns.values() for p in pats for t in p}
    assert not any(op.startswith("{") for op in ops)
    assert rules.limits   # bodies.yaml does bound some gaps


@pytest.mark.parametrize("n,found", [(3, True), (30, False)])
def test_bounded_gap_still_bounded(n, found):
    # the other-commission rule reads up to the first "cooperation", over at most 20 words
    words = " ".join(["Alpha"] * n)
    text = f"The 4th meeting of the India-Russia Intergovernmental Commission on trade {words} cooperation was held."
    got = any(k[0] != "irigc-mmtc" and k[1] == 4 for k in sessions(text))
    assert got is found


def test_titles_of_two_people_in_one_list():
    text = ("Deputy Minister Pavel Orlov and Joint Secretary Meera Pillai signed the minutes; "
            "Air Marshal Karan Gill and Vice Admiral Ilya Sokolov attended.")
    posts = {(p["name"], p["title"]) for p in extract_text(text, "t.txt")["posts"]}
    assert ("Meera Pillai", "Joint Secretary") in posts and ("Pavel Orlov", "Deputy Minister") in posts
    assert not any("Pavel" in t for _, t in posts)


@pytest.mark.parametrize("phrase,kinds", [
    ("Three contracts, a roadmap and two protocols were signed", {"contract", "roadmap", "protocol"}),
    ("A protocol as well as an agreement was signed", {"protocol", "agreement"}),
    ("A protocol was signed", {"protocol"}),
])
def test_signed_lists_of_document_kinds(phrase, kinds):
    text = f"The 8th meeting of the Working Group on Military Cooperation was held in Moscow on 2 May 2016. {phrase} there."
    s = sessions(text)[("wg-mc", 8)]
    assert {x["kind"] for x in s["signed"]} == kinds
