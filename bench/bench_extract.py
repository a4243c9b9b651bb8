"""Throughput of the extractor: articles per second on one core.

    .venv/bin/python bench/bench_extract.py [--n 300] [--words 500]

Builds ~500-word articles from the project's own reports (seeds/reports),
padded with generic filler sentences written for this benchmark, loads the
pipeline once, then times ``extract_text`` over ``n`` articles.
"""
from __future__ import annotations

import argparse
import itertools
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FILLER = [
    "Officials from both ministries said the discussions were held in a cordial atmosphere.",
    "The two countries have cooperated on defence matters for several decades.",
    "Analysts expect the partnership to focus on joint production in the years ahead.",
    "A separate round of consultations on regional security is planned for next year.",
    "The delegations also toured an industrial facility on the outskirts of the city.",
    "Both sides noted the importance of timely supply of spares and services.",
]


def articles(words: int) -> list[tuple[str, str]]:
    from kg.extract.text import read_path

    base = [(p.name, read_path(p)) for p in sorted((ROOT / "seeds" / "reports").glob("r*.*"))]
    out = []
    filler = itertools.cycle(FILLER)
    for name, text in base:
        parts = [text]
        while len(" ".join(parts).split()) < words:
            parts.append(" ".join(next(filler) for _ in range(3)))
        out.append((name, "\n\n".join(parts)))
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--words", type=int, default=500)
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        try:
            os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
        except OSError:
            pass
    from kg.extract import extract_text
    from kg.extract.pipeline import get_pipeline

    t0 = time.perf_counter()
    get_pipeline()
    load = time.perf_counter() - t0
    docs = articles(args.words)
    for name, text in docs:  # warm up (compiles regexes, lazy imports)
        extract_text(text, name)
    mean_words = sum(len(t.split()) for _, t in docs) / len(docs)
    t0, c0 = time.perf_counter(), time.process_time()
    for i in range(args.n):
        name, text = docs[i % len(docs)]
        extract_text(text, name)
    dt, dc = time.perf_counter() - t0, time.process_time() - c0
    print(f"pipeline load: {load:.2f}s")
    print(f"{args.n} articles of ~{mean_words:.0f} words in {dt:.2f}s wall, {dc:.2f}s CPU: "
          f"{args.n / dt:.0f} articles/s wall, {args.n / dc:.0f} articles/s per CPU-second (one core)")
    scaling(docs)
    return 0


def scaling(docs) -> None:
    """Linear in input size: one long document of k articles costs about k times one article."""
    from kg.extract import extract_text

    text = "\n\n".join(t for _, t in docs)
    base = None
    for k in (1, 4, 16):
        # Each copy's paragraphs are made distinct: repeated paragraphs are read once by design.
        big = "\n\n".join(para + f" (Copy {i}.)" for i in range(k) for para in text.split("\n\n"))
        t0 = time.process_time()
        extract_text(big, "scaling.txt", published="2020-03-03")
        dc = time.process_time() - t0
        base = base or dc
        print(f"scaling: {len(big.split()):>7} words in {dc:.2f}s CPU, {dc / base:.1f}x the time for {k}x the text")


if __name__ == "__main__":
    sys.exit(main())
