"""Where the project's files are: found from the working directory upwards, or $KG_ROOT."""
from __future__ import annotations

import os
from pathlib import Path

from .errors import KgError


def project_root(start: str | Path | None = None) -> Path:
    """The nearest folder (from `start` or the cwd upwards) holding `seeds/` and `ontology/`."""
    if start is None and os.environ.get("KG_ROOT"):
        return Path(os.environ["KG_ROOT"]).resolve()
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "seeds").is_dir() and (folder / "ontology").is_dir():
            return folder
    raise KgError(f"{here}: not inside the project (no seeds/ and ontology/ here or above); set KG_ROOT")


def build_dir(root: Path | None = None) -> Path:
    if os.environ.get("KG_BUILD"):
        return Path(os.environ["KG_BUILD"]).resolve()
    return (root or project_root()) / "build"
