"""`kg build` and `kg validate`."""
from __future__ import annotations

import json
from pathlib import Path

import click

from ..core.table import render
from .options import root_option

SUMMARY_ROWS = ("bodies", "sessions", "people", "agreements", "sources", "named_graphs", "triples", "quads")


def summary_text(s: dict) -> str:
    table = render(["what", "count"], [(k.replace("_", " "), s[k]) for k in SUMMARY_ROWS])
    return table + f"SHACL: {'conforms' if s['conforms'] else 'does not conform'}\n"


def located(report, root):
    """The report with each violation at its curated record's path:line (the seeds load again:
    only on failure, and quickly next to a SHACL run)."""
    from .. import curated
    from ..builder.locate import locate
    from ..core.config import Project

    if report.conforms:
        return report
    return locate(report, curated.load(Project.find(root).seeds))


@click.command()
@root_option
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), help="Output folder (default: build/).")
@click.option("--corpus", multiple=True, type=click.Path(path_type=Path),
              help="Extract this folder of articles instead of the configured corpus ([tool.kg] corpus); repeatable.")
@click.option("--no-extract", is_flag=True, help="Build from the curated YAML only, without extracting the corpus.")
def build(root, out, corpus, no_extract):
    """Build the RDF dataset from ontology/ and seeds/ into build/ (TriG, N-Quads, Turtle, JSON-LD).

    The articles of the corpus folders are extracted, each into its own named graph.
    """
    import warnings

    from ..builder import build as run
    from ..builder.run import ValidationFailed
    from ..curated.cautions import CurationWarning

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", CurationWarning)
        try:
            result = run(root=root, out=out, extra=[] if no_extract else None, corpus=corpus or None)
        except ValidationFailed as failed:
            raise ValidationFailed(located(failed.report, root)) from None
    for w in caught:
        if isinstance(w.message, CurationWarning):
            click.echo(f"warning: {w.message}", err=True)
        else:
            warnings.showwarning(w.message, w.category, w.filename, w.lineno)
    if result.summary["left_out"]:
        # An article whose extracted graph breaks a shape on its own is an extraction error,
        # not a reason to refuse the curated record: say which, and why.
        click.echo(f"warning: {len(result.summary['left_out'])} extracted graph(s) left out, "
                   "each breaking a shape on its own:", err=True)
        for v in result.report.violations:
            if "left out of the build" in v.message:
                click.echo(f"  {v.focus} {v.path}: {v.message}", err=True)
    click.echo(summary_text(result.summary), nl=False)
    click.echo(f"Wrote {', '.join(str(result.out / n) for n in ('kg.trig', 'kg.nq', 'kg.ttl', 'kg.jsonld'))}")


@click.command("validate")
@click.argument("dataset", required=False, type=click.Path(dir_okay=False, path_type=Path))
@root_option
@click.option("--format", "fmt", type=click.Choice(["human", "json"]), default="human", show_default=True)
@click.pass_context
def validate_cmd(ctx, dataset, root, fmt):
    """Validate with SHACL: the seeds (default) or a built DATASET (.nq or .trig).

    Exit status: 0 conforms, 1 violations, 2 cannot load.
    """
    from ..builder import check_dataset, check_seeds

    report = located(check_seeds(root), root) if dataset is None else check_dataset(dataset, root)
    if fmt == "json":
        click.echo(json.dumps({"conforms": report.conforms,
                               "violations": [v.__dict__ for v in report.violations]}, indent=2))
    else:
        click.echo(report.text())
    ctx.exit(0 if report.conforms else 1)
