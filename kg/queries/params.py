"""Query parameters as RDF terms, bound through the engine, never pasted into the text.

A value is read by the parameter's declared kind (a slug becomes the IRI of
that kind of entity, a date an xsd:date, ...), or by its look where the query
declares none. The terms go to pyoxigraph as substitutions (SEP-0007).
"""
from __future__ import annotations

import datetime as _dt
import difflib
import re
from decimal import Decimal
from typing import Any, Mapping

from pyoxigraph import BlankNode, Literal, NamedNode, Store, Triple, Variable

from ..core.dates import datatype, parse_partial
from ..core.vocab import ID, PREFIXES, XSD
from .errors import ParamError
from .guard import where_group
from .library import Param

_LITERAL_KINDS = {"date", "integer", "decimal", "boolean", "string", "year"}
_NUMBER = re.compile(r"^[+-]?\d+$")
_DECIMAL = re.compile(r"^[+-]?\d*\.\d+$")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_QUOTED = re.compile(r'^"(.*)"(?:@([A-Za-z][A-Za-z0-9-]*)|\^\^(\S+))?$', re.S)
_PNAME = re.compile(r"^([A-Za-z][\w.-]*)?:(\S*)$")


def _date_literal(value: str) -> Literal:
    if not _DATE.match(value):
        raise ParamError(f"expected a date as YYYY-MM-DD (or YYYY-MM, YYYY), got {value!r}")
    try:
        partial = parse_partial(value)
    except ValueError:
        raise ParamError(f"impossible date {value!r}") from None
    return Literal(partial, datatype=NamedNode(datatype(partial)))


def _expand(value: str) -> NamedNode | None:
    """`<iri>`, a full IRI or a prefixed name of the project's prefixes; None for anything else."""
    try:
        return _expand_iri(value)
    except ValueError as exc:
        raise ParamError(f"not a valid IRI: {value!r} ({exc})") from None


def _expand_iri(value: str) -> NamedNode | None:
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
    """A parameter value as an RDF term (ParamError for a value no RDF term can hold).

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
    try:
        return _text_term(str(value).strip(), kind, store, name)
    except ValueError as exc:     # pyoxigraph refuses an IRI with spaces, quotes, <>, {}, \ ...
        raise ParamError(f"--param {name}: {value!r} cannot be an IRI here: {exc}") from None


def _text_term(value: str, kind: str, store: Store | None, name: str):
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
                         f"schema:location, got {value!r}{unknown_prefix_note(value)}")
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
        try:
            subs[Variable(key)] = to_term(value, kind, store, key)
        except ParamError as exc:
            raise ParamError(str(exc) if str(exc).startswith("--param") else f"--param {key}: {exc}") from None
    return subs


def with_values(text: str, terms: Mapping[Variable, Any], where: str = "query") -> str:
    """The query with `VALUES ?x { term }` at the head of its WHERE group.

    Each term is written by pyoxigraph (`str(term)` is its N-Triples / SPARQL
    serialisation, escaped by the engine), so no user text reaches the query.
    """
    at = where_group(text)
    if at < 0:
        raise ParamError(f"{where}: cannot bind {', '.join('?' + v.value for v in terms)}: "
                         "the query has no WHERE group to bind it in")
    block = "".join(f" VALUES ?{var.value} {{ {_serialise(term)} }}" for var, term in terms.items())
    return text[:at] + block + " " + text[at:]


def _serialise(term) -> str:
    if isinstance(term, (NamedNode, Literal)):
        return str(term)
    raise ParamError(f"cannot bind {term!r}: only IRIs and literals can be parameters")


_LABELS = (PREFIXES["skos"] + "prefLabel", PREFIXES["skos"] + "altLabel", PREFIXES["rdfs"] + "label",
           PREFIXES["schema"] + "name")


def unknown_prefix_note(value: str, tail: str = "") -> str:
    """'; foo: is not one of the project's prefixes (...)' for text shaped like a prefixed
    name whose prefix the project does not declare; '' otherwise."""
    m = _PNAME.match(value.strip())
    if not m or m.group(1) is None or m.group(1) in PREFIXES or m.group(2).startswith("//"):
        return ""
    return (f"; '{m.group(1)}:' is not one of the project's prefixes ("
            + ", ".join(f"{p}:" for p in sorted(PREFIXES)) + ")" + tail)


def explain_empty(result, substitutions: Mapping[Variable, Any], store: Store) -> list[str]:
    """Why a query bound by a parameter may have returned nothing: a literal where the
    graph holds IRIs (`place="Moscow"` for place:moscow), a literal the graph holds
    only with another language tag or datatype, an IRI nothing is said about."""
    if result.form == "ask" or len(result):
        return []
    notes = []
    for var, term in substitutions.items():
        name = var.value
        if isinstance(term, Literal):
            named = sorted({q.subject.value for q in store.quads_for_pattern(None, None, None, None)
                            if isinstance(q.object, Literal) and q.object.value == term.value
                            and q.predicate.value in _LABELS and isinstance(q.subject, NamedNode)})
            if named:
                shown = ", ".join(compact_name(iri) for iri in named[:3])
                notes.append(f"?{name} is bound to the literal {term}, but {term.value!r} is the name of "
                             f"{shown}: where the graph holds that thing it holds its IRI, not its name; "
                             f"try --param {name}={compact_name(named[0])}")
                continue
            if next(iter(store.quads_for_pattern(None, None, term, None)), None) is not None:
                continue
            others = sorted({str(q.object) for q in store.quads_for_pattern(None, None, None, None)
                             if isinstance(q.object, Literal) and q.object.value == term.value})
            if others:
                notes.append(f"?{name} is bound to {term}, but the graph holds that text only as "
                             f"{', '.join(others[:3])} (a literal matches only with the same language "
                             f"tag and datatype): try --param '{name}={others[0]}'")
            else:
                notes.append(f"?{name} is bound to {term}, a value the graph does not hold anywhere"
                             + unknown_prefix_note(term.value, ", so it was read as text"))
        elif isinstance(term, NamedNode) and not _exists(store, term) \
                and next(iter(store.quads_for_pattern(None, None, term, None)), None) is None:
            notes.append(f"?{name} is bound to {compact_name(term.value)}, which the graph says nothing about")
    return notes


def compact_name(iri: str) -> str:
    from ..core.vocab import compact

    return compact(iri) or f"<{iri}>"
