"""`kg build`: curated YAML (and extracted facts) to a validated RDF dataset on disk.

    collect    curated records -> quads; every other producer (extraction) -> quads
    check      the curated union must conform; each other graph on its own
    publish    all outputs staged, then moved into place

A failed build (bad input, a violation) raises before anything is written,
so the previous `build/` stays as it was.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Iterable

from pyoxigraph import NamedNode, Quad

from .. import curated as curated_mod
from ..core.config import Project
from ..core.errors import KgError
from ..curated.quads import curated_quads
from .extracted import structure_of
from .publish import publish, sort_quads
from .summary import summarise
from .validate import Report, Shapes, validate, validate_each

# Producers of quads beyond the curated YAML: called with the project root and
# the loaded curated data (extraction over the corpus folders is the default one).
QuadSource = Callable[[Path, "curated_mod.Curated"], Iterable[Quad]]


class ValidationFailed(KgError):
    exit_code = 1

    def __init__(self, report: Report):
        self.report = report
        super().__init__(report.text())


@dataclass
class BuildResult:
    out: Path
    summary: dict
    report: Report


def collect(root: Path, extra: Iterable[QuadSource] = ()) -> tuple[list[Quad], list[Quad]]:
    """The curated quads and the quads of every other producer, each sorted."""
    curated = curated_mod.load(root / "seeds")
    other: list[Quad] = []
    for produce in extra:
        other.extend(produce(root, curated))
    return sort_quads(curated_quads(curated)), sort_quads(other)


def check(curated: list[Quad], other: list[Quad], shapes: Shapes, strict: bool = False) -> Report:
    """The curated union must conform as a whole; each other graph on its own, in the
    curated structure. Sources may disagree with each other (kg conflicts lists where);
    a disagreement is not a broken graph. An extracted graph that breaks a shape on its
    own is an extraction gone wrong: it is left out (`Report.left_out`) with its
    violations as warnings, and the build goes on. `strict` (validating a dataset that is
    already built, where nothing can be left out) keeps them violations."""
    report = validate(curated, shapes)
    if not other:
        return report
    left_out, warnings = [], []
    for graph, own in validate_each(other, structure_of(curated), shapes).items():
        broken = [v for v in own.violations if v.severity == "Violation"]
        if broken and strict:
            report = Report(False, report.violations + broken)
            continue
        if broken:
            left_out.append(graph.value)
            note = f" (graph {graph.value} left out of the build)"
            warnings += [replace(v, severity="Warning", message=v.message + note) for v in broken]
        warnings += [v for v in own.violations if v.severity != "Violation"]
    return Report(report.conforms, sorted(set(report.violations) | set(warnings)), left_out=left_out)


def project_shapes(root: Path) -> Shapes:
    project = Project(root)
    return Shapes.load(project.shapes, project.vocabulary)


def build(root: str | Path | None = None, out: str | Path | None = None,
          extra: Iterable[QuadSource] | None = None, corpus: Iterable[str | Path] | None = None) -> BuildResult:
    """Build the dataset into `out` (default `build/`); raise InputError or ValidationFailed.

    `corpus` replaces the configured corpus folders; `extra` replaces every producer
    beyond the curated YAML (`extra=[]` builds from the curated YAML alone).
    """
    project = Project.find(root)
    out = Path(out) if out else project.build
    if extra is None:
        extra = default_extra_sources(project.root, corpus)
    curated, other = collect(project.root, extra)
    report = check(curated, other, project_shapes(project.root))
    if not report.conforms:
        raise ValidationFailed(report)
    dropped = {NamedNode(g) for g in report.left_out}
    quads = sort_quads(curated + [q for q in other if q.graph_name not in dropped])
    summary = summarise(quads, report)
    publish(quads, summary, out)
    return BuildResult(out=out, summary=summary, report=report)


def extract_corpus(root: Path, curated, folders: list[Path] | None = None) -> list[Quad]:
    folders = Project(root).corpus_folders() if folders is None else folders
    if not folders:
        return []
    from ..extract import extract_paths  # spaCy: only when there is something to read
    from ..extract.gazetteer import Gazetteer
    from .extracted import facts_quads

    facts = extract_paths(folders, gazetteer=Gazetteer.from_records(curated))
    return list(facts_quads(facts, curated))


def default_extra_sources(root: Path, corpus: Iterable[str | Path] | None = None) -> list[QuadSource]:
    """Quad producers beyond the curated YAML: extraction over the corpus folders."""
    if corpus is None:
        return [extract_corpus]
    folders = [Path(f).resolve() for f in corpus]
    missing = [str(f) for f in folders if not f.is_dir()]
    if missing:
        raise KgError(f"{missing[0]}: no such corpus folder")
    return [lambda root, curated: extract_corpus(root, curated, folders)]


def check_seeds(root: str | Path | None = None) -> Report:
    """The SHACL report of the curated seeds alone, built in memory (no extraction)."""
    project = Project.find(root)
    curated, _ = collect(project.root)
    return check(curated, [], project_shapes(project.root))


def check_dataset(dataset: Path, root: str | Path | None = None) -> Report:
    """The SHACL report of a built dataset (.nq or .trig), split as the build splits it:
    the curated union strictly, every other graph on its own."""
    from pyoxigraph import NamedNode, RdfFormat, parse

    from ..core.vocab import GRAPH

    project = Project.find(root)
    formats = {".nq": RdfFormat.N_QUADS, ".trig": RdfFormat.TRIG}
    if dataset.suffix not in formats:
        raise KgError(f"{dataset}: expected an .nq or .trig dataset")
    try:
        quads = list(parse(path=str(dataset), format=formats[dataset.suffix]))
    except (OSError, SyntaxError, ValueError) as exc:
        raise KgError(f"{dataset}: cannot load: {exc}") from None
    prefix = GRAPH + "curated/"
    is_curated = lambda q: isinstance(q.graph_name, NamedNode) and q.graph_name.value.startswith(prefix)  # noqa: E731
    return check([q for q in quads if is_curated(q)], [q for q in quads if not is_curated(q)],
                 project_shapes(project.root), strict=True)
