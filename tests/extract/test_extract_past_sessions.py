"""Recaps of earlier sessions, correction notes and "said ... as he began talks"
(texts written for these tests)."""
from __future__ import annotations

from kg.extract import extract_text

HEAD = "Ministers meet on arms ties\n\nBy Staff Writer | Updated: Oct 10, 2033 09:00 IST\n\n"


def _doc(body):
    return extract_text(HEAD + body, "t.txt")


def _sessions(doc):
    return {(s["body"], s["ordinal"]): s for s in doc["sessions"]}


def _chairs(s):
    return {c["name"] for c in s.get("co_chairs", [])}


# 1. a previous session's facts do not reach the current one
def test_previous_session_chairs_stay_out():
    doc = _doc("Defence Minister Ravi Menon met his Russian counterpart Oleg Vasin in Kazan on Monday.\n\n"
               "The two ministers co-chaired the 32nd session of the India-Russia Inter-Governmental Commission on "
               "Military and Military-Technical Cooperation.\n\n"
               "Its previous session was held in Pune under the chairmanship of Vasin and the then Indian minister Kiran Das.\n")
    s = _sessions(doc)[("irigc-mmtc", 32)]
    assert "Kiran Das" not in _chairs(s)
    assert s.get("place") != "Pune"


def test_last_meeting_is_not_the_current_one():
    doc = _doc("The 32nd session of the India-Russia Inter-Governmental Commission on Military and Military-Technical "
               "Cooperation was held in Kazan on Monday.\n\n"
               "The last meeting was co-chaired by Kiran Das and Oleg Vasin in Pune.\n")
    s = _sessions(doc)[("irigc-mmtc", 32)]
    assert "Kiran Das" not in _chairs(s)
    assert s.get("place") == "Kazan"


def test_since_the_last_meeting_keeps_focus():
    doc = _doc("The 32nd session of the India-Russia Inter-Governmental Commission on Military and Military-Technical "
               "Cooperation was held in Kazan on Monday.\n\n"
               "The sides noted the progress made since the last meeting. A protocol was signed at the end of the session.\n")
    s = _sessions(doc)[("irigc-mmtc", 32)]
    assert {x["kind"] for x in s["signed"]} == {"protocol"}


# 2. appositive ordinals of a previous session
def test_appositive_its_ordinal():
    doc = _doc("The 32nd session of the India-Russia Inter-Governmental Commission on Military and Military-Technical "
               "Cooperation was held in Kazan on Monday.\n\n"
               "The previous meeting of the commission, its 31st, was held in Pune in March 2032.\n\n"
               "The two sides signed the protocol of the meeting.\n")
    ss = _sessions(doc)
    assert ss[("irigc-mmtc", 31)].get("place") == "Pune"
    assert ss[("irigc-mmtc", 31)].get("date") == "2032-03"
    assert ss[("irigc-mmtc", 32)].get("place") == "Kazan"
    assert {x["kind"] for x in ss[("irigc-mmtc", 32)]["signed"]} == {"protocol"}
    assert not ss[("irigc-mmtc", 31)]["signed"]


def test_appositive_the_word_ordinal():
    doc = _doc("The India-Russia Inter-Governmental Commission on Military and Military-Technical Cooperation held its "
               "32nd session in Kazan on Monday.\n\n"
               "The commission was set up long ago. Its previous session, the thirty-first, took place in Pune in "
               "May 2032 under the chairmanship of Kiran Das and Oleg Vasin.\n")
    ss = _sessions(doc)
    assert ss[("irigc-mmtc", 31)].get("place") == "Pune"
    assert "Kiran Das" in _chairs(ss[("irigc-mmtc", 31)])
    assert "Kiran Das" not in _chairs(ss[("irigc-mmtc", 32)])


# 3. a number said to be wrong makes no session
def test_correction_note_makes_no_session():
    doc = _doc("The 12th meeting of the India-Russia Working Group on Military Cooperation was held in Kazan on Monday.\n\n"
               "Correction: an earlier version of this story wrongly called it the 11th meeting of the Working Group.\n")
    assert ("wg-mc", 11) not in _sessions(doc)
    assert ("wg-mc", 12) in _sessions(doc)


def test_incorrectly_numbered_session_is_dropped():
    doc = _doc("The 12th meeting of the India-Russia Working Group on Military Cooperation was held in Kazan on Monday.\n\n"
               "This post had incorrectly described the talks as the 13th session of the group.\n")
    assert ("wg-mc", 13) not in _sessions(doc)


def test_exercise_edition_is_not_a_session():
    doc = _doc("The 12th meeting of the India-Russia Working Group on Military Cooperation was held in Kazan on Monday.\n\n"
               "The joint exercise was first held in 2030 and a third edition is due this year.\n")
    assert set(_sessions(doc)) == {("wg-mc", 12)}


# 4. "said on Thursday as he began talks": the meeting's date
def test_said_as_he_began_talks_dates_the_meeting():
    doc = _doc("KAZAN - The two countries are ready to build more ships together, Defence Minister Oleg Vasin said on Thursday "
               "as he began talks with Indian officials in the city.\n\n"
               "The ministers then held the 32nd meeting of the India-Russia Intergovernmental Commission on "
               "Military-Technical Cooperation.\n")
    assert _sessions(doc)[("irigc-mmtc", 32)].get("date") == "2033-10-06"


def test_said_on_weekday_alone_is_not_the_meeting_date():
    doc = _doc("The 32nd meeting of the India-Russia Intergovernmental Commission on Military-Technical Cooperation "
               "was held in Kazan on Monday.\n\n"
               "The meeting went well, Oleg Vasin said on Thursday in an interview.\n")
    assert _sessions(doc)[("irigc-mmtc", 32)].get("date") == "2033-10-10"
