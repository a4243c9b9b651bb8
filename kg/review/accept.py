"""Accepting reviewed facts into the curated YAML.

`accept` writes chosen pending facts into `seeds/` with ruamel.yaml's
round-trip mode, so the curators' comments, key order and flow lists
survive, citing the article as the source (registering it in
`seeds/sources.yaml` if it is new). Each value goes in as a `{value, sources}`
claim so that only the accepting source is credited with it.
"""
from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from pyoxigraph import NamedNode, Store, Variable

from ..core import sparql
from ..core.errors import KgError
from ..core.files import write_atomic
from ..core.vocab import ID
from ..dataset.statements import SessionStatements
from ..dataset.store import select
from .pending import Pending, pending


def _yaml():
    from ruamel.yaml import YAML

    yaml = YAML()  # round-trip: comments, order and flow style are kept
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    yaml.preserve_quotes = True
    return yaml


def _flow(items):
    from ruamel.yaml.comments import CommentedSeq

    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq


def _claim(value, source: str):
    from ruamel.yaml.comments import CommentedMap

    claim = CommentedMap([("value", value), ("sources", _flow([source]))])
    claim.fa.set_flow_style()
    return claim


def _slug_of(iri: str, kind: str) -> str:
    return iri[len(f"{ID}{kind}/"):]


class _Seeds:
    """The curated files, loaded round-trip, written back only if changed."""

    def __init__(self, root: Path):
        self.root, self.yaml = root / "seeds", _yaml()
        self.docs: dict[Path, object] = {}
        self.changed: set[Path] = set()

    def doc(self, path: Path):
        if path not in self.docs:
            self.docs[path] = self.yaml.load(path.read_text(encoding="utf-8"))
        return self.docs[path]

    def section(self, key: str, default_file: str):
        """The list under `key`, in whichever curated file holds it."""
        for path in sorted((self.root / "curated").glob("*.yaml")):
            data = self.doc(path)
            if isinstance(data, dict) and key in data:
                if data[key] is None:
                    data[key] = []
                return path, data[key]
        path = self.root / "curated" / default_file
        from ruamel.yaml.comments import CommentedMap

        self.docs[path] = CommentedMap([(key, [])])
        return path, self.docs[path][key]

    def append(self, key: str, default_file: str, record) -> None:
        path, items = self.section(key, default_file)
        items.append(record)
        if len(items) > 1:  # a blank line between records, as the curators write them
            items.yaml_set_comment_before_after_key(len(items) - 1, before="\n")
        self.changed.add(path)

    def save(self) -> list[Path]:
        for path in sorted(self.changed):
            buf = io.StringIO()
            self.yaml.dump(self.docs[path], buf)
            write_atomic(path, buf.getvalue())
        return sorted(self.changed)


def _set(record, key: str, value) -> None:
    """Set a key, placing a new one before `sources` so that citations stay last."""
    if key in record or "sources" not in record:
        record[key] = value
    else:
        record.insert(list(record).index("sources"), key, value)


def _ids(items) -> set[str]:
    return {item.get("id") for item in items if isinstance(item, dict)}


