"""`kg conflicts`, `kg review` and `kg accept`: extracted facts against the curated data."""
from __future__ import annotations


import click

from ..core.table import render
from .options import build_option, output_option, root_option


@click.command()
@build_option(name="build_dir")
@output_option()
def conflicts(build_dir, fmt):
    """List facts where sources disagree (same session, different date, place or co-chair), with each side's evidence."""
    from ..dataset.store import open_store
    from ..review.conflicts import COLUMNS, conflict_rows

    rows = conflict_rows(open_store(build_dir))
    click.echo(render(COLUMNS, rows, fmt), nl=False)
    if fmt == "table":
        click.echo(f"{len({(r[0], r[1]) for r in rows})} conflict(s)")


@click.command()
@build_option(name="build_dir")
@output_option()
def review(build_dir, fmt):
    """List extracted facts that the curated YAML does not hold yet (session facts, signings, post holdings,
    visits, agreements), with their ids for `kg accept`."""
    from ..dataset.store import open_store
    from ..review.pending import COLUMNS, pending_rows

    rows = pending_rows(open_store(build_dir))
    click.echo(render(COLUMNS, rows, fmt), nl=False)
    if fmt == "table":
        click.echo(f"{len(rows)} fact(s) to review; accept with `kg accept ID...`")


@click.command()
@click.argument("ids", nargs=-1, required=True)
@build_option(name="build_dir")
@root_option
def accept(ids, build_dir, root):
    """Write the extracted facts IDS into their article's own seeds/curated/sources/ID.yaml, all or nothing
    (run `kg build` after)."""
    from ..core.config import project_root
    from ..dataset.store import open_store
    from ..review.accept import accept as run

    root = root or project_root()
    changed = run(list(ids), root, open_store(build_dir))
    for path in changed:
        click.echo(f"updated {path}")
