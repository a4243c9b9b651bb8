"""CSV, TSV and SPARQL JSON written row by row, for results too large to hold.

`kg query --format csv|tsv|json` runs the query lazily and writes each solution
as the engine yields it: memory stays flat however many rows come back (a
table has to see every row to align its columns, so it is not streamed).

CSV and TSV carry full IRIs unless asked for prefixed names, and write a
literal's lexical form; JSON is the SPARQL 1.1 Query Results JSON format, one
binding per line.
"""
from __future__ import annotations

import csv
import json

from pyoxigraph import NamedNode

from .terms import compact, json_term


def _text(full_iris: bool):
    if full_iris:
        return lambda t: "" if t is None else (t.value if isinstance(t, NamedNode) else compact(t))
    return compact


def write(result, out, fmt: str, full_iris: bool = True) -> None:
    """Write `result` (lazy or not) to the text file `out` as csv, tsv or json."""
    if fmt == "json":
        _json(result, out)
        return
    writer = csv.writer(out, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
    if result.form == "ask":
        writer.writerows([["boolean"], ["true" if result.boolean else "false"]])
        return
    show = _text(full_iris)
    writer.writerow(result.columns)
    for row in result._each():
        writer.writerow([show(t) for t in row])


def _json(result, out) -> None:
    if result.form == "ask":
        out.write(json.dumps({"head": {}, "boolean": bool(result.boolean)}) + "\n")
        return
    columns = list(result.columns)
    out.write('{"head": {"vars": ' + json.dumps(columns, ensure_ascii=False) + '},\n "results": {"bindings": [')
    sep = "\n  "
    for row in result._each():
        binding = {c: json_term(t) for c, t in zip(columns, row) if t is not None}
        out.write(sep + json.dumps(binding, ensure_ascii=False))
        sep = ",\n  "
    out.write("\n]}}\n")
