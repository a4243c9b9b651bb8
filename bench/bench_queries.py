"""Time the query library on pyoxigraph (the project's engine) and on rdflib, in one run.

For each size (about 10k, 100k and 1M triples) a synthetic dataset is written
(bench/synthetic.py), loaded into a pyoxigraph Store and into an rdflib
Dataset (default_union=True, the same union-default-graph semantics), and
every query of ontology/queries/ runs on both with the same parameters,
bound through each engine's own mechanism (pyoxigraph substitutions, rdflib
initBindings). A query's time is the best of a few runs after a warm-up, with
every row consumed; rdflib is stopped at its time limit, and then the ratio
is a lower bound. The two engines' row counts are compared.

    python bench/bench_queries.py                     # 10k, 100k, 1M
    python bench/bench_queries.py --sizes 10k,100k --rdflib-timeout 10

Writes bench/results/queries.json (read by README's query section).
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import signal
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from synthetic import generate  # noqa: E402

SIZES = {"10k": 10_000, "100k": 100_000, "1M": 1_000_000}

# Parameters for the synthetic graph (keys of synthetic.Summary.sample), per query.
PARAMS = {
    "sessions-of-body": ["body"], "co-chairs-over-time": ["body"], "post-holders-on-date": ["date"],
    "sessions-in-place": ["place"], "sources-of": ["about"], "single-source-facts": ["source"],
    "timeline": ["year"],
}


class _Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise _Timeout()


def best_of(fn, repeat: int, budget: float) -> tuple[float, int]:
    """(best time, rows) over up to `repeat` runs, fewer when one run is slow."""
    best, rows, spent = float("inf"), 0, 0.0
    for _ in range(repeat):
        t = time.perf_counter()
        rows = fn()
        dt = time.perf_counter() - t
        best, spent = min(best, dt), spent + dt
        if spent > budget:
            break
    return best, rows


def to_rdflib(term):
    from pyoxigraph import Literal, NamedNode
    from rdflib import Literal as RLiteral, URIRef
    if isinstance(term, NamedNode):
        return URIRef(term.value)
    if isinstance(term, Literal):
        if term.language:
            return RLiteral(term.value, lang=term.language)
        return RLiteral(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(term)


def run_size(label: str, triples: int, libs, repeat: int, rdflib_timeout: float, data_dir: Path) -> dict:
    from pyoxigraph import RdfFormat, Store
    from kg import queries as Q

    path = data_dir / f"synthetic-{label}.nq"
    t = time.perf_counter()
    summary = generate(triples, path)
    gen_time = time.perf_counter() - t
    print(f"\n== {label}: {summary.triples:,} triples, {summary.quads:,} quads, {summary.sessions:,} sessions, "
          f"{summary.bodies:,} bodies, {summary.sources} sources (generated in {gen_time:.1f} s)", flush=True)

    t = time.perf_counter()
    store = Store()
    store.bulk_load(path=str(path), format=RdfFormat.N_QUADS)
    ox_load = time.perf_counter() - t
    print(f"   load: pyoxigraph {ox_load:.2f} s", end="", flush=True)

    from rdflib import Dataset
    t = time.perf_counter()
    ds = Dataset(default_union=True)
    ds.parse(str(path), format="nquads")
    rd_load = time.perf_counter() - t
    print(f", rdflib {rd_load:.1f} s", flush=True)

    results = {}
    header = f"   {'query':26} {'pyoxigraph':>11} {'rdflib':>11} {'ratio':>8}  rows"
    print(header + "\n   " + "-" * (len(header) - 3), flush=True)
    old = signal.signal(signal.SIGALRM, _alarm)
    try:
        for lib in libs:
            given = {k: summary.sample[k] for k in PARAMS.get(lib.name, [])}
            subs = Q.bind_params(lib.text, given, lib.params, store, lib.name)

            def ox():
                return len(Q.execute(lib.text, store, subs, where=lib.name))
            ox()   # warm-up
            ox_time, ox_rows = best_of(ox, repeat, budget=5.0)

            init = {v.value: to_rdflib(term) for v, term in subs.items()}

            def rd():
                return sum(1 for _ in ds.query(lib.text, initBindings=init))
            rd_time, rd_rows, rd_error = None, None, None
            gc.collect()
            signal.setitimer(signal.ITIMER_REAL, rdflib_timeout)
            try:
                rd_time, rd_rows = best_of(rd, repeat if triples <= 100_000 else 1, budget=rdflib_timeout / 2)
            except _Timeout:
                pass
            except Exception as exc:   # an engine error is a result too
                rd_error = f"{type(exc).__name__}: {exc}"
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            if rd_error:
                ratio = None
            else:
                ratio = (rd_time / ox_time) if rd_time else rdflib_timeout / ox_time
            same = rd_rows is None or rd_rows == ox_rows
            results[lib.name] = {"oxigraph": ox_time, "rdflib": rd_time, "rdflib_timeout": rdflib_timeout,
                                 "rdflib_error": rd_error, "ratio": ratio,
                                 "ratio_is_lower_bound": rd_time is None and not rd_error,
                                 "rows": ox_rows, "rdflib_rows": rd_rows, "same_rows": same}
            if rd_error:
                rd_text, ratio_text = "failed", "-"
            elif rd_time is None:
                rd_text, ratio_text = f">{rdflib_timeout:.0f} s", f">{ratio:.0f}x"
            else:
                rd_text, ratio_text = f"{rd_time * 1000:.1f}ms", f"{ratio:.0f}x"
            print(f"   {lib.name:26} {ox_time * 1000:9.1f}ms {rd_text:>11} {ratio_text:>8}  {ox_rows}"
                  f"{'' if same else f' (rdflib: {rd_rows})'}{f'  rdflib: {rd_error}' if rd_error else ''}",
                  flush=True)
    finally:
        signal.signal(signal.SIGALRM, old)
    del ds, store
    gc.collect()
    return {"label": label, "triples": summary.triples, "quads": summary.quads, "sessions": summary.sessions,
            "load": {"oxigraph": ox_load, "rdflib": rd_load}, "results": results}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    ap.add_argument("--sizes", default="10k,100k" if os.environ.get("BENCH_QUICK") else "10k,100k,1M",
                    help="comma-separated: 10k, 100k, 1M (default: all; 10k,100k with BENCH_QUICK=1)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per query (best taken)")
    ap.add_argument("--rdflib-timeout", type=float, default=None,
                    help="seconds before rdflib is stopped (default: 10 below 1M triples, 20 at 1M)")
    ap.add_argument("--data", default=str(ROOT / "build" / "bench"), help="where to write the synthetic data")
    ap.add_argument("--out", default=str(HERE / "results" / "queries.json"), help="results file (JSON)")
    args = ap.parse_args(argv)

    import pyoxigraph
    import rdflib
    from kg import queries as Q

    libs = [Q.get_query(name) for name in Q.README_ORDER] + \
        [q for q in Q.list_queries() if q.name not in Q.README_ORDER]
    started = time.perf_counter()
    sizes = []
    for label in args.sizes.split(","):
        label = label.strip()
        limit = args.rdflib_timeout or (20.0 if SIZES[label] >= 1_000_000 else 10.0)
        sizes.append(run_size(label, SIZES[label], libs, args.repeat, limit, Path(args.data)))
    elapsed = time.perf_counter() - started

    worst = {s["label"]: min((r["ratio"] for r in s["results"].values() if r["ratio"]), default=0)
             for s in sizes}
    print(f"\nsmallest ratio per size: " + ", ".join(f"{k}: {v:.0f}x" for k, v in worst.items()))
    print(f"bench_queries: {elapsed:.0f} s in all")
    note = (f"Measured with pyoxigraph {pyoxigraph.__version__} and rdflib {rdflib.__version__} on "
            f"Python {platform.python_version()}, {platform.machine()}, "
            f"{_cpus()} cores; rdflib stopped after " + ", ".join(
                f"{s['results'][libs[0].name]['rdflib_timeout']:g} s at {s['label']}" for s in sizes)
            + " (\">\": a lower bound). "
            "Smallest ratio per size: " + ", ".join(f"{k} {v:,.0f}x" for k, v in worst.items()) + ".")
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"queries": [q.name for q in libs], "sizes": sizes, "note": note,
                               "seconds": round(elapsed)}, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out}")
    return 0


def _cpus() -> int:
    import os
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()


if __name__ == "__main__":
    raise SystemExit(main())
