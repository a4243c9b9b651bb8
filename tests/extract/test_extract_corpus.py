"""The corpus runner: workers, recycling, bounded memory, near-duplicates
found across workers."""
from __future__ import annotations

import random
from pathlib import Path

from kg.extract import corpus, extract_paths
from kg.extract.corpus import read_one
from kg.extract.pipeline import get_pipeline

REPORTS = Path(__file__).resolve().parents[2] / "seeds" / "reports"


def _novel(rng: random.Random, words: int) -> str:
    """Words no dictionary holds: each is a new string for spaCy."""
    return " ".join("".join(rng.choice("bcdfghjklmnpqrstvwxz") for _ in range(8)) for _ in range(words))


def test_memory_does_not_grow_per_document(tmp_path):
    rng = random.Random(3)
    strings = get_pipeline().nlp.vocab.strings
    sizes = []
    for i in range(12):
        p = tmp_path / f"{i}.txt"
        p.write_text(f"The {i + 2}th meeting of the IRIGC-MTC was held in Moscow. {_novel(rng, 400)}")
        assert read_one(i, str(p)).doc is not None
        sizes.append(len(strings))
    # every document brings 400 new words; none of them stays interned
    assert sizes[-1] == sizes[1], sizes


def test_workers_recycled_give_the_same_facts(monkeypatch):
    one = extract_paths([REPORTS], jobs=1)
    monkeypatch.setattr(corpus, "RECYCLE", 1)      # a new worker for every chunk
    two = extract_paths([REPORTS], jobs=2)
    assert one == two
    assert len(one["documents"]) == len([p for p in REPORTS.iterdir() if p.suffix in (".txt", ".html", ".htm")])


def test_copies_found_across_workers(tmp_path):
    rng = random.Random(5)
    texts = {f"d{i:02}.txt": "\n\n".join(_novel(rng, 60) for _ in range(5)) for i in range(16)}
    texts["d05-copy.txt"] = "\n\n".join(texts["d05.txt"].split("\n\n")[:3])          # drops paragraphs
    paras = texts["d09.txt"].split("\n\n")[:4]                                      # light rewrite
    paras[1] = paras[1].replace(paras[1].split()[30], "edited", 1)
    texts["d09-rewrite.txt"] = "\n\n".join(paras)
    for name, text in texts.items():
        (tmp_path / name).write_text(text)
    for jobs in (1, 2):
        docs = {d["document"]: d for d in extract_paths([tmp_path], jobs=jobs)["documents"]}
        marked = {n: d["duplicate_of"] for n, d in docs.items() if "duplicate_of" in d}
        assert marked == {"d05-copy.txt": "d05.txt", "d09-rewrite.txt": "d09.txt"}, jobs
