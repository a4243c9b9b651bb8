"""One curated file's mappings as records: every field checked against the schema.

Every field value becomes a list of claims (value, sources). A plain value is
claimed by the record's own sources; the `{value, sources}` form lets a curator
record which source states which value. In a per-source file (one that opens
with `source: ID`) the file's source states every value and no other source
may be named.
"""
from __future__ import annotations

import difflib
import re
import unicodedata

from ..core.dates import parse_partial
from ..core.errors import Problem
from ..core.names import is_slug
from ..core.schema import Field, schema
from .records import Claim, Record

_REF = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*)?\Z")
_URL = re.compile(r"^https?://[^\s<>\"{}|\\^`]+\Z")
_LANG = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*\Z")
# Characters that make a label lie about what it shows: controls, bidi overrides, zero widths.
_HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def suggest(word: str, choices) -> str:
    match = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return f" (did you mean {match[0]!r}?)" if match else ""


def check_text(name: str, value) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{name}: expected text, got {value!r}")
    hidden = _HIDDEN.search(value)
    if hidden:
        raise ValueError(f"{name}: the text holds an invisible or control character "
                         f"U+{ord(hidden.group(0)):04X}; remove it")
    return unicodedata.normalize("NFC", value.strip())


def check_scalar(f: Field, value):
    """The normalised value, or ValueError with the reason."""
    kind, name = f.type, f.name
    if kind == "text":
        return check_text(name, value)
    if kind == "url":
        if not isinstance(value, str) or not _URL.match(value.strip()):
            raise ValueError(f"{name}: expected an http(s) URL without spaces, quotes or angle brackets, got {value!r}")
        return value.strip()
    if kind == "slug":
        if not is_slug(value):
            raise ValueError(f"{name}: expected a lower-case slug such as 'new-delhi', got {value!r}")
        return value
    if kind in ("int", "posint"):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"{name}: expected {'a positive ' if kind == 'posint' else 'an '}integer, got {value!r}")
        if kind == "posint" and value < 1:
            raise ValueError(f"{name}: expected a positive integer, got {value!r}")
        return value
    if kind == "bool":
        if not isinstance(value, bool):
            raise ValueError(f"{name}: expected true or false, got {value!r}")
        return value
    if kind == "year":
        if isinstance(value, bool) or not re.match(r"^\d{4}\Z", str(value)) or int(value) == 0:
            raise ValueError(f"{name}: expected a year such as 2021, got {value!r}")
        return str(value)
    if kind == "date":
        try:
            return parse_partial(value)
        except ValueError as exc:
            raise ValueError(f"{name}: {exc}") from None
    if kind == "enum":
        if value not in f.values:
            raise ValueError(f"{name}: {value!r} is not one of {', '.join(f.values)}{suggest(value, f.values)}")
        return value
    if kind == "ref":
        if not isinstance(value, str) or not _REF.match(value):
            raise ValueError(f"{name}: expected the id of a {f.target}, got {value!r}")
        allowed = f.spec.get("values")
        if allowed and value not in allowed:
            raise ValueError(f"{name}: {value!r} is not one of {', '.join(allowed)}{suggest(value, allowed)}")
        return value
    raise AssertionError(f"unknown schema type {kind}")  # a bug in schema.yaml


def is_claim(value) -> bool:
    return isinstance(value, dict) and "value" in value and set(value) <= {"value", "sources"}


