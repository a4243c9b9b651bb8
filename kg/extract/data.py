"""Loading the rule data files (YAML) that ship inside this package."""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import yaml


@lru_cache(maxsize=None)
def load(name: str) -> dict:
    """The parsed YAML rule file ``name`` (e.g. ``"bodies.yaml"``)."""
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    return yaml.safe_load(text) or {}


def expand(pattern: str, parts: dict[str, str]) -> str:
    """Substitute ``{NAME}`` fragments (recursively) into a pattern."""
    for _ in range(5):
        new = re.sub(r"\{([A-Z]+)\}", lambda m: parts.get(m.group(1), m.group(0)), pattern)
        if new == pattern:
            break
        pattern = new
    return pattern


def compile_rule(pattern: str, parts: dict[str, str] | None = None, case: bool = False) -> re.Pattern:
    return re.compile(expand(pattern, parts or {}), 0 if case else re.I)
