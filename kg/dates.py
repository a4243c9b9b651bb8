"""Dates as the sources give them: a day, a month or only a year.

A partial date is kept as its ISO string ("2025", "2025-12", "2025-12-06") so
that it sorts and compares as text, and maps onto xsd:gYear, xsd:gYearMonth or
xsd:date.
"""
from __future__ import annotations

import datetime as dt
import re

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

XSD = "http://www.w3.org/2001/XMLSchema#"


def parse_partial(value) -> str:
    """Normalise a YAML value to a partial ISO date, or raise ValueError saying why."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool) or value is None:
        raise ValueError(f"expected a date (YYYY, YYYY-MM or YYYY-MM-DD), got {value!r}")
    text = str(value).strip()
    m = _ISO.match(text)
    if not m:
        raise ValueError(f"expected a date (YYYY, YYYY-MM or YYYY-MM-DD), got {text!r}")
    year, month, day = m.groups()
    if month is not None and not 1 <= int(month) <= 12:
        raise ValueError(f"impossible date {text!r}: there is no month {int(month)}")
    if day is not None:
        try:
            dt.date(int(year), int(month), int(day))
        except ValueError:
            raise ValueError(f"impossible date {text!r}: {year}-{month} has no day {int(day)}") from None
    return text


def datatype(partial: str) -> str:
    """The XSD datatype IRI for a partial ISO date."""
    return XSD + {4: "gYear", 7: "gYearMonth", 10: "date"}[len(partial)]
