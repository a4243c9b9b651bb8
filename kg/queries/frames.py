"""Query results as pandas DataFrames, typed the way an analyst expects.

    kg.query("sessions-of-body", body="wg-mtc-di").df          # prefixed names
    kg.query(...).to_dataframe(full_iris=True)                  # full IRIs

- IRIs are prefixed names (`body:wg-mtc-di`) where a project prefix fits, full
  IRIs with `full_iris=True`;
- a literal typed xsd:date (or xsd:dateTime) that gives a full day becomes a
  pandas Timestamp; partial dates (xsd:gYear "2025", xsd:gYearMonth "2025-12")
  stay strings, because sources give them so and a Timestamp would invent the
  missing month or day;
- integers, decimals and booleans get pandas' nullable dtypes, so a missing
  value is `pd.NA` in every column (in a datetime column pandas spells its NA
  as `NaT`; `pd.isna` finds both); never None in one column and NaN in another.

pandas is imported here only, and only when a DataFrame is asked for: the
`kg query` path stays light.
"""
from __future__ import annotations

import re
from decimal import Decimal

from pyoxigraph import Literal, NamedNode

from ..core.vocab import XSD
from .terms import compact, python_value

_FULL_DAY = re.compile(r"-?\d{4,}-\d{2}-\d{2}")
_DAY_TYPES = {XSD + "date", XSD + "dateTime", XSD + "dateTimeStamp"}


class _Day(str):
    """A full-day lexical form, recognised by its datatype, waiting to become a Timestamp."""


def cell(term, full_iris: bool = False):
    """One term as a DataFrame cell value (before the column gets its dtype)."""
    if term is None:
        return None
    if isinstance(term, NamedNode):
        return term.value if full_iris else compact(term)
    if isinstance(term, Literal) and term.datatype.value in _DAY_TYPES and _FULL_DAY.match(term.value):
        return _Day(term.value)
    return python_value(term)


def _column(pd, values: list):
    """A pandas Series for one column, with a dtype whose missing value is pd.NA."""
    present = [v for v in values if v is not None]
    if not present:
        return pd.Series([pd.NA] * len(values), dtype="object")
    kinds = {type(v) for v in present}
    if kinds == {_Day}:
        try:
            stamps = pd.to_datetime([None if v is None else str(v) for v in values], utc=None)
            return pd.Series(stamps)
        except (ValueError, TypeError, OverflowError):   # mixed zones or out of pandas' range
            pass
    elif kinds == {bool}:
        return pd.Series(values, dtype="boolean")
    elif kinds == {int}:
        return pd.Series(values, dtype="Int64")
    elif kinds <= {int, float, Decimal}:
        return pd.Series([None if v is None else float(v) for v in values], dtype="Float64")
    elif kinds == {str}:
        return pd.Series(values, dtype="string")
    # Mixed (a full date beside a partial one, a number beside text): each value as it is.
    return pd.Series([pd.NA if v is None else (_timestamp(pd, v) if isinstance(v, _Day) else v)
                      for v in values], dtype="object")


def _timestamp(pd, day: str):
    try:
        return pd.Timestamp(str(day))
    except (ValueError, OverflowError):
        return str(day)


def to_dataframe(result, full_iris: bool = False):
    """The rows of a `Result` as a DataFrame (see the module docstring)."""
    import pandas as pd

    if result.form == "ask":
        return pd.DataFrame({"boolean": pd.Series([bool(result.boolean)], dtype="boolean")})
    rows = [[cell(t, full_iris) for t in row] for row in result.terms]
    data = {name: _column(pd, [row[i] for row in rows]) for i, name in enumerate(result.columns)}
    return pd.DataFrame(data, columns=list(result.columns))
