"""Rule-based extraction of session facts from news texts.

Public API:

- :func:`extract_text` — facts of one text (one entry of the facts JSON);
- :func:`extract_paths` — facts of all ``.txt``/``.html``/``.htm`` files under
  the given paths, near-duplicates marked;
- :mod:`kg.extract.command` — the ``kg extract`` click command.

Importing this package is cheap: spaCy and the rule data load on first use.
"""
from __future__ import annotations

import os
from pathlib import Path

__all__ = ["extract_text", "extract_paths", "collect_files", "SUFFIXES"]

SUFFIXES = (".txt", ".html", ".htm")


def extract_text(text: str, document: str, published: str | None = None, gazetteer=None) -> dict:
    """Facts of one document: ``{"document", "sessions", "agreements", "posts",
    "visits", "published", "dateline", "fingerprint"}``. Evidence offsets index
    into ``text``."""
    from .facts import extract_text as _extract
    return _extract(text, document, published=published, gazetteer=gazetteer)


def collect_files(paths) -> list[Path]:
    """Files to read: the given files, and under folders (recursively) the
    ``.txt``/``.html``/``.htm`` files; sorted by name (then path)."""
    files: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            for root, dirs, names in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for n in names:
                    if n.lower().endswith(SUFFIXES) and not n.startswith("."):
                        files.append(Path(root) / n)
        elif p.is_file():
            files.append(p)
        else:
            raise FileNotFoundError(f"{p}: no such file or directory")
    uniq = {f.resolve(): f for f in files}
    return sorted(uniq.values(), key=lambda f: (f.name, str(f)))


_WORKER_GAZ = None


def _init_worker(gazetteer):
    global _WORKER_GAZ
    _WORKER_GAZ = gazetteer
    from .pipeline import get_pipeline
    get_pipeline(gazetteer)


def _one(path: str):
    from .text import read_path
    text = read_path(path)
    return extract_text(text, Path(path).name, gazetteer=_WORKER_GAZ), text


def extract_paths(paths, jobs: int = 1, gazetteer=None) -> dict:
    """Facts of all files under ``paths``: ``{"documents": [...]}`` in name
    order; a syndicated copy or near-copy carries ``duplicate_of`` (the name of
    the document it copies) and ``duplicate_similarity``."""
    from .dedupe import near_duplicates

    files = collect_files(paths)
    results: list[tuple[dict, str]] = []
    if jobs and jobs > 1 and len(files) > 1:
        from concurrent.futures import ProcessPoolExecutor
        with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(gazetteer,)) as ex:
            results = list(ex.map(_one, [str(f) for f in files], chunksize=max(1, len(files) // (jobs * 4))))
    else:
        global _WORKER_GAZ
        old, _WORKER_GAZ = _WORKER_GAZ, gazetteer
        try:
            results = [_one(str(f)) for f in files]
        finally:
            _WORKER_GAZ = old
    docs = [r[0] for r in results]
    # same file name in two folders: keep names unique by adding the folder
    names = [d["document"] for d in docs]
    if len(set(names)) != len(names):
        for d, f in zip(docs, files):
            if names.count(d["document"]) > 1:
                d["document"] = str(f)
    dups = near_duplicates({d["document"]: text for d, (_, text) in zip(docs, results)})
    for d in docs:
        if d["document"] in dups:
            d["duplicate_of"], d["duplicate_similarity"] = dups[d["document"]]
    return {"documents": docs}
