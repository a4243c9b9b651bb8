"""'The two ministers co-chaired the Nth session': the ministers named earlier."""
from kg.extract.facts import extract_text

TEXT = (
    "NEW DELHI, March 3, 2031: Defence Minister Anil Verma on Monday received his Russian counterpart Pavel Orlov "
    "at South Block.\n\n"
    "The visit was the first since the elections. Officials spoke of a wide agenda.\n\n"
    "The two ministers co-chaired the 30th session of the India-Russia Inter-Governmental "
    "Commission on Military and Military-Technical Cooperation.\n"
)


def test_ministers_pair_named_before():
    doc = extract_text(TEXT, "t.txt")
    s = [x for x in doc["sessions"] if x["ordinal"] == 30][0]
    chairs = {(c["name"], c["country"]) for c in s.get("co_chairs", [])}
    assert ("Anil Verma", "India") in chairs
    assert ("Pavel Orlov", "Russia") in chairs


def test_ministers_without_names_gives_no_chairs():
    doc = extract_text(TEXT.replace("Defence Minister Anil Verma", "The minister").replace("Pavel Orlov ", ""), "t.txt")
    s = [x for x in doc["sessions"] if x["ordinal"] == 30][0]
    assert not s.get("co_chairs")
