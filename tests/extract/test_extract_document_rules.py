"""Document-level rules: the main session's lead facts and surnames alone (texts written for these tests)."""
from __future__ import annotations

from kg.extract import extract_text

LEAD = """Ministers review arms ties

By Our Reporter | Updated: Mar 04, 2031 10:00 IST

KAZAN: Defence Minister Arvind Mehra on Monday held talks with his Russian counterpart Pavel Orlov in Kazan.

The two ministers discussed spares, ships and training.

This was the 30th meeting of the India-Russia Inter-Governmental Commission on Military and Military-Technical Cooperation.

Mehra and Orlov co-chaired the talks.
"""


def _session(doc, body, ordinal):
    return next(s for s in doc["sessions"] if s["body"] == body and s["ordinal"] == ordinal)


def test_lead_facts_attach_to_the_main_session():
    doc = extract_text(LEAD, "lead.txt")
    s = _session(doc, "irigc-mmtc", 30)
    assert s.get("date") == "2031-03-03"
    assert s.get("place") == "Kazan"


def test_surname_alone_is_the_person_named_earlier():
    doc = extract_text(LEAD, "lead.txt")
    s = _session(doc, "irigc-mmtc", 30)
    names = {c["name"]: c["country"] for c in s["co_chairs"]}
    assert names.get("Arvind Mehra") == "India"
    assert names.get("Pavel Orlov") == "Russia"


def test_lead_about_another_mechanism_is_not_attached():
    text = LEAD.replace("held talks with his Russian counterpart Pavel Orlov in Kazan",
                        "attended the annual summit talks with Pavel Orlov in Kazan")
    doc = extract_text(text, "summit.txt")
    s = _session(doc, "irigc-mmtc", 30)
    assert "date" not in s and "place" not in s


def test_past_year_sentence_is_not_attached():
    text = LEAD.replace("on Monday held talks", "in 2029 held talks")
    doc = extract_text(text, "past.txt")
    s = _session(doc, "irigc-mmtc", 30)
    assert "place" not in s


def test_ambiguous_surname_is_not_resolved():
    text = LEAD.replace("The two ministers discussed", "Defence Secretary Ravi Mehra and the ministers discussed")
    doc = extract_text(text, "amb.txt")
    s = _session(doc, "irigc-mmtc", 30)
    names = {c["name"] for c in s["co_chairs"]}
    assert "Ravi Mehra" not in names and len(names) == 2


SPAN_END = """Arms industry talks end

Kazan, Mar 06, 2031

The three-day 30th session of the India-Russia Working Group on Military-Technical Cooperation and Defence Industry concluded on Wednesday in Kazan.
"""


def test_multi_day_session_ending_on_a_day_starts_days_before():
    s = _session(extract_text(SPAN_END, "span.txt"), "wg-mtc-di", 30)
    assert s.get("date") == "2031-03-03"
    assert s.get("end_date") == "2031-03-05"
