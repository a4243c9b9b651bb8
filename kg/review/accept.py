"""Accepting reviewed facts into the curated YAML.

`accept` writes the chosen pending facts of an article into that article's own
per-source file, `seeds/curated/sources/<source-id>.yaml` (`source: id`, records
without `sources:`, since the file's source states everything in it), merging
into the file if it exists. Entities only the article names (the `x-`
extraction-only ones) get records in the same file. A new source is registered
in `seeds/sources.yaml` with the register fields the article states. The files
are checked to load before anything is written, and written as one transaction
(kg/core/journal.py), keeping their comments, order and permission bits.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from pyoxigraph import NamedNode, Store, Variable

from ..core import journal, sparql
from ..core.dates import compatible
from ..core.errors import KgError
from ..core.names import fold, slug
from ..core.schema import expand, schema
from ..core.vocab import ID
from ..dataset.statements import SessionStatements
from ..dataset.store import select
from .pending import Pending, pending
from .seedfiles import SeedFiles, sections

# The order curators write a session's fields in, then the other records.
ORDER = {"session": 0, "date": 1, "place": 2, "co-chair": 3, "signed": 4, "holding": 5, "visit": 6, "agreement": 7}


def _map(items):
    from ruamel.yaml.comments import CommentedMap

    return CommentedMap(items)


def _flow(items):
    from ruamel.yaml.comments import CommentedSeq

    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq


def _slug_of(iri: str) -> str:
    """The slug of an entity IRI: what follows its kind (`session/wg-mc/6` -> `wg-mc/6`)."""
    return iri[len(ID):].split("/", 1)[1]


def _date(value: str):
    return dt.date.fromisoformat(value) if len(value) == 10 else value


def _by(items, **match):
    return next((i for i in items if all(str(i.get(k)) == str(v) for k, v in match.items())), None)


class _SourceFile:
    """One source's per-source file, as a round-trip document."""

    def __init__(self, files: SeedFiles, sid: str):
        self.files, self.sid = files, sid
        self.path = files.seeds / "curated" / "sources" / f"{sid}.yaml"
        self.doc = files.load(self.path, lambda: _map([("source", sid)]))
        files.check_shape(self.path, self.doc, sections() | {"source"})
        if self.doc.get("source") != sid:
            raise KgError(f"{self.path}:1: this file is for source {self.doc.get('source')!r}, not {sid!r}; "
                          "kg accept writes nothing")

    def items(self, key: str):
        return self.files.section(self.path, self.doc, key)

    def add(self, key: str, record):
        self.files.append(self.items(key), record)
        self.files.changed.add(self.path)
        return record

    def record(self, key: str, rid: str, *fields):
        found = _by(self.items(key), id=rid)
        return found if found is not None else self.add(key, _map([("id", rid), *fields]))

    def put(self, record, field: str, value, what: str) -> None:
        """Set a single value this source gives; a more precise date replaces a compatible one."""
        current = record.get(field)
        if current is None or (field in ("date", "signed_on") and len(str(value)) > len(str(current))
                               and compatible(str(current), str(value))):
            record[field] = value
            self.files.changed.add(self.path)
        elif str(current) != str(value) and not (field == "date" and compatible(str(current), str(value))) \
                and field != "place":
            raise KgError(f"{self.path}: {what}: this source already gives {field} {current!r}, not {value!r}; "
                          "kg accept writes nothing")


