"""The curated YAML: every file read, checked, merged and resolved, or every problem at once.

Loading happens in two passes, as followthemoney does it: first every file is
parsed on its own (keeping each value's line), then identifiers are registered
and references resolved across files. Every problem of both passes is
collected, so a curator sees all of them at once as `path:line: message`.

Two kinds of curated file:

- a register file (`seeds/curated/bodies.yaml`, ...) defines records, each citing
  its sources; an id may be defined once;
- a per-source file (`seeds/curated/sources/ID.yaml`, opening with `source: ID`)
  holds what that one source states. Its records add to the records of the
  same id elsewhere (or create them), so each fact lands in the named graph of
  exactly the sources that state it.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from ..core import journal
from ..core.errors import InputError, Problem
from ..core.schema import schema
from . import cautions
from .parse import Parser, suggest
from .read import LocatedList, read
from .records import Claim, Curated, Record

# A merged record keeps one preferred name; a source's other spellings become alternatives.
PREFERRED = {"name": "alt_names", "title": "alt_titles"}


def session_id(rec: Record) -> str | None:
    """body/ordinal, or body/date for a meeting no source numbers; an explicit `id` wins."""
    body = rec.first("body")
    if body is None:
        return None
    given = rec.first("id")
    if given:
        return given
    ordinal, date = rec.first("ordinal"), rec.first("date")
    if ordinal is not None:
        return f"{body}/{ordinal}"
    return f"{body}/{date}" if date else None


# ---------------------------------------------------------------- pass 1: parse


def parse_file(path: Path, shown: str, problems: list[Problem]) -> list[Record]:
    data = read(path, shown, problems)
    if data is None:
        return []
    if not isinstance(data, dict):
        problems.append(Problem(shown, getattr(data, "line", 1), "expected a mapping such as `sessions: [...]` at the top"))
        return []
    kinds_by_key = schema().by_key()
    source, source_line = None, 1
    if "source" in data:
        source, source_line = data["source"], data.key_lines["source"]
        if not isinstance(source, str) or not source:
            problems.append(Problem(shown, source_line, f"source: expected the id of a source, got {source!r}"))
            return []
    parser, out = Parser(shown, problems, source, source_line), []
    for key, items in data.items():
        line = data.key_lines.get(key, 1)
        if key == "source":
            continue
        kind = kinds_by_key.get(key)
        if kind is None or (source is not None and kind == "source"):
            problems.append(Problem(shown, line, f"unknown section {key!r}{suggest(key, kinds_by_key)}"))
            continue
        if items is None:
            continue
        if not isinstance(items, LocatedList):
            problems.append(Problem(shown, line, f"{key}: expected a list of records"))
            continue
        for item, ln in zip(items, items.item_lines):
            rec = parser.record(kind, item, ln)
            if rec is not None:
                out.append(rec)
    return out


def curated_files(root: Path) -> list[Path]:
    """sources.yaml, then every .yaml file under curated/ (register files before per-source ones)."""
    folder = root / "curated"
    files = sorted(p for p in folder.rglob("*.yaml") if not any(part.startswith(".") for part in p.parts[len(folder.parts):]))
    return [root / "sources.yaml"] + files


# ---------------------------------------------------------------- pass 2: merge


def _merge_children(into: list[Record], more: list[Record]) -> None:
    """Nested records of the same merge key (a co-chair's person, a holding's person and term) become one."""
    for kid in more:
        key_fields = schema()[kid.kind].merge_key
        key = tuple(kid.first(k) for k in key_fields)
        same = next((k for k in into if key_fields and tuple(k.first(f) for f in key_fields) == key), None)
        if same is None:
            into.append(kid)
        else:
            _merge(same, kid)


def _merge(into: Record, more: Record) -> None:
    into.sources = tuple(dict.fromkeys(into.sources + more.sources))
    into.mentions.extend(more.mentions)
    for name, claims in more.fields.items():
        into.fields.setdefault(name, []).extend(claims)
    for name, kids in more.children.items():
        _merge_children(into.children.setdefault(name, []), kids)


def _prefer_one_name(rec: Record) -> None:
    """Keep one preferred name: the register's, else the full name (two words or more)
    that most sources write, else the spelling most sources write."""
    for name, alternative in PREFERRED.items():
        claims = rec.claims(name)
        if len({c.value for c in claims}) <= 1 or schema()[rec.kind].field(alternative) is None:
            continue
        own = [c for c in claims if c.path == rec.path] if not rec.per_source else []
        order = [c.value for c in claims]
        votes = Counter(c.value for c in claims for _ in c.sources)
        preferred = own[0].value if own else max(
            votes, key=lambda v: (len(str(v).split()) > 1, votes[v], -order.index(v)))
        rec.fields[name] = [c for c in claims if c.value == preferred]
        demoted = [c for c in claims if c.value != preferred]
        rec.fields.setdefault(alternative, []).extend(demoted)


def merge(records: list[Record], problems: list[Problem]) -> dict[str, dict[str, Record]]:
    by_kind: dict[str, dict[str, Record]] = {}
    seen_in_file: set[tuple[str, str, str]] = set()
    for rec in records:
        if schema()[rec.kind].spec.get("derived_id"):
            derived = session_id(rec)
            if derived is None:
                if rec.first("body") is not None:
                    problems.append(Problem(rec.path, rec.line, "a session needs an ordinal or a date to be identified"))
                continue
            body, ordinal = rec.first("body"), rec.first("ordinal")
            if rec.first("id") and (not derived.startswith(f"{body}/")
                                    or (ordinal is not None and derived != f"{body}/{ordinal}")):
                expected = f"{body}/{ordinal}" if ordinal is not None else f"{body}/..."
                problems.append(Problem(rec.path, rec.line,
                                        f"session id {derived!r} does not match its body and ordinal ({expected!r})"))
            rec.id = derived
        if not rec.id:
            continue
        known = by_kind.setdefault(rec.kind, {})
        first = known.get(rec.id)
        if first is None:
            known[rec.id] = rec
        elif not rec.per_source and not first.per_source:
            problems.append(Problem(rec.path, rec.line,
                                    f"duplicate {rec.kind} id {rec.id!r} (first defined at {first.path}:{first.line})"))
        elif rec.per_source and (rec.path, rec.kind, rec.id) in seen_in_file:
            problems.append(Problem(rec.path, rec.line, f"{rec.kind} {rec.id!r} appears twice in this file; "
                                                        "give all it states in one record"))
        elif first.per_source and not rec.per_source:
            # A register record found after per-source mentions: it leads.
            known[rec.id] = rec
            _merge(rec, first)
        else:
            _merge(first, rec)
        if rec.per_source:
            seen_in_file.add((rec.path, rec.kind, rec.id))
    for recs in by_kind.values():
        for rec in recs.values():
            _prefer_one_name(rec)
    return by_kind


# ---------------------------------------------------------------- pass 3: resolve and check


def _check_refs(rec: Record, by_kind: dict, problems: list[Problem]) -> None:
    spec = schema()[rec.kind]
    known_sources = by_kind.get("source", {})
    cited = [(rec.sources, rec.path, rec.sources_line)] if rec.sources_line is not None else []
    for name, claims in rec.fields.items():
        f = spec.field(name)
        for claim in claims:
            if claim.own_sources:
                cited.append((claim.sources, claim.path or rec.path, claim.line))
            if f.type == "ref" and claim.value not in by_kind.get(f.target, {}):
                hint = suggest(claim.value, by_kind.get(f.target, {}))
                problems.append(Problem(claim.path or rec.path, claim.line, f"unknown {f.target} {claim.value!r}{hint}"))
    for sources, path, line in cited:
        for s in sources:
            if s not in known_sources:
                problems.append(Problem(path, line, f"unknown source {s!r}{suggest(s, known_sources)}"))
    for kids in rec.children.values():
        for kid in kids:
            _check_refs(kid, by_kind, problems)


def _check_required(rec: Record, problems: list[Problem]) -> None:
    for name, f in schema()[rec.kind].fields.items():
        unless = f.spec.get("unless")
        if f.required and name not in rec.fields and not (name == "id" and rec.id) and not (unless and unless in rec.fields):
            problems.append(Problem(rec.path, rec.line, f"{rec.kind} is missing the required field {name!r}"))
    for kids in rec.children.values():
        for kid in kids:
            _check_required(kid, problems)


def _check_one_value(rec: Record, problems: list[Problem]) -> None:
    """Fields that say what a record IS (its type) must agree across sources."""
    for name in ("type", "kind", "body"):
        values = {c.value for c in rec.claims(name)}
        if len(values) > 1:
            c = rec.claims(name)[-1]
            problems.append(Problem(c.path or rec.path, c.line, f"{rec.kind} {rec.id!r}: sources disagree on its "
                                    f"{name} ({', '.join(sorted(map(str, values)))}); it cannot be both"))


def _check_one_per_source(rec: Record, problems: list[Problem]) -> None:
    """A single-valued field takes one value from each source: two dates for one meeting
    in one article are a curation slip (an end date has its own field)."""
    spec = schema()[rec.kind]
    for name, claims in rec.fields.items():
        f = spec.field(name)
        if f.many or f.type == "langtext" or name in PREFERRED:
            continue
        said: dict[str, Claim] = {}
        for c in claims:
            for src in c.sources:
                first = said.setdefault(src, c)
                if first.value != c.value:
                    problems.append(Problem(c.path or rec.path, c.line,
                                            f"{rec.kind} {rec.id!r}: source {src!r} gives two values for {name} "
                                            f"({first.value} at line {first.line}, {c.value} here)"))
    for kids in rec.children.values():
        for kid in kids:
            _check_one_per_source(kid, problems)


def _check_terms(rec: Record, problems: list[Problem]) -> None:
    """One source's account of a post has its holders in turn: two holdings it dates from
    start to end do not overlap, unless one of them is an additional charge."""
    if rec.kind != "post":
        return
    spans: dict[str, list] = {}
    for h in rec.children.get("holders", []):
        charge = any(c.value for c in h.claims("additional_charge")) or any(c.value for c in h.claims("acting"))
        for start in h.claims("start"):
            for end in h.claims("end"):
                for src in set(start.sources) & set(end.sources):
                    spans.setdefault(src, []).append((start.value, end.value, h, charge, end))
    for src, items in spans.items():
        for i, (s1, e1, h1, c1, _l1) in enumerate(items):
            for s2, e2, h2, c2, l2 in items[i + 1:]:
                if h1 is h2 or c1 or c2 or h1.first("person") == h2.first("person"):
                    continue
                if s2 < e1 and s1 < e2 and not e1.startswith(s2) and not e2.startswith(s1):
                    problems.append(Problem(l2.path or h2.path, l2.line,
                                            f"post {rec.id!r}: source {src!r} has {h1.first('person')} ({s1} to {e1}) "
                                            f"and {h2.first('person')} ({s2} to {e2}) in office at once; mark an "
                                            "additional charge, or check the dates"))


def _check_spans(rec: Record, problems: list[Problem]) -> None:
    for start_name, end_name in (("date", "end_date"), ("start", "end"), ("founded", "ended"), ("from", "until")):
        for start in rec.claims(start_name):
            for end in rec.claims(end_name):
                if str(end.value) < str(start.value) and not str(start.value).startswith(str(end.value)) \
                        and set(start.sources) & set(end.sources):
                    problems.append(Problem(end.path or rec.path, end.line,
                                            f"{end_name} {end.value} is before {start_name} {start.value}"))
    for kids in rec.children.values():
        for kid in kids:
            _check_spans(kid, problems)


def _check_hierarchy(by_kind: dict, problems: list[Problem]) -> None:
    """A commission heads its tree: it has no parent, and no chain of parents loops."""
    bodies = by_kind.get("body", {})
    for rec in bodies.values():
        if rec.first("type") == "commission" and rec.claims("parent"):
            c = rec.claims("parent")[0]
            problems.append(Problem(c.path or rec.path, c.line, f"the commission {rec.id!r} cannot have a parent body"))
    for rec in bodies.values():
        path, here = [rec.id], rec
        while here is not None and here.claims("parent"):
            parent = here.first("parent")
            if parent == rec.id:
                c = rec.claims("parent")[0]
                problems.append(Problem(c.path or rec.path, c.line,
                                        f"body {rec.id!r} is its own ancestor ({' -> '.join(path + [parent])})"))
                break
            if parent in path:
                break  # a loop that does not pass through this body: reported at its own members
            path.append(parent)
            here = bodies.get(parent)
    for rec in by_kind.get("source", {}).values():
        for c in rec.claims("duplicate_of"):
            if c.value == rec.id:
                problems.append(Problem(c.path or rec.path, c.line, f"source {rec.id!r} cannot be a copy of itself"))


def load(root: str | Path) -> Curated:
    """Load `root/sources.yaml` and `root/curated/**/*.yaml`, or raise InputError listing every problem."""
    root = Path(root)
    if (root / journal.JOURNAL).is_dir():  # a `kg accept` killed midway: finish or undo it first
        journal.recover(root)
    problems: list[Problem] = []
    records: list[Record] = []
    if not (root / "sources.yaml").exists():
        problems.append(Problem(str(root / "sources.yaml"), 1, "the source register is missing"))
    if not (root / "curated").is_dir():
        problems.append(Problem(str(root / "curated"), 1, "the curated folder is missing"))
    parsed = []
    for path in curated_files(root) if (root / "curated").is_dir() else [root / "sources.yaml"]:
        if path.exists() or path.is_symlink():
            parsed.append(parse_file(path, str(path), problems))
    # Register files define; per-source files add to what is defined.
    for recs in parsed:
        records += [r for r in recs if not r.per_source]
    for recs in parsed:
        records += [r for r in recs if r.per_source]
    by_kind = merge(records, problems)
    for recs in by_kind.values():
        for rec in recs.values():
            _check_refs(rec, by_kind, problems)
            _check_required(rec, problems)
            _check_one_value(rec, problems)
            _check_one_per_source(rec, problems)
            _check_spans(rec, problems)
            _check_terms(rec, problems)
    _check_hierarchy(by_kind, problems)
    if problems:
        raise InputError(problems)
    cautions.emit(by_kind)
    return Curated(root=root, records=by_kind)


__all__ = ["load", "session_id", "Claim", "Curated", "Record"]
