"""`kg serve` and `kg push`: thin layers over `kg.server`."""
from __future__ import annotations


import click

from ..core.table import render
from .options import build_option, output_option


@click.command()
@build_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option("--port", default=7878, show_default=True, type=click.IntRange(0, 65535),
              help="Port to bind (0: a free port).")
@click.option("--timeout", "timeout_s", type=click.FloatRange(min=0, min_open=True), metavar="SECONDS",
              help="Stop queries that run longer than this.")
def serve(build, host, port, timeout_s):
    """Serve the built graph as a read-only SPARQL endpoint with a web query page.

    Uses the Oxigraph server (`oxigraph serve-read-only`), with the union of the
    named graphs as the default graph. Prints the URL; Ctrl-C stops it.
    """
    from ..server.serve import serve as run

    run(build=build, host=host, port=port, timeout_s=timeout_s, echo=lambda line: click.echo(line))


@click.command()
@click.option("--endpoint", required=True, metavar="URL",
              help="The server's SPARQL 1.1 Graph Store Protocol URL (Oxigraph: http://HOST:PORT/store).")
@build_option
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=60.0, show_default=True,
              metavar="SECONDS", help="Give up on a request after this long.")
@click.option("--update", metavar="URL",
              help="The server's SPARQL Update URL: graphs are staged, then moved in (Oxigraph: /update, "
                   "Virtuoso: /sparql).")
@click.option("--transactional", is_flag=True,
              help="With --update: the server runs one request as one transaction (Oxigraph does), "
                   "so one request replaces every graph or none.")
@output_option()
def push(endpoint, build, timeout, update, transactional, fmt):
    """Load the built dataset into a SPARQL server; each named graph replaces the server's graph.

    Named graphs are kept, so pushing again leaves no duplicates. Without
    --update, one PUT per graph; a failure midway names the graphs replaced.
    """
    from ..server.push import push as run

    if transactional and not update:
        raise click.UsageError("--transactional needs --update URL")
    result = run(endpoint, build=build, timeout=timeout, update=update, transactional=transactional)
    rows = [(graph or "(default graph)", n) for graph, n in result.graphs]
    click.echo(render(["graph", "triples"], rows, fmt), nl=False)
    if fmt == "table":
        click.echo(f"Pushed {len(result.graphs)} named graphs ({result.quads} quads) to {result.endpoint}")
