"""The curated YAML: read it, check it against `kg/schema.yaml`, resolve references.

Loading happens in two passes, as followthemoney does it: first every file is
parsed on its own (keeping each value's line), then identifiers are registered
and references resolved across files. Every problem of both passes is
collected, so a curator sees all of them at once as `path:line: message`.

Every field value becomes a list of claims (value, sources). A plain value is
claimed by the record's own sources; the `{value, sources}` form lets a curator
record which source states which value, so disagreements stay visible.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterator

import yaml

from .dates import parse_partial
from .errors import InputError, Problem

try:  # the C loader is several times faster; fall back where libyaml is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader

MAX_FILE_BYTES = 2_000_000
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_REF = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*)?$")


@lru_cache(maxsize=1)
def schema() -> dict:
    text = resources.files("kg").joinpath("schema.yaml").read_text(encoding="utf-8")
    return yaml.load(text, Loader=_Loader)["kinds"]


@dataclass(frozen=True)
class Claim:
    value: Any
    sources: tuple[str, ...]
    line: int
    own_sources: bool = False  # given in the claim itself rather than inherited from the record


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

    def claims(self, name: str) -> list[Claim]:
        return self.fields.get(name, [])

    def values(self, name: str) -> list[Any]:
        return [c.value for c in self.claims(name)]

    def first(self, name: str, default=None):
        claims = self.claims(name)
        return claims[0].value if claims else default


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


# ---------------------------------------------------------------- pass 1: parse


class _Located(dict):
    """A mapping that remembers its own line and each key's line (1-based)."""

    line: int
    key_lines: dict


class _LocatedList(list):
    line: int
    item_lines: list


def _read(path: Path, shown: str, problems: list[Problem]):
    try:
        size = path.stat().st_size
    except OSError as exc:
        problems.append(Problem(shown, 1, f"cannot read: {exc.strerror}"))
        return None
    if size > MAX_FILE_BYTES:
        problems.append(Problem(shown, 1, f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,} (split it)"))
        return None
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        problems.append(Problem(shown, line, "not UTF-8 text"))
        return None
    try:
        # Anchors and aliases are refused before composing: an alias bomb
        # (aliases of aliases) would otherwise expand exponentially when walked.
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                problems.append(Problem(shown, event.start_mark.line + 1,
                                        "YAML anchors and aliases (&, *) are not allowed in curated data"))
                return None
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        message = f"malformed YAML: {exc.problem or exc.context}"
        if exc.context and exc.context_mark and exc.problem_mark:
            message += f" ({exc.context} that starts at line {exc.context_mark.line + 1})"
        problems.append(Problem(shown, line, message))
        return None
    except yaml.YAMLError as exc:
        problems.append(Problem(shown, 1, f"malformed YAML: {exc}"))
        return None
    if node is None:
        return _Located()
    return _to_python(node, shown, problems)


def _to_python(node, shown: str, problems: list[Problem]):
    if isinstance(node, yaml.MappingNode):
        out = _Located()
        out.line, out.key_lines = node.start_mark.line + 1, {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            line = key_node.start_mark.line + 1
            if key is None:
                problems.append(Problem(shown, line, "a key must be plain text"))
                continue
            if key in out:
                problems.append(Problem(shown, line, f"duplicate key {key!r} (first at line {out.key_lines[key]})"))
                continue
            out[key] = _to_python(value_node, shown, problems)
            out.key_lines[key] = line
        return out
    if isinstance(node, yaml.SequenceNode):
        out = _LocatedList()
        out.line, out.item_lines = node.start_mark.line + 1, []
        for item in node.value:
            out.append(_to_python(item, shown, problems))
            out.item_lines.append(item.start_mark.line + 1)
        return out
    try:
        return yaml.constructor.SafeConstructor().construct_object(node, deep=True)
    except (ValueError, yaml.constructor.ConstructorError):
        # e.g. 2025-02-30 looks like a timestamp but is no date: keep the text
        # so the field check can say what is wrong with it.
        return node.value


# ---------------------------------------------------------------- field checks


def _suggest(word: str, choices) -> str:
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {match[0]!r}?)" if match else ""


def _check_scalar(spec: dict, name: str, value):
    """Return the normalised value or raise ValueError with the reason."""
    kind = spec["type"]
    if kind in ("text", "url"):
        if not isinstance(value, str) or not value.strip():
            raise ValueError(f"{name}: expected text, got {value!r}")
        if kind == "url" and not re.match(r"^https?://\S+$", value):
            raise ValueError(f"{name}: expected an http(s) URL, got {value!r}")
        return value.strip()
    if kind == "slug":
        if not isinstance(value, str) or not _SLUG.match(value):
            raise ValueError(f"{name}: expected a lower-case slug such as 'new-delhi', got {value!r}")
        return value
    if kind in ("int", "posint"):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"{name}: expected {'a positive ' if kind == 'posint' else 'an '}integer, got {value!r}")
        if kind == "posint" and value < 1:
            raise ValueError(f"{name}: expected a positive integer, got {value!r}")
        return value
    if kind == "year":
        if isinstance(value, bool) or not re.match(r"^\d{4}$", str(value)):
            raise ValueError(f"{name}: expected a year such as 2021, got {value!r}")
        return str(value)
    if kind == "date":
        try:
            return parse_partial(value)
        except ValueError as exc:
            raise ValueError(f"{name}: {exc}") from None
    if kind == "enum":
        if value not in spec["values"]:
            hint = _suggest(str(value), spec["values"])
            raise ValueError(f"{name}: {value!r} is not one of {', '.join(spec['values'])}{hint}")
        return value
    if kind == "ref":
        if not isinstance(value, str) or not _REF.match(value):
            raise ValueError(f"{name}: expected the id of a {spec['to']}, got {value!r}")
        return value
    raise AssertionError(f"unknown schema type {kind}")  # a bug in schema.yaml


