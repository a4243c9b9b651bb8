"""Reading texts: encodings, HTML, repeats, smart quotes; robustness."""
from __future__ import annotations


from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.extract import extract_text
from kg.extract.limits import Skipped
from kg.extract.text import decode_bytes, html_to_text, match_copy, paragraphs, read_path

REPORT = ("NEW DELHI, March 3: The 9th meeting of the Working Group on Military Cooperation was held in "
          "New Delhi today. The meeting was co-chaired by Lt Gen Arun Mehta and Colonel General Boris Zhukov.")


def test_decode_utf8_cp1252_latin1():
    assert decode_bytes("caf\u00e9 \u201cquoted\u201d".encode("utf-8"))[1] == "utf-8"
    text, enc = decode_bytes("\u201cquoted\u201d caf\u00e9".encode("cp1252"))
    assert enc == "cp1252" and text == "\u201cquoted\u201d caf\u00e9"
    text, enc = decode_bytes(b"\x81\x8d\x8f caf\xe9")  # bytes cp1252 leaves undefined
    assert enc == "latin-1" and text.endswith("caf\u00e9")
    assert decode_bytes(b"\xef\xbb\xbfhello")[0] == "hello"


def test_read_path_encodings_and_html(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes(REPORT.replace("Arun", "Ar\u00fan").encode("cp1252"))
    assert "Ar\u00fan" in read_path(p)
    h = tmp_path / "b.html"
    h.write_text("<html><head><script>var x='The 99th meeting of the IRIGC-MTC';</script></head><body>"
                 "<p>The 9th meeting of the <b>IRIGC-MTC</b> was held in Moscow.</p><p>Second&nbsp;para</p></body></html>")
    text = read_path(h)
    assert "99th" not in text and "The 9th meeting of the IRIGC-MTC was held in Moscow." in text
    assert "\n" in text.strip()


def test_html_to_text_survives_broken_markup():
    assert "text" in html_to_text("<p>text<div><<<>>> </p></b")


def test_match_copy_keeps_length():
    s = "\u201cA\u2019s\u201d \u2013 x\u00a0y"
    assert len(match_copy(s)) == len(s) and match_copy(s) == "\"A's\" - x y"


def test_repeated_paragraphs_read_once():
    text = "Headline here\n\nBody text.\n\n\u201cHeadline here\u201d\n\nHeadline here\n"
    paras = paragraphs(text)
    assert [p.repeated for p in paras] == [False, False, True, True]


def test_smart_quotes_and_repeats_do_not_change_facts():
    plain = extract_text(REPORT, "a", published="2020-03-03")["sessions"]
    fancy = REPORT.replace("The meeting", "\u201cThe meeting").replace("Zhukov.", "Zhukov.\u201d")
    fancy = fancy + "\n\n" + fancy
    got = extract_text(fancy, "b", published="2020-03-03")["sessions"]
    strip = lambda ss: [{k: v for k, v in s.items() if k not in ("evidence", "co_chairs", "links")} for s in ss]
    assert strip(plain) == strip(got)
    assert {c["name"] for c in got[0]["co_chairs"]} == {"Arun Mehta", "Boris Zhukov"}


def test_empty_and_whitespace():
    for t in ["", " ", "\n\n\n", "\x00\x01"]:
        doc = extract_text(t, "e")
        assert doc["sessions"] == [] and doc["document"] == "e"


def _check(doc, text):
    for s in doc["sessions"]:
        for ev in s["evidence"].values():
            assert text[ev["start"]:ev["end"]] == ev["quote"]
        for c in s["co_chairs"]:
            assert c["country"] in ("India", "Russia")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=2000))
def test_any_text_never_crashes(text):
    _check(extract_text(text, "x"), text)


WORDS = ["The", "5th", "fifth", "meeting", "of", "the", "Working", "Group", "on", "Military", "Cooperation",
         "IRIGC-MTC", "commission", "co-chaired", "by", "Lt", "Gen", "Arun", "Mehta", "and", "Colonel", "General",
         "Zhukov", "in", "Moscow", "New", "Delhi", "on", "Wednesday", "today", "29", "October", "2025", ".", ",",
         "\u201c", "\u201d", "\n", "\n\n", "signed", "protocol", "Sub-Group", "Summit", "2+2", "Dialogue", "<p>",
         "</p>", "&amp;", "Agreement", "for", "20th", "edition", "this", "he", "also", "present", "Shri", "Mr."]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(WORDS), max_size=300), st.sampled_from([None, "2025-10-30", "garbage"]))
def test_genre_soup_never_crashes(words, published):
    text = " ".join(words)
    _check(extract_text(text, "x", published=published), text)


@settings(max_examples=30, deadline=None)
@given(st.binary(max_size=3000))
def test_any_bytes_never_crash(tmp_path_factory, data):
    p = tmp_path_factory.mktemp("b") / "x.html"
    p.write_bytes(data)
    try:
        text = read_path(p)
    except Skipped as exc:   # binary data is refused, naming the file
        assert str(exc).startswith(f"{p}: skipped: ")
        return
    _check(extract_text(text, "x.html"), text)


def test_huge_file_keeps_its_facts():
    # Speed and linear scaling are measured in bench/bench_extract.py, not here.
    unit = REPORT + "\n\nSome unrelated words about the weather and markets go here for a while.\n\n"
    small = extract_text(unit, "s", published="2020-03-03")
    big = extract_text(unit * 400, "b", published="2020-03-03")  # ~100k words, repeated paragraphs
    assert big["sessions"] == small["sessions"]


def test_one_enormous_sentence():
    text = "The 5th meeting of the IRIGC-MTC was co-chaired by " + ", ".join(["Lt Gen Arun Mehta"] * 20000) + "."
    doc = extract_text(text, "x")
    # One person named 20,000 times is still at most one co-chair per side.
    for session in doc["sessions"]:
        assert len(session.get("co_chairs") or []) <= 2


def test_a_lone_surrogate_is_read_as_a_replacement_character_keeping_offsets():
    # Found by the property test: spaCy cannot encode a lone surrogate. The text comes in
    # from Python (no file decodes to one); each becomes U+FFFD, so offsets still hold.
    from kg.extract import extract_text

    text = "The 5th meeting of the Working Group on Military Cooperation \ud800 was held in Moscow."
    doc = extract_text(text, "surrogate.txt")
    assert doc["document"] == "surrogate.txt"
    for s in doc["sessions"]:
        for ev in (s.get("evidence") or {}).values():
            if isinstance(ev, dict) and "start" in ev:
                assert text[ev["start"]:ev["end"]].replace("\ud800", "\ufffd") == ev["quote"]
