"""SPARQL over the built graph: inline text, a `.rq` file, or a query of the library.

    import kg
    result = kg.query("sessions-of-body", body="wg-mtc-di")
    for row in result:                 # each row is a dict: column -> Python value
        print(row["ordinal"], row["date"], row["place"])
    result.df                          # a pandas DataFrame, where pandas is installed

The library is `ontology/queries/*.rq`. Each file opens with a comment block
that this module reads (`Title:`, `Answers:`, `Parameter:`, `Example:`), so a
query's documentation lives in the query. Parameters are SPARQL variables
bound through the engine's substitutions (SEP-0007): a value becomes an RDF
term and is never pasted into the query text. A variable used as a parameter
must therefore appear in the query's SELECT clause (pyoxigraph requires it).

Kept light on purpose: this is the `kg query` path, which must start fast, so
only pyoxigraph and the standard library are imported here (pandas only when a
DataFrame is asked for).
"""
from __future__ import annotations

import datetime as _dt
import difflib
import re
import threading
import time
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterator, Mapping

from pyoxigraph import (BlankNode, Literal, NamedNode, QueryBoolean, QuerySolutions, Store, Triple,
                        Variable)

from .errors import KgError
from .vocab import ID, PREFIXES, XSD

# ---------------------------------------------------------------- errors


class QueryError(KgError):
    """The query or its parameters cannot be run as given (exit 2)."""


class QuerySyntaxError(QueryError):
    def __init__(self, where: str, line: int, column: int, message: str):
        self.where, self.line, self.column, self.detail = where, line, column, message
        super().__init__(f"{where}:{line}:{column}: SPARQL syntax error at line {line}, column {column}: {message}")


class ReadOnlyError(QueryError):
    """An update (INSERT, DELETE, LOAD, CLEAR...) was given where only queries run."""


class UnknownQueryError(QueryError):
    pass


class ParamError(QueryError):
    pass


class QueryTimeout(KgError):
    exit_code = 3


class QueryFailed(KgError):
    """The engine failed while evaluating a valid query."""

    exit_code = 1


# ---------------------------------------------------------------- the library


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
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def library_dir() -> Path:
    """`ontology/queries/` of the project (found from the cwd, else beside the package)."""
    try:
        from .paths import project_root
        folder = project_root() / "ontology" / "queries"
        if folder.is_dir():
            return folder
    except KgError:
        pass
    return Path(__file__).resolve().parent.parent / "ontology" / "queries"


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


# ---------------------------------------------------------------- read-only check

_UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
_SKIP = re.compile(r"(?:\s+|#[^\n]*)*")
_PROLOGUE_ITEM = re.compile(r"(?:PREFIX\s*[A-Za-z_0-9.\-]*:\s*<[^>]*>|BASE\s*<[^>]*>)", re.I)


def first_keyword(text: str) -> str:
    """The first keyword after comments and the PREFIX/BASE prologue, upper-cased."""
    pos = _SKIP.match(text).end()
    while True:
        m = _PROLOGUE_ITEM.match(text, pos)
        if not m:
            break
        pos = _SKIP.match(text, m.end()).end()
    m = re.compile(r"[A-Za-z]+").match(text, pos)
    return m.group(0).upper() if m else ""


def check_read_only(text: str) -> None:
    word = first_keyword(text)
    if word in _UPDATE_WORDS:
        raise ReadOnlyError(f"refused: this is a SPARQL update ({word}); `kg query` only reads the graph "
                            "(SELECT, ASK, CONSTRUCT, DESCRIBE). Change the curated YAML and rebuild instead.")


# ---------------------------------------------------------------- parameters