class _Acceptor:
    def __init__(self, root: Path, store: Store):
        self.seeds, self.store, self.facts = _Seeds(root), store, SessionStatements(store)

    def register_source(self, iri: str) -> str:
        from ruamel.yaml.comments import CommentedMap

        sid = _slug_of(iri, "source")
        path = self.seeds.root / "sources.yaml"
        doc = self.seeds.doc(path)
        if sid in _ids(doc["sources"]):
            return sid
        row = next(iter(select(self.store, sparql.text("source-info"), substitutions={Variable("s"): NamedNode(iri)})), None)
        record = CommentedMap([("id", sid), ("kind", "news-article")])
        if row is not None and row["published"] is not None:
            record["date_published"] = dt.date.fromisoformat(row["published"].value[:10])
        if row is not None and row["file"] is not None:
            record["file"] = row["file"].value
        record["note"] = "Registered by kg accept from an extracted article."
        doc["sources"].append(record)
        self.seeds.changed.add(path)
        return sid

    def entity(self, iri: str, kind: str, key: str, default_file: str, source: str, extra=()) -> str:
        """The curated id for an entity, creating a record for an extraction-only one."""
        from ruamel.yaml.comments import CommentedMap

        slug = _slug_of(iri, "country" if iri.startswith(ID + "country/") else kind)
        if not slug.startswith("x-"):
            return slug
        new_id = slug[2:]
        _, items = self.seeds.section(key, default_file)
        if new_id not in _ids(items):
            record = CommentedMap([("id", new_id), *extra, ("name", self.facts.label(iri)), ("sources", _flow([source]))])
            self.seeds.append(key, default_file, record)
        return new_id

    def session(self, iri: str, source: str):
        from ruamel.yaml.comments import CommentedMap

        body, _, number = _slug_of(iri, "session").partition("/")
        _, items = self.seeds.section("sessions", "sessions.yaml")
        for item in items:
            if item.get("body") == body and (str(item.get("ordinal")) == number or str(item.get("date")) == number):
                return item
        if body not in self._body_ids():
            raise KgError(f"{iri}: the body {body!r} is not curated yet; add it to bodies.yaml first")
        record = CommentedMap([("body", body)])
        record["ordinal" if number.isdigit() else "date"] = int(number) if number.isdigit() else number
        record["sources"] = _flow([source])
        self.seeds.append("sessions", "sessions.yaml", record)
        return record

    def _body_ids(self) -> set[str]:
        _, items = self.seeds.section("bodies", "bodies.yaml")
        return _ids(items)

    def add_value(self, record, field: str, value, source: str) -> None:
        """Add `value` for `field`, credited to `source`, keeping what others said."""
        current = record.get(field)
        record_sources = list(record.get("sources") or [])
        if current is None:
            _set(record, field, _claim(value, source) if source not in record_sources else value)
            return
        claims = current if isinstance(current, list) and all(isinstance(c, dict) for c in current) \
            else [current] if isinstance(current, dict) and "value" in current else None
        if claims is None:  # a plain value, claimed by the record's sources
            if str(current) == str(value):
                if source not in record_sources:
                    record[field] = _claim(current, record_sources[0]) if record_sources else current
                    record[field]["sources"] = _flow(record_sources + [source])
                return
            record[field] = [_claim(current, record_sources[0]), _claim(value, source)]
            record[field][0]["sources"] = _flow(record_sources)
            return
        for claim in claims:
            if str(claim["value"]) == str(value):
                if source not in claim.get("sources", []):
                    claim["sources"] = _flow(list(claim.get("sources", [])) + [source])
                return
        if not isinstance(current, list):
            record[field] = [current]
        record[field].append(_claim(value, source))

    def co_chair(self, record, person: str, side: str, source: str) -> None:
        from ruamel.yaml.comments import CommentedMap

        if "co_chairs" not in record:
            _set(record, "co_chairs", [])
        chairs = record["co_chairs"]
        for chair in chairs:
            if chair.get("person") == person:
                sources = list(chair.get("sources") or record.get("sources") or [])
                if source not in sources:
                    chair["sources"] = _flow(sources + [source])
                return
        chair = CommentedMap([("person", person), ("side", side)])
        if source not in (record.get("sources") or []):
            chair["sources"] = _flow([source])
        chairs.append(chair)

    def refuse_contradiction(self, p: Pending) -> None:
        """A value that contradicts a curated one is for a curator to resolve, not to append."""
        s = p.statement
        for c in self.facts.statements:
            if c.method == "curated" and c.key == s.key and not self.facts.compatible(s.what, c.value, s.value):
                shown = lambda v: self.facts.label(v) if v.startswith("http") else v  # noqa: E731
                raise KgError(f"{p.id}: {self.facts.label(s.session)} {s.what}: this article says {shown(s.value)!r} "
                              f"but the curated data says {shown(c.value)!r} ({c.source.rsplit('/', 1)[-1]}); "
                              f"see `kg conflicts` and resolve it in seeds/curated by hand")

    def accept(self, p: Pending) -> None:
        s = p.statement
        self.refuse_contradiction(p)
        source = self.register_source(s.source)
        record = self.session(s.session, source)
        if s.what == "date":
            value = dt.date.fromisoformat(s.value) if len(s.value) == 10 else s.value
            self.add_value(record, "date", value, source)
        elif s.what == "place":
            place = self.entity(s.value, "place", "places", "places.yaml", source, extra=[("type", "city")])
            self.add_value(record, "place", place, source)
        elif s.what == "co-chair":
            person = self.entity(s.value, "person", "people", "people.yaml", source)
            self.co_chair(record, person, _slug_of(s.side, "country"), source)
        path, _ = self.seeds.section("sessions", "sessions.yaml")
        self.seeds.changed.add(path)


def accept(ids: list[str], root: Path, store: Store) -> list[Path]:
    """Write the pending facts with these ids into the curated YAML; return the files changed."""
    acceptor = _Acceptor(root, store)
    by_id = {p.id: p for p in pending(acceptor.facts)}
    unknown = [i for i in ids if i not in by_id]
    if unknown:
        raise KgError(f"no pending extracted fact with id {', '.join(unknown)} (see `kg review`)")
    order = {"session": 0, "date": 1, "place": 2, "co-chair": 3}  # the order curators write fields in
    for i in sorted(ids, key=lambda i: (by_id[i].statement.session, order[by_id[i].statement.what], i)):
        acceptor.accept(by_id[i])
    return acceptor.seeds.save()
