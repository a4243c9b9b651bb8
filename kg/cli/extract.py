"""`kg extract PATH... [-o facts.json] [--jobs N] [--seeds DIR]`: a thin layer over `kg.extract`."""
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
def extract(paths, output, jobs, seeds):
    """Extract session facts from news texts (.txt, .html, .htm files or folders)."""
    from ..core.files import write_atomic
    from ..extract import collect_files, extract_paths
    from ..extract.gazetteer import Gazetteer

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
        facts = extract_paths(paths, jobs=jobs, gazetteer=gazetteer)
    except OSError as exc:
        _fail(f"{exc.filename or '?'}: {exc.strerror or exc}")
    if output is None:
        sys.stdout.write(json.dumps(facts, ensure_ascii=False, indent=2) + "\n")
    else:
        try:
            write_atomic(output, json.dumps(facts, ensure_ascii=False, indent=2) + "\n")
        except OSError as exc:
            _fail(f"{output}: {exc.strerror or exc}")
        click.echo(f"{output}: {len(facts['documents'])} documents, "
                   f"{sum(len(d['sessions']) for d in facts['documents'])} sessions", err=True)


