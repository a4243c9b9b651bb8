"""`kg conflicts`, `kg review` and `kg accept`: extracted facts against the curated data."""
from __future__ import annotations

from pathlib import Path

import click

from ..output import output_option, render

build_option = click.option("--build", "build_dir", type=click.Path(file_okay=False, path_type=Path),
                            help="The built graph's folder (default: build/).")


@click.command()
@build_option
@output_option()
def conflicts(build_dir, fmt):
    """List facts where sources disagree (same session, different date, place or co-chair), with each side's evidence."""
    from ..conflicts import COLUMNS, conflict_rows
    from ..store import open_store

    rows = conflict_rows(open_store(build_dir))
    click.echo(render(COLUMNS, rows, fmt), nl=False)
    if fmt == "table":
        click.echo(f"{len({(r[0], r[1]) for r in rows})} conflict(s)")


@click.command()
@build_option
@output_option()
def review(build_dir, fmt):
    """List extracted facts that the curated YAML does not hold yet, with their ids for `kg accept`."""
    from ..review import COLUMNS, pending_rows
    from ..store import open_store

    rows = pending_rows(open_store(build_dir))
    click.echo(render(COLUMNS, rows, fmt), nl=False)
    if fmt == "table":
        click.echo(f"{len(rows)} fact(s) to review; accept with `kg accept ID...`")


@click.command()
@click.argument("ids", nargs=-1, required=True)
@build_option
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), help="Project folder (default: found from the cwd).")
def accept(ids, build_dir, root):
    """Write the extracted facts IDS into seeds/curated/, citing their article (run `kg build` after)."""
    from ..paths import project_root
    from ..review import accept as run
    from ..store import open_store

    root = root or project_root()
    changed = run(list(ids), root, open_store(build_dir))
    for path in changed:
        click.echo(f"updated {path}")
