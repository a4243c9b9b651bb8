"""`kg build` with a corpus: the curated record plus 1,000 generated articles.

    .venv/bin/python bench/bench_build.py [--n 1000]     (BENCH_QUICK=1: --n 200)

The articles are bench/articles.py's ~540-word texts with distinct paragraphs.
Reported: the whole build (extraction, the curated union's validation, every
extracted graph's validation on its own, publishing), and each phase's share,
so the validation cost per extracted graph reads as a ratio to extraction's.
Figures go to standard output and bench/results/build.json.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import articles  # noqa: E402

from kg.builder import run  # noqa: E402
from kg.builder.extracted import structure_of  # noqa: E402
from kg.builder.publish import publish, sort_quads  # noqa: E402
from kg.builder.summary import summarise  # noqa: E402
from kg.builder.validate import validate, validate_each  # noqa: E402


def timed(fn):
    start = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - start


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=200 if os.environ.get("BENCH_QUICK") else 1000)
    n = ap.parse_args().n
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        articles.write(n, folder)
        _, whole = timed(lambda: run.build(root=ROOT, out=Path(tmp) / "build", corpus=[folder]))
        # The phases again, one by one, on the same input.
        shapes, t_shapes = timed(lambda: run.project_shapes(ROOT))
        (curated, other), t_collect = timed(lambda: run.collect(ROOT, run.default_extra_sources(ROOT, [folder])))
        _, t_curated = timed(lambda: validate(curated, shapes))
        reports, t_each = timed(lambda: validate_each(other, structure_of(curated), shapes))
        quads = sort_quads(curated + other)
        _, t_publish = timed(lambda: publish(quads, summarise(quads, run.validate(curated, shapes)), Path(tmp) / "b2"))
    row = {"articles": n, "build_s": round(whole, 1), "articles_per_s": round(n / whole, 1),
           "shapes_s": round(t_shapes, 2), "extract_and_collect_s": round(t_collect, 1),
           "validate_curated_s": round(t_curated, 2), "validate_extracted_s": round(t_each, 1),
           "validate_ms_per_graph": round(1000 * t_each / max(1, len(reports)), 1),
           "publish_s": round(t_publish, 1), "graphs": len(reports),
           "validation_share": round((t_curated + t_each) / whole, 2)}
    print(json.dumps(row), flush=True)
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "build.json").write_text(json.dumps(row, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
