"""SHACL validation with pySHACL: quads and shapes in, a report a person can read out.

Pure: it reads no project files and builds nothing. `Shapes.load` parses the
shapes and the ontology once; `validate` checks quads against them. The
build (and `kg validate`) decide which quads to check together.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from pyoxigraph import NamedNode, Quad, RdfFormat, Triple, serialize

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

    def merged(self, other: "Report") -> "Report":
        return Report(self.conforms and other.conforms, sorted(set(self.violations) | set(other.violations)))

    def text(self) -> str:
        if self.conforms:
            return "Conforms: yes (0 violations)"
        lines = [f"Conforms: no ({len(self.violations)} violation{'s' * (len(self.violations) != 1)})"]
        for v in self.violations:
            where = f"{v.focus}" + (f" {v.path}" if v.path else "")
            lead = f"{v.where}: " if v.where else ""
            lines.append(f"  {lead}{v.severity}: {where}: {v.message}")
        return "\n".join(lines)


def shorten(iri: str) -> str:
    return compact(iri) or f"<{iri}>"


@dataclass(frozen=True)
class Shapes:
    """The SHACL shapes and the ontology, parsed (rdflib graphs, as pySHACL wants them)."""

    shapes: object
    ontology: object

    @classmethod
    def load(cls, shapes: Path, ontology: Path) -> "Shapes":
        from rdflib import Graph

        graphs = []
        for path in (shapes, ontology):
            try:
                graphs.append(Graph().parse(path, format="turtle"))
            except FileNotFoundError:
                raise ShapesError(f"{path}: missing; the build needs it to validate") from None
            except Exception as exc:  # rdflib raises many kinds of parse error
                raise ShapesError(f"{path}: cannot read it as Turtle: {exc}") from None
        return cls(*graphs)


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


def validate(quads: list[Quad], shapes: Shapes) -> Report:
    import pyshacl  # heavy: imported only when validating
    from rdflib import Graph, URIRef

    data = Graph()
    data.parse(data=serialize(with_provenance_links(quads), format=RdfFormat.N_TRIPLES), format="nt")
    conforms, results, _ = pyshacl.validate(
        data, shacl_graph=shapes.shapes, ont_graph=shapes.ontology, inference="none", advanced=True,
        allow_warnings=True)
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


def validate_each(quads: list[Quad], context: list[Quad], shapes: Shapes) -> Report:
    """Validate every named graph of `quads` on its own, together with `context`."""
    by_graph: dict = {}
    for q in quads:
        by_graph.setdefault(q.graph_name, []).append(q)
    report = Report(True)
    for graph in sorted(by_graph, key=str):
        report = report.merged(validate(by_graph[graph] + context, shapes))
    return report