_LITERAL_KINDS = {"date", "integer", "decimal", "boolean", "string", "year"}
_NUMBER = re.compile(r"^[+-]?\d+$")
_DECIMAL = re.compile(r"^[+-]?\d*\.\d+$")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_QUOTED = re.compile(r'^"(.*)"(?:@([A-Za-z][A-Za-z0-9-]*)|\^\^(\S+))?$', re.S)
_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:(//|[^/\s]*$)")
_PNAME = re.compile(r"^([A-Za-z][\w.-]*)?:(\S*)$")


def _date_literal(value: str) -> Literal:
    if not _DATE.match(value):
        raise ParamError(f"expected a date as YYYY-MM-DD (or YYYY-MM, YYYY), got {value!r}")
    dtype = {4: "gYear", 7: "gYearMonth", 10: "date"}[len(value)]
    if dtype == "date":
        try:
            _dt.date.fromisoformat(value)
        except ValueError:
            raise ParamError(f"impossible date {value!r}") from None
    return Literal(value, datatype=NamedNode(XSD + dtype))


def _expand(value: str) -> NamedNode | None:
    """`<iri>`, a full IRI or a prefixed name of the project's prefixes; None for anything else."""
    if value.startswith("<") and value.endswith(">"):
        return NamedNode(value[1:-1])
    m = _PNAME.match(value)
    if m and (m.group(1) or "") in PREFIXES:
        return NamedNode(PREFIXES[m.group(1) or ""] + m.group(2))
    if "://" in value or value.startswith("urn:"):
        return NamedNode(value)
    return None


def _literal(value: str, kind: str) -> Literal:
    if kind == "date":
        return _date_literal(value)
    if kind == "year":
        if not re.match(r"^\d{4}$", value):
            raise ParamError(f"expected a year such as 2025, got {value!r}")
        return Literal(value, datatype=NamedNode(XSD + "gYear"))
    if kind == "integer":
        if not _NUMBER.match(value):
            raise ParamError(f"expected a whole number, got {value!r}")
        return Literal(str(int(value)), datatype=NamedNode(XSD + "integer"))
    if kind == "decimal":
        try:
            return Literal(str(Decimal(value)), datatype=NamedNode(XSD + "decimal"))
        except ArithmeticError:
            raise ParamError(f"expected a number, got {value!r}") from None
    if kind == "boolean":
        if value.lower() not in ("true", "false", "1", "0", "yes", "no"):
            raise ParamError(f"expected true or false, got {value!r}")
        return Literal("true" if value.lower() in ("true", "1", "yes") else "false",
                       datatype=NamedNode(XSD + "boolean"))
    return Literal(value)


def _exists(store: Store | None, node: NamedNode) -> bool:
    if store is None:
        return True
    return next(iter(store.quads_for_pattern(node, None, None, None)), None) is not None


def _suggest(store: Store, kinds: list[str], slug: str) -> str:
    prefixes = [f"{ID}{k}/" for k in kinds]
    known = set()
    for quad in store.quads_for_pattern(None, NamedNode(PREFIXES["rdf"] + "type"), None, None):
        s = quad.subject
        if isinstance(s, NamedNode):
            for pre in prefixes:
                if s.value.startswith(pre) and "/co-chair/" not in s.value and "/holding/" not in s.value:
                    known.add(s.value[len(pre):])
    close = difflib.get_close_matches(slug, sorted(known), n=3)
    if close:
        return " (did you mean " + " or ".join(f"'{c}'" for c in close) + "?)"
    if known and len(known) <= 30:
        return f"; known: {', '.join(sorted(known))}"
    return ""


def to_term(value: Any, kind: str = "", store: Store | None = None, name: str = "value"):
    """A parameter value as an RDF term.

    Accepts RDF terms and Python values as they are; a string may be an IRI
    (`<...>` or `https://...`), a prefixed name of the project's prefixes
    (`body:wg-mc`, `schema:location`), an N-Triples-style literal
    (`"text"@en`, `"2025"^^xsd:gYear`), or, read by the parameter's declared
    kind, a slug (`wg-mc` -> `https://w3id.org/irdc/id/body/wg-mc`), a date,
    a number or plain text.
    """
    if isinstance(value, (NamedNode, BlankNode, Literal, Triple)):
        return value
    if isinstance(value, bool):
        return Literal("true" if value else "false", datatype=NamedNode(XSD + "boolean"))
    if isinstance(value, int):
        return Literal(str(value), datatype=NamedNode(XSD + "integer"))
    if isinstance(value, float):
        return Literal(repr(value), datatype=NamedNode(XSD + "double"))
    if isinstance(value, Decimal):
        return Literal(str(value), datatype=NamedNode(XSD + "decimal"))
    if isinstance(value, _dt.datetime):
        return Literal(value.isoformat(), datatype=NamedNode(XSD + "dateTime"))
    if isinstance(value, _dt.date):
        return Literal(value.isoformat(), datatype=NamedNode(XSD + "date"))
    value = str(value).strip()
    m = _QUOTED.match(value)
    if m:
        lex, lang, dtype = m.groups()
        if lang:
            return Literal(lex, language=lang)
        if dtype:
            iri = _expand(dtype)
            if iri is None:
                raise ParamError(f"--param {name}: unknown datatype {dtype!r}")
            return Literal(lex, datatype=iri)
        return Literal(lex)
    kinds = [k.strip() for k in kind.split("|") if k.strip()]
    if kinds and kinds[0] in _LITERAL_KINDS:
        try:
            return _literal(value, kinds[0])
        except ParamError as exc:
            raise ParamError(f"--param {name}: {exc}") from None
    iri = _expand(value)
    if iri is not None:
        return iri
    if not kinds:
        # No declared kind (an inline query): read the value by its look.
        if _NUMBER.match(value):
            return _literal(value, "integer")
        if _DECIMAL.match(value):
            return _literal(value, "decimal")
        if _DATE.match(value) and len(value) == 10:
            return _date_literal(value)
        if value in ("true", "false"):
            return _literal(value, "boolean")
        return Literal(value)
    if kinds == ["iri"] or ":" in value:
        raise ParamError(f"--param {name}: expected an IRI or a prefixed name such as "
                         f"schema:location, got {value!r}")
    candidates = [NamedNode(f"{ID}{k}/{value}") for k in kinds if k != "iri"]
    for node in candidates:
        if _exists(store, node):
            return node
    raise ParamError(f"--param {name}: no {' or '.join(k for k in kinds if k != 'iri')} '{value}' "
                     f"in the graph{_suggest(store, kinds, value)}")


_VAR = re.compile(r"[?$]([A-Za-z_][A-Za-z0-9_]*)")


def _strip_comments(text: str) -> str:
    # Drop `#...` comments outside IRIs and strings, so that a variable named
    # only in the header does not count as used.
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if c == "<":
            j = text.find(">", i)
            if j != -1 and "\n" not in text[i:j] and " " not in text[i:j]:
                out.append(text[i:j + 1]); i = j + 1; continue
        if c in "\"'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            out.append(text[i:j + 1]); i = j + 1; continue
        if c == "#":
            j = text.find("\n", i)
            i = n if j == -1 else j
            continue
        out.append(c); i += 1
    return "".join(out)


def bind_params(text: str, params: Mapping[str, Any], declared: tuple[Param, ...] = (),
                store: Store | None = None, where: str = "query") -> dict[Variable, Any]:
    """The substitutions for a query: given values (and declared defaults) as RDF terms."""
    body = _strip_comments(text)
    used = set(_VAR.findall(body))
    decl = {p.name: p for p in declared}
    values: dict[str, Any] = {p.name: p.default for p in declared if p.default is not None}
    for key, value in params.items():
        key = key.lstrip("?$")
        if key not in used:
            known = sorted(decl) if decl else sorted(used)
            raise ParamError(f"{where} has no variable ?{key} to bind; "
                             f"{'its parameters are' if decl else 'its variables are'}: "
                             f"{', '.join('?' + k for k in known) or '(none)'}")
        values[key] = value
    missing = [p.name for p in declared if p.required and values.get(p.name) is None]
    if missing:
        raise ParamError(f"{where} needs " + ", ".join(
            f"--param {m}=... ({decl[m].description or decl[m].kind})" for m in missing))
    subs = {}
    for key, value in values.items():
        if value is None:
            continue
        kind = decl[key].kind if key in decl else ""
        subs[Variable(key)] = to_term(value, kind, store, key)
    return subs


# ---------------------------------------------------------------- results

_INTEGER_TYPES = {XSD + t for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger",
                                     "positiveInteger", "negativeInteger", "nonPositiveInteger",
                                     "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte")}
