"""Run every benchmark: each `bench/bench_*.py`, one after another, in its own process.

    python bench/run.py              # all of them (what `make bench` runs)
    python bench/run.py queries      # only those whose name contains "queries"
    BENCH_QUICK=1 python bench/run.py   # smaller sizes where a benchmark supports it

Each benchmark prints its own figures and writes them under bench/results/.
Exit status: 0 if every benchmark finished, else 1.
"""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    wanted = [a for a in argv if not a.startswith("-")]
    scripts = [p for p in sorted(HERE.glob("bench_*.py")) if not wanted or any(w in p.stem for w in wanted)]
    if not scripts:
        print("bench/run.py: no benchmark matches", " ".join(wanted), file=sys.stderr)
        return 1
    failed = []
    for script in scripts:
        print(f"\n######## {script.name}", flush=True)
        start = time.perf_counter()
        code = subprocess.call([sys.executable, str(script)], cwd=HERE.parent, env=os.environ.copy())
        print(f"######## {script.name}: exit {code}, {time.perf_counter() - start:.0f} s", flush=True)
        if code != 0:
            failed.append(script.name)
    if failed:
        print(f"\nfailed: {', '.join(failed)}", file=sys.stderr)
        return 1
    print(f"\nall {len(scripts)} benchmarks finished")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
