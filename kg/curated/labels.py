"""Labels computed from a record, for the kinds whose schema names one (`label:`)."""
from __future__ import annotations

from ..core.names import ordinal_words
from .records import Curated, Record


def _sources(*claim_lists) -> tuple[str, ...]:
    return tuple(dict.fromkeys(s for claims in claim_lists for c in claims for s in c.sources))


def session(curated: Curated, rec: Record) -> tuple[str, tuple[str, ...]]:
    """'23rd session of WG-MTC&DI', or 'IRIGC-M&MTC, 2002-02' for an unnumbered one; stated
    by the sources that give the number (or the date)."""
    body = curated["body"][rec.first("body")]
    # A body no source names in English goes by its label in the language a source writes.
    names = body.values("acronyms") or body.values("name") or [v[1] for v in body.values("labels")] or [body.id]
    short = names[0]
    ordinal = rec.first("ordinal")
    if ordinal:
        return f"{ordinal_words(ordinal)} session of {short}", _sources(rec.claims("ordinal")) or rec.sources
    return f"{short}, {rec.first('date')}", _sources(rec.claims("date")) or rec.sources


def visit(curated: Curated, rec: Record) -> tuple[str, tuple[str, ...]]:
    visitor = curated["person"][rec.first("visitor")].first("name")
    where = rec.first("visited") or rec.first("place")
    target = curated["organisation"].get(where) or curated["place"].get(where)
    text = f"Visit of {visitor} to {target.first('name')}" if target is not None else f"Visit of {visitor}"
    return text, rec.sources


LABELS = {"session": session, "visit": visit}