_COMPACT = sorted(((iri, pfx) for pfx, iri in PREFIXES.items()), key=lambda p: -len(p[0]))


def compact(term) -> str:
    """A term as short text: a prefixed name where a project prefix fits, a literal's lexical form."""
    if term is None:
        return ""
    if isinstance(term, NamedNode):
        for iri, pfx in _COMPACT:
            if term.value.startswith(iri) and len(term.value) > len(iri):
                return f"{pfx}:{term.value[len(iri):]}"
        return term.value
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    if isinstance(term, Literal):
        return term.value
    return str(term)


def python_value(term):
    """A term as a plain Python value: IRIs as strings, numbers and booleans as such,
    dates kept as their ISO text (sources give partial dates: 2025, 2025-12)."""
    if term is None:
        return None
    if isinstance(term, NamedNode):
        return term.value
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    if isinstance(term, Literal):
        dtype = term.datatype.value
        try:
            if dtype in _INTEGER_TYPES:
                return int(term.value)
            if dtype == XSD + "decimal":
                return Decimal(term.value)
            if dtype in (XSD + "double", XSD + "float"):
                return float(term.value)
            if dtype == XSD + "boolean":
                return term.value in ("true", "1")
        except ValueError:
            pass
        return term.value
    return str(term)


def json_term(term) -> dict:
    """A term in the SPARQL 1.1 Query Results JSON format."""
    if isinstance(term, NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD + "string":
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, Triple):
        return {"type": "triple", "value": {"subject": json_term(term.subject),
                                            "predicate": json_term(term.predicate),
                                            "object": json_term(term.object)}}
    raise TypeError(f"not an RDF term: {term!r}")


