"""SHACL violations placed at the curated record behind their focus node (`path:line`).

The validator sees only RDF; the loader knows where each record was written.
This joins the two by the focus node's IRI, leaving the engine (validate.py) pure.
"""
from __future__ import annotations

from dataclasses import replace

from ..curated.quads import record_locations
from ..curated.records import Curated
from .validate import Report, shorten


def locate(report: Report, curated: Curated) -> Report:
    """The report with each violation's `where` filled in where its focus is a curated record."""
    where = {shorten(iri): place for iri, place in record_locations(curated).items()}
    return Report(report.conforms, sorted(replace(v, where=v.where or where.get(v.focus, ""))
                                          for v in report.violations))
