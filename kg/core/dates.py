"""Dates as the sources give them: a day, a month or only a year.

One type for the whole package, in the manner of followthemoney's date type:
`PartialDate.parse` validates and normalises, the ISO text ("2025",
"2025-12", "2025-12-06") sorts and compares by prefix, and each value knows its
XSD datatype and the first and last day it can mean.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

XSD = "http://www.w3.org/2001/XMLSchema#"
_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_DATATYPES = {4: "gYear", 7: "gYearMonth", 10: "date"}
PRECISIONS = {4: "year", 7: "month", 10: "day"}


@dataclass(frozen=True, order=True)
class PartialDate:
    """An ISO date of year, month or day precision; ordered as its text."""

    iso: str

    @classmethod
    def parse(cls, value) -> "PartialDate":
        """A date from YAML or text, or ValueError saying what is wrong with it."""
        return cls(parse_partial(value))

    def __str__(self) -> str:
        return self.iso

    @property
    def precision(self) -> str:
        return PRECISIONS[len(self.iso)]

    @property
    def datatype(self) -> str:
        return datatype(self.iso)

    def first_day(self) -> dt.date:
        return first_day(self.iso)

    def last_day(self) -> dt.date:
        return last_day(self.iso)

    def compatible(self, other: "PartialDate | str") -> bool:
        """The same date, or one is a month or year that contains the other."""
        return compatible(self.iso, str(other))


def parse_partial(value) -> str:
    """Normalise a YAML value to a partial ISO date string, or raise ValueError saying why.

    A date-time is refused rather than cut to its date: the sources state days."""
    if isinstance(value, dt.datetime):
        raise ValueError(f"expected a date (YYYY, YYYY-MM or YYYY-MM-DD), got the date-time {value.isoformat()!r}")
    if isinstance(value, dt.date):
        text = value.isoformat()
    elif isinstance(value, bool) or value is None:
        raise ValueError(f"expected a date (YYYY, YYYY-MM or YYYY-MM-DD), got {value!r}")
    elif isinstance(value, int) and 0 <= value <= 9999:
        text = f"{value:04d}"     # YAML reads an unquoted 0000 as the integer 0
    else:
        text = str(value).strip()
    m = _ISO.match(text)
    if not m:
        raise ValueError(f"expected a date (YYYY, YYYY-MM or YYYY-MM-DD), got {text!r}")
    year, month, day = m.groups()
    if int(year) == 0:
        raise ValueError(f"impossible date {text!r}: there is no year 0000")
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
    return XSD + _DATATYPES[len(partial)]


def first_day(partial: str) -> dt.date:
    """The first day a partial ISO date ('2025', '2025-12', '2025-12-06') can mean."""
    y = int(partial[:4])
    m = int(partial[5:7]) if len(partial) >= 7 else 1
    d = int(partial[8:10]) if len(partial) >= 10 else 1
    return dt.date(y, m, d)


def last_day(partial: str) -> dt.date:
    """The last day a partial ISO date can mean."""
    y = int(partial[:4])
    if len(partial) >= 10:
        return dt.date(y, int(partial[5:7]), int(partial[8:10]))
    m = int(partial[5:7]) if len(partial) >= 7 else 12
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def compatible(a: str, b: str) -> bool:
    """Two partial dates that do not contradict each other: one is a prefix of the other."""
    return a.startswith(b) or b.startswith(a)


def parse_day(value) -> dt.date | None:
    """None, a date, or 'YYYY-MM-DD' text as a date (an as-of day); ValueError otherwise."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValueError(f"expected a date as YYYY-MM-DD, got {value!r}") from None
