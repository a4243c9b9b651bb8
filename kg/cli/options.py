"""The options every command shares, defined once (as sqlite-utils does with its output options)."""
from __future__ import annotations

from pathlib import Path

import click

from ..core.table import FORMATS


def output_option(default: str = "table"):
    """`--format table|csv|tsv|json|md` for a command that prints rows."""
    return click.option("--format", "fmt", type=click.Choice(FORMATS), default=default, show_default=True,
                        help="How to print the rows: aligned table, CSV, TSV, JSON or Markdown.")


def build_option(fn=None, *, name: str = "build"):
    """`--build DIR`: the folder holding the built graph."""
    option = click.option("--build", name, type=click.Path(file_okay=False, path_type=Path),
                          help="Build folder holding kg.nq (default: build/, or $KG_BUILD).")
    return option(fn) if fn is not None else option


def root_option(fn):
    """`--root DIR`: the project folder."""
    return click.option("--root", type=click.Path(file_okay=False, path_type=Path),
                        help="Project folder (default: found from the working directory, or $KG_ROOT).")(fn)
