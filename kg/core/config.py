"""Where the project's files are, and its `[tool.kg]` settings.

The project is found from the working directory upwards (the folder holding
`seeds/` and `ontology/`), or named by $KG_ROOT; the build folder is
`build/` there, or $KG_BUILD. Every other module asks this one for paths, so
the layout of the repository is written down once.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .errors import KgError

PACKAGE_DIR = Path(__file__).resolve().parent.parent


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


def dataset_path(build: str | Path | None = None) -> Path:
    """The built dataset (N-Quads) in `build` (default: the project's build folder)."""
    return Path(build) / "kg.nq" if build else build_dir() / "kg.nq"


@dataclass(frozen=True)
class Project:
    """The project's folders, from its root."""

    root: Path

    @classmethod
    def find(cls, root: str | Path | None = None) -> "Project":
        return cls(Path(root).resolve() if root else project_root())

    @property
    def seeds(self) -> Path:
        return self.root / "seeds"

    @property
    def ontology(self) -> Path:
        return self.root / "ontology"

    @property
    def shapes(self) -> Path:
        return self.ontology / "shapes.ttl"

    @property
    def vocabulary(self) -> Path:
        return self.ontology / "irdc.ttl"

    @property
    def build(self) -> Path:
        return build_dir(self.root)

    @cached_property
    def settings(self) -> dict:
        """`[tool.kg]` of pyproject.toml (empty where there is none)."""
        import tomllib

        config = self.root / "pyproject.toml"
        if not config.is_file():
            return {}
        try:
            data = tomllib.loads(config.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise KgError(f"{config}: cannot read [tool.kg]: {exc}") from None
        return data.get("tool", {}).get("kg", {})

    def corpus_folders(self) -> list[Path]:
        """The folders `kg build` extracts (`[tool.kg] corpus`), those that exist."""
        folders = self.settings.get("corpus", [])
        return [(self.root / f).resolve() for f in folders if (self.root / f).is_dir()]


def queries_dir() -> Path:
    """`ontology/queries/` (the analysts' query library) of the project, else beside the package."""
    return _ontology_dir() / "queries"


def sparql_dir() -> Path:
    """`ontology/sparql/`: the queries the package itself runs (views, statements, summaries)."""
    return _ontology_dir() / "sparql"


def _ontology_dir() -> Path:
    try:
        folder = project_root() / "ontology"
        if folder.is_dir():
            return folder
    except KgError:
        pass
    return PACKAGE_DIR.parent / "ontology"
