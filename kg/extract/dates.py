"""Date expressions: finding candidate spans and resolving them.

Our own resolver handles the genre's forms (``29th October 2025``, ``Oct 29``,
``July 8-9, 2024``, ``30/10/2025``, ``on Wednesday``, ``today``); dateparser is
used only as a fallback on a short candidate span that looks like a date but
that the own rules cannot read. Relative expressions are resolved against an
anchor date (the dateline's date or the publication date); without an anchor
they give no date.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}

_MON = r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|(?-i:May|MAY)|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:\s?(?:st|nd|rd|th))?"
_DAY2 = r"(?:\s*(?:-|to|and|&|till|until)\s*(?:the\s+)?(?P<day2>[0-3]?\d)(?:\s?(?:st|nd|rd|th))?)?"
_YEAR = r"(?:,?\s*(?P<year>(?:19|20)\d\d)\b)?"

_PATTERNS = [
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mon>[01]\d)-(?P<day>[0-3]\d)\b")),
    ("numeric", re.compile(r"\b(?P<day>[0-3]?\d)[/.](?P<mon>[01]?\d)[/.](?P<year>(?:19|20)\d\d)\b")),
    ("dmy", re.compile(r"\b(?:the\s+)?" + _DAY + _DAY2 + r"(?:\s+of)?[\s\-]+" + _MON + r"(?:[\s\-,]+(?P<year>(?:19|20)\d\d)\b)?", re.I)),
    ("mdy", re.compile(r"\b" + _MON + r"[\s\-]+" + _DAY + r"\b" + _DAY2 + _YEAR, re.I)),
    ("relmonth", re.compile(r"\b(?:(?P<rel>last|this|next|past)\s+" + _MON + r"(?![\s\-]*\d)|" + _MON.replace("(?P<mon>", "(?P<mon2>")
                            + r"\s+(?P<rel2>last|this|next)\s+year)\b", re.I)),
    ("my", re.compile(r"\b" + _MON + r",?\s+(?P<year>(?:19|20)\d\d)\b", re.I)),
    ("weekday", None),  # _WeekdayFinder, below
    ("today", re.compile(r"\b(?P<word>today|yesterday|tomorrow|tonight|this\s+morning|this\s+evening|this\s+afternoon|earlier\s+today|later\s+today)\b", re.I)),
]


class _WeekdayMatch:
    def __init__(self, text: str, start: int, end: int, groups: dict):
        self._text, self._start, self._end, self._groups = text, start, end, groups

    def start(self, *_):
        return self._start

    def end(self, *_):
        return self._end

    def group(self, *_):
        return self._text[self._start:self._end]

    def groupdict(self):
        return self._groups


class _WeekdayFinder:
    """Weekday names, with a preceding "this/last/next/on..." where there is one.

    A single regex with that optional prefix in front is tried at every word
    boundary of the article; finding the weekday first and looking back only
    there reads the same mentions several times faster.
    """

    _WD = re.compile(r"\b(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)
    _REL = re.compile(r"\b(?P<rel>on\s+the\s+coming|this|last|next|on|coming|previous)\s*$", re.I)

    def finditer(self, text: str, start: int, end: int):
        for m in self._WD.finditer(text, start, end):
            rel = self._REL.search(text, max(start, m.start() - 40), m.start())
            s = rel.start() if rel else m.start()
            yield _WeekdayMatch(text, s, m.end(), {"rel": rel.group("rel") if rel else None, "wd": m.group("wd")})


_PATTERNS = [(kind, _WeekdayFinder() if rx is None else rx) for kind, rx in _PATTERNS]
# Words without which a pattern cannot match: a substring test is far cheaper than the scan.
_GATES = {"today": ("today", "yesterday", "tomorrow", "tonight", "morning", "evening", "afternoon")}

# looks like a date, but none of the own rules reads it: try dateparser
_LOOSE = re.compile(r"\b\d{1,4}[./\-]\d{1,2}[./\-]\d{2,4}\b|\b\d{1,2}[./\-][A-Za-z]{3,9}[./\-]\d{2,4}\b")


@dataclass
class DateMention:
    start: int
    end: int
    kind: str                 # iso numeric dmy mdy relmonth my weekday today fallback
    year: int | None = None
    month: int | None = None
    day: int | None = None
    day2: int | None = None
    rel: str | None = None    # weekday/today word details
    text: str = ""

    @property
    def absolute(self) -> bool:
        return self.year is not None and self.kind not in ("weekday", "today", "relmonth")


def find_dates(norm: str, start: int = 0, end: int | None = None) -> list[DateMention]:
    """Date candidates in ``norm[start:end]`` (non-overlapping, in order)."""
    end = len(norm) if end is None else end
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def free(s, e):
        return not any(s < te and ts < e for ts, te in taken)

    lowered = norm[start:end].lower()
    for kind, rx in _PATTERNS:
        gate = _GATES.get(kind)
        if gate and not any(word in lowered for word in gate):
            continue  # the pattern cannot match without one of these words
        for m in rx.finditer(norm, start, end):
            s, e = m.start(), m.end()
            if e <= s or not free(s, e):
                continue
            d = _read(kind, m)
            if d is None:
                continue
            d.start, d.end, d.text = s, e, m.group(0)
            found.append(d)
            taken.append((s, e))
    for m in _LOOSE.finditer(norm, start, end):
        if free(m.start(), m.end()):
            d = _fallback(m.group(0))
            if d:
                d.start, d.end, d.text = m.start(), m.end(), m.group(0)
                found.append(d)
                taken.append((m.start(), m.end()))
    found.sort(key=lambda d: d.start)
    # a weekday next to an explicit date ("on Friday, November 22") adds nothing
    out = []
    for d in found:
        if d.kind == "weekday" and any(o.kind in ("dmy", "mdy", "iso", "numeric") and abs(o.start - d.end) <= 3
                                       or o.kind in ("dmy", "mdy") and abs(d.start - o.end) <= 3 for o in found):
            continue
        out.append(d)
    return out


def _read(kind: str, m: re.Match) -> DateMention | None:
    g = m.groupdict()
    if kind in ("weekday",):
        return DateMention(0, 0, kind, rel=(g.get("rel") or "").lower().split()[-1] if g.get("rel") else "",
                           day=WEEKDAYS[g["wd"].lower()])
    if kind == "today":
        return DateMention(0, 0, kind, rel=re.sub(r"\s+", " ", g["word"].lower()))
    if kind == "relmonth":
        mon = g.get("mon") or g.get("mon2")
        month = MONTHS.get(mon.lower().rstrip("."))
        rel = (g.get("rel") or "").lower() or (g.get("rel2") or "").lower() + "-year"
        return DateMention(0, 0, kind, month=month, rel=rel) if month else None
    mon = g.get("mon")
    if mon is None:
        return None
    month = int(mon) if mon.isdigit() else MONTHS.get(mon.lower().rstrip("."))
    if not month or month > 12:
        return None
    year = int(g["year"]) if g.get("year") else None
    day = int(g["day"]) if g.get("day") else None
    day2 = int(g["day2"]) if g.get("day2") else None
    if kind == "my":
        return DateMention(0, 0, kind, year=year, month=month)
    if day is None or not 1 <= day <= 31:
        return None
    if day2 is not None and not (day < day2 <= 31):
        day2 = None
    if year is not None:
        try:
            dt.date(year, month, day)
        except ValueError:
            return None
    return DateMention(0, 0, kind, year=year, month=month, day=day, day2=day2)


def _fallback(text: str) -> DateMention | None:
    try:
        import dateparser  # slow to import: only here, for odd candidate spans
    except Exception:  # pragma: no cover
        return None
    try:
        value = dateparser.parse(text, settings={"DATE_ORDER": "DMY", "STRICT_PARSING": True,
                                                 "REQUIRE_PARTS": ["day", "month", "year"]})
    except Exception:
        return None
    if value is None or not 1900 < value.year < 2100:
        return None
    return DateMention(0, 0, "fallback", year=value.year, month=value.month, day=value.day)


def _closest_year(month: int, day: int, anchor: dt.date) -> int | None:
    best = None
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            d = dt.date(y, month, day)
        except ValueError:
            continue
        if best is None or abs((d - anchor).days) < abs((best - anchor).days):
            best = d
    return best.year if best else None


def resolve(d: DateMention, anchor: dt.date | None, future: bool = False) -> tuple[str, str | None] | None:
    """ISO date (and end date of a range) of a mention, or None."""
    if d.kind in ("weekday", "today"):
        if anchor is None:
            return None
        if d.kind == "today":
            offset = {"yesterday": -1, "tomorrow": 1}.get(d.rel, 0)
            return (anchor + dt.timedelta(days=offset)).isoformat(), None
        back = (anchor.weekday() - d.day) % 7
        if d.rel == "next" or (future and d.rel in ("", "on", "coming", "this")):
            fwd = (d.day - anchor.weekday()) % 7 or (7 if d.rel == "next" else 0)
            return (anchor + dt.timedelta(days=fwd)).isoformat(), None
        if d.rel in ("last", "previous") and back == 0:
            back = 7
        return (anchor - dt.timedelta(days=back)).isoformat(), None
    if d.kind == "my":
        return f"{d.year:04d}-{d.month:02d}", None
    if d.kind == "relmonth":
        # "last December", "in December last year": a month relative to the anchor
        if anchor is None:
            return None
        y = anchor.year
        if d.rel in ("last", "past"):
            y = y if d.month < anchor.month else y - 1
        elif d.rel == "next":
            y = y if d.month > anchor.month else y + 1
        elif d.rel == "last-year":
            y -= 1
        elif d.rel == "next-year":
            y += 1
        return f"{y:04d}-{d.month:02d}", None
    year = d.year
    if year is None:
        if anchor is None:
            return None
        year = _closest_year(d.month, d.day, anchor)
        if year is None:
            return None
    try:
        first = dt.date(year, d.month, d.day)
    except ValueError:
        return None
    end = None
    if d.day2:
        try:
            end = dt.date(year, d.month, d.day2).isoformat()
        except ValueError:
            end = None
    return first.isoformat(), end


def to_date(iso: str | None) -> dt.date | None:
    if not iso:
        return None
    try:
        return dt.date.fromisoformat(str(iso)[:10])
    except ValueError:
        return None


# ------------------------------------------------------ publication and dateline
_PUB_LINE = re.compile(
    r"^\s*(?:(?P<kind>date|published(?:\s+on)?|first\s+published(?:\s+on)?|posted(?:\s+on)?|"
    r"last\s+updated(?:\s+on)?|updated(?:\s+on)?|dated)\s*:?\s*)(?P<rest>.{4,60})", re.I)


_WEEKDAY_PREFIX = re.compile(r"^(?:mon|tues|wednes|thurs|fri|satur|sun)day\s*,?\s*", re.I)


def find_publication(norm: str, paragraph_spans) -> tuple[str | None, tuple[int, int] | None]:
    """Publication date stated in the text (metadata lines, a lone date line).

    Returns (ISO date, span of the metadata to mask) or (None, None)."""
    best = None  # (priority, iso, span)
    for start, end in paragraph_spans:
        # a line, or one field of a byline "By Staff | New Delhi | Updated: Dec 07, 2021"
        for line_m in re.finditer(r"[^\n|]+" if "|" in norm[start:end] else r"[^\n]+", norm[start:min(end, start + 2000)]):
            ls, le = start + line_m.start(), start + line_m.end()
            line = line_m.group(0)
            m = _PUB_LINE.match(line)
            if m:
                kind = m.group("kind").lower()
                ds = [d for d in find_dates(norm, ls + m.start("rest"), min(le, ls + m.start("rest") + 40))
                      if d.absolute and d.day]
                if ds and ds[0].start - (ls + m.start("rest")) <= 2:
                    d = ds[0]
                    prio = 0 if kind == "date" else (2 if "updated" in kind else 1)
                    iso = resolve(d, None)[0]
                    if best is None or prio < best[0]:
                        best = (prio, iso, (ls, d.end))
                continue
            if len(line.strip()) <= 36:
                ds = [d for d in find_dates(norm, ls, le) if d.absolute and d.day]
                bare = _WEEKDAY_PREFIX.sub("", line.strip())
                if len(ds) == 1 and len(bare) - len(ds[0].text) <= 6:
                    iso = resolve(ds[0], None)[0]
                    if best is None or 3 < best[0]:
                        best = (3, iso, (ls, le))
    if best is None:
        return None, None
    return best[1], best[2]


_DATELINE = re.compile(
    r"(?P<places>(?-i:[A-Z][A-Za-z.'\-]+)(?:[ \-](?-i:[A-Z][A-Za-z.'\-]+)){0,3}(?:\s*/\s*(?-i:[A-Z][A-Za-z.'\-]+)(?:[ \-](?-i:[A-Z][A-Za-z.'\-]+)){0,3}){0,3})"
    r"(?:\s*\[[^\]\n]{1,30}\])?\s*,\s*"
    r"(?P<date>(?:" + _MON.replace("(?P<mon>", "(?:") + r"\s+[0-3]?\d|[0-3]?\d\s+" + _MON.replace("(?P<mon>", "(?:") + r")(?:,?\s+(?:19|20)\d\d)?)"
    r"\s*(?:\((?P<agency>[^)\n]{1,40})\))?\s*(?:[:\-|]\s*)?", re.I)
_META_PREFIX = re.compile(r"\s*date\s+(?:19|20)\d\d-\d\d-\d\d\s*", re.I)


def find_dateline(norm: str, paragraph_spans, limit: int = 15):
    """The dateline at the start of one of the first paragraphs.

    Returns (DateMention of its date, (start, end) span to mask) or (None, None)."""
    for start, end in list(paragraph_spans)[:limit]:
        pos = start
        pm = _META_PREFIX.match(norm, start, end)
        if pm:
            pos = pm.end()
        m = _DATELINE.match(norm, pos, end)
        if not m or m.group("places").lower() in WEEKDAYS:   # "Friday, January 17, 2003" is not a dateline
            continue
        ds = find_dates(norm, m.start("date"), m.end("date"))
        if not ds:
            continue
        return ds[0], (start, m.end())
    return None, None
