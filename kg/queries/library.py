"""The query library: `ontology/queries/*.rq`, each documented by its opening comment block.

Each file opens with a comment block (`Title:`, `Answers:`, `Parameter:`,
`Example:`) that this module reads, so a query's documentation lives in the
query; `kg query --list`, the README and the web page show it.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..core.config import queries_dir
from .errors import QueryError, UnknownQueryError

# The order of the competency questions in the issue that asked for them; others follow by name.
ORDER = ("hierarchy", "sessions-of-body", "co-chairs-over-time", "post-holders-on-date", "agreements",
         "sessions-in-place", "people-in-several-bodies", "missing-ordinals", "sources-of",
         "single-source-facts", "conflicts", "timeline", "incomplete-sessions", "sessions-per-year")


@dataclass(frozen=True)
class Param:
    name: str
    kind: str = ""              # "body", "place|country", "date", "integer", "string", "iri", ... or ""
    required: bool = False
    default: str | None = None
    description: str = ""

    def describe(self) -> str:
        need = "required" if self.required else (f"default {self.default}" if self.default is not None
                                                 else "optional")
        return f"?{self.name} ({self.kind or 'any'}; {need}) {self.description}".rstrip()


@dataclass(frozen=True)
class LibraryQuery:
    name: str
    path: Path
    title: str
    answers: str
    params: tuple[Param, ...]
    examples: tuple[tuple[tuple[str, str], ...], ...]
    text: str = field(repr=False)

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)


_HEADER_KEY = re.compile(r"^#\s*(Title|Answers|Parameter|Example):\s*(.*)$", re.I)
_PARAM = re.compile(r"^\?(\w+)\s*\(([^;)]*)(?:;\s*([^)]*))?\)\s*(.*)$")
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def library_dir() -> Path:
    return queries_dir()


def parse_header(text: str, name: str = "", path: Path | None = None) -> LibraryQuery:
    """Read a query file's opening comment block."""
    fields: dict[str, list[str]] = {"title": [], "answers": [], "parameter": [], "example": []}
    last = None
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        m = _HEADER_KEY.match(line)
        if m:
            last = m.group(1).lower()
            fields[last].append(m.group(2).strip())
        elif last is not None and line[1:].strip():
            fields[last][-1] += " " + line[1:].strip()   # a continuation line
    params = []
    for spec in fields["parameter"]:
        m = _PARAM.match(spec)
        if not m:
            raise QueryError(f"{path or name}: cannot read parameter line {spec!r} "
                             "(expected `?name (kind; required|optional|default VALUE) description`)")
        pname, kind, opts, desc = m.group(1), m.group(2).strip(), (m.group(3) or "").strip(), m.group(4).strip()
        default = opts[len("default"):].strip() if opts.startswith("default") else None
        params.append(Param(pname, kind, required=opts == "required", default=default, description=desc))
    examples = []
    for spec in fields["example"]:
        pairs = [] if spec.strip() in ("(none)", "") else [tuple(p.split("=", 1)) for p in spec.split()]
        examples.append(tuple(pairs))
    return LibraryQuery(name=name, path=path or Path(name), title=" ".join(fields["title"]),
                        answers=" ".join(fields["answers"]), params=tuple(params),
                        examples=tuple(examples) or ((),), text=text)


def list_queries(folder: str | Path | None = None) -> list[LibraryQuery]:
    """Every query of the library, by name."""
    folder = Path(folder) if folder else library_dir()
    return [parse_header(p.read_text(encoding="utf-8"), p.stem, p) for p in sorted(folder.glob("*.rq"))]


def query_names(folder: str | Path | None = None) -> list[str]:
    folder = Path(folder) if folder else library_dir()
    return sorted(p.stem for p in folder.glob("*.rq"))


def get_query(name: str, folder: str | Path | None = None) -> LibraryQuery:
    folder = Path(folder) if folder else library_dir()
    path = folder / f"{name}.rq"
    if not path.is_file():
        names = query_names(folder)
        close = difflib.get_close_matches(name, names, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        raise UnknownQueryError(f"no library query '{name}'{hint}; the library has: {', '.join(names)}")
    return parse_header(path.read_text(encoding="utf-8"), name, path)


def ordered(libs: list[LibraryQuery]) -> list[LibraryQuery]:
    rank = {name: i for i, name in enumerate(ORDER)}
    return sorted(libs, key=lambda q: (rank.get(q.name, len(rank)), q.name))
