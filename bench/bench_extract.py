"""Throughput and scaling of the extractor, as ratios measured in one run.

    .venv/bin/python bench/bench_extract.py [--n 2000]     (BENCH_QUICK=1: --n 300)

On generated ~540-word articles whose paragraphs are all distinct
(bench/articles.py), it reports:

- the floor: spaCy's bare tokenizer + sentencizer over the same texts;
- articles/s in-process on one core (``extract_text``), and its ratio to the floor;
- articles/s of a whole ``kg extract --jobs 1`` process over the n articles
  (start-up, reading, near-duplicates and writing included), its start-up
  alone, and ``--jobs 2`` (and more where there are cores) as a scaling ratio;
- linearity, each as a ratio of ratios (1.0 = linear): time per word for one
  article 16x as long, time per mention for 8x the date mentions, time per
  article for a corpus 4x as large (whole process, CPU time), and the near-duplicate
  step alone (time and candidate pairs) for 4x the documents.

Figures go to standard output and bench/results/extract.json.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from articles import article, write  # noqa: E402


def _cpu(fn):
    t0 = time.process_time()
    fn()
    return time.process_time() - t0


def _pin() -> set[int] | None:
    if not hasattr(os, "sched_setaffinity"):
        return None
    cores = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {min(cores)})
    return cores


def _unpin(cores) -> None:
    if cores:
        os.sched_setaffinity(0, cores)


def _kg_extract(folder: Path, out: Path, jobs: int) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the process and its workers)"""
    import resource

    c0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    r = subprocess.run([sys.executable, "-m", "kg", "extract", str(folder), "-o", str(out), "--jobs", str(jobs)],
                       cwd=ROOT, capture_output=True, text=True)
    dt = time.perf_counter() - t0
    if r.returncode != 0:
        raise SystemExit(f"kg extract failed: {r.stderr[-2000:]}")
    c1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    return dt, (c1.ru_utime + c1.ru_stime) - (c0.ru_utime + c0.ru_stime)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=300 if os.environ.get("BENCH_QUICK") else 2000)
    args = ap.parse_args()
    n = args.n
    res: dict = {"articles": n, "load_average_at_start": os.getloadavg()[0]}
    texts = [article(i) for i in range(n)]
    paras = [p for t in texts for p in t.split("\n\n")]
    res["mean_words"] = round(sum(len(t.split()) for t in texts) / n)
    res["paragraphs_distinct"] = f"{len(set(paras))}/{len(paras)}"

    cores = _pin()
    import spacy

    from kg.extract import extract_text
    from kg.extract.pipeline import get_pipeline

    floor_nlp = spacy.blank("en")
    floor_nlp.add_pipe("sentencizer")
    floor = _cpu(lambda: [len(d) for d in floor_nlp.pipe(texts, batch_size=64)])
    res["floor_articles_per_s"] = round(n / floor)

    t0 = time.perf_counter()
    get_pipeline()
    res["pipeline_load_s"] = round(time.perf_counter() - t0, 2)
    for t in texts[:20]:       # warm up: lazy imports, compiled patterns
        extract_text(t, "w")
    dc = _cpu(lambda: [extract_text(t, f"a{i}") for i, t in enumerate(texts)])
    res["in_process_articles_per_s"] = round(n / dc, 1)
    res["floor_ratio"] = round((n / floor) / (n / dc), 1)

    # linearity in document length: one article 16x as long (its paragraphs distinct too)
    one, long = article(10_001, 540), article(10_002, 540 * 16)
    t1, t16 = _cpu(lambda: extract_text(one, "one")), _cpu(lambda: extract_text(long, "long"))
    res["length_ratio"] = round((t16 / len(long.split())) / (t1 / len(one.split())), 2)
    # linearity in date mentions: 8x the mentions
    few, many = article(10_003, 540, dates=100), article(10_003, 540, dates=800)
    tf, tm = _cpu(lambda: extract_text(few, "few")), _cpu(lambda: extract_text(many, "many"))
    res["date_mentions_ratio"] = round((tm / 800) / (tf / 100), 2)

    # the near-duplicate step alone, 4x the documents
    from kg.extract.dedupe import CopyFinder, sketch

    def finder_run(k):
        sks = [sketch(t) for t in texts[:k]]
        f = CopyFinder()
        t0 = time.process_time()
        for i, s in enumerate(sks):
            f.add(i, s)
        f.copies({i: f"a{i}" for i in range(k)})
        return time.process_time() - t0, len(f.candidate_pairs())
    finder_run(50)   # warm up
    (dq, pq), (dn, pn) = finder_run(n // 4), finder_run(n)
    res["dedupe_s"] = round(dn, 3)
    res["dedupe_time_ratio_4x"] = round(dn / max(dq, 1e-6) / 4, 2)
    res["dedupe_candidate_pairs"] = {str(n // 4): pq, str(n): pn}

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        write(n, tmp / "all")
        (tmp / "quarter").mkdir()
        for p in sorted((tmp / "all").iterdir())[: n // 4]:
            (tmp / "quarter" / p.name).write_bytes(p.read_bytes())
        write(1, tmp / "single")
        start, start_cpu = _kg_extract(tmp / "single", tmp / "s.json", 1)
        res["process_startup_s"] = {"wall": round(start, 2), "cpu": round(start_cpu, 2)}
        whole, whole_cpu = _kg_extract(tmp / "all", tmp / "a.json", 1)
        quarter, quarter_cpu = _kg_extract(tmp / "quarter", tmp / "q.json", 1)
        res["process_jobs1_articles_per_s"] = {"wall": round(n / whole, 1), "per_cpu_s": round(n / whole_cpu, 1)}
        res["corpus_size_ratio_4x"] = round((whole_cpu / n) / (quarter_cpu / (n // 4)), 2)
        _unpin(cores)
        avail = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
        res["cores"] = avail
        scaling = {}
        for jobs in sorted({2, avail} - {1}):
            if jobs > avail:
                continue
            dt, _ = _kg_extract(tmp / "all", tmp / f"j{jobs}.json", jobs)
            scaling[str(jobs)] = {"articles_per_s": round(n / dt, 1), "speedup": round(whole / dt, 2)}
            same = json.loads((tmp / "a.json").read_text()) == json.loads((tmp / f"j{jobs}.json").read_text())
            scaling[str(jobs)]["same_output"] = same
        res["jobs"] = scaling
    res["load_average_at_end"] = os.getloadavg()[0]

    for k, v in res.items():
        print(f"{k:32} {v}")
    out = ROOT / "bench" / "results" / "extract.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(res, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
