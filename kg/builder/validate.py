"""SHACL validation with pySHACL: quads and shapes in, a report a person can read out.

Pure: it reads no project files and builds nothing. `Shapes.load` parses the
shapes and the ontology once; `validate` checks quads against them. The
build (and `kg validate`) decide which quads to check together.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from pyoxigraph import BlankNode, DefaultGraph, NamedNode, Quad, RdfFormat, Store, Triple, parse, serialize

from ..core.errors import KgError
from ..core.vocab import IRDC, compact

SH = "http://www.w3.org/ns/shacl#"


class ShapesError(KgError):
    """The shapes or the ontology cannot be read."""


@dataclass(frozen=True, order=True)
class Violation:
    focus: str
    path: str
    message: str
    severity: str = "Violation"
    where: str = ""   # path:line of the curated record behind the focus node, where known


@dataclass
class Report:
    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)  # graphs the build leaves out (see builder.run.check)

    def merged(self, other: "Report") -> "Report":
        return Report(self.conforms and other.conforms, sorted(set(self.violations) | set(other.violations)),
                      sorted(set(self.left_out) | set(other.left_out)))

    def text(self) -> str:
        errors = sum(v.severity == "Violation" for v in self.violations)
        if self.conforms and not self.violations:
            return "Conforms: yes (0 violations)"
        lines = [f"Conforms: {'yes' if self.conforms else 'no'} ({errors} violation{'s' * (errors != 1)}"
                 + (f", {len(self.violations) - errors} warnings" if len(self.violations) > errors else "") + ")"]
        for v in self.violations:
            where = f"{v.focus}" + (f" {v.path}" if v.path else "")
            lead = f"{v.where}: " if v.where else ""
            lines.append(f"  {lead}{v.severity}: {where}: {v.message}")
        return "\n".join(lines)


def shorten(iri: str) -> str:
    return compact(iri) or f"<{iri}>"


@dataclass(frozen=True)
class Shapes:
    """The SHACL shapes and the ontology: as rdflib graphs for pySHACL, and as compiled
    whole-graph checks and ontology triples for the pyoxigraph engine."""

    shapes: object
    ontology: object
    checks: list = field(default_factory=list)
    ontology_triples: list = field(default_factory=list)

    @classmethod
    def load(cls, shapes: Path, ontology: Path) -> "Shapes":
        from rdflib import Graph

        from .shacl import compile_shapes

        graphs = []
        for path in (shapes, ontology):
            try:
                graphs.append(Graph().parse(path, format="turtle"))
            except FileNotFoundError:
                raise ShapesError(f"{path}: missing; the build needs it to validate") from None
            except Exception as exc:  # rdflib raises many kinds of parse error
                raise ShapesError(f"{path}: cannot read it as Turtle: {exc}") from None
        triples = [q.triple for q in parse(path=str(ontology), format=RdfFormat.TURTLE)]
        return cls(*graphs, checks=compile_shapes(shapes), ontology_triples=triples)


def with_provenance_links(quads: Iterable[Quad]) -> Iterable[Triple]:
    """The union's triples plus `s irdc:assertedIn g` for every subject and graph."""
    default = NamedNode(IRDC + "DefaultGraph")  # a fact outside any named graph fails FactGraphShape
    seen = set()
    for q in quads:
        yield q.triple
        graph = q.graph_name if isinstance(q.graph_name, NamedNode) else default
        key = (q.subject, graph)
        if key not in seen:
            seen.add(key)
            yield Triple(q.subject, IRDC.assertedIn, graph)


@lru_cache(maxsize=1)
def _query_caching_graph():
    from rdflib import Graph
    from rdflib.plugins.sparql import prepareQuery

    class QueryCachingGraph(Graph):
        """pySHACL sends the same few SPARQL constraints for every graph it checks, and
        rdflib parses a query string each time (two thirds of a small graph's check):
        each text is parsed once. pySHACL writes the prefixes into the text itself."""

        prepared: dict = {}

        def query(self, query_object, *args, **kwargs):
            if isinstance(query_object, str):
                if query_object not in self.prepared:
                    self.prepared[query_object] = prepareQuery(query_object)
                query_object = self.prepared[query_object]
            return super().query(query_object, *args, **kwargs)

    return QueryCachingGraph


def _rdflib(triples: Iterable[Triple], graph_class=None):
    from rdflib import Graph

    graph = (graph_class or Graph)()
    graph.parse(data=serialize(triples, format=RdfFormat.N_TRIPLES), format="nt")
    return graph


def _report(conforms: bool, results) -> Report:
    from rdflib import URIRef

    sh = lambda name: URIRef(SH + name)  # noqa: E731
    violations = []
    for result in results.subjects(sh("resultSeverity"), None):
        severity = str(results.value(result, sh("resultSeverity"))).rsplit("#", 1)[-1]
        focus = results.value(result, sh("focusNode"))
        path = results.value(result, sh("resultPath"))
        message = results.value(result, sh("resultMessage"))
        violations.append(Violation(
            focus=shorten(str(focus)) if isinstance(focus, URIRef) else str(focus),
            path=shorten(str(path)) if isinstance(path, URIRef) else "",
            message=str(message or "constraint not met"),
            severity=severity))
    return Report(conforms=bool(conforms), violations=sorted(set(violations)))


