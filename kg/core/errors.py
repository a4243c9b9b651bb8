"""The package's one exception family; the CLI turns these into messages and exit codes."""
from __future__ import annotations

from dataclasses import dataclass


class KgError(Exception):
    """Base class: an error the user can act on; never shown as a traceback."""

    exit_code = 2


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class InputError(KgError):
    """Bad input: carries every problem found, each as `path:line: what is wrong`."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(map(str, self.problems)))


class NotBuiltError(KgError):
    """The built graph is missing: the user should run `kg build` first."""