class Result:
    """What a query returned: rows for SELECT (and CONSTRUCT/DESCRIBE, as subject,
    predicate, object), a boolean for ASK.

    Iterating gives the rows as dicts of Python values; `.terms` keeps the RDF
    terms; `.df` / `.to_dataframe()` give a pandas DataFrame.
    """

    def __init__(self, columns: list[str], terms: list[tuple], form: str = "select",
                 boolean: bool | None = None, elapsed: float = 0.0, source: str = "query"):
        self.columns = columns
        self.terms = terms
        self.form = form
        self.boolean = boolean
        self.elapsed = elapsed
        self.source = source
        self._rows: list[dict] | None = None

    @property
    def rows(self) -> list[dict]:
        if self._rows is None:
            self._rows = [dict(zip(self.columns, map(python_value, row))) for row in self.terms]
        return self._rows

    def __iter__(self) -> Iterator[dict]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.terms)

    def __getitem__(self, index):
        return self.rows[index]

    def __bool__(self) -> bool:
        return bool(self.boolean) if self.form == "ask" else bool(self.terms)

    def __repr__(self) -> str:
        if self.form == "ask":
            return f"<Result {self.source}: {self.boolean}>"
        return f"<Result {self.source}: {len(self)} rows x {len(self.columns)} columns>"

    def column(self, name: str) -> list:
        return [row[name] for row in self.rows]

    def to_dataframe(self):
        try:
            import pandas as pd
        except ImportError:  # pragma: no cover - depends on the environment
            raise KgError("pandas is not installed: pip install pandas (or the [notebook] extra)") from None
        if self.form == "ask":
            return pd.DataFrame({"boolean": [self.boolean]})
        return pd.DataFrame(self.rows, columns=self.columns)

    @property
    def df(self):
        return self.to_dataframe()

    def to_json(self) -> dict:
        """The SPARQL 1.1 Query Results JSON document."""
        if self.form == "ask":
            return {"head": {}, "boolean": bool(self.boolean)}
        bindings = [{c: json_term(t) for c, t in zip(self.columns, row) if t is not None} for row in self.terms]
        return {"head": {"vars": list(self.columns)}, "results": {"bindings": bindings}}

    def display_rows(self, full_iris: bool = False) -> list[list[str]]:
        if self.form == "ask":
            return [["true" if self.boolean else "false"]]
        show = (lambda t: "" if t is None else (t.value if isinstance(t, NamedNode) else compact(t))) \
            if full_iris else compact
        return [[show(t) for t in row] for row in self.terms]

    def render(self, fmt: str = "table") -> str:
        """The result as text: table and md with prefixed names, csv and tsv with full
        IRIs, json as SPARQL 1.1 Query Results JSON."""
        if fmt == "json":
            import json
            return json.dumps(self.to_json(), indent=2, ensure_ascii=False) + "\n"
        from .output import render
        columns = ["boolean"] if self.form == "ask" else self.columns
        return render(columns, self.display_rows(full_iris=fmt in ("csv", "tsv")), fmt)


# ---------------------------------------------------------------- running

_STORES: dict[tuple, Store] = {}
_SYNTAX = re.compile(r"error at (\d+):(\d+):\s*(.*)", re.S)


def load_store(build: str | Path | None = None) -> Store:
    """The built dataset in memory, loaded once per file version."""
    from .store import dataset_path, open_store
    path = dataset_path(build)
    try:
        st = path.stat()
    except FileNotFoundError:
        return open_store(build)  # raises NotBuiltError with the usual message
    key = (str(path.resolve()), st.st_mtime_ns, st.st_size)
    store = _STORES.get(key)
    if store is None:
        _STORES.clear()
        store = _STORES[key] = open_store(build)
    return store


def _clamp(text: str, line: int, column: int) -> tuple[int, int]:
    """The engine reports where it stopped reading; past the last token (trailing
    newlines), point just after that token instead."""
    lines = text.split("\n")
    if line - 1 < len(lines):
        offset = sum(len(ln) + 1 for ln in lines[:line - 1]) + column - 1
        if text[offset:].strip() or not text.strip():
            return line, column
    end = len(text.rstrip())
    before = text[:end]
    return before.count("\n") + 1, end - (before.rfind("\n") + 1) + 1