def validate(quads: list[Quad], shapes: Shapes, engine: str = "oxigraph") -> Report:
    """Validate the union of `quads`: by default each constraint as one query over the whole
    graph on pyoxigraph; `engine="pyshacl"` runs pySHACL (the reference the engine is tested
    against)."""
    if engine == "oxigraph":
        return _validate_oxigraph(quads, shapes)
    import pyshacl  # heavy: imported only when validating

    conforms, results, _ = pyshacl.validate(
        _rdflib(with_provenance_links(quads)), shacl_graph=shapes.shapes, ont_graph=shapes.ontology,
        inference="none", advanced=True, allow_warnings=True)
    return _report(conforms, results)


def _validate_oxigraph(quads: list[Quad], shapes: Shapes) -> Report:
    from .shacl import run_checks

    from ..core import sparql
    from ..core.vocab import PREFIXES

    store = Store()
    store.bulk_extend(quads)
    store.update(sparql.text("shacl/provenance-links", suffix=".ru"), prefixes=PREFIXES)
    default = DefaultGraph()
    store.bulk_extend(Quad(t.subject, t.predicate, t.object, default) for t in shapes.ontology_triples)
    shown = lambda term: term.value if isinstance(term, BlankNode) else shorten(term.value)  # noqa: E731
    violations = {Violation(focus=shown(focus), path=shorten(path) if path else "", message=message,
                            severity=severity)
                  for focus, path, message, severity in run_checks(store, shapes.checks)}
    conforms = not any(v.severity == "Violation" for v in violations)
    return Report(conforms=conforms, violations=sorted(violations))


class _InContext:
    """One pySHACL validator over the context, reused for many small graphs.

    The context (thousands of triples) is parsed and mixed with the ontology once; each
    graph's triples are added, validated with its own nodes as the only focus nodes, and
    taken out again. Checking a graph then costs in proportion to the graph, not to the
    context, and the shapes are harvested once rather than once per graph."""

    def __init__(self, context: list[Quad], shapes: Shapes):
        import pyshacl
        from pyshacl.graph_abstraction import DataGraph

        graph = _rdflib(with_provenance_links(context), _query_caching_graph())
        graph += shapes.ontology  # what pySHACL's ont_graph would mix in, done once
        self.data = DataGraph.from_rdflib_graph(graph)
        self.validator = pyshacl.Validator(self.data, shacl_graph=shapes.shapes, options={
            "inplace": True, "advanced": True, "allow_warnings": True, "inference": "none"})

    def check(self, quads: list[Quad]) -> Report:
        from rdflib import BNode, URIRef

        own = _rdflib(with_provenance_links(quads))
        added = [t for t in own if t not in self.data]
        focus = sorted({n for s, _, o in own for n in (s, o) if isinstance(n, (URIRef, BNode))})
        for t in added:
            self.data.add(t)
        try:
            self.validator.options["focus_nodes"] = focus
            conforms, results, _ = self.validator.run()
        finally:
            for t in added:
                self.data.remove(t)
        return _report(conforms, results)


def by_graph(quads: Iterable[Quad]) -> dict:
    graphs: dict = {}
    for q in quads:
        graphs.setdefault(q.graph_name, []).append(q)
    return dict(sorted(graphs.items(), key=lambda item: str(item[0])))


def _nodes(quads: list[Quad]) -> tuple[set, set]:
    subjects = {q.subject for q in quads} | {q.graph_name for q in quads}
    objects = {q.object for q in quads if isinstance(q.object, (NamedNode, BlankNode))}
    return subjects, subjects | objects


def batches(graphs: dict, size: int = 64) -> list[list]:
    """Graphs grouped so that no graph in a group describes a node another one mentions.

    Then, within a group, what the shapes read about a graph's nodes comes from that graph
    and the context alone: a group that conforms is a group of graphs that each conform,
    and checking it costs one validator run instead of one per graph."""
    groups: list[tuple[list, set, set]] = []  # (graphs, their subjects, all their nodes)
    for graph, quads in graphs.items():
        subjects, nodes = _nodes(quads)
        for members, taken_subjects, taken_nodes in groups:
            if len(members) < size and not (subjects & taken_nodes) and not (nodes & taken_subjects):
                members.append(graph)
                taken_subjects |= subjects
                taken_nodes |= nodes
                break
        else:
            groups.append(([graph], set(subjects), set(nodes)))
    return [members for members, _, _ in groups]


def validate_each(quads: list[Quad], context: list[Quad], shapes: Shapes) -> dict:
    """The report of every named graph of `quads`, each validated on its own in `context`.

    Graphs are checked in groups that cannot affect each other (`batches`); where a group
    reports a violation, the graphs it may concern are checked again one by one, so every
    graph gets the report it would get alone."""
    graphs = by_graph(quads)
    if not graphs:
        return {}
    checker = _InContext(context, shapes)
    reports: dict = {}
    for members in batches(graphs):
        together = checker.check([q for g in members for q in graphs[g]])
        if not together.violations:
            reports.update({g: Report(True) for g in members})
            continue
        shown = {g: {shorten(n.value) if isinstance(n, NamedNode) else str(n) for n in _nodes(graphs[g])[1]}
                 for g in members}
        focus = {v.focus for v in together.violations}
        placed = set().union(*shown.values())
        # A focus node no graph of the group names (a blank node's label): check them all alone.
        suspects = members if focus - placed else [g for g in members if shown[g] & focus]
        reports.update({g: Report(True) for g in members})
        reports.update({g: checker.check(graphs[g]) for g in suspects})
    return dict(sorted(reports.items(), key=lambda item: str(item[0])))
