"""Recognise stage: bodies named as the curated graph names them (doc.spans["bodies"])."""
from __future__ import annotations

import pytest

from kg.extract import extract_text
from kg.extract.gazetteer import Entry, Gazetteer
from kg.extract.spans import SPANS_KEY, BodyRuler, body_patterns, usable
from kg.extract.data import load

# Invented bodies, not in bodies.yaml: a pre-2018 working group with an acronym and a
# Russian label, and a sub-group whose name contains a working group's words.
GAZ = Gazetteer([
    Entry("wg-test-shipyards", "bodies", ["Working Group on Shipyards and Docks", "WGSD-IR",
                                          "рабочая группа по верфям"]),
    Entry("sg-mc-training", "bodies", ["Sub-Group on Military Cooperation in Training"]),
    Entry("wg-mc", "bodies", ["Working Group on Military Cooperation"]),
    Entry("commission-x", "bodies", ["Northern Joint Commission"]),
])


@pytest.fixture(scope="module")
def ruler():
    import spacy
    nlp = spacy.blank("en")
    return nlp, BodyRuler(nlp, GAZ)


def test_labels_that_name_one_body():
    rules = load("body_labels.yaml")
    assert usable("WGSD-IR", rules) and usable("Working Group on Shipyards and Docks", rules)
    assert not usable("Working Group", rules)          # generic: a kind of body
    assert not usable("Docks", rules)                   # one word, not an acronym
    assert {p["id"] for p in body_patterns(GAZ)} == {e.id for e in GAZ.entries}


def test_spans_carry_the_curated_id(ruler):
    nlp, r = ruler
    doc = r(nlp("Officials of the WGSD-IR met; later the рабочая группа по верфям met again."))
    assert [(s.text, s.id_, s.label_) for s in doc.spans[SPANS_KEY]] == [
        ("WGSD-IR", "wg-test-shipyards", "BODY"), ("рабочая группа по верфям", "wg-test-shipyards", "BODY")]


def test_head_of_a_longer_name_is_not_the_body(ruler):
    nlp, r = ruler
    doc = nlp("The Northern Joint Commission on Fisheries met.")
    assert r.candidates(doc, 0) == []
    doc = nlp("The Northern Joint Commission met.")
    assert [c[3] for c in r.candidates(doc, 0)] == ["commission-x"]


def test_a_body_only_the_curated_graph_knows_gets_its_session():
    text = "The 6th meeting of the Working Group on Shipyards and Docks was held in Pune on 3 March 2011."
    got = {(s["body"], s["ordinal"]) for s in extract_text(text, "t.txt", gazetteer=GAZ)["sessions"]}
    assert ("wg-test-shipyards", 6) in got


def test_sub_group_containing_a_working_groups_words_is_not_it():
    text = "The 2nd meeting of the Sub-Group on Military Cooperation in Training was held in Agra."
    got = {(s["body"], s["ordinal"]) for s in extract_text(text, "t.txt", gazetteer=GAZ)["sessions"]}
    assert ("wg-mc", 2) not in got
    assert ("sg-mc-training", 2) in got


def test_russian_labels_declined_in_their_head_phrase():
    from kg.extract.spans import declined
    rules = load("body_labels.yaml")
    forms = declined("рабочая группа по морским верфям", rules)
    assert "рабочей группы по морским верфям" in forms        # genitive; after "по" unchanged
    assert "рабочей группе по морским верфям" in forms        # prepositional
    assert declined("Working Group on Docks", rules) == []


def test_a_declined_russian_label_is_recognised(ruler):
    nlp, r = ruler
    doc = nlp("Члены рабочей группы по верфям встретились.")
    assert [c[3] for c in r.candidates(doc, 0)] == ["wg-test-shipyards"]
