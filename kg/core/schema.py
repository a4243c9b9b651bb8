"""The schema of the curated records (`kg/schema.yaml`): kinds, fields, and their RDF terms.

The loader checks records against it, the quad writer maps them with it, and
the readers take their tables from it (body types and their labels, event
statuses, the two sides), so each of those is written down once.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from .vocab import ID, PREFIXES


def expand(name: str) -> str:
    """`schema:startDate` -> `https://schema.org/startDate` (project prefixes only)."""
    prefix, _, local = name.partition(":")
    if prefix not in PREFIXES:
        raise KeyError(f"kg/schema.yaml: unknown prefix {prefix!r} in {name!r}")
    return PREFIXES[prefix] + local


@dataclass(frozen=True)
class Term:
    """One predicate a field is asserted with: `schema:name`, or `skos:prefLabel@en`."""

    iri: str
    lang: str | None = None

    @classmethod
    def parse(cls, text: str) -> "Term":
        name, _, lang = text.partition("@")
        return cls(expand(name), lang or None)


@dataclass(frozen=True)
class Field:
    name: str
    spec: dict

    @property
    def type(self) -> str:
        return self.spec["type"]

    @property
    def many(self) -> bool:
        return bool(self.spec.get("many"))

    @property
    def required(self) -> bool:
        return bool(self.spec.get("required"))

    @property
    def target(self) -> str | None:
        return self.spec.get("to")

    @property
    def of(self) -> str | None:
        return self.spec.get("of")

    def terms(self, key: str = "rdf") -> tuple[Term, ...]:
        return tuple(Term.parse(t) for t in self.spec.get(key, ()))

    @property
    def values(self) -> dict:
        """An enum's values, each with its options ({classes, iri, label})."""
        values = self.spec.get("values") or {}
        return {v: {} for v in values} if isinstance(values, list) else {k: (o or {}) for k, o in values.items()}


@dataclass(frozen=True)
class Kind:
    name: str
    spec: dict

    @property
    def key(self) -> str | None:
        return self.spec.get("key")

    @property
    def nested(self) -> bool:
        return bool(self.spec.get("nested"))

    @property
    def cites(self) -> bool:
        return self.spec.get("cites", True)

    @property
    def fields(self) -> dict[str, Field]:
        return {name: Field(name, spec) for name, spec in self.spec["fields"].items()}

    def field(self, name: str) -> Field | None:
        spec = self.spec["fields"].get(name)
        return Field(name, spec) if spec is not None else None

    @property
    def classes(self) -> tuple[str, ...]:
        return tuple(expand(c) for c in self.spec.get("classes", ()))

    @property
    def merge_key(self) -> tuple[str, ...]:
        return tuple(self.spec.get("merge_key", ()))


class Schema:
    def __init__(self, data: dict):
        self.data = data
        self.kinds = {name: Kind(name, spec) for name, spec in data["kinds"].items()}
        self.sides = data.get("sides", {})

    def __getitem__(self, kind: str) -> Kind:
        return self.kinds[kind]

    def __iter__(self):
        return iter(self.kinds.values())

    def by_key(self) -> dict[str, str]:
        """Section key (`sessions`) -> kind (`session`)."""
        return {k.key: k.name for k in self if k.key}

    def enum(self, kind: str, field: str) -> dict:
        return self.kinds[kind].field(field).values

    # ---- tables for the readers

    def body_types(self) -> list[tuple[str, str, str]]:
        """(value, class local name, label) of each body type, in the schema's order."""
        out = []
        for value, opts in self.enum("body", "type").items():
            local = expand(opts["classes"][0]).rsplit("#", 1)[-1]
            out.append((value, local, opts.get("label", local)))
        return out

    def statuses(self) -> dict[str, str]:
        """Event status IRI -> status word (planned, postponed, cancelled)."""
        return {expand(o["iri"]): v for v, o in self.enum("session", "status").items() if o.get("iri")}

    def side_iris(self) -> dict[str, str]:
        """Side slug -> its country IRI."""
        return {side: f"{ID}country/{side}" for side in self.sides}

    def side_of_word(self, text: str) -> str | None:
        """'Indian' -> 'india', 'Russian Federation' -> 'russia'; None for anything else."""
        low = " ".join(str(text).lower().split())
        for side, opts in self.sides.items():
            if low == side or low in opts.get("words", ()):
                return side
        return None

    def document_kind(self, text: str) -> str | None:
        """'three MoUs' -> 'memorandum': the signing type whose words occur in `text`."""
        from .names import fold

        folded = fold(text)
        for value, opts in self.enum("signing", "type").items():
            if any(w in folded for w in opts.get("words", ())):
                return value
        return None


@lru_cache(maxsize=1)
def schema() -> Schema:
    text = resources.files("kg").joinpath("schema.yaml").read_text(encoding="utf-8")
    return Schema(yaml.safe_load(text))
