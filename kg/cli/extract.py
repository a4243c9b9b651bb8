"""`kg extract PATH... [-o facts.json] [--jobs N] [--seeds DIR] [--max-bytes N] [--max-chars N]
[--max-seconds S]`: a thin layer over `kg.extract`."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click


def _fail(message: str) -> None:
    click.echo(message, err=True)
    raise SystemExit(2)


@click.command("extract")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Write the facts JSON here (atomically); default: standard output.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes.")
@click.option("--seeds", type=click.Path(path_type=Path), default=None,
              help="Curated seeds folder for linking (default: this repository's seeds/curated).")
@click.option("--max-bytes", type=click.IntRange(min=1), default=None,
              help="Skip a file larger than this many bytes (default: [tool.kg.extract] max_bytes, else 8000000).")
@click.option("--max-chars", type=click.IntRange(min=1), default=None,
              help="Skip a text longer than this many characters once decoded "
                   "(default: [tool.kg.extract] max_chars, else 2000000).")
@click.option("--max-seconds", type=click.FloatRange(min=0, min_open=True), default=None,
              help="Skip a document that takes longer than this to read "
                   "(default: [tool.kg.extract] max_seconds, else 60).")
def extract(paths, output, jobs, seeds, max_bytes, max_chars, max_seconds):
    """Extract session facts from news texts (.txt, .html, .htm files or folders).

    A file over a limit, a FIFO or device, or bytes that are not text is
    skipped with a warning naming it; the others are read."""
    from ..core.errors import KgError
    from ..core.files import write_atomic
    from ..extract import collect_files, extract_paths
    from ..extract.gazetteer import Gazetteer
    from ..extract.limits import Limits

    try:
        limits = Limits.for_project().override(max_bytes=max_bytes, max_chars=max_chars, max_seconds=max_seconds)
    except KgError as exc:
        _fail(str(exc))

    for p in paths:
        if not p.exists():
            _fail(f"{p}: no such file or directory")
        if p.is_file() and not os.access(p, os.R_OK):
            _fail(f"{p}: not readable")
        if not p.is_file() and not p.is_dir():
            _fail(f"{p}: not a regular file or directory")
    if output is not None:
        if output.is_dir():
            _fail(f"{output}: is a directory")
        if not output.parent.exists() if str(output.parent) else False:
            _fail(f"{output.parent}: no such directory")
    gazetteer = None
    if seeds is not None:
        if not seeds.is_dir():
            _fail(f"{seeds}: not a directory")
        gazetteer = Gazetteer.from_seeds(seeds)
    try:
        files = collect_files(paths)
    except OSError as exc:
        _fail(f"{getattr(exc, 'filename', None) or exc}: {exc.strerror or exc}")
    if not files:
        _fail(f"{' '.join(str(p) for p in paths)}: no .txt, .html or .htm files")
    try:
        facts = extract_paths(paths, jobs=jobs, gazetteer=gazetteer, limits=limits,
                              warn=lambda message: click.echo(message, err=True))
    except OSError as exc:
        _fail(f"{exc.filename or '?'}: {exc.strerror or exc}")
    if output is None:
        sys.stdout.write(json.dumps(facts, ensure_ascii=False, indent=2) + "\n")
    else:
        try:
            write_atomic(output, json.dumps(facts, ensure_ascii=False, indent=2) + "\n")
        except OSError as exc:
            _fail(f"{output}: {exc.strerror or exc}")
        skipped = f", {len(facts['skipped'])} skipped" if facts.get("skipped") else ""
        click.echo(f"{output}: {len(facts['documents'])} documents, "
                   f"{sum(len(d['sessions']) for d in facts['documents'])} sessions{skipped}", err=True)