def _consume(results, deadline: float | None, cancelled: threading.Event | None = None):
    if isinstance(results, QueryBoolean):
        return ["boolean"], [], "ask", bool(results)
    if isinstance(results, QuerySolutions):
        columns = [v.value for v in results.variables]
        width = len(columns)
        rows = []
        for solution in results:
            rows.append(tuple(solution[i] for i in range(width)))
            if cancelled is not None and cancelled.is_set():
                break
            if deadline is not None and len(rows) % 256 == 0 and time.monotonic() > deadline:
                break
        return columns, rows, "select", None
    rows = []
    for triple in results:   # CONSTRUCT / DESCRIBE
        rows.append((triple.subject, triple.predicate, triple.object))
        if cancelled is not None and cancelled.is_set():
            break
    return ["subject", "predicate", "object"], rows, "graph", None


def execute(text: str, store: Store, substitutions: dict | None = None, timeout: float | None = None,
            where: str = "query") -> Result:
    """Run one read-only query over the union of the named graphs."""
    check_read_only(text)
    start = time.monotonic()

    def run():
        try:
            results = store.query(text, use_default_graph_as_union=True, prefixes=PREFIXES,
                                  substitutions=substitutions or None)
        except SyntaxError as exc:
            msg = str(exc)
            m = _SYNTAX.match(msg)
            if m:
                line, column = _clamp(text, int(m.group(1)), int(m.group(2)))
                raise QuerySyntaxError(where, line, column, m.group(3).strip()) from None
            raise QueryError(f"{where}: SPARQL syntax error: {msg}") from None
        except RuntimeError as exc:
            msg = str(exc)
            if "SELECT projection" in msg:
                var = re.search(r"\?\w+", msg)
                raise ParamError(f"{where}: cannot bind {var.group(0) if var else 'that variable'}: "
                                 "a parameter must appear in the query's SELECT clause") from None
            raise QueryFailed(f"{where}: {msg}") from None
        except OSError as exc:
            raise QueryFailed(f"{where}: {exc}") from None
        deadline = start + timeout if timeout else None
        try:
            return _consume(results, deadline, cancelled)
        except (OSError, RuntimeError, ValueError) as exc:
            raise QueryFailed(f"{where}: {exc}") from None

    cancelled = threading.Event()
    if not timeout:
        columns, rows, form, boolean = run()
    else:
        # pyoxigraph cannot cancel a query, but it releases the GIL while it
        # works: evaluate in a daemon thread and stop waiting at the deadline.
        box: dict[str, Any] = {}

        def worker():
            try:
                box["value"] = run()
            except BaseException as exc:  # handed to the caller below
                box["error"] = exc

        thread = threading.Thread(target=worker, name="kg-query", daemon=True)
        thread.start()
        thread.join(timeout)
        if thread.is_alive() or time.monotonic() - start > timeout:
            cancelled.set()
            raise QueryTimeout(f"{where}: the query ran longer than {timeout:g} s and was stopped")
        if "error" in box:
            raise box["error"]
        columns, rows, form, boolean = box["value"]
    return Result(columns, rows, form, boolean, time.monotonic() - start, where)


def resolve(text_or_name: str, folder: str | Path | None = None) -> tuple[str, str, LibraryQuery | None]:
    """(query text, where it came from, the library entry if any) for a name, a `.rq` path or SPARQL text."""
    candidate = text_or_name.strip()
    if _SLUG.match(candidate):
        lib = get_query(candidate, folder)
        return lib.text, f"{lib.name}.rq", lib
    if candidate.endswith(".rq") and "\n" not in candidate and "{" not in candidate:
        path = Path(candidate)
        if not path.is_file():
            raise QueryError(f"{candidate}: no such query file")
        text = path.read_text(encoding="utf-8")
        return text, str(path), parse_header(text, path.stem, path)
    return text_or_name, "query", None


def query(text_or_name: str, *, store: Store | str | Path | None = None, build: str | Path | None = None,
          timeout: float | None = None, params: Mapping[str, Any] | None = None, **kwargs) -> Result:
    """Run a query of the library (by name), a `.rq` file, or inline SPARQL over the built graph.

    Parameters go as keywords (`query("sessions-of-body", body="wg-mc")`) or, for a
    name that clashes with these options, in `params=`. `store` is a pyoxigraph
    Store or a build folder; by default the project's `build/kg.nq` is loaded
    (once, then cached while the file is unchanged).
    """
    text, where, lib = resolve(text_or_name)
    if isinstance(store, (str, Path)):
        build, store = store, None
    if store is None:
        store = load_store(build)
    values = {**(params or {}), **kwargs}
    subs = bind_params(text, values, lib.params if lib else (), store, where)
    return execute(text, store, subs, timeout, where)


