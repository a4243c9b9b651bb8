"""Labels of the curated graph's entities, for linking extracted names.

:meth:`Gazetteer.from_records` takes the loaded curated records and keeps
only labels: names, alternative names, acronyms, former names, titles and
labels in other languages. The gazetteer only links identifiers and helps
recognise known names; it never supplies a fact that the text does not state.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..core.names import fold, name_key

LABEL_FIELDS = ("name", "alt_names", "acronyms", "former_names", "title", "alt_titles", "labels")


@dataclass
class Entry:
    id: str
    kind: str                     # people, places, organisations, bodies, posts...
    labels: list[str] = field(default_factory=list)
    type: str | None = None       # e.g. city / venue for places
    within: str | None = None     # the place a venue is in


@dataclass
class Gazetteer:
    entries: list[Entry] = field(default_factory=list)

    # ------------------------------------------------------------ building
    @classmethod
    def from_records(cls, curated) -> "Gazetteer":
        """The labels of loaded curated records (`kg.curated.Curated`)."""
        from ..core.schema import schema

        entries: list[Entry] = []
        for kind in schema():
            if kind.key is None or kind.nested:
                continue
            for rec in curated[kind.name].values():
                labels = []
                for f in LABEL_FIELDS:
                    for v in rec.values(f):
                        labels.append(v[1] if isinstance(v, tuple) else v)
                labels = [str(l).strip() for l in dict.fromkeys(labels) if str(l).strip()]
                if labels:
                    entries.append(Entry(rec.id, kind.key, labels, rec.first("type"), rec.first("in")))
        return cls(entries)

    @classmethod
    def from_seeds(cls, seeds_dir: str | Path) -> "Gazetteer":
        """The labels of the curated records under `seeds_dir` (raises InputError if they do not load)."""
        from ..curated import load

        seeds_dir = Path(seeds_dir)
        if seeds_dir.name == "curated":
            seeds_dir = seeds_dir.parent
        return cls.from_records(load(seeds_dir))

    @classmethod
    def default(cls) -> "Gazetteer":
        """The curated labels of the project the working directory is in, else none."""
        from ..core.config import project_root
        from ..core.errors import KgError

        try:
            return cls.from_seeds(project_root() / "seeds")
        except KgError:
            return cls([])

    # ------------------------------------------------------------ queries
    def of_kind(self, kind: str) -> list[Entry]:
        return [e for e in self.entries if e.kind == kind]

    def person_id(self, name: str) -> str | None:
        """The one curated person whose name, in any order and spelling, contains this
        one's; a single name token ("Singh") links only to a label that is exactly it."""
        key = name_key(name)
        if not key:
            return None
        found = set()
        for e in self.of_kind("people"):
            for label in e.labels:
                k = name_key(label)
                if k == key or (len(key) >= 2 and (key <= k or (k <= key and len(k) >= 2))):
                    found.add(e.id)
        return found.pop() if len(found) == 1 else None

    def place_id(self, name: str) -> str | None:
        f = fold(name)
        for e in self.of_kind("places"):
            if any(fold(l) == f for l in e.labels):
                return e.id
        return None

    def organisation_id(self, name: str) -> str | None:
        f = fold(name)
        if not f:
            return None
        for e in self.of_kind("organisations"):
            for l in e.labels:
                fl = fold(l)
                if fl and (fl == f or (len(fl) > 3 and f" {fl} " in f" {f} ")):
                    return e.id
        return None

    def labels(self, kind: str) -> list[tuple[str, str]]:
        return [(label, e.id) for e in self.of_kind(kind) for label in e.labels]
