"""The snapshot as of a day: applied once, then every view reads the filtered result.

In the manner of networkx's graph views and filters: `as_of(snapshot, day)`
keeps what a reader on that day could know had happened. A session counts
once its whole date range has passed (a session dated only to a month counts
once that month is over; an undated one never does); a body once founded; a
post holding once started or attested, and until it ended. `day=None` keeps
everything.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from ..core.dates import first_day, last_day
from ..core.names import ordinal_words
from .snapshot import SIDES, Body, Change, CoChairing, Holding, Session, Snapshot, StatedCount


@dataclass(frozen=True)
class SideCoChair:
    """What the org chart shows for one side of one body as of a date."""
    side: str
    post: str | None          # post IRI
    post_title: str           # the post's title (its skos:prefLabel), else the co-chairing's own wording
    holder: str | None        # person IRI: the post's holder as of the date (None: not known)
    holder_label: str
    session: str              # the session whose co-chair this is
    co_chair: str             # the person who co-chaired that session
    evidence: tuple[str, ...] = ()   # the IRIs whose sources state this: the co-chairing, the holding


class AsOf:
    """A snapshot seen from one day (or from no particular day)."""

    def __init__(self, snap: Snapshot, day: dt.date | None):
        self.snap, self.day = snap, day

    # ---- what had happened by the day

    @cached_property
    def dated(self) -> dict[str, Session]:
        """Sessions dated on or before the day, every status (planned ones included)."""
        if self.day is None:
            return dict(self.snap.sessions)
        return {k: s for k, s in self.snap.sessions.items()
                if (s.date is not None and last_day(s.date) <= self.day)
                or (s.date is None and s.reported is not None and last_day(s.reported) <= self.day)}

    @cached_property
    def held(self) -> dict[str, Session]:
        """Sessions that took place by the day (not planned, postponed or cancelled)."""
        return {k: s for k, s in self.dated.items() if s.held}

    @cached_property
    def bodies(self) -> dict[str, Body]:
        """The bodies that existed on the day: founded by then (or, with no founding date,
        shown by some source on or before it), not created by a later change, not ended."""
        if self.day is None:
            return dict(self.snap.bodies)
        return {k: b for k, b in self.snap.bodies.items() if self.existed(b)}

    def existed(self, b: Body) -> bool:
        day = self.day
        if b.ended and last_day(b.ended) < day:
            return False
        created = [c.date for c in self.snap.changes
                   if b.iri in c.resulting and b.iri not in c.original and c.date]
        if created and first_day(min(created, key=first_day)) > day:
            return False
        if self.superseded(b):
            return False
        if b.founded:
            return first_day(b.founded) <= day
        if created:
            return True
        return b.first_seen is not None and first_day(b.first_seen) <= day

    def superseded(self, b: Body) -> Change | None:
        """A restructuring of the body's parent, dated by the day, that no source shows the
        body after: the body is not part of the structure it left (its fate is unknown)."""
        if self.day is None or b.last_seen is None or not b.parents:
            return None
        for c in sorted(self.snap.changes, key=lambda c: c.date or ""):
            if not (c.date and "Restructuring" in c.types and first_day(c.date) <= self.day):
                continue
            if any(p in c.original and p in c.resulting for p in b.parents) and b.iri not in c.resulting \
                    and last_day(b.last_seen) < first_day(c.date):
                return c
        return None

    def renaming_after(self, b: Body, day: dt.date | None = None) -> Change | None:
        """The first dated renaming or restructuring of the body after the day."""
        day = day or self.day
        if day is None:
            return None
        later = sorted((c for c in self.snap.changes if b.iri in c.original and b.iri in c.resulting
                        and c.date and first_day(c.date) > day and c.from_names), key=lambda c: first_day(c.date))
        return later[0] if later else None

    def name(self, b: Body, day: dt.date | None = None) -> tuple[str, str]:
        """(name, acronym) the body went by on the day (by default the view's): before a
        renaming or restructuring that the sources date, the name they say it had before;
        else its current one."""
        change = self.renaming_after(b, day)
        if change is None:
            return b.label, b.acronym
        names = change.from_names
        acronyms = [n for n in names if _acronym(n)]
        full = sorted((n for n in names if not _acronym(n)), key=lambda n: (-len(n), n))
        acronym = acronyms[0] if acronyms else next((a for a in b.acronyms if a in " ".join(names)), "")
        return (full[0] if full else acronym or b.label), acronym

    def counts(self, b: Body) -> dict[str, int]:
        return {kind: c.value for kind, c in self.count_claims(b).items()}

    def count_claims(self, b: Body) -> dict[str, StatedCount]:
        """The stated counts of working groups and sub-groups as of the day: from the latest
        source dated by then, else from an undated one."""
        out = {}
        for kind in ("sub_group", "working_group"):
            stated = [c for c in b.counts if c.kind == kind]
            dated = [c for c in stated if c.date and (self.day is None or first_day(c.date) <= self.day)]
            undated = [c for c in stated if not c.date]
            pick = max(dated, key=lambda c: (c.date, c.value)) if dated else (
                max(undated, key=lambda c: c.value) if undated else None)
            if pick is not None:
                out[kind] = pick
        return out

    @cached_property
    def co_chairings(self) -> list[CoChairing]:
        return [c for c in self.snap.co_chairings if c.session in self.held]

    @cached_property
    def holdings(self) -> dict[str, list[Holding]]:
        """Per post, the holdings known to have begun by the day and not ended before it,
        each with only the attestations up to the day."""
        if self.day is None:
            return self.snap.holdings
        out: dict[str, list[Holding]] = {}
        for post, hs in self.snap.holdings.items():
            kept = []
            for h in hs:
                if h.start and first_day(h.start) > self.day:
                    continue
                if h.end and last_day(h.end) < self.day:
                    continue
                known = [first_day(a) for a in h.attested] + ([first_day(h.start)] if h.start else [])
                if known and min(known) > self.day:
                    continue
                kept.append(Holding(h.iri, h.post, h.person, h.start, h.end,
                                    [a for a in h.attested if last_day(a) <= self.day]))
            out[post] = kept
        return out

    def ended_before(self, post: str, person: str) -> bool:
        """A source ends this person's holding of the post before the day."""
        return self.day is not None and any(
            h.person == person and h.end and last_day(h.end) < self.day for h in self.snap.holdings.get(post, []))

    # ---- who held what

    def holder(self, post: str) -> Holding | None:
        """The holding of `post` that best fits the day: one whose start/end cover it, else
        the one attested most recently."""
        best, best_key = None, None
        for h in self.holdings.get(post, []):
            # The latest evidence of the person in post: a later attestation or start of
            # someone else means this holding had ended, though no source says when.
            evidence = [last_day(a) for a in h.attested] + ([first_day(h.start)] if h.start else [])
            covers = h.start is not None if self.day is not None else (h.start is not None and h.end is None)
            key = (max(evidence) if evidence else dt.date.min, covers, h.iri)
            if best_key is None or key > best_key:
                best, best_key = h, key
        return best

    def co_chairs(self, body: str) -> dict[str, SideCoChair | None]:
        """For each side, the co-chair of the body's latest held session that names one,
        with the holder of that co-chair's post on the day."""
        out: dict[str, SideCoChair | None] = {side: None for side in SIDES}
        by_side: dict[str, list[CoChairing]] = defaultdict(list)
        for c in self.co_chairings:
            if self.held[c.session].body == body and c.side in SIDES:
                by_side[c.side].append(c)
        for side, chairs in by_side.items():
            chairs.sort(key=lambda c: (self.held[c.session].sort_key(), c.iri))
            latest = chairs[-1]
            title = self.snap.labels.get(latest.post, "") if latest.post else ""
            if not title:
                title = latest.post_titles[0] if latest.post_titles else ""
            holding = self.holder(latest.post) if latest.post else None
            if holding is not None:
                holder = holding.person
            else:
                # The co-chair held the post at the session, unless a source ends their holding before the day.
                ended = latest.post is not None and self.ended_before(latest.post, latest.person)
                holder = None if ended else latest.person
            out[side] = SideCoChair(side=side, post=latest.post, post_title=title, holder=holder,
                                    holder_label=self.snap.person_label(holder) if holder else "",
                                    session=latest.session, co_chair=latest.person,
                                    evidence=(latest.iri,) + ((holding.iri,) if holding is not None else ()))
        return out

    def session_short(self, s: Session) -> str:
        name, acronym = self.name(self.snap.bodies[s.body], last_day(s.when) if s.when else None)
        short = acronym or name
        return f"{short} {ordinal_words(s.ordinal)}" if s.ordinal else f"{short} {s.date or '(undated)'}"


def _acronym(name: str) -> bool:
    return " " not in name.strip() and any(ch.isupper() for ch in name)


def as_of(snap: Snapshot, day: dt.date | None) -> AsOf:
    return AsOf(snap, day)
