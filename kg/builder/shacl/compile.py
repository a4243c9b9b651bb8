"""Shapes graph -> checks: each SHACL constraint becomes one SPARQL query over the whole graph."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import BlankNode, Literal, NamedNode, RdfFormat, Store

from ...core import sparql
from ...core.errors import KgError

SH = "http://www.w3.org/ns/shacl#"
RDF_FIRST = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#first")
RDF_REST = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#rest")
NIL = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#nil")

# What a property shape may say besides its constraints (descriptive or handled apart).
PROPERTY_KEYS = {"path", "message", "severity", "name", "description", "order", "group"}
NODE_KEYS = {"targetClass", "targetSubjectsOf", "property", "sparql", "severity", "message", "declare"}
PROPERTY_CONSTRAINTS = {"minCount", "maxCount", "datatype", "or", "class", "in", "minInclusive", "uniqueLang",
                        "qualifiedValueShape", "qualifiedMinCount", "node"}


FOCUS = "#FOCUS#"  # replaced by the engine with a VALUES block of the nodes to check


class UnsupportedShape(KgError):
    """A shape uses SHACL the whole-graph engine does not implement."""


def sh(name: str) -> NamedNode:
    return NamedNode(SH + name)


@dataclass(frozen=True)
class Check:
    """One constraint as a query. Each row is a violation at `?this`.

    `targets` (for SPARQL-based constraints, which select every binding of `$this`)
    lists the focus nodes the rows are kept for. `inner` (sh:node) holds the referenced
    shape's checks over this check's values: a value that violates them makes its
    focus node violate this one."""

    query: str
    message: str
    severity: str = "Violation"
    path: str = ""
    targets: str = ""
    inner: tuple["Check", ...] = field(default=())
    values_of: str = ""  # (sh:node) the values as a pattern, for values a VALUES block cannot hold
    template: bool = False  # the message has {?var} parts filled from the row


def _nt(term) -> str:
    if isinstance(term, NamedNode):
        return f"<{term.value}>"
    if isinstance(term, Literal):
        return str(term)
    raise UnsupportedShape(f"expected an IRI or literal in the shapes, found {term}")


class _Shapes:
    def __init__(self, store: Store, where: str):
        self.store, self.where = store, where

    def objects(self, s, name: str) -> list:
        return [q.object for q in self.store.quads_for_pattern(s, sh(name), None)]

    def one(self, s, name: str):
        found = self.objects(s, name)
        return found[0] if found else None

    def items(self, head) -> list:
        out = []
        while head != NIL:
            out.append(next(self.store.quads_for_pattern(head, RDF_FIRST, None)).object)
            head = next(self.store.quads_for_pattern(head, RDF_REST, None)).object
        return out

    def keys(self, s) -> set[str]:
        return {q.predicate.value[len(SH):] for q in self.store.quads_for_pattern(s, None, None)
                if q.predicate.value.startswith(SH)}

    def refuse(self, node, what: str):
        raise UnsupportedShape(f"{self.where}: {node}: {what} is not supported by the whole-graph SHACL engine")

    def path(self, node) -> str:
        if isinstance(node, NamedNode):
            return _nt(node)
        for name, suffix in (("oneOrMorePath", "+"), ("zeroOrMorePath", "*")):
            inner = self.one(node, name)
            if isinstance(inner, NamedNode):
                return _nt(inner) + suffix
        inverse = self.one(node, "inversePath")
        if isinstance(inverse, NamedNode):
            return "^" + _nt(inverse)
        self.refuse(node, "this property path")

    def severity(self, node, default: str) -> str:
        found = self.one(node, "severity")
        return found.value[len(SH):] if isinstance(found, NamedNode) else default


def _fill(template: str, **parts: str) -> str:
    text = sparql.text(f"shacl/{template}")
    for name, value in parts.items():
        text = text.replace(f"#{name.upper()}#", value)
    return text


def _target(shapes: _Shapes, node) -> str:
    parts = [_fill("target-class", **{"class": _nt(c)}) for c in shapes.objects(node, "targetClass")]
    parts += [_fill("target-subjects-of", predicate=_nt(p)) for p in shapes.objects(node, "targetSubjectsOf")]
    return " UNION ".join("{ " + p.strip() + " }" for p in parts)


def _property_checks(shapes: _Shapes, prop, target: str, severity: str, depth: int) -> list[Check]:
    keys = shapes.keys(prop)
    unknown = keys - PROPERTY_KEYS - PROPERTY_CONSTRAINTS
    if unknown:
        shapes.refuse(prop, "sh:" + ", sh:".join(sorted(unknown)))
    path_node = shapes.one(prop, "path")
    path = shapes.path(path_node)
    shown = path_node.value if isinstance(path_node, NamedNode) else ""
    given = shapes.one(prop, "message")
    severity = shapes.severity(prop, severity)

    def check(template: str, default: str, **parts) -> Check:
        return Check(_fill(template, target=target, path=path, **parts),
                     given.value if given else default, severity, shown)

    checks = []
    if (n := shapes.one(prop, "minCount")) is not None:
        checks.append(check("min-count", f"Less than {n.value} values", count=n.value))
    if (n := shapes.one(prop, "maxCount")) is not None:
        checks.append(check("max-count", f"More than {n.value} values", count=n.value))
    datatypes = [shapes.one(prop, "datatype")] if shapes.one(prop, "datatype") is not None else []
    for alternatives in shapes.objects(prop, "or"):
        members = shapes.items(alternatives)
        if not all(shapes.keys(m) == {"datatype"} for m in members):
            shapes.refuse(prop, "sh:or with members other than sh:datatype")
        datatypes.append(tuple(shapes.one(m, "datatype") for m in members))
    for dt in datatypes:
        allowed = dt if isinstance(dt, tuple) else (dt,)
        checks.append(check("datatype", "Value is not of datatype " + " or ".join(d.value for d in allowed),
                            datatypes=", ".join(_nt(d) for d in allowed)))
    for cls in shapes.objects(prop, "class"):
        checks.append(check("class", f"Value is not of class {cls.value}", **{"class": _nt(cls)}))
    for values in shapes.objects(prop, "in"):
        checks.append(check("in", "Value is not in the allowed list",
                            values=", ".join(_nt(v) for v in shapes.items(values))))
    if (m := shapes.one(prop, "minInclusive")) is not None:
        checks.append(check("min-inclusive", f"Value is less than {m.value}", min=_nt(m)))
    if (u := shapes.one(prop, "uniqueLang")) is not None and u.value == "true":
        checks.append(check("unique-lang", "More than one value shares a language tag"))
    if (qualified := shapes.one(prop, "qualifiedValueShape")) is not None:
        classes = shapes.objects(qualified, "class")
        count = shapes.one(prop, "qualifiedMinCount")
        if shapes.keys(qualified) != {"class"} or count is None or len(classes) != 1:
            shapes.refuse(prop, "a qualified value shape other than one sh:class with sh:qualifiedMinCount")
        checks.append(check("qualified-class-min-count", f"Fewer than {count.value} values of class {classes[0].value}",
                            **{"class": _nt(classes[0])}, count=count.value))
    for node in shapes.objects(prop, "node"):
        # The referenced shape is checked on this check's values only, which the engine
        # lists (each once) where the marker stands.
        inner = tuple(_node_checks(shapes, node, FOCUS, depth + 1))
        outer = f"?outer{depth}"
        values_of = ("{ SELECT DISTINCT ?this WHERE { { " + target.replace("?this", outer) + " } "
                     + f"{outer} {path} ?this . }} }}")
        checks.append(Check(_fill("values", target=target, path=path),
                            given.value if given else f"Value does not conform to shape {node.value}",
                            severity, shown, inner=inner, values_of=values_of))
    return checks


def _node_checks(shapes: _Shapes, node, target: str, depth: int = 0) -> list[Check]:
    unknown = shapes.keys(node) - NODE_KEYS
    if unknown:
        shapes.refuse(node, "sh:" + ", sh:".join(sorted(unknown)))
    severity = shapes.severity(node, "Violation")
    checks = []
    for prop in shapes.objects(node, "property"):
        checks += _property_checks(shapes, prop, target, severity, depth)
    for constraint in shapes.objects(node, "sparql"):
        prefixes = "".join(f"PREFIX {shapes.one(d, 'prefix').value}: <{shapes.one(d, 'namespace').value}>\n"
                           for holder in shapes.objects(constraint, "prefixes") for d in shapes.objects(holder, "declare"))
        message = shapes.one(constraint, "message")
        checks.append(Check(prefixes + shapes.one(constraint, "select").value,
                            message.value if message else "SPARQL constraint not met",
                            shapes.severity(constraint, severity), targets=target, template=True))
    return checks


def compile_shapes(path: Path) -> list[Check]:
    """Every check of every shape with a target in the Turtle file at `path`."""
    store = Store()
    try:
        store.load(path=str(path), format=RdfFormat.TURTLE)
    except (OSError, SyntaxError, ValueError) as exc:
        raise KgError(f"{path}: cannot read it as Turtle: {exc}") from None
    shapes = _Shapes(store, str(path))
    roots = sorted({q.subject for name in ("targetClass", "targetSubjectsOf")
                    for q in store.quads_for_pattern(None, sh(name), None)}, key=str)
    checks = []
    for node in roots:
        if isinstance(node, BlankNode):
            shapes.refuse(node, "a blank-node shape with a target")
        checks += _node_checks(shapes, node, _target(shapes, node))
    return checks
