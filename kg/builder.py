"""`kg build`: curated YAML (and extracted facts) to a validated RDF dataset on disk.

Deterministic: quads are de-duplicated and sorted before every serialisation
and no blank nodes are made, so two builds of the same input are
byte-identical. Atomic: everything is written into a staging folder first and
moved into place only once the whole build (validation included) succeeded.
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from pyoxigraph import Quad, RdfFormat, Store, serialize

from . import curated as curated_mod
from .errors import KgError
from .paths import build_dir, project_root
from .triples import curated_quads
from .extracted import structure_of
from .shacl import Report, validate, validate_each
from .vocab import PREFIXES

OUTPUTS = ("kg.trig", "kg.nq", "kg.ttl", "kg.jsonld", "summary.json")

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


def sort_quads(quads: Iterable[Quad]) -> list[Quad]:
    return sorted(set(quads), key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)))


SUMMARY_QUERY = """
PREFIX irdc: <https://w3id.org/irdc/ontology#>
PREFIX schema: <https://schema.org/>
SELECT
  (COUNT(DISTINCT ?body) AS ?bodies) (COUNT(DISTINCT ?session) AS ?sessions)
  (COUNT(DISTINCT ?person) AS ?people) (COUNT(DISTINCT ?agreement) AS ?agreements)
  (COUNT(DISTINCT ?source) AS ?sources)
WHERE {
  { ?body a irdc:Body } UNION { ?session a irdc:Session } UNION { ?person a schema:Person }
  UNION { ?agreement a irdc:Agreement } UNION { ?g <http://www.w3.org/ns/prov#wasDerivedFrom> ?source }
}
"""


def summarise(quads: list[Quad], report: Report) -> dict:
    store = Store()
    store.extend(quads)
    row = next(iter(store.query(SUMMARY_QUERY, use_default_graph_as_union=True)))
    counts = {name: int(row[name].value) for name in ("bodies", "sessions", "people", "agreements", "sources")}
    triples = len({q.triple for q in quads})
    graphs = len({q.graph_name for q in quads})
    return {**counts, "named_graphs": graphs, "triples": triples, "quads": len(quads),
            "conforms": report.conforms, "violations": len(report.violations)}


def _sorted_prefixes(path: Path) -> None:
    """The serializer emits @prefix lines in its map's order; sort them so diffs stay quiet."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    head = [ln for ln in lines if ln.startswith("@prefix")]
    path.write_text("".join(sorted(head) + lines[len(head):]), encoding="utf-8")


def _write(staging: Path, quads: list[Quad], summary: dict) -> None:
    serialize(quads, staging / "kg.nq", format=RdfFormat.N_QUADS)
    serialize(quads, staging / "kg.trig", format=RdfFormat.TRIG, prefixes=PREFIXES)
    triples = sorted({q.triple for q in quads}, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    serialize(triples, staging / "kg.ttl", format=RdfFormat.TURTLE, prefixes=PREFIXES)
    for name in ("kg.trig", "kg.ttl"):
        _sorted_prefixes(staging / name)
    serialize(quads, staging / "kg.jsonld", format=RdfFormat.JSON_LD, prefixes=PREFIXES)
    (staging / "summary.json").write_text(json.dumps(summary, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def _publish(staging: Path, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name in OUTPUTS:
        os.replace(staging / name, out / name)


def collect(root: Path, extra: Iterable[QuadSource] = ()) -> tuple[list[Quad], list[Quad]]:
    """The curated quads and the quads of every other producer, each sorted."""
    curated = curated_mod.load(root / "seeds")
    other: list[Quad] = []
    for produce in extra:
        other.extend(produce(root, curated))
    return sort_quads(curated_quads(curated)), sort_quads(other)


def check(curated: list[Quad], other: list[Quad], ontology_dir: Path) -> Report:
    """The curated union must conform as a whole; each other graph on its own, in the
    curated structure. Sources may disagree with each other (kg conflicts lists where);
    a disagreement is not a broken graph."""
    report = validate(curated, ontology_dir)
    if other:
        report = report.merged(validate_each(other, structure_of(curated), ontology_dir))
    return report


def build(root: str | Path | None = None, out: str | Path | None = None,
          extra: Iterable[QuadSource] | None = None, corpus: Iterable[str | Path] | None = None) -> BuildResult:
    """Build the dataset into `out` (default `build/`); raise InputError or ValidationFailed.

    `corpus` replaces the configured corpus folders; `extra` replaces every producer
    beyond the curated YAML (`extra=[]` builds from the curated YAML alone).
    """
    root = Path(root).resolve() if root else project_root()
    out = Path(out) if out else build_dir(root)
    if extra is None:
        extra = default_extra_sources(root, corpus)
    curated, other = collect(root, extra)
    report = check(curated, other, root / "ontology")
    quads = sort_quads(curated + other)
    if not report.conforms:
        raise ValidationFailed(report)
    summary = summarise(quads, report)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".kg-build-", dir=out.parent))
    try:
        _write(staging, quads, summary)
        _publish(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return BuildResult(out=out, summary=summary, report=report)


def corpus_folders(root: Path) -> list[Path]:
    """The folders `kg build` extracts, from `[tool.kg] corpus` in pyproject.toml."""
    import tomllib

    config = root / "pyproject.toml"
    folders: list[str] = []
    if config.exists():
        folders = tomllib.loads(config.read_text(encoding="utf-8")).get("tool", {}).get("kg", {}).get("corpus", folders)
    return [(root / f).resolve() for f in folders if (root / f).is_dir()]


def extract_corpus(root: Path, curated, folders: list[Path] | None = None) -> list[Quad]:
    folders = corpus_folders(root) if folders is None else folders
    if not folders:
        return []
    from .extract import extract_paths  # spaCy: only when there is something to read
    from .extract.gazetteer import Gazetteer
    from .extracted import facts_quads

    facts = extract_paths(folders, gazetteer=Gazetteer.from_curated(root / "seeds"))
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
