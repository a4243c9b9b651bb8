"""Curated records and extracted facts to one validated, deterministic RDF dataset.

    run.py        build(): collect, check, publish; check_seeds(), check_dataset()
    extracted.py  the facts JSON of `kg extract` as quads, one named graph per article
    validate.py   SHACL: quads and shapes in, a report out (pure)
    summary.py    the counts a build reports
    publish.py    sorted serialisations, staged and moved into place
"""
from .run import BuildResult, ValidationFailed, build, check_dataset, check_seeds

__all__ = ["BuildResult", "ValidationFailed", "build", "check_dataset", "check_seeds"]