class _Acceptor:
    def __init__(self, root: Path, store: Store):
        from ..curated import load

        self.seeds = root / "seeds"
        journal.recover(self.seeds)  # finish an accept that was killed midway, before reading
        self.curated = load(self.seeds)  # the seeds load as they are, or nothing is done
        self.files, self.store, self.facts = SeedFiles(self.seeds), store, SessionStatements(store)
        self.by_source: dict[str, _SourceFile] = {}

    # ------------------------------------------------------------ sources

    def source_file(self, iri: str) -> _SourceFile:
        sid = _slug_of(iri)
        if sid not in self.by_source:
            self.register(iri, sid)
            self.by_source[sid] = _SourceFile(self.files, sid)
        return self.by_source[sid]

    def register(self, iri: str, sid: str) -> None:
        """Register a new source with what the article states about itself."""
        if sid in self.curated["source"]:
            return
        path = self.seeds / "sources.yaml"
        doc = self.files.load(path, lambda: _map([("sources", [])]))
        self.files.check_shape(path, doc, {"sources"})
        items = self.files.section(path, doc, "sources")
        if _by(items, id=sid) is not None:
            return
        row = next(iter(select(self.store, sparql.text("source-info"), substitutions={Variable("s"): NamedNode(iri)})), None)
        value = lambda name: row[name].value if row is not None and row[name] is not None else None  # noqa: E731
        record = _map([("id", sid), ("kind", "news-article")])
        for field, name in (("publisher", "publisher"), ("headline", "headline")):
            if value(name):
                record[field] = value(name)
        if value("published"):
            record["date_published"] = _date(value("published")[:10])
        if value("file"):
            record["file"] = _flow([value("file")])
        if value("url"):
            record["url"] = value("url")
        record["note"] = "Registered by kg accept from an extracted article; the fields are what the article states."
        self.files.append(items, record, spaced=True)
        self.files.changed.add(path)

    # ------------------------------------------------------------ entities

    def entity(self, sf: _SourceFile, iri: str, kind: str, *extra) -> str:
        """The curated id of an entity; an extraction-only one gets a record in the source's file."""
        rid = _slug_of(iri)
        if not rid.startswith("x-"):
            return rid
        rid, label = rid[2:], self.facts.label(iri)
        name = "title" if kind == "post" else "name"
        known = self.curated[kind].get(rid)
        if known is None:
            sf.record(schema()[kind].key, rid, *extra, (name, label))
        elif fold(label) not in {fold(v) for f in (name, f"alt_{name}s") for v in known.values(f)}:
            # The extractor did not link the name to this record, so it may be someone else.
            raise KgError(f"{iri}: the id {rid!r} is taken by the curated {kind} {known.first(name)!r}, which the "
                          f"article's {label!r} may not be; add or link it by hand. kg accept writes nothing")
        return rid

    def session(self, sf: _SourceFile, iri: str):
        body, _, number = _slug_of(iri).partition("/")
        items = sf.items("sessions")
        for item in items:
            if item.get("body") == body and (str(item.get("ordinal")) == number or str(item.get("date")) == number):
                return item
        if body not in self.curated["body"]:
            raise KgError(f"{iri}: the body {body!r} is not curated yet; add it to seeds/curated/bodies.yaml first")
        record = _map([("body", body)])
        record["ordinal" if number.isdigit() else "date"] = int(number) if number.isdigit() else _date(number)
        return sf.add("sessions", record)

    # ------------------------------------------------------------ facts

    def refuse_contradiction(self, p: Pending) -> None:
        """A value that contradicts a curated one is for a curator to resolve, not to append."""
        s = p.statement
        if s.what not in ("date", "place", "co-chair"):
            return
        for c in self.facts.statements:
            if c.method == "curated" and c.key == s.key and not self.facts.compatible(s.what, c.value, s.value):
                shown = lambda v: self.facts.label(v) if v.startswith("http") else v  # noqa: E731
                raise KgError(f"{p.id}: {self.facts.label(s.session)} {s.what}: this article says {shown(s.value)!r} "
                              f"but the curated data says {shown(c.value)!r} ({c.source.rsplit('/', 1)[-1]}); "
                              f"see `kg conflicts` and resolve it in seeds/curated by hand")

    def accept(self, p: Pending) -> None:
        s = p.statement
        self.refuse_contradiction(p)
        sf = self.source_file(s.source)
        what = f"{self.facts.label(s.session)} {s.what}"
        if s.what in ("session", "date", "place", "co-chair", "signed"):
            record = self.session(sf, s.session)
            sf.files.changed.add(sf.path)
        if s.what == "date":
            sf.put(record, "date", _date(s.value), what)
        elif s.what == "place":
            sf.put(record, "place", self.entity(sf, s.value, "place", ("type", "city")), what)
        elif s.what == "co-chair":
            person = self.entity(sf, s.value, "person")
            chairs = record.get("co_chairs")
            if chairs is None:
                chairs = record["co_chairs"] = []
            if _by(chairs, person=person) is None:
                chair = _map([("person", person), ("side", _slug_of(s.side))])
                title = self.co_chair_title(s)
                post = self.post_of(title, _slug_of(s.side)) if title else None
                if post:
                    chair["post"] = post
                if title:
                    chair["post_title"] = title
                chairs.append(chair)
        elif s.what == "signed":
            kind = next(v for v, o in schema().enum("signing", "type").items() if expand(o["iri"]) == s.value)
            signed = record.get("signed")
            if signed is None:
                signed = record["signed"] = []
            if _by(signed, type=kind) is None:
                signed.append(_map([("type", kind)]))
        elif s.what == "holding":
            self.holding(sf, s)
        elif s.what == "visit":
            self.visit(sf, s)
        elif s.what == "agreement":
            self.agreement(sf, s)

    def co_chair_title(self, s) -> str | None:
        """The title the article gives the co-chair, as its graph records it."""
        bound = {Variable("g"): NamedNode(s.graph), Variable("session"): NamedNode(s.session),
                 Variable("person"): NamedNode(s.value)}
        row = next(iter(select(self.store, sparql.text("co-chair-post"), substitutions=bound)), None)
        return row["title"].value if row is not None else None

    def post_of(self, title: str, side: str) -> str | None:
        """The curated post of that title on that side, so that the chart names the co-chair's post."""
        for rec in self.curated["post"].values():
            titles = {fold(t) for f in ("title", "alt_titles") for t in rec.values(f)}
            if fold(title) in titles and rec.first("side") in (side, None):
                return rec.id
        return None

    def holding(self, sf: _SourceFile, s) -> None:
        side = _slug_of(s.side) if s.side else None
        post_id = self.entity(sf, s.session, "post", *([("side", side)] if side else []))
        person = self.entity(sf, s.value, "person")
        post = sf.record("posts", post_id)
        holders = post.get("holders")
        if holders is None:
            holders = post["holders"] = []
        holding = _by(holders, person=person)
        if holding is None:
            holding = _map([("person", person)])
            holders.append(holding)
        if s.date:
            dates = holding.get("attested_on")
            if dates is None:
                dates = holding["attested_on"] = _flow([])
            if s.date not in map(str, dates):
                dates.append(_date(s.date))
        sf.files.changed.add(sf.path)

    def visit(self, sf: _SourceFile, s) -> None:
        vid = _slug_of(s.session).removeprefix("x-")
        record = sf.record("visits", vid)
        sf.put(record, "visitor", self.entity(sf, s.value, "person"), vid)
        if s.where:
            sf.put(record, "place", self.entity(sf, s.where, "place", ("type", "city")), vid)
        if s.visited:
            sf.put(record, "visited", self.entity(sf, s.visited, "organisation"), vid)
        if s.date:
            sf.put(record, "date", _date(s.date), vid)

    def agreement(self, sf: _SourceFile, s) -> None:
        title = self.facts.label(s.value)
        kind = schema().document_kind(title) or "agreement"
        if kind not in schema().enum("agreement", "type"):
            kind = "agreement"
        aid = slug(title, empty="")
        if len(aid) > 60:  # a long title: cut at a word, not inside one
            aid = aid[:61].rsplit("-", 1)[0]
        aid = aid or _slug_of(s.value).removeprefix("x-")
        record = sf.record("agreements", aid, ("type", kind), ("name", title))
        if s.date:
            sf.put(record, "signed_on", _date(s.date), aid)


def accept(ids: list[str], root: Path, store: Store) -> list[Path]:
    """Write the pending facts with these ids into the curated YAML; return the files changed.
    All or nothing: a refused fact, a file not understood or seeds that would not load
    write nothing."""
    acceptor = _Acceptor(Path(root), store)
    by_id = {p.id: p for p in pending(acceptor.facts)}
    unknown = [i for i in ids if i not in by_id]
    if unknown:
        raise KgError(f"no pending extracted fact with id {', '.join(unknown)} (see `kg review`)")
    for i in sorted(set(ids), key=lambda i: (by_id[i].statement.source, ORDER[by_id[i].statement.what],
                                             by_id[i].statement.session, i)):
        acceptor.accept(by_id[i])
    return acceptor.files.save()
