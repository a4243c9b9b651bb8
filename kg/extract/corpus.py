"""The corpus runner: every file under the given paths through the extractor,
in this process or in worker processes, with per-document limits, and
near-duplicates found as the results come in.

Workers (``jobs > 1``) are forked from this process after it has loaded the
spaCy pipeline, so each starts with the model already loaded (where fork is
unavailable they are spawned and load it once each). Files go to them in
chunks; a worker is replaced after about ``RECYCLE`` documents, and each
document is read inside spaCy's memory zone, so memory stays bounded however
many documents one process reads. A worker returns, with each document's
facts, its near-duplicate sketch (shingles and MinHash, computed there), so
that the parent only files sketches into LSH buckets.
"""
from __future__ import annotations

import multiprocessing
import os
import sys
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

from .limits import Limits, Skipped, time_limit

__all__ = ["extract_paths", "Outcome", "read_one"]

RECYCLE = 500       # documents a worker reads before it is replaced
_GUESSED = ("cp1252", "latin-1")


@dataclass
class Outcome:
    """One file's result: its facts and sketch, or why it was skipped; and
    notes (an encoding guessed)."""
    index: int
    doc: dict | None = None
    sketch: object = None
    skipped: str | None = None
    note: str | None = None


_STATE: dict = {"gazetteer": None, "limits": Limits()}


def _init_worker(gazetteer, limits) -> None:
    _STATE["gazetteer"], _STATE["limits"] = gazetteer, limits
    from .pipeline import get_pipeline
    get_pipeline(gazetteer)


def read_one(index: int, path: str, gazetteer=None, limits: Limits | None = None) -> Outcome:
    """Read and extract one file within the limits; never raises for a bad file."""
    from . import extract_text
    from .dedupe import sketch
    from .pipeline import get_pipeline
    from .text import read_document

    limits = limits or Limits()
    out = Outcome(index)
    try:
        text, encoding = read_document(path, limits.max_bytes)
        if len(text) > limits.max_chars:
            raise Skipped(f"{path}: skipped: {len(text)} characters, over the limit of {limits.max_chars} (max_chars)")
        nlp = get_pipeline(gazetteer).nlp
        # memory_zone: the strings spaCy interns for this document are freed after it
        zone = nlp.memory_zone() if hasattr(nlp, "memory_zone") else nullcontext()
        with time_limit(limits.max_seconds, path), zone:
            out.doc = extract_text(text, Path(path).name, gazetteer=gazetteer)
        out.sketch = sketch(text)
        if encoding in _GUESSED:
            out.note = f"{path}: not UTF-8, UTF-16 or UTF-32; read as {encoding}"
    except Skipped as exc:
        out.skipped = str(exc)
    except Exception as exc:  # noqa: BLE001
        # a fault of the extractor on this text: skip the document, name it and the fault
        out.doc = None
        out.skipped = f"{path}: skipped: the extractor failed ({type(exc).__name__}: {exc})"
    return out


def _chunk(items: list[tuple[int, str]]) -> list[Outcome]:
    return [read_one(i, p, _STATE["gazetteer"], _STATE["limits"]) for i, p in items]


def _context():
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _outcomes(files: list[Path], jobs: int, gazetteer, limits: Limits):
    items = [(i, str(f)) for i, f in enumerate(files)]
    if jobs <= 1 or len(files) < 2:
        for i, p in items:
            yield read_one(i, p, gazetteer, limits)
        return
    from .pipeline import get_pipeline

    ctx = _context()
    if ctx.get_start_method() == "fork":
        get_pipeline(gazetteer)   # loaded once here; forked workers share it
    size = max(1, min(32, len(items) // (jobs * 8)))
    chunks = [items[i:i + size] for i in range(0, len(items), size)]
    with ctx.Pool(jobs, initializer=_init_worker, initargs=(gazetteer, limits),
                  maxtasksperchild=max(1, RECYCLE // size)) as pool:
        for outcomes in pool.imap_unordered(_chunk, chunks):
            yield from outcomes


def extract_paths(paths, jobs: int = 1, gazetteer=None, limits: Limits | None = None, warn=None) -> dict:
    """Facts of all files under ``paths``: ``{"documents": [...], "skipped":
    [...]}``, documents in name order; a syndicated copy or near-copy carries
    ``duplicate_of`` (the name of the document it copies) and
    ``duplicate_similarity``. A file over a limit, not a regular file or not
    text is skipped: listed under ``skipped`` (``{"document", "reason"}``)
    and reported through ``warn`` (default: a line on standard error), as
    are encodings guessed."""
    from . import collect_files
    from .dedupe import CopyFinder

    limits = limits or Limits.for_project()
    say = warn or (lambda message: print(message, file=sys.stderr))
    files = collect_files(paths)
    finder = CopyFinder()
    done: dict[int, Outcome] = {}
    for outcome in _outcomes(files, jobs, gazetteer, limits):
        done[outcome.index] = outcome
        if outcome.sketch is not None:
            finder.add(outcome.index, outcome.sketch)
            outcome.sketch = None
    kept = [done[i] for i in sorted(done) if done[i].doc is not None]
    for i in sorted(done):
        for message in (done[i].skipped, done[i].note):
            if message:
                say(message)
    docs = [o.doc for o in kept]
    # same file name in two folders: keep names unique by adding the folder
    counts: dict[str, int] = {}
    for d in docs:
        counts[d["document"]] = counts.get(d["document"], 0) + 1
    for o in kept:
        if counts[o.doc["document"]] > 1:
            o.doc["document"] = str(files[o.index])
    dups = finder.copies({o.index: o.doc["document"] for o in kept})
    for d in docs:
        if d["document"] in dups:
            d["duplicate_of"], d["duplicate_similarity"] = dups[d["document"]]
    skipped = [{"document": str(files[i]), "reason": done[i].skipped} for i in sorted(done) if done[i].skipped]
    return {"documents": docs, "skipped": skipped}


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1
