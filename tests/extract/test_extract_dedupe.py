from kg.extract.dedupe import fingerprint, near_duplicates

BASE = " ".join(f"Sentence number {i} of the report says that item {i * 7} was discussed by the panel." for i in range(30))


def test_copy_and_rewrite():
    copy = " ".join(BASE.split()[:150])
    other = "A completely unrelated story about cricket scores, monsoon rain and the price of onions. " * 4
    got = near_duplicates({"orig.txt": BASE, "copy.txt": copy, "other.txt": other})
    assert got["copy.txt"][0] == "orig.txt"
    assert "other.txt" not in got and "orig.txt" not in got


def test_fingerprint_stable():
    assert fingerprint(BASE) == fingerprint(BASE)
    assert fingerprint(BASE) != fingerprint("An unrelated note about rain, cricket and the price of onions in Pune.")
    assert fingerprint("").startswith("mh5:")
