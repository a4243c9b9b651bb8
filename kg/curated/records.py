"""What a curated record is, once read: its kind and id, and each field as claims."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator


@dataclass(frozen=True)
class Claim:
    """One value of a field, and the sources that state it."""

    value: Any
    sources: tuple[str, ...]
    line: int
    own_sources: bool = False  # given in the claim itself rather than inherited from the record
    path: str = ""


@dataclass
class Record:
    kind: str
    id: str
    path: str
    line: int
    sources: tuple[str, ...]
    sources_line: int | None = None  # None where the sources are inherited from the parent record
    fields: dict[str, list[Claim]] = field(default_factory=dict)
    children: dict[str, list["Record"]] = field(default_factory=dict)
    per_source: bool = False  # read from a per-source file, where one source states everything
    mentions: list[tuple[str, int]] = field(default_factory=list)  # (path, line) of each file that adds to it

    def claims(self, name: str) -> list[Claim]:
        return self.fields.get(name, [])

    def values(self, name: str) -> list[Any]:
        return [c.value for c in self.claims(name)]

    def first(self, name: str, default=None):
        claims = self.claims(name)
        return claims[0].value if claims else default

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass
class Curated:
    """Every curated record by kind and id, and the source register."""

    root: Path
    records: dict[str, dict[str, Record]]

    def __getitem__(self, kind: str) -> dict[str, Record]:
        return self.records.get(kind, {})

    def all(self) -> Iterator[Record]:
        for kind in sorted(self.records):
            yield from self.records[kind].values()
