"""What a query returned: rows of RDF terms, shown as Python values, tables or SPARQL JSON."""
from __future__ import annotations

from typing import Iterator

from pyoxigraph import NamedNode

from ..core.errors import KgError
from .terms import compact, json_term, python_value

__all__ = ["STREAMED", "Result", "compact", "json_term", "python_value"]

STREAMED = ("csv", "tsv", "json")


class Result:
    """What a query returned: rows for SELECT (and CONSTRUCT/DESCRIBE, as subject,
    predicate, object), a boolean for ASK.

    Iterating gives the rows as dicts of Python values; `.terms` keeps the RDF
    terms; `.df` / `.to_dataframe()` give a pandas DataFrame (frames.py).

    A lazy result (`kg.query(..., lazy=True)`) holds the engine's iterator
    instead of a list: `.write()` streams it to a file as rows arrive, and
    anything else (len, rows, df) reads it into a list first.
    """

    def __init__(self, columns: list[str], terms, form: str = "select",
                 boolean: bool | None = None, elapsed: float = 0.0, source: str = "query"):
        self.columns = columns
        self._terms = terms if isinstance(terms, list) else None
        self._pending = None if isinstance(terms, list) else iter(terms)
        self.form = form
        self.boolean = boolean
        self.elapsed = elapsed
        self.source = source
        self._rows: list[dict] | None = None

    @property
    def lazy(self) -> bool:
        """Rows still to be pulled from the engine."""
        return self._pending is not None

    @property
    def terms(self) -> list[tuple]:
        if self._pending is not None:
            pending, self._pending = self._pending, None
            self._terms = list(pending)
        return self._terms

    def _each(self) -> Iterator[tuple]:
        """The rows of terms, once, without collecting a lazy result."""
        if self._pending is not None:
            pending, self._pending = self._pending, None
            self._terms = []
            return pending
        return iter(self._terms)

    @property
    def rows(self) -> list[dict]:
        if self._rows is None:
            self._rows = [dict(zip(self.columns, map(python_value, row))) for row in self.terms]
        return self._rows

    def __iter__(self) -> Iterator[dict]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.terms)

    def __getitem__(self, index):
        return self.rows[index]

    def __bool__(self) -> bool:
        return bool(self.boolean) if self.form == "ask" else bool(self.terms)

    def __repr__(self) -> str:
        if self.form == "ask":
            return f"<Result {self.source}: {self.boolean}>"
        if self.lazy:
            return f"<Result {self.source}: rows not read yet x {len(self.columns)} columns>"
        return f"<Result {self.source}: {len(self)} rows x {len(self.columns)} columns>"

    def column(self, name: str) -> list:
        return [row[name] for row in self.rows]

    def to_dataframe(self, full_iris: bool = False):
        """A pandas DataFrame: prefixed names (full IRIs with `full_iris=True`), full dates
        as Timestamps and partial ones as text, pd.NA for every missing value."""
        try:
            from .frames import to_dataframe
        except ImportError:  # pragma: no cover - pandas is a core dependency; a broken install
            raise KgError("pandas is not installed: pip install pandas") from None
        return to_dataframe(self, full_iris=full_iris)

    @property
    def df(self):
        return self.to_dataframe()

    def to_json(self) -> dict:
        """The SPARQL 1.1 Query Results JSON document."""
        if self.form == "ask":
            return {"head": {}, "boolean": bool(self.boolean)}
        bindings = [{c: json_term(t) for c, t in zip(self.columns, row) if t is not None} for row in self.terms]
        return {"head": {"vars": list(self.columns)}, "results": {"bindings": bindings}}

    def display_rows(self, full_iris: bool = False) -> list[list[str]]:
        if self.form == "ask":
            return [["true" if self.boolean else "false"]]
        show = (lambda t: "" if t is None else (t.value if isinstance(t, NamedNode) else compact(t))) \
            if full_iris else compact
        return [[show(t) for t in row] for row in self.terms]

    def render(self, fmt: str = "table", width: int | None = None, full_iris: bool | None = None) -> str:
        """The result as text: table and md with prefixed names, csv and tsv with full
        IRIs, json as SPARQL 1.1 Query Results JSON. `width` fits a table to a terminal;
        an empty table says "(no rows)"."""
        if fmt in STREAMED:
            import io
            buf = io.StringIO()
            self.write(buf, fmt, full_iris=full_iris)
            return buf.getvalue()
        from ..core.table import NO_ROWS, render
        columns = ["boolean"] if self.form == "ask" else self.columns
        return render(columns, self.display_rows(full_iris=bool(full_iris)), fmt, width=width, empty=NO_ROWS)

    def write(self, out, fmt: str = "csv", full_iris: bool | None = None, width: int | None = None) -> None:
        """Write the result to the text file `out`. CSV, TSV and JSON are streamed: each row
        is written as the engine yields it, so a lazy result of a million rows is never
        held in memory. Table and Markdown need every row to align them."""
        if fmt not in STREAMED:
            out.write(self.render(fmt, width=width, full_iris=full_iris))
            return
        from . import stream
        stream.write(self, out, fmt, full_iris=fmt != "json" if full_iris is None else full_iris)
