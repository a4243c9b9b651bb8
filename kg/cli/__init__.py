"""The `kg` command: a thin layer over the library. Commands load lazily so that
`kg query` does not pay for spaCy or matplotlib."""
from __future__ import annotations

import importlib
import importlib.util
import sys

import click

from ..core.errors import KgError

# name -> "module:attribute"; each module is a thin wrapper over a library module.
COMMANDS = {
    "build": "kg.cli.build:build",
    "validate": "kg.cli.build:validate_cmd",
    "query": "kg.cli.query:query",
    "serve": "kg.cli.serve:serve",
    "push": "kg.cli.serve:push",
    "chart": "kg.cli.chart:chart",
    "export": "kg.cli.chart:export",
    "extract": "kg.cli.extract:extract",
    "conflicts": "kg.cli.review:conflicts",
    "review": "kg.cli.review:review",
    "accept": "kg.cli.review:accept",
    "import-register": "kg.cli.curate:import_register",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx):
        return sorted(name for name in COMMANDS if self._available(name))

    @staticmethod
    def _available(name: str) -> bool:
        # Commands land issue by issue; list only those whose module exists.
        module = COMMANDS[name].split(":")[0]
        try:
            return importlib.util.find_spec(module) is not None
        except ModuleNotFoundError:
            return False

    def get_command(self, ctx, name):
        target = COMMANDS.get(name)
        if target is None or not self._available(name):
            return None
        module, attr = target.split(":")
        return getattr(importlib.import_module(module), attr)


@click.group(cls=LazyGroup)
@click.version_option(package_name="irdc-kg")
def cli():
    """A sourced knowledge graph of the India-Russia defence cooperation bodies."""


def _show_warning(message, category, filename, lineno, file=None, line=None, _plain=None):
    """Curation warnings read `warning: path:line: ...` (where to look), not Python's source line."""
    if category.__name__ == "CurationWarning":   # by name: importing kg.curated here would slow `kg query`
        click.echo(f"warning: {message}", err=True)
    else:
        _plain(message, category, filename, lineno, file, line)


def main(argv=None) -> int:
    import functools
    import warnings

    with warnings.catch_warnings():
        warnings.showwarning = functools.partial(_show_warning, _plain=warnings.showwarning)
        return _main(argv)


def _main(argv=None) -> int:
    try:
        # Without standalone mode click returns ctx.exit()'s code instead of exiting.
        code = cli.main(args=argv, prog_name="kg", standalone_mode=False)
    except KgError as exc:
        click.echo(f"kg: {exc}" if "\n" not in str(exc) else str(exc), err=True)
        return exc.exit_code
    except click.exceptions.Abort:
        click.echo("kg: aborted", err=True)
        return 1
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except BrokenPipeError:
        return 0
    return code if isinstance(code, int) else 0


