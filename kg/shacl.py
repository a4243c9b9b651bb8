"""SHACL validation of the dataset with pySHACL, and a report a person can read."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from pyoxigraph import NamedNode, Quad, RdfFormat, Triple, serialize

from .vocab import GRAPH, IRDC, PREFIXES

SH = "http://www.w3.org/ns/shacl#"


@dataclass(frozen=True, order=True)
class Violation:
    focus: str
    path: str
    message: str
    severity: str = "Violation"


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
            lines.append(f"  {v.severity}: {where}: {v.message}")
        return "\n".join(lines)


def shorten(iri: str) -> str:
    best = max((ns for ns in PREFIXES.values() if iri.startswith(ns)), key=len, default=None)
    if best is None:
        return f"<{iri}>"
    prefix = next(p for p, ns in PREFIXES.items() if ns == best)
    return f"{prefix}:{iri[len(best):]}"


def _with_provenance_links(quads: Iterable[Quad]) -> Iterable[Triple]:
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


def _load_shapes(ontology_dir: Path):
    from rdflib import Graph

    return (Graph().parse(ontology_dir / "shapes.ttl", format="turtle"),
            Graph().parse(ontology_dir / "irdc.ttl", format="turtle"))


def validate(quads: list[Quad], ontology_dir: Path, _shapes=None) -> Report:
    import pyshacl  # heavy: imported only when validating
    from rdflib import Graph, URIRef

    data = Graph()
    data.parse(data=serialize(_with_provenance_links(quads), format=RdfFormat.N_TRIPLES), format="nt")
    shapes, ontology = _shapes or _load_shapes(ontology_dir)
    conforms, results, _ = pyshacl.validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference="none", advanced=True,
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


def validate_each(quads: list[Quad], context: list[Quad], ontology_dir: Path) -> Report:
    """Validate every named graph of `quads` on its own, together with `context`."""
    by_graph: dict = {}
    for q in quads:
        by_graph.setdefault(q.graph_name, []).append(q)
    shapes = _load_shapes(ontology_dir)
    report = Report(True)
    for graph in sorted(by_graph, key=str):
        report = report.merged(validate(by_graph[graph] + context, ontology_dir, shapes))
    return report


def check(root: Path | None = None, dataset: Path | None = None) -> Report:
    """Validate the curated seeds (built in memory) or a dataset file; raise KgError if it cannot load."""
    from pyoxigraph import parse

    from .builder import check as check_build
    from .builder import collect, default_extra_sources
    from .errors import KgError
    from .paths import project_root

    root = Path(root).resolve() if root else project_root()
    if dataset is None:
        return check_build(*collect(root, default_extra_sources(root)), root / "ontology")
    formats = {".nq": RdfFormat.N_QUADS, ".trig": RdfFormat.TRIG}
    if dataset.suffix not in formats:
        raise KgError(f"{dataset}: expected an .nq or .trig dataset")
    try:
        quads = list(parse(path=str(dataset), format=formats[dataset.suffix]))
    except (OSError, SyntaxError, ValueError) as exc:
        raise KgError(f"{dataset}: cannot load: {exc}") from None
    # As in the build: the curated graphs together, every other graph on its own.
    is_curated = lambda q: isinstance(q.graph_name, NamedNode) and q.graph_name.value.startswith(GRAPH + "curated/")  # noqa: E731
    return check_build([q for q in quads if is_curated(q)], [q for q in quads if not is_curated(q)],
                       root / "ontology")
