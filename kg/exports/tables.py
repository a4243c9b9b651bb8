"""The dataset as two CSV files for spreadsheet users.

    entities.csv    one row per entity: IRI, prefixed id, label, classes, how many
                    statements and sources state something about it
    statements.csv  one row per statement and the source that states it: subject,
                    property, value (each with a label where one is known), the
                    named graph, the method (curated or extracted), the source and its
                    publisher, headline, date and URL, and for an extracted fact the
                    sentence that states it

A statement two sources make is two rows: that is the provenance a spreadsheet
user filters on. The queries are ontology/sparql/export-*.rq; rows are written
as the engine yields them.
"""
from __future__ import annotations

import csv
from pathlib import Path

from pyoxigraph import Literal, NamedNode

from ..core import sparql
from ..core.errors import KgError
from ..core.vocab import PREFIXES
from ..core.vocab import compact as compact_iri

ENTITY_COLUMNS = ["iri", "id", "label", "types", "statements", "sources"]
STATEMENT_COLUMNS = ["subject", "subject_label", "property", "value", "value_label", "value_datatype", "language",
                     "graph", "method", "source", "publisher", "headline", "published", "url", "evidence"]
TABLES = {"entities": ENTITY_COLUMNS, "statements": STATEMENT_COLUMNS}


def _select(store, name: str):
    return store.query(sparql.text(name), use_default_graph_as_union=True, prefixes=PREFIXES)


def _short(iri: str) -> str:
    return compact_iri(iri) or iri


def _value(term) -> str:
    return "" if term is None else term.value


def labels(store) -> dict[str, str]:
    # labels.rq ranks the candidates in the first character of ?ranked (English first).
    return {row["x"].value: row["ranked"].value[1:] for row in _select(store, "labels")
            if row["x"] is not None and row["ranked"] is not None}


def entity_rows(store, names: dict[str, str] | None = None):
    names = labels(store) if names is None else names
    for row in _select(store, "export-entities"):
        iri = row["s"].value
        types = " ".join(sorted(_short(t) for t in _value(row["types"]).split()))
        yield [iri, _short(iri), names.get(iri, ""), types, _value(row["statements"]), _value(row["sources"])]


def statement_rows(store, names: dict[str, str] | None = None):
    names = labels(store) if names is None else names
    sources = {row["source"].value: [_value(row[k]) for k in ("publisher", "headline", "published", "url")]
               for row in _select(store, "export-sources")}
    evidence: dict[tuple, str] = {}
    for row in _select(store, "export-evidence"):
        key = (row["g"].value, row["s"].value, row["p"].value)
        evidence.setdefault(key, row["quote"].value)
    for row in _select(store, "export-statements"):
        s, p, o, g = row["s"].value, row["p"].value, row["o"], row["g"].value
        source = row["source"].value
        method = _value(row["method"]).rsplit("#", 1)[-1].lower()
        if isinstance(o, NamedNode):
            value, value_label, datatype, language = _short(o.value), names.get(o.value, ""), "", ""
        elif isinstance(o, Literal):
            value, value_label = o.value, ""
            datatype = "" if o.language else _short(o.datatype.value)
            language = o.language or ""
        else:
            value, value_label, datatype, language = _value(o), "", "", ""
        yield [_short(s), names.get(s, ""), _short(p), value, value_label, datatype, language, _short(g), method,
               _short(source), *sources.get(source, ["", "", "", ""]), evidence.get((g, s, p), "")]


ROWS = {"entities": entity_rows, "statements": statement_rows}


def write_csv(store, table: str, out) -> int:
    """Write one table (entities or statements) to the text file `out`; the number of rows."""
    if table not in ROWS:
        raise KgError(f"unknown table {table!r}; choose from {', '.join(ROWS)}")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(TABLES[table])
    n = 0
    for row in ROWS[table](store):
        writer.writerow(row)
        n += 1
    return n


def write_files(store, folder) -> dict[str, Path]:
    """entities.csv and statements.csv in `folder`, each written whole or not at all."""
    folder = Path(folder)
    written = {}
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for table in ROWS:
            path = folder / f"{table}.csv"
            tmp = path.with_name(f".{path.name}.tmp")
            with open(tmp, "w", encoding="utf-8", newline="") as fh:
                write_csv(store, table, fh)
            tmp.replace(path)
            written[table] = path
    except OSError as exc:
        raise KgError(f"{exc.filename or folder}: cannot write: {exc.strerror}") from None
    return written