# ---------------------------------------------------------------- README region

README_ROWS = 12
README_CELL = 60
README_START, README_END = "<!-- query:start -->", "<!-- query:end -->"
# The order of the competency questions in the issue that asked for them.
README_ORDER = ("hierarchy", "sessions-of-body", "co-chairs-over-time", "post-holders-on-date", "agreements",
                "sessions-in-place", "people-in-several-bodies", "missing-ordinals", "sources-of",
                "single-source-facts", "conflicts", "timeline", "incomplete-sessions", "sessions-per-year")
BENCH_RESULTS = Path("bench") / "results" / "queries.json"


def _cut(cell: str) -> str:
    cell = cell.replace("\n", " ")
    return cell if len(cell) <= README_CELL else cell[:README_CELL - 1] + "…"


def example_command(lib: LibraryQuery, example) -> str:
    return " ".join(["kg query", lib.name] + [f"--param {k}={v}" for k, v in example])


def example_output(lib: LibraryQuery, example, store: Store) -> str:
    from .output import render
    result = query(lib.name, store=store, params=dict(example))
    rows = [[_cut(c) for c in row] for row in result.display_rows()]
    shown = render(result.columns, rows[:README_ROWS], "table")
    if len(rows) > README_ROWS:
        shown += f"... ({len(rows)} rows in all)\n"
    elif not rows:
        shown += "(no rows)\n"
    return shown


def _ordered(libs: list[LibraryQuery]) -> list[LibraryQuery]:
    rank = {name: i for i, name in enumerate(README_ORDER)}
    return sorted(libs, key=lambda q: (rank.get(q.name, len(rank)), q.name))


def bench_markdown(path: str | Path) -> str:
    """The benchmark figures (written by bench/bench_queries.py) as a Markdown table."""
    import json
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    sizes = data["sizes"]
    head = ["query"] + [f"{s['label']}: pyoxigraph / rdflib (ratio)" for s in sizes]
    lines = ["| " + " | ".join(head) + " |", "|---" * len(head) + "|"]
    lines.append("| load (N-Quads) | " + " | ".join(
        f"{s['load']['oxigraph']:.2f} s / {s['load']['rdflib']:.1f} s" for s in sizes) + " |")

    def cell(r):
        ox, rd = r["oxigraph"], r["rdflib"]
        if r.get("rdflib_error"):
            return f"{ox * 1000:.1f} ms / rdflib failed"
        if rd is None:
            return f"{ox * 1000:.1f} ms / > {r['rdflib_timeout']:.0f} s (> {r['rdflib_timeout'] / ox:,.0f}x)"
        return f"{ox * 1000:.1f} ms / {rd * 1000:,.0f} ms ({rd / ox:,.0f}x)"
    for name in data["queries"]:
        lines.append(f"| `{name}` | " + " | ".join(cell(s["results"][name]) for s in sizes) + " |")
    return "\n".join(lines) + "\n"


def readme_region(store: Store, folder: str | Path | None = None, root: str | Path | None = None) -> str:
    """The README text between `<!-- query:start -->` and `<!-- query:end -->`, from the real graph."""
    libs = _ordered(list_queries(folder))
    out = [README_PREAMBLE.strip(), "", "### The query library", "",
           f"`ontology/queries/` holds {len(libs)} queries, each opening with a comment block "
           "(title, what it answers, parameters) that `kg query --list` and this section read. "
           "Results below come from the graph built from the curated seeds "
           "(`python -m kg.queries --readme` regenerates them, and a test keeps them in step); "
           f"long cells are cut at {README_CELL} characters here.", "",
           "| # | query | answers | parameters |", "|---|---|---|---|"]
    for i, lib in enumerate(libs, 1):
        params = ", ".join(f"`?{p.name}`" + (" (required)" if p.required else "") for p in lib.params) or "none"
        out.append(f"| {i} | [`{lib.name}`](#q-{lib.name}) | {lib.title} | {params} |")
    out.append("")
    for i, lib in enumerate(libs, 1):
        out += [f'<a id="q-{lib.name}"></a>', f"#### {i}. `{lib.name}`: {lib.title}", "", lib.answers, ""]
        if lib.params:
            out += ["Parameters:", ""] + [f"- `?{p.name}` ({p.kind or 'any'}; "
                                          + ("required" if p.required else
                                             f"default `{p.default}`" if p.default is not None else "optional")
                                          + f"): {p.description}" for p in lib.params] + [""]
        for example in lib.examples:
            out += ["```", f"$ {example_command(lib, example)}", example_output(lib, example, store).rstrip("\n"),
                    "```", ""]
    out += [_serve_text(store), "", "### Speed", "", BENCH_TEXT.strip(), ""]
    root = Path(root) if root else Path(__file__).resolve().parent.parent
    bench = root / BENCH_RESULTS
    if bench.is_file():
        import json
        meta = json.loads(bench.read_text(encoding="utf-8"))
        out += [bench_markdown(bench).rstrip("\n"), "", meta.get("note", "").strip(), ""]
    else:
        out += ["(No figures yet: run `make bench`.)", ""]
    return "\n".join(out).rstrip("\n") + "\n"


