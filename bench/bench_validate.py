"""Validation and publishing at scale: the curated record's check on synthetic datasets.

For each size (about 10k, 100k and 1M triples; BENCH_QUICK=1 stops at 100k) a
synthetic dataset (bench/synthetic.py, the project's vocabulary) is validated
with the build's engine (the shapes as whole-graph queries on pyoxigraph) and,
at 10k, with pySHACL (the engine it replaced) at 10k; then sorted and published in
the four formats as `kg build` does. Figures are seconds and ratios within this
run; results go to bench/results/validate.json.
"""
from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

from pyoxigraph import RdfFormat, parse

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from synthetic import generate  # noqa: E402

from kg.builder.publish import publish, sort_quads  # noqa: E402
from kg.builder.run import project_shapes  # noqa: E402
from kg.builder.summary import summarise  # noqa: E402
from kg.builder.validate import validate  # noqa: E402

SIZES = {"10k": 10_000, "100k": 100_000, "1M": 1_000_000}
PYSHACL_UP_TO = 10_000  # beyond it pySHACL takes many minutes (the reason for the engine)


def timed(fn):
    start = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - start


def main() -> int:
    quick = bool(os.environ.get("BENCH_QUICK"))
    shapes = project_shapes(ROOT)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for label, size in SIZES.items():
            if quick and size > 100_000:
                continue
            path = Path(tmp) / f"synthetic-{label}.nq"
            generate(size, path)
            quads, t_parse = timed(lambda: list(parse(path=str(path), format=RdfFormat.N_QUADS)))
            report, t_ox = timed(lambda: validate(quads, shapes))
            row = {"size": label, "quads": len(quads), "parse_s": round(t_parse, 2),
                   "validate_oxigraph_s": round(t_ox, 2), "conforms": report.conforms,
                   "violations": len(report.violations)}
            if size <= PYSHACL_UP_TO:
                theirs, t_py = timed(lambda: validate(quads, shapes, engine="pyshacl"))
                row.update(validate_pyshacl_s=round(t_py, 2), speedup=round(t_py / t_ox, 1),
                           same_verdict=theirs.conforms == report.conforms,
                           same_violations=theirs.violations == report.violations)
            ordered, t_sort = timed(lambda: sort_quads(quads))
            out = Path(tmp) / f"out-{label}"
            _, t_pub = timed(lambda: publish(ordered, summarise(ordered, report), out))
            row.update(sort_s=round(t_sort, 2), summarise_publish_s=round(t_pub, 2),
                       total_s=round(t_parse + t_ox + t_sort + t_pub, 2))
            results.append(row)
            print(json.dumps(row), flush=True)
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "validate.json").write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
