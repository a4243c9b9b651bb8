"""Rule-based extraction of session facts from news texts.

Public API:

- :func:`extract_text` — facts of one text (one entry of the facts JSON);
- :func:`extract_paths` — facts of all ``.txt``/``.html``/``.htm`` files under
  the given paths, near-duplicates marked, within per-document limits
  (:mod:`kg.extract.limits`; the runner is :mod:`kg.extract.corpus`);
- :mod:`kg.extract.command` — the ``kg extract`` click command.

Importing this package is cheap: spaCy and the rule data load on first use.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

__all__ = ["extract_text", "extract_paths", "collect_files", "SUFFIXES"]

SUFFIXES = (".txt", ".html", ".htm")
_SURROGATE = re.compile("[\ud800-\udfff]")


def extract_text(text: str, document: str, published: str | None = None, gazetteer=None) -> dict:
    """Facts of one document: ``{"document", "sessions", "agreements", "posts",
    "visits", "published", "dateline", "fingerprint"}``. Evidence offsets index
    into ``text``."""
    from .facts import extract_text as _extract

    # A lone surrogate (text handed in from Python, not decoded from a file) cannot be
    # encoded, which spaCy's string store needs: one U+FFFD each keeps every offset.
    text = _SURROGATE.sub("\ufffd", text)
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
        elif os.path.lexists(p):
            files.append(p)   # a FIFO or device is refused, with a message, when read
        else:
            raise FileNotFoundError(f"{p}: no such file or directory")
    uniq = {f.resolve(): f for f in files}
    return sorted(uniq.values(), key=lambda f: (f.name, str(f)))


def extract_paths(paths, jobs: int = 1, gazetteer=None, limits=None, warn=None) -> dict:
    """Facts of all files under ``paths``: ``{"documents": [...], "skipped": [...]}``
    (see :func:`kg.extract.corpus.extract_paths`)."""
    from .corpus import extract_paths as _run
    return _run(paths, jobs=jobs, gazetteer=gazetteer, limits=limits, warn=warn)