def replace_region(readme: str, region: str) -> str:
    start, end = readme.find(README_START), readme.find(README_END)
    if start == -1 or end == -1 or end < start:
        raise KgError(f"README.md: no {README_START} ... {README_END} region")
    return readme[:start + len(README_START)] + "\n" + region + readme[end:]


def current_region(readme: str) -> str:
    start, end = readme.find(README_START), readme.find(README_END)
    if start == -1 or end == -1 or end < start:
        raise KgError(f"README.md: no {README_START} ... {README_END} region")
    return readme[start + len(README_START):end].lstrip("\n")


README_PREAMBLE = """
## Querying: `kg query`

`kg query` runs SPARQL over the built graph (`build/kg.nq`): inline text, a
`.rq` file, or the name of a query of the library. The default graph is the
union of the named graphs; `GRAPH ?g` reaches each source's own graph, and
`?g prov:wasDerivedFrom ?source ; irdc:method ?method` says where it came
from. The project's prefixes (`irdc:`, `schema:`, `org:`, `skos:`, `prov:`,
`body:`, `session:`, `person:`, `post:`, `place:`, `country:`, `source:`, ...)
are predeclared.

```
kg query --list                                        # the library, with parameters
kg query sessions-of-body --param body=wg-mtc-di       # a library query with a parameter
kg query ontology/queries/timeline.rq --format csv     # a query file
kg query 'SELECT ?s ?date WHERE { ?s schema:startDate ?date } ORDER BY ?date' --format md
kg query 'SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g'
kg query hierarchy --show                              # print the query's SPARQL
```

- `--param name=value` binds `?name` through the engine (pyoxigraph
  substitutions): the value becomes an RDF term and is never pasted into the
  query text. A value may be an IRI (`https://...` or `<...>`), a prefixed name
  (`body:wg-mc`, `schema:location`), a literal (`"text"@en`,
  `"2025"^^xsd:gYear`), or, where the query declares the parameter's kind, a
  bare slug (`body=wg-mc` is `https://w3id.org/irdc/id/body/wg-mc`), a date
  (`2025-10-29` is an `xsd:date`) or a number. A bound variable must appear in
  the query's SELECT clause.
- `--format table|csv|tsv|json|md`: `table` and `md` show prefixed names,
  `csv` and `tsv` full IRIs, `json` is the SPARQL 1.1 Query Results JSON format.
- `--timeout SECONDS` stops a query that runs longer (exit 3).
- Read-only: an update (`INSERT`, `DELETE`, `LOAD`, `CLEAR`, ...) is refused
  (exit 2). A syntax error names the line and column (exit 2):
  `query:1:26: SPARQL syntax error at line 1, column 26: expected ...`. An
  unknown library name lists the names that exist (exit 2).

From Python, `kg.query` does the same and returns rows usable as dicts, and a
pandas DataFrame where pandas is installed:

```python
import kg

result = kg.query("sessions-of-body", body="wg-mtc-di")
[(row["ordinal"], row["date"], row["place"]) for row in result]
# [(22, '2024-11-22', 'New Delhi'), (23, '2025-10-29', 'Moscow')]
result.df                     # pandas DataFrame, one column per SELECT variable
result.to_json()              # SPARQL 1.1 Query Results JSON, as a dict
kg.query("SELECT ?s WHERE { ?s a irdc:Session }", timeout=5)
```
"""

