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


def _texts(n, words=300, seed=11):
    import random
    rng = random.Random(seed)
    vocab = [f"w{i}" for i in range(3000)]   # a shared vocabulary: texts overlap in words, not in phrases
    return {f"t{i:03}": " ".join(rng.choice(vocab) for _ in range(words)) for i in range(n)}


def test_distinct_texts_not_merged_and_copies_found():
    docs = _texts(200)
    docs["t050-copy"] = " ".join(docs["t050"].split()[40:260])   # a cut-down copy
    docs["t120-edit"] = docs["t120"].replace(docs["t120"].split()[100], "edited")
    got = near_duplicates(docs)
    assert got.keys() == {"t050-copy", "t120-edit"}   # equal sizes: the later name is the copy
    assert got["t050-copy"][0] == "t050"
    # the input order does not matter
    assert near_duplicates(dict(reversed(list(docs.items())))) == got


def test_candidates_grow_linearly():
    from kg.extract.dedupe import CopyFinder, sketch

    pairs = {}
    for n in (100, 400):
        finder = CopyFinder()
        for i, text in enumerate(_texts(n).values()):
            finder.add(i, sketch(text))
        pairs[n] = len(finder.candidate_pairs())
    # distinct texts rarely share a band: far fewer candidate pairs than documents, at either size
    assert pairs[400] < 400 and pairs[100] < 100, pairs


def test_shingles_order_sensitive_and_deterministic():
    from kg.extract.dedupe import shingles

    a, b = shingles("one two three four five six"), shingles("six five four three two one")
    assert len(a) == 2 and not set(a.tolist()) & set(b.tolist())
    assert shingles("One, two; THREE four five six").tolist() == a.tolist()