class Parser:
    """Records of one file. `source` is the file's source in a per-source file."""

    def __init__(self, shown: str, problems: list[Problem], source: str | None = None, source_line: int = 1):
        self.shown, self.problems = shown, problems
        self.source, self.source_line = source, source_line

    def problem(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.shown, line, message))

    def source_list(self, value, where: str, line: int) -> tuple[str, ...] | None:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not value or not all(isinstance(s, str) for s in value):
            self.problem(line, f"{where}: expected a list of source ids, got {value!r}")
            return None
        return tuple(value)

    def record(self, kind: str, raw, line: int, inherited: tuple[str, ...] | None = None) -> Record | None:
        spec = schema()[kind]
        if not isinstance(raw, dict):
            self.problem(line, f"a {kind} must be a mapping of fields, got {type(raw).__name__}")
            return None
        key_lines = getattr(raw, "key_lines", {})
        sources: tuple[str, ...] = ()
        sources_line = None
        if spec.cites:
            if "sources" in raw and self.source is not None:
                self.problem(key_lines.get("sources", line),
                             f"`sources:` in a per-source file: everything here is stated by {self.source!r}; "
                             "put what other sources state in their own files")
                sources, sources_line = (self.source,), self.source_line
            elif "sources" in raw:
                sources_line = key_lines.get("sources", line)
                sources = self.source_list(raw["sources"], "sources", sources_line) or ()
            elif inherited:
                sources = inherited
            elif self.source is not None:
                sources, sources_line = (self.source,), self.source_line
            else:
                self.problem(line, f"{kind} record has no source: add `sources: [...]` citing ids of seeds/sources.yaml")
        rec = Record(kind=kind, id="", path=self.shown, line=line, sources=sources, sources_line=sources_line,
                     per_source=self.source is not None, mentions=[(self.shown, line)])
        for name, value in raw.items():
            fline = key_lines.get(name, line)
            if name == "sources" and spec.cites:
                continue
            f = spec.field(name)
            if f is None:
                allowed = list(spec.fields) + (["sources"] if spec.cites else [])
                self.problem(fline, f"unknown field {name!r} in a {kind}{suggest(name, allowed)}")
                continue
            if f.type == "object":
                rec.children[name] = self.children(f, value, fline, sources)
            else:
                claims = self.claims(f, value, fline, sources)
                if claims:
                    rec.fields[name] = claims
        if "id" in rec.fields:
            rec.id = rec.fields["id"][0].value
        return rec

    def children(self, f: Field, value, line, sources) -> list[Record]:
        if not isinstance(value, list):
            self.problem(line, f"{f.name}: expected a list of {f.of} entries")
            return []
        lines = getattr(value, "item_lines", [line] * len(value))
        out = [self.record(f.of, item, ln, inherited=sources) for item, ln in zip(value, lines)]
        return [r for r in out if r is not None]

    def claims(self, f: Field, value, line, sources) -> list[Claim]:
        if f.type == "langtext":
            return self.lang_claims(f, value, line, sources)
        if is_claim(value):
            items, lines = [value], [line]
        elif isinstance(value, list) and (f.many or (value and all(is_claim(v) for v in value))):
            items, lines = list(value), list(getattr(value, "item_lines", [line] * len(value)))
        elif isinstance(value, list):
            self.problem(line, f"{f.name}: expected one value, got a list")
            return []
        else:
            items, lines = [value], [line]
        out = []
        for item, ln in zip(items, lines):
            claim_sources, own = self.claim_sources(item, f.name, ln, sources)
            if claim_sources is None:
                continue
            if is_claim(item):
                item = item["value"]
            try:
                out.append(Claim(check_scalar(f, item), claim_sources, ln, own, self.shown))
            except ValueError as exc:
                self.problem(ln, str(exc))
        return out

    def claim_sources(self, item, name: str, line: int, sources):
        """(sources, own) of one value: its own `sources` where a claim names them."""
        if not (is_claim(item) and "sources" in item):
            return sources, False
        if self.source is not None:
            self.problem(line, f"{name}: a claim's `sources` in a per-source file; everything here is "
                               f"stated by {self.source!r}")
            return None, False
        own = self.source_list(item["sources"], f"{name}.sources", line)
        return own, own is not None

    def lang_claims(self, f: Field, value, line, sources) -> list[Claim]:
        """`labels: {ru: [...], hi: ...}`: each name a claim whose value is (language, text)."""
        if not isinstance(value, dict) or is_claim(value):
            self.problem(line, f"{f.name}: expected a mapping of language codes to names, such as {{ru: [...]}}")
            return []
        key_lines = getattr(value, "key_lines", {})
        out = []
        for lang, names in value.items():
            lline = key_lines.get(lang, line)
            if not isinstance(lang, str) or not _LANG.match(lang):
                self.problem(lline, f"{f.name}: {lang!r} is not a language code such as ru or hi")
                continue
            items = names if isinstance(names, list) else [names]
            lines = list(getattr(names, "item_lines", [lline] * len(items)))
            for item, ln in zip(items, lines):
                claim_sources, own = self.claim_sources(item, f.name, ln, sources)
                if claim_sources is None:
                    continue
                text = item["value"] if is_claim(item) else item
                try:
                    out.append(Claim((lang, check_text(f"{f.name}.{lang}", text)), claim_sources, ln, own, self.shown))
                except ValueError as exc:
                    self.problem(ln, str(exc))
        return out
