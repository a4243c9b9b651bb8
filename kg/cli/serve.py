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
              default=30.0, show_default=True, help="Stop a query (any operator) that runs longer than this.")
@click.option("--max-memory", "memory_mb", type=click.FloatRange(min=16), default=1024.0, show_default=True,
              metavar="MB", help="Stop a query that needs more memory than this.")
@click.option("--max-result", "result_mb", type=click.FloatRange(min=0, min_open=True), default=50.0,
              show_default=True, metavar="MB", help="Refuse answers larger than this.")
@click.option("--cors", multiple=True, metavar="ORIGIN",
              help="Let pages of this web origin (e.g. http://localhost:8888) query the server (repeatable).")
@click.option("--allow-service", "allow_service", multiple=True, metavar="URL",
              help="Let SERVICE call this endpoint (repeatable); SERVICE is refused otherwise.")
def serve(build, host, port, timeout_s, memory_mb, result_mb, cors, allow_service):
    """Serve the built graph read-only: a query page, entity pages and a SPARQL endpoint.

    The query page is at /, each entity's page at /id/..., the SPARQL 1.1
    Protocol endpoint at /query; the default graph is the distinct union of the
    named graphs. Each query runs in a child process that is stopped at the
    time or memory limit or when the client goes away. Cross-origin requests
    and SERVICE are refused unless allowed. Prints the URL; Ctrl-C stops it.
    """
    from ..server.serve import serve as run

    run(build=build, host=host, port=port, timeout_s=timeout_s, echo=lambda line: click.echo(line),
        cors=cors, allow_service=allow_service, memory_mb=memory_mb, result_mb=result_mb)


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
