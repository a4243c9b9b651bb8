"""Labels of the curated graph's entities, for linking extracted names.

:meth:`Gazetteer.from_curated` reads the curated YAML files (``seeds/curated``)
directly and keeps only labels: ``id``, ``name``, ``alt_names``, ``acronyms``,
``former_names`` (a value may be a plain string or a list of ``{value, sources}``
claims). The gazetteer only links identifiers and helps recognise known names;
it never supplies a fact that the text does not state.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

LABEL_FIELDS = ("name", "alt_names", "acronyms", "former_names", "title", "alt_titles")
_HONORIFICS = {
    "shri", "sri", "smt", "mr", "mrs", "ms", "dr", "lt", "gen", "general", "lieutenant", "air", "marshal",
    "chief", "col", "colonel", "admiral", "adm", "vice", "rear", "maj", "major", "brig", "brigadier",
    "prof", "sir", "his", "excellency",
}


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def name_key(name: str) -> frozenset:
    """Order-free token set of a person's name, ignoring titles and initials,
    with common transliteration variants folded (Nikolayevich/Nikolaevich)."""
    out = set()
    for tok in fold(name).split():
        if tok in _HONORIFICS or len(tok) <= 2:
            continue
        tok = tok.replace("yev", "ev").replace("ye", "e")
        if tok.endswith("ey") or tok.endswith("iy"):
            tok = tok[:-2] + "ei"
        out.add(tok)
    return frozenset(out)


def _values(value) -> list[str]:
    """Plain strings of a label field: a string, a list of strings, or claims."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        v = value.get("value", value.get("name"))
        return _values(v)
    if isinstance(value, (list, tuple)):
        out = []
        for v in value:
            out.extend(_values(v))
        return out
    return [str(value)]


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
    def from_curated(cls, seeds_dir: str | Path) -> "Gazetteer":
        seeds_dir = Path(seeds_dir)
        if (seeds_dir / "curated").is_dir():
            seeds_dir = seeds_dir / "curated"
        entries: list[Entry] = []
        for path in sorted(seeds_dir.glob("*.yaml")) + sorted(seeds_dir.glob("*.yml")):
            try:
                data = yaml.safe_load(path.read_text(encoding="utf-8"))
            except Exception:
                continue
            if not isinstance(data, dict):
                continue
            for kind, records in data.items():
                if not isinstance(records, list):
                    continue
                for rec in records:
                    if not isinstance(rec, dict) or not rec.get("id"):
                        continue
                    labels = []
                    for f in LABEL_FIELDS:
                        labels.extend(_values(rec.get(f)))
                    labels = [l.strip() for l in labels if isinstance(l, str) and l.strip()]
                    if not labels:
                        continue
                    typ = _values(rec.get("type"))
                    within = _values(rec.get("in"))
                    entries.append(Entry(str(rec["id"]), str(kind), labels,
                                         typ[0] if typ else None, within[0] if within else None))
        return cls(entries)

    @classmethod
    def default(cls) -> "Gazetteer":
        """The curated labels of this repository when it is present, else empty."""
        here = Path(__file__).resolve().parents[2] / "seeds" / "curated"
        if here.is_dir():
            return cls.from_curated(here)
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