def _is_claim(value) -> bool:
    return isinstance(value, dict) and "value" in value and set(value) <= {"value", "sources"}


def _source_list(value, where: str, line: int, shown: str, problems: list[Problem]) -> tuple[str, ...] | None:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value or not all(isinstance(s, str) for s in value):
        problems.append(Problem(shown, line, f"{where}: expected a list of source ids, got {value!r}"))
        return None
    return tuple(value)


class _Parser:
    def __init__(self, shown: str, problems: list[Problem]):
        self.shown, self.problems = shown, problems

    def problem(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.shown, line, message))

    def record(self, kind: str, raw, line: int, inherited: tuple[str, ...] | None = None) -> Record | None:
        spec = schema()[kind]
        if not isinstance(raw, dict):
            self.problem(line, f"a {kind} must be a mapping of fields, got {type(raw).__name__}")
            return None
        key_lines = getattr(raw, "key_lines", {})
        cites = spec.get("cites", True)
        sources: tuple[str, ...] = ()
        sources_line = None
        if cites:
            if "sources" in raw:
                sources_line = key_lines.get("sources", line)
                sources = _source_list(raw["sources"], "sources", key_lines.get("sources", line),
                                       self.shown, self.problems) or ()
            elif inherited:
                sources = inherited
            else:
                self.problem(line, f"{kind} record has no source: add `sources: [...]` citing ids of seeds/sources.yaml")
        rec = Record(kind=kind, id="", path=self.shown, line=line, sources=sources, sources_line=sources_line)
        for name, value in raw.items():
            fline = key_lines.get(name, line)
            if name == "sources" and cites:
                continue
            fspec = spec["fields"].get(name)
            if fspec is None:
                allowed = list(spec["fields"]) + (["sources"] if cites else [])
                self.problem(fline, f"unknown field {name!r} in a {kind}{_suggest(name, allowed)}")
                continue
            if fspec["type"] == "object":
                rec.children[name] = self.children(fspec, name, value, fline, sources)
            else:
                claims = self.claims(fspec, name, value, fline, sources)
                if claims:
                    rec.fields[name] = claims
        for name, fspec in spec["fields"].items():
            if fspec.get("required") and name not in raw:
                self.problem(line, f"{kind} is missing the required field {name!r}")
        if "id" in rec.fields:
            rec.id = rec.fields["id"][0].value
        return rec

    def children(self, fspec, name, value, line, sources) -> list[Record]:
        if not isinstance(value, list):
            self.problem(line, f"{name}: expected a list of {fspec['of']} entries")
            return []
        lines = getattr(value, "item_lines", [line] * len(value))
        out = [self.record(fspec["of"], item, ln, inherited=sources) for item, ln in zip(value, lines)]
        return [r for r in out if r is not None]

    def claims(self, fspec, name, value, line, sources) -> list[Claim]:
        many = fspec.get("many", False)
        if _is_claim(value):
            items, lines = [value], [line]
        elif isinstance(value, list) and (many or (value and all(_is_claim(v) for v in value))):
            items, lines = list(value), list(getattr(value, "item_lines", [line] * len(value)))
        elif isinstance(value, list):
            self.problem(line, f"{name}: expected one value, got a list")
            return []
        else:
            items, lines = [value], [line]
        out = []
        for item, ln in zip(items, lines):
            item_sources, own = sources, False
            if _is_claim(item):
                if "sources" in item:
                    own = True
                    item_sources = _source_list(item["sources"], f"{name}.sources", ln, self.shown, self.problems)
                    if item_sources is None:
                        continue
                item = item["value"]
            try:
                out.append(Claim(_check_scalar(fspec, name, item), item_sources, ln, own))
            except ValueError as exc:
                self.problem(ln, str(exc))
        return out


