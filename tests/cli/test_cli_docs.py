"""Every `kg` command has help text, appears in the README, and errors never show a traceback."""
from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner

from kg.cli import COMMANDS, cli

README = (__import__("pathlib").Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def test_every_registered_command_exists():
    listed = cli.list_commands(None)
    assert listed == sorted(COMMANDS)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_command_has_help_and_is_documented(name):
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0, result.output
    command = cli.get_command(None, name)
    assert (command.help or "").strip(), f"kg {name} has no help text"
    assert f"kg {name}" in README, f"kg {name} is not in the README"


def test_unknown_command_and_missing_build_are_one_line_errors(tmp_path):
    done = subprocess.run([sys.executable, "-m", "kg.cli", "conflicts", "--build", str(tmp_path)],
                          capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0 and "run `kg build` first" in done.stderr
    assert "Traceback" not in done.stderr
