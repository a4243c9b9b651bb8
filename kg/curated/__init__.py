"""The curated YAML (`seeds/`): read with line numbers, checked against
`kg/schema.yaml`, merged across files, and turned into quads.

    read.py     YAML text -> Python values that remember their lines
    records.py  Record, Claim, Curated: what the rest of the package sees
    parse.py    one file's mappings -> records (field checks)
    load.py     every file -> merged, resolved records (or every problem at once)
    quads.py    records -> quads, by the schema's RDF mapping
    labels.py   the computed labels the schema names (sessions, visits)
"""
from .load import load
from .records import Claim, Curated, Record

__all__ = ["load", "Claim", "Curated", "Record"]