SERVE_TEXT = """
## Serving: `kg serve` and `kg push`

`kg serve` serves the built graph as a read-only SPARQL 1.1 Protocol endpoint,
with a web query page, using the Oxigraph server (the `oxigraph` package from
PyPI, `oxigraph serve-read-only`). It binds 127.0.0.1 by default, uses the
union of the named graphs as the default graph, and prints the URL:

```
$ kg serve                   # --host 127.0.0.1 --port 7878; --port 0 picks a free port
Serving build/kg.nq ({graphs} named graphs, {quads} quads) read-only
  query page:      http://127.0.0.1:7878/
  SPARQL endpoint: http://127.0.0.1:7878/query
Press Ctrl-C to stop.

$ curl -s http://127.0.0.1:7878/query -H 'Accept: application/sparql-results+json' \\
    --data-urlencode 'query=SELECT (COUNT(*) AS ?n) WHERE {{ ?s a <https://w3id.org/irdc/ontology#Session> }}'
```

Library queries work there too (`curl ... --data-urlencode query@ontology/queries/timeline.rq`);
updates are refused.

`kg push --endpoint URL` loads the dataset into any server that speaks the
SPARQL 1.1 Graph Store Protocol, one HTTP PUT per named graph, so named graphs
are kept and pushing again replaces each graph instead of adding duplicates:

```
$ oxigraph serve --location /tmp/kg-store --bind 127.0.0.1:7879 &
$ kg push --endpoint http://127.0.0.1:7879/store
{push_table}Pushed {graphs} named graphs ({quads} quads) to http://127.0.0.1:7879/store
```

The endpoint is the server's Graph Store Protocol URL (Oxigraph: `/store`;
Apache Jena Fuseki: `/DATASET/data`). A server that refuses the data or cannot
be reached gives a one-line error and exit 1.
"""

def _serve_text(store: Store) -> str:
    from .output import render
    counts = execute("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g", store)
    rows = [(g, n) for g, n in ((r["g"], r["n"]) for r in counts)]
    table = render(["graph", "triples"], rows, "table")
    return SERVE_TEXT.strip().format(push_table=table, graphs=len(rows), quads=sum(n for _, n in rows))


BENCH_TEXT = """
`bench/` generates synthetic graphs in the project's own vocabulary (bodies in
a hierarchy, numbered sessions with dates, places and co-chairs, posts held
over time, agreements, one named graph per source, some facts stated by
several sources and a few conflicts) and times every library query on
pyoxigraph (the project's engine) and on rdflib's in-memory SPARQL engine, in
the same run (`make bench`, or `python bench/run.py`). Each figure is the best
of a few runs after a warm-up; rdflib is stopped at its time limit. The two
engines' row counts agree on every query where rdflib finishes.

`kg query hierarchy` on the real graph takes about 0.06 s as a cold process
(`time kg query hierarchy`): the query path imports click and pyoxigraph only,
never rdflib, pyshacl, pandas, matplotlib or spaCy (a test checks this).
"""


def _main(argv: list[str] | None = None) -> int:
    import argparse
    import sys
    ap = argparse.ArgumentParser(prog="python -m kg.queries",
                                 description="List the query library, or regenerate README's query region.")
    ap.add_argument("--readme", action="store_true",
                    help=f"rewrite the region between {README_START} and {README_END} in README.md")
    ap.add_argument("--check", action="store_true", help="exit 1 if README's region is out of date")
    ap.add_argument("--build", help="build folder to query (default: a fresh build of the curated seeds)")
    args = ap.parse_args(argv)
    if not (args.readme or args.check):
        for lib in _ordered(list_queries()):
            print(f"{lib.name:28} {lib.title}")
        return 0
    from .paths import project_root
    root = project_root()
    readme = root / "README.md"
    if args.build:
        region = readme_region(load_store(args.build), root=root)
    else:
        # The README shows the curated graph: build it afresh, without extraction.
        import tempfile
        from .builder import build
        with tempfile.TemporaryDirectory(prefix="kg-readme-") as tmp:
            out = Path(tmp) / "build"
            build(root=root, out=out, extra=[])
            region = readme_region(load_store(out), root=root)
    text = readme.read_text(encoding="utf-8")
    new = replace_region(text, region)
    if args.check:
        if new != text:
            print("README.md: the query region is out of date; run `python -m kg.queries --readme`",
                  file=sys.stderr)
            return 1
        return 0
    if new != text:
        readme.write_text(new, encoding="utf-8")
        print("README.md: query region rewritten")
    else:
        print("README.md: query region up to date")
    return 0


if __name__ == "__main__":
    raise SystemExit(_main())