def _parse_file(path: Path, shown: str, kinds_by_key: dict, problems: list[Problem]) -> list[Record]:
    data = _read(path, shown, problems)
    if data is None:
        return []
    if not isinstance(data, dict):
        problems.append(Problem(shown, getattr(data, "line", 1), "expected a mapping such as `sessions: [...]` at the top"))
        return []
    parser, out = _Parser(shown, problems), []
    for key, items in data.items():
        line = data.key_lines.get(key, 1)
        kind = kinds_by_key.get(key)
        if kind is None:
            problems.append(Problem(shown, line, f"unknown section {key!r}{_suggest(key, kinds_by_key)}"))
            continue
        if items is None:
            continue
        if not isinstance(items, list):
            problems.append(Problem(shown, line, f"{key}: expected a list of records"))
            continue
        for item, ln in zip(items, items.item_lines):
            rec = parser.record(kind, item, ln)
            if rec is not None:
                out.append(rec)
    return out


# ---------------------------------------------------------------- pass 2: resolve


def session_id(rec: Record) -> str | None:
    body = rec.first("body")
    ordinal, date = rec.first("ordinal"), rec.first("date")
    if body is None:
        return None
    if ordinal is not None:
        return f"{body}/{ordinal}"
    return f"{body}/{date}" if date else None


def _resolve(records: list[Record], problems: list[Problem]) -> dict[str, dict[str, Record]]:
    by_kind: dict[str, dict[str, Record]] = {}
    for rec in records:
        if schema()[rec.kind].get("derived_id"):
            derived = session_id(rec)
            if derived is None:
                if rec.first("body") is not None:
                    problems.append(Problem(rec.path, rec.line, "a session needs an ordinal or a date to be identified"))
                continue
            given = rec.first("id")
            if given and given != derived:
                problems.append(Problem(rec.path, rec.line, f"session id {given!r} does not match its body and ordinal ({derived!r})"))
            rec.id = derived
        if not rec.id:
            continue
        seen = by_kind.setdefault(rec.kind, {})
        if rec.id in seen:
            first = seen[rec.id]
            problems.append(Problem(rec.path, rec.line, f"duplicate {rec.kind} id {rec.id!r} (first defined at {first.path}:{first.line})"))
            continue
        seen[rec.id] = rec

    known_sources = by_kind.get("source", {})

    def check(rec: Record) -> None:
        spec = schema()[rec.kind]
        cited = [(rec.sources, rec.sources_line)] if rec.sources_line is not None else []
        for name, claims in rec.fields.items():
            fspec = spec["fields"][name]
            for claim in claims:
                if claim.own_sources:
                    cited.append((claim.sources, claim.line))
                if fspec["type"] == "ref" and claim.value not in by_kind.get(fspec["to"], {}):
                    hint = _suggest(claim.value, by_kind.get(fspec["to"], {}))
                    problems.append(Problem(rec.path, claim.line, f"unknown {fspec['to']} {claim.value!r}{hint}"))
        for sources, line in cited:
            for s in sources:
                if s not in known_sources:
                    problems.append(Problem(rec.path, line, f"unknown source {s!r}{_suggest(s, known_sources)}"))
        for kids in rec.children.values():
            for kid in kids:
                check(kid)

    for rec in records:
        check(rec)
        start, end = rec.first("date"), rec.first("end_date")
        if start and end and end < start:
            problems.append(Problem(rec.path, rec.line, f"end_date {end} is before date {start}"))
    return by_kind


def load(root: str | Path) -> Curated:
    """Load `root/sources.yaml` and `root/curated/*.yaml`, or raise InputError listing every problem."""
    root = Path(root)
    kinds_by_key = {spec["key"]: kind for kind, spec in schema().items() if "key" in spec}
    problems: list[Problem] = []
    records: list[Record] = []
    register = root / "sources.yaml"
    if not register.exists():
        problems.append(Problem(str(register), 1, "the source register is missing"))
    files = [register] if register.exists() else []
    files += sorted((root / "curated").glob("*.yaml"))
    if not (root / "curated").is_dir():
        problems.append(Problem(str(root / "curated"), 1, "the curated folder is missing"))
    for path in files:
        records += _parse_file(path, str(path), kinds_by_key, problems)
    by_kind = _resolve(records, problems)
    if problems:
        raise InputError(problems)
    return Curated(root=root, records=by_kind)
