"""`kg import-register`: a thin layer over `kg.curated.register`."""
from __future__ import annotations

from pathlib import Path

import click

from .options import root_option


@click.command("import-register")
@click.argument("register", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@root_option
def import_register(register, root):
    """Add a corpus REGISTER's entries (register.yaml) to seeds/sources.yaml.

    Each new page becomes a source citing its URL, publisher, headline, date and
    language as the register gives them; a page the register marks `same_as` one
    already registered extends that source. Existing entries are never changed
    otherwise. Curate what each source states in seeds/curated/sources/ID.yaml.
    """
    from ..core.config import Project
    from ..curated.register import import_register as run

    changed = run(register, Project.find(root).seeds)
    click.echo(f"{len(changed)} source(s) added or extended" + (f": {', '.join(changed[:8])}"
                                                                + (" ..." if len(changed) > 8 else "") if changed else ""))
