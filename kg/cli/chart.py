"""`kg chart org|timeline|network` and `kg export FORMAT VIEW`: thin wrappers over
kg.charts and kg.exports. matplotlib is imported only when a chart is drawn."""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import click

from ..core.errors import KgError
from .options import build_option

VIEW_NAMES = ("hierarchy", "co-chairs", "people-bodies", "sessions", "combined")
EXPORT_FORMATS = ("graphml", "gexf", "dot", "mermaid", "cytoscape", "csv")
CSV_TABLES = ("entities", "statements")
CHART_FILES = {"org": "org-chart.png", "timeline": "timeline.png", "network": "network.png"}


class OptionError(KgError):
    """A command-line value the command cannot use."""


def _as_of(value: str | None) -> dt.date | None:
    from ..core.dates import parse_day

    try:
        return parse_day(value)
    except ValueError as exc:
        raise OptionError(f"--as-of: {exc}") from None


def _load(build: Path | None):
    """The built dataset's facts and its build date (the day kg.nq was written)."""
    from ..core.config import dataset_path
    from ..dataset.store import open_store
    from ..views import read

    store = open_store(build)
    # SOURCE_DATE_EPOCH (reproducible builds) wins over the file's modification time.
    stamp = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    when = float(stamp) if stamp.isdigit() else dataset_path(build).stat().st_mtime
    return read(store), dt.datetime.fromtimestamp(when, tz=dt.timezone.utc).date()


def _chart_command(name: str, help_text: str):
    @click.command(name=name, help=help_text)
    @click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
                  help=f"Where to write: a .png, .svg or .pdf file (default: build/charts/{CHART_FILES[name]}).")
    @click.option("--as-of", "as_of", metavar="DATE", help="Show what held on this day, YYYY-MM-DD (default: today).")
    @click.option("--dpi", type=click.IntRange(20, 1200), default=150, show_default=True,
                  help="Resolution of a PNG (SVG and PDF are vector).")
    @click.option("--title", help="Title to print over the chart instead of the default.")
    @build_option
    def command(output, as_of, dpi, title, build):
        from ..core.config import build_dir

        date = _as_of(as_of)
        if output is None:
            output = (build or build_dir()) / "charts" / CHART_FILES[name]
        if output.suffix.lower() not in (".png", ".svg", ".pdf"):
            raise OptionError(f"{output}: use a .png, .svg or .pdf file name")
        facts, built_on = _load(build)
        from .. import charts  # matplotlib loads here, only when drawing

        charts.CHARTS[name](facts, output, as_of=date, dpi=dpi, title=title, build_date=built_on)
        click.echo(f"Wrote {output}")

    return command


@click.group()
def chart():
    """Draw the graph as an org chart, a timeline of sessions or the co-chair network (PNG, SVG or PDF)."""


chart.add_command(_chart_command(
    "org", "Org chart: the commission, its working groups and sub-groups, with each side's co-chair as of a date."))
chart.add_command(_chart_command(
    "timeline", "Timeline: the sessions of each body on a time axis, labelled with their ordinals."))
chart.add_command(_chart_command(
    "network", "Co-chair network: people coloured by side, joined when they co-chaired the same session."))


@click.command()
@click.argument("fmt", metavar="FORMAT", type=click.Choice(EXPORT_FORMATS))
@click.argument("view", type=click.Choice(VIEW_NAMES + CSV_TABLES))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write (default: print to standard output).")
@click.option("--as-of", "as_of", metavar="DATE", help="Keep only what held on this day, YYYY-MM-DD (default: everything).")
@build_option
def export(fmt, view, output, as_of, build):
    """Export a VIEW of the graph (hierarchy, co-chairs, people-bodies, sessions, or combined:
    bodies, sessions, people, posts and agreements in one) as GraphML, GEXF (Gephi, with
    dated things on its timeline and colours by side), DOT, Mermaid or Cytoscape.js JSON.
    Every export is read back and checked against the view before it is written.

    \b
    For spreadsheets, `kg export csv entities` and `kg export csv statements` (each
    statement with its source: publisher, headline, date, URL, graph, method).
    """
    from .. import exports, views

    if (fmt == "csv") != (view in CSV_TABLES):
        raise OptionError("csv exports the tables entities or statements; the views "
                          f"({', '.join(VIEW_NAMES)}) export as {', '.join(EXPORT_FORMATS[:-1])}")
    if fmt == "csv":
        _export_table(view, output, build, as_of)
        return
    date = _as_of(as_of)
    facts, _built_on = _load(build)
    text = exports.export(views.view(view, facts, date), fmt, output)
    if output is None:
        click.echo(text, nl=False)
    else:
        click.echo(f"Wrote {output}", err=True)


def _export_table(table: str, output: Path | None, build: Path | None, as_of: str | None) -> None:
    import sys

    from ..dataset.store import open_store
    from ..exports import tables

    if as_of:
        raise OptionError("--as-of: the CSV tables hold every statement with its source; filter on their dates")
    store = open_store(build)
    if output is None:
        tables.write_csv(store, table, sys.stdout)
        return
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        tmp = output.with_name(f".{output.name}.tmp")
        with open(tmp, "w", encoding="utf-8", newline="") as fh:
            n = tables.write_csv(store, table, fh)
        tmp.replace(output)
    except OSError as exc:
        raise OptionError(f"{exc.filename or output}: cannot write: {exc.strerror}") from None
    click.echo(f"Wrote {output} ({n} rows)", err=True)
