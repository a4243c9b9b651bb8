"""`kg query`: a thin layer over `kg.queries`."""
from __future__ import annotations

import sys

import click

from ..core.table import render
from .options import build_option, output_option


def _param(ctx, option, values):
    params = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"expected name=value, got {item!r}", ctx=ctx, param=option)
        params[name.strip().lstrip("?$")] = value
    return params


@click.command()
@click.argument("query_text", metavar="QUERY", required=False)
@click.option("--param", "-p", "params", multiple=True, callback=_param, metavar="NAME=VALUE",
              help="Bind ?NAME to VALUE (repeatable): an IRI, a prefixed name, a slug, a date, a number or text.")
@output_option()
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), metavar="SECONDS",
              help="Stop the query after this many seconds (exit 3).")
@click.option("--allow-service", "allow_service", multiple=True, metavar="URL",
              help="Let SERVICE call this endpoint (repeatable); SERVICE is refused otherwise.")
@build_option
@click.option("--width", type=click.IntRange(min=20), metavar="COLUMNS",
              help="Fit the table to this many columns, cutting the widest with \u2026 "
                   "(default: the terminal's width; no limit when the output is not a terminal).")
@click.option("--full-iris", is_flag=True, default=None,
              help="Print full IRIs instead of prefixed names (CSV and TSV print full IRIs already).")
@click.option("--list", "list_", is_flag=True, help="List the library's queries and their parameters.")
@click.option("--show", is_flag=True, help="Print the query's SPARQL text instead of running it.")
def query(query_text, params, fmt, timeout, allow_service, build, width, full_iris, list_, show):
    """Run a SPARQL query over the built graph.

    QUERY is a library query name (see --list), a .rq file, inline SPARQL, or -
    to read it from standard input. The union of the named graphs is the
    default graph (each triple once); GRAPH ?g reaches each source's graph.
    Read-only; SERVICE (federation) is refused unless --allow-service names
    the endpoint. Ctrl-C stops the query. CSV, TSV and JSON are written as the
    rows arrive (any number of rows; with --timeout they are collected first).

    \b
    Examples:
      kg query sessions-of-body --param body=wg-mtc-di
      kg query post-holders-on-date -p date=2025-10-29 --format csv
      kg query 'SELECT ?s WHERE { ?s a irdc:Session }' --format json
    """
    from .. import queries as q

    if list_ or query_text is None:
        rows = []
        for lib in q.ordered(q.list_queries()):
            params_text = " ".join(f"?{p.name}" + ("!" if p.required else "") for p in lib.params)
            rows.append([lib.name, lib.title, params_text])
        if width is None and fmt == "table":
            width = _terminal_width()
        click.echo(render(["query", "title", "parameters (! = required)"], rows, fmt, width=width), nl=False)
        return
    if query_text == "-":
        query_text = sys.stdin.read()
    if show:
        text, _, _ = q.resolve(query_text)
        click.echo(text, nl=not text.endswith("\n"))
        return
    if width is None and fmt == "table":
        width = _terminal_width()
    if fmt in q.STREAMED and not timeout:
        # Streamed: rows go out as the engine yields them, never collected. With --timeout
        # the rows are collected in the child process that is killed at the deadline.
        stdout = sys.stdout
        result = q.query(query_text, build=build, params=params, allow_service=allow_service, lazy=True)
        result.write(stdout, fmt, full_iris=full_iris)
        stdout.flush()
        return
    # In a child process, so that Ctrl-C (or --timeout) stops the work itself.
    result = q.query(query_text, build=build, timeout=timeout, params=params, allow_service=allow_service,
                     isolate=True)
    click.echo(result.render(fmt, width=width, full_iris=full_iris), nl=False)
    for note in getattr(result, "notes", []):
        click.echo(f"kg: note: {note}", err=True)


def _terminal_width() -> int | None:
    """The terminal's columns (or $COLUMNS) when printing to one; None, no limit, into a pipe or file."""
    import shutil

    return shutil.get_terminal_size().columns if sys.stdout.isatty() else None
