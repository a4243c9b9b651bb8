"""Assembling one document's facts (the facts JSON document entry).

The text is read sentence by sentence. Each sentence yields *items*: the
sessions and bodies it talks about, in order of position (a numbered body
mention, a bare "Working Group" or "the commission" resolved by coreference,
an ordinal such as "the 20th edition of this meeting" resolved to the
last-mentioned body, or "the meeting" resolved to the session in focus).
Each fact found in the sentence (date, place, co-chair, signed document) goes
to the nearest item before it (or the first item); a fact that lands on a body
without a numbered session is dropped rather than given to another session.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

from . import bodies as B
from . import dates as D
from . import people as P
from .data import load
from .dedupe import fingerprint
from ..core.names import fold, name_key
from .gazetteer import Gazetteer
from .pipeline import get_pipeline
from .places import venue_ok
from .text import match_copy, paragraphs

MAX_SENTENCE = 3000      # characters of one sentence that rules look at
FOCUS_SENTENCES = 6      # how long "the meeting" may refer back
CUE_FOCUS_SENTENCES = 4  # a co-chair/signing sentence without any mention

_MEETING_ANAPHOR = re.compile(
    r"\b(?:the|this|that|today's|yesterday's|last\s+week's|its|their)\s+(?:(?P<current>current|present)\s+|(?:annual|bilateral|high-level|two-day|"
    r"three-day|day-long|latest|recent|\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth)\s+)?"
    r"(?:meeting|session|talks|deliberations|event|sitting|conclave|parleys|consultations)\b"
    r"|(?-i:\bIt)\s+(?=(?:was|had\s+been)\s+(?:co-?chaired|chaired|led|headed|held|convened|attended)\b)", re.I)
# "its previous session", "the last meeting": an earlier session, not the one in focus
_PAST_REF = re.compile(r"\b(?:the|its|their)\s+(?:previous|preceding|last|earlier|prior)\s+(?:(?:annual|regular|round\s+of)\s+)?"
                       r"(?:meeting|session|sitting|round|edition)\b", re.I)
_SINCE = re.compile(r"\b(?:since|after|before|than|from|until|till)\s+$", re.I)
# "an earlier version ... mistakenly described the meeting as the 18th": a number said to be wrong
_CORRECTION = re.compile(r"\b(?:mistaken(?:ly)?|wrong(?:ly)?|incorrect(?:ly)?|erroneous(?:ly)?|in\s+error)\b", re.I)
# "Shoigu said on Thursday as he began talks": the weekday is the meeting's
_SAID_AS_TALKS = re.compile(r"[^.;:]{0,40}?\b(?:as|when|while)\s+[^.;:,]{0,40}?\b(?:began|opened|held|started|kicked\s+off)\s+"
                            r"(?:(?:the|his|her|their|formal|official|bilateral|delegation-level)\s+){0,2}(?:talks|meeting|session|parleys)\b", re.I)
# "a second edition [of the exercise] is due": an exercise's edition, not a session
_EXERCISE = re.compile(r"\b(?:exercises?|drills?|games|manoeuvres|maneuvers)\b", re.I)
_OTHER_BEFORE = re.compile(r"\b(?:previous|preceding|last|earlier|next|upcoming|forthcoming|prior|former)\b[\s,]*(?:the\s+)?$", re.I)
_FUTURE = re.compile(r"\b(?:will|shall|to\s+be\s+held|is\s+scheduled|are\s+scheduled|is\s+set\s+to|slated|"
                     r"expected\s+to|upcoming|forthcoming|next\s+(?:meeting|session|round)|(?:is|are)\s+(?:also\s+)?due\s+to|"
                     r"would\s+(?:sign|ink|hold|meet|co-?chair|travel|visit|be\s+(?:signed|held|inked)))\b", re.I)
_END_CUE = re.compile(r"\b(?:conclud\w*|ended|ends|ending|wound\s+up|wrapped\s+up|closed|culminated)\b[^.;]{0,60}$", re.I)
_DAY_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "2": 2, "3": 3, "4": 4, "5": 5}
_SPAN_DAYS = re.compile(r"\b(two|three|four|five|[2-5])[\s-]day\s+(?:[\w\-]+\s+){0,5}?(?:session|meeting|sitting|talks|deliberations)\b", re.I)
_START_CUE = re.compile(r"\b(?:began|begins|opened|opens|commenced|started|kicked\s+off|beginning)\b[^.;]{0,40}$", re.I)
_HERE = re.compile(r"\b(?:held|met|meets|meeting|took\s+place|convened|co-chaired|chaired|concluded|began|opened|hosted|session|talks)\b[^.;]{0,160}?"
                   r"(?:\b(?P<here>here)\b|\bin\s+the\s+(?P<capital>capital)\b(?!\s+of\b|'s|\s+cities))", re.I)
_CITY_DATELINE = re.compile(r"(?P<city>(?-i:[A-Z][A-Za-z.'\-]+)(?:\s(?-i:[A-Z][A-Za-z.'\-]+)){0,2})\s*(?:\([^)\n]{1,30}\)\s*)?"
                            r"(?::|\s[-\u2013\u2014]\s|[\u2013\u2014])\s*")
_CAPITALS = {"New Delhi", "Moscow"}
_OTHER_SESSION_REF = re.compile(r"\b(?:since|after|before|than|previous|preceding|next|upcoming|following)\s+(?:the\s+|its\s+|their\s+)?$", re.I)
_DATE_BLOCK = re.compile(r"(?:set\s+up|established|formed|founded|created|constituted|since|born|until|till|"
                         r"valid|by|expires?|expiring|birthday|anniversary|dated)\s+(?:in\s+|on\s+)?(?:the\s+)?$", re.I)
_KIND = (r"(?P<kind>protocols?|agreements?|memorand(?:um|a)(?:\s+of\s+understanding)?|mou'?s?|joint\s+statements?|"
         r"contracts?|road\s?-?maps?)")
_SIGNING = [
    re.compile(r"\bsign(?:ed|ing|s)?\s+(?:of\s+)?(?:an?\s+|the\s+|two\s+|three\s+|four\s+|five\s+|six\s+|several\s+|"
               r"a\s+number\s+of\s+|\d+\s+)?(?:[\w\-]+\s+){0,2}?" + _KIND + r"\b", re.I),
    re.compile(_KIND + r"(?:\s+[\w\-,()]+){0,8}?\s+(?:was|were|has\s+been|have\s+been|had\s+been|is|are|being|got|"
               r"would\s+be|will\s+be)\s+(?:also\s+|formally\s+|finally\s+)?(?:signed|inked|concluded|exchanged)\b", re.I),
    re.compile(_KIND + r"\s+(?:was\s+)?signing\b", re.I),
    # "put their signatures to the protocol"
    re.compile(r"\bsignatures?\s+(?:to|on)\s+(?:an?\s+|the\s+)?(?:[\w\-]+\s+){0,2}?" + _KIND + r"\b", re.I),
    # "The protocol of the 14th session of the ... Commission ... was inked"
    re.compile(_KIND + r"\s+of\s+(?:the|its|their)\s+[^.;]{0,160}?\b(?:session|meeting|sitting)\b[^.;,]{0,140}?\s+(?:was|were|has\s+been|had\s+been)"
               r"\s+(?:also\s+|formally\s+)?(?:signed|inked)\b", re.I),
    re.compile(r"\b(?:inked|concluded|exchanged)\s+(?:an?\s+|the\s+|two\s+|\d+\s+)?(?:[\w\-]+\s+){0,2}?" + _KIND + r"\b", re.I),
]
def _kind_of(text: str) -> str:
    kind = re.sub(r"\s+", " ", text.lower())
    for head, k in (("protocol", "protocol"), ("agreement", "agreement"), ("memorand", "memorandum"),
                    ("mou", "memorandum"), ("joint", "joint statement"), ("contract", "contract")):
        if kind.startswith(head):
            return k
    return "roadmap"


@lru_cache(maxsize=None)
def _signing_list(before: bool = False) -> re.Pattern:
    """A further kind joined onto a list, after it ("..., and a memorandum") or
    (``before``) ahead of it ("three contracts, a ..."), from signing.yaml."""
    d = load("signing.yaml")
    joiners = "|".join(r"\s+".join(map(re.escape, j.split())) for j in d["joiners"])
    det = r"(?:(?:" + "|".join(d["determiners"]) + r")\s+)?"
    if before:
        return re.compile(det + _KIND + r"\s*(?:" + joiners + r")\s+" + det + r"$", re.I)
    return re.compile(r"\s*(?:" + joiners + r")\s+" + det + _KIND + r"\b", re.I)


_SIGN_BLOCK = re.compile(r"\b(?:summit|visit|modi|putin|prime\s+minister|president|leaders|had\s+(?:been\s+)?(?:signed|inked)|"
                         r"in\s+the\s+(?:last|past))\b", re.I)
_AGREEMENT_TITLE = re.compile(
    r"(?-i:(?P<title>(?:(?:Inter[\s\-]?[Gg]overnmental|Bilateral|Framework)\s+)?"
    r"(?:Agreement|Memorandum\s+of\s+Understanding|MoU|MOU|Treaty|Protocol|Roadmap|Road\s+Map)\s+"
    r"(?:on|for|between|regarding|concerning|about)\s+(?:the\s+)?"
    r"[A-Z][\w\-]*(?:\s+(?:[A-Z][\w\-]*|of|on|for|and|the|in|&|(?:19|20)\d\d(?:\s*[-/]\s*(?:19|20)?\d\d)?))"
    r"{0,14}))")
_PERIOD = re.compile(r"\s*(?:,\s*)?(?:for\s+(?:the\s+(?:period|years)\s+)?(?:from\s+)?|from\s+|till\s+|until\s+|up\s+to\s+)"
                     r"(?P<period>(?:19|20)\d\d\s*(?:-|to|–)\s*(?:19|20)?\d\d)", re.I)
_AGREEMENT_ANAPHOR = re.compile(r"\b(?:[Tt]he|[Tt]his|[Tt]hat)\s+(?-i:Agreement|agreement|pact|MoU|accord|treaty|Treaty)\b")
_SIGNED_ON = re.compile(r"\b(?:signed|inked|concluded|sealed)\s+(?:[\w\-]+\s+){0,3}?(?:on|in)\s+(?:the\s+)?$", re.I)
_EARLIER_SIGNING = re.compile(r"\b(?:which|that)\b[^.;]{0,80}?\b(?:signed|inked|concluded|sealed)\s+(?:on\s+|in\s+)?(?:the\s+)?$", re.I)
_OTHER_MEETING_OF = re.compile(r"\b(?:previous|preceding|last|next|earlier|upcoming|forthcoming|following|subsequent|future|"
                               r"past|prior)\s+(?:(?:annual|regular|round\s+of)\s+)?(?:meeting|session|sitting|round|edition)s?\s+"
                               r"(?:of|under)\s+$", re.I)
_SAID = re.compile(r"\b(?:said|says|recalled|added|stated|announced|noted|remarked|claimed|"
                   r"told\s+(?:\w+\s+){0,2}?)\s*(?:on\s+|this\s+|late\s+|earlier\s+)?$", re.I)
_MINISTERS = re.compile(r"\b(?:the\s+(?:two\s+)?(?:defen[cs]e\s+)?|both\s+(?:the\s+)?(?:defen[cs]e\s+)?)ministers\b", re.I)
MINISTER_SENTENCES = 10  # how far back "the two ministers" may look for their names
_MINISTERS_SUBJECT = re.compile(r"\b(?:the\s+two\s+(?:defen[cs]e\s+)?|the\s+(?:defen[cs]e\s+)?|both\s+(?:the\s+)?(?:defen[cs]e\s+)?)"
                                r"ministers\b[^.;:\"]{0,80}$", re.I)
_MINISTER_TITLE = re.compile(r"\b(?:defen[cs]e\s+minister|minister\s+of\s+defen[cs]e|counterpart|raksha\s+mantri)\b[\s,]*"
                             r"(?:(?:army\s+general|shri|mr\.?|dr\.?)\s+)?$", re.I)
_SIDE_WORD = re.compile(r"\b(india(?:n|'s)?|russia(?:n|'s)?)\b", re.I)
# the document's main session: an unnumbered reference elsewhere in the text
_MAIN_REF = re.compile(r"\b(?:talks|meeting|session|parleys|deliberations|co-?chaired)\b", re.I)
_MAIN_BLOCK = re.compile(r"\b(?:summit|2\s*\+\s*2|two[\s\-]plus[\s\-]two|sub-?groups?|working\s+groups?|previous|preceding|"
                         r"(?:earlier|prior|former)\s+(?:meeting|session|round|talks)|next|upcoming|forthcoming|last\s+(?:year|month|week|meeting|session|round|time)|"
                         r"had\s+(?:been|met|held|signed|co-?chaired)|exercises?|in\s+(?:19|20)\d\d|since|ago|planned|postponed|"
                         r"cancell?ed|could\s+not|each\s+year|every\s+year|annual(?:ly)?)\b|[\"\u201c\u201d]", re.I)
_CHAIR_HINT = re.compile(r"chair|\bled\b|\bhead", re.I)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_SIGN_VERB = re.compile(r"\b(?:signed|inked|concluded|sealed|initialled|initialed|renewed)\b", re.I)


@dataclass
class Evidence:
    start: int
    end: int
    rule: str
    confidence: float

    def to_json(self, text: str) -> dict:
        return {"quote": text[self.start:self.end], "start": self.start, "end": self.end,
                "rule": self.rule, "confidence": round(self.confidence, 3)}


@dataclass
class _GazPerson:
    start: int
    end: int
    label: str = "PERSON"


@dataclass
class Item:
    pos: int
    body: str | None
    session: tuple | None
    rule: str
    explicit: bool = False
    other: bool = False   # a previous session ("its previous session, the 14th"): takes no focus


@dataclass
class SessionAcc:
    body: str
    ordinal: int
    evidence: Evidence
    dates: list = field(default_factory=list)     # (confidence, order, iso, end, Evidence)
    places: list = field(default_factory=list)    # (confidence, order, name, Evidence)
    chairs: list = field(default_factory=list)    # [name, country, cconf, title, Evidence, rank]
    signed: dict = field(default_factory=dict)    # kind -> Evidence


def extract_text(text: str, document: str, published: str | None = None,
                 gazetteer: Gazetteer | None = None) -> dict:
    """Facts of one document (an entry of the facts JSON ``documents`` list)."""
    return _Extractor(text, document, published, gazetteer).run()


class _Extractor:
    def __init__(self, text, document, published, gazetteer):
        self.text = text if isinstance(text, str) else str(text)
        self.document = document
        self.norm = match_copy(self.text)
        self.published_arg = published
        self.pipe = get_pipeline(gazetteer)
        self.gaz = self.pipe.gazetteer
        self.order = 0

    # ------------------------------------------------------------------ run
    def run(self) -> dict:
        text, norm = self.text, self.norm
        paras = paragraphs(text, norm)
        kept = [(p.start, p.end) for p in paras if not p.repeated and not p.boilerplate]
        all_spans = [(p.start, p.end) for p in paras if not p.repeated]
        pub_iso, pub_span = None, None
        if self.published_arg:
            d = D.to_date(str(self.published_arg))
            pub_iso = d.isoformat() if d else None
        if pub_iso is None:
            pub_iso, pub_span = D.find_publication(norm, all_spans[:40] + all_spans[max(40, len(all_spans) - 40):])
        pub_date = D.to_date(pub_iso)
        dl, dl_span = D.find_dateline(norm, kept)
        dl_iso = None
        if dl is not None:
            r = D.resolve(dl, pub_date)
            dl_iso = r[0] if r and len(r[0]) == 10 else None
        self.anchor = D.to_date(dl_iso) or pub_date
        self.dateline_city = None
        if dl_span:
            cities = [g for g in self.pipe.sentences(norm, [dl_span])[1] if g.label == "PLACE"]
            if len(cities) == 1:
                self.dateline_city = cities[0].key
        else:
            # a dateline without a date: "NEW DELHI: ...", "Moscow (TASS) - ..."
            for start, end in kept[:3]:
                m = _CITY_DATELINE.match(norm, start, end)
                if m and end - m.end() > 40:
                    cities = [g for g in self.pipe.sentences(norm, [(m.start(), m.end("city"))])[1] if g.label == "PLACE"]
                    if len(cities) == 1 and cities[0].start == m.start() and cities[0].end == m.end("city"):
                        self.dateline_city = cities[0].key
                    break
        masks = [m for m in (pub_span, dl_span) if m]
        meta = re.match(r"^\s*date\s+(?:19|20)\d\d-\d\d-\d\d\b", norm)
        if meta:
            masks.append((meta.start(), meta.end()))
        self.masks = sorted(masks)

        found = self.pipe.analyse(norm, kept)
        sents, gaz = found.sents, found.gazetteer
        sents = self._apply_masks(sents)
        self.sents = sents
        self.gm = gaz
        self.gm_starts = [g.start for g in gaz]
        mentions = B.find_mentions(norm, found.bodies)
        self.mentions = [m for m in mentions if not self._masked(m.start)]
        self.m_starts = [m.start for m in self.mentions]
        ordinals = B.find_ordinals(norm, self.mentions, found.ordinals)
        self.ordinals = ordinals
        self.o_starts = [o.start for o in ordinals]
        self.dates = [d for d in D.find_dates(norm) if not self._masked(d.start)]
        self.d_starts = [d.start for d in self.dates]
        self.doc_bodies = {m.body for m in self.mentions if m.body}

        # run 1 collects the sessions; run 2 reads the facts knowing all of them
        self.sessions: dict[tuple, SessionAcc] = {}
        self._walk(collect_only=True)
        known = dict(self.sessions)
        main = self.main_session
        self.doc_main = main if main and (main[0].startswith("irigc") or main[0] in B.WORKING_GROUPS) else None
        self.pub_year = pub_iso[:4] if pub_iso else None
        self.sessions = {}
        self.known = known
        self.posts: list = []
        self.visits: list = []
        self.agreements: list = []
        self._walk(collect_only=False)
        return self._output(pub_iso, dl, dl_iso, dl_span, paras)

    def _masked(self, pos: int) -> bool:
        return any(s <= pos < e for s, e in self.masks)

    def _apply_masks(self, sents):
        out = []
        for s, e in sents:
            for ms, me in self.masks:
                if ms <= s < me:
                    s = me
            while s < e and self.norm[s].isspace():
                s += 1
            while e > s and self.norm[e - 1].isspace():
                e -= 1
            if e > s:
                out.append((s, e))
        return out

    def _in(self, starts, items, s, e):
        i = bisect.bisect_left(starts, s)
        j = bisect.bisect_left(starts, e)
        return items[i:j]

    # --------------------------------------------------------------- walking
    def _walk(self, collect_only: bool):
        self.focus_body = None        # (body, sentence index)
        self.focus_session = None     # (key, sentence index)
        self.focus_wg = None
        self.focus_commission = None
        self.main_session = None      # the first numbered session not introduced as another one
        self.known_sessions = self.sessions if collect_only else self.known
        self.last_ref = None          # the last session referred to (or "other": a previous/next one)
        self.last_agreement = None
        for idx, (s, e) in enumerate(self.sents):
            e_cap = min(e, s + MAX_SENTENCE)
            items = self._items(idx, s, e_cap, collect_only)
            if not collect_only:
                self._facts(idx, s, e_cap, items)
            self._update_focus(idx, items)

    def _recent(self, focus, idx, limit):
        return focus is not None and idx - focus[1] <= limit

    def _sessions_of(self, body):
        return sorted(k for k in self.known_sessions if k[0] == body)

    def _session(self, body, ordinal, ev_start, ev_end, rule, conf, collect_only):
        key = (body, ordinal)
        acc = self.sessions.get(key)
        if acc is None:
            acc = SessionAcc(body, ordinal, Evidence(ev_start, ev_end, rule, conf))
            self.sessions[key] = acc
        return key

    def _acc(self, key) -> SessionAcc:
        acc = self.sessions.get(key)
        if acc is None:
            k = self.known.get(key)
            acc = SessionAcc(key[0], key[1], k.evidence if k else Evidence(0, 0, "unknown", 0.5))
            self.sessions[key] = acc
        return acc

    def _resolve_wg(self, ordinal, s, e):
        if ordinal is not None:
            cands = [b for b in B.WORKING_GROUPS if (b, ordinal) in self.known_sessions]
            if len(cands) == 1:
                return cands[0], "bare-wg-same-number"
        if self.focus_wg is not None:
            return self.focus_wg[0], "bare-wg-last-mentioned"
        window = self.norm[s:e].lower()
        if re.search(r"defen[cs]e\s+industr|technical|defen[cs]e\s+production|fsmtc", window):
            return "wg-mtc-di", "bare-wg-context"
        if re.search(r"military\s+co-?operation|integrated\s+defen[cs]e\s+staff|general\s+staff", window):
            return "wg-mc", "bare-wg-context"
        groups = {k[0] for k in self.known_sessions if k[0] in B.WORKING_GROUPS}
        if len(groups) == 1:
            return groups.pop(), "bare-wg-only-group"
        return None, ""

    def _resolve_anaphor(self, m: B.Mention, ordinal, s, e):
        if m.anaphor == "working-group":
            return self._resolve_wg(ordinal, s, e)
        if m.anaphor == "commission":
            if self.focus_commission is not None:
                return self.focus_commission[0], "commission-last-mentioned"
            if "irigc-mmtc" in self.doc_bodies:
                return "irigc-mmtc", "commission-in-document"
            return None, ""
        if m.anaphor == "summit":
            if self.focus_body and "summit" in (self.focus_body[0] or ""):
                return self.focus_body[0], "summit-last-mentioned"
            if "annual-summit" in self.doc_bodies:
                return "annual-summit", "summit-in-document"
            return None, ""
        if m.anaphor == "subgroup":
            if self.focus_body and self.focus_body[0].startswith("subgroup-"):
                return self.focus_body[0], "subgroup-last-mentioned"
            subs = sorted({b for b in self.doc_bodies if b.startswith("subgroup-")})
            if len(subs) == 1:
                return subs[0], "subgroup-in-document"
            return None, ""
        if m.anaphor == "dialogue":
            if "two-plus-two" in self.doc_bodies:
                return "two-plus-two", "dialogue-in-document"
            return None, ""
        return None, ""

    def _items(self, idx, s, e, collect_only) -> list[Item]:
        items: list[Item] = []
        ords = {id(o.mention): o for o in self._in(self.o_starts, self.ordinals, s, e) if o.mention is not None}
        sent_ords = self._in(self.o_starts, self.ordinals, s, e)
        correction = bool(sent_ords) and bool(_CORRECTION.search(self.norm, s, e))
        for m in self._in(self.m_starts, self.mentions, s, e):
            o = ords.get(id(m))
            ordinal = o.value if o else None
            body, rule = m.body, m.rule
            if body is None:
                body, rule = self._resolve_anaphor(m, ordinal, s, e)
                if body is None:
                    continue
            pos = o.start if o and o.start < m.start else m.start
            if ordinal is not None and correction:
                ordinal = None  # "mistakenly described as the 18th session of ...": no session
            if ordinal is not None:
                key = self._session(body, ordinal, s, e, f"{o.rule}/{rule}", 0.95 if m.body else 0.8, collect_only)
                items.append(Item(pos, body, key, rule, explicit=True))
                if self.main_session is None and not _OTHER_BEFORE.search(self.norm, max(s, pos - 40), pos):
                    self.main_session = key
            else:
                key = None
                if _OTHER_MEETING_OF.search(self.norm, max(s, m.start - 60), m.start):
                    # "the previous meeting of the commission": not the session in focus
                    items.append(Item(pos, body, None, rule))
                    self._note_body(body, idx)
                    continue
                if self.focus_session and self.focus_session[0][0] == body and self._recent(self.focus_session, idx, FOCUS_SENTENCES):
                    key = self.focus_session[0]
                else:
                    ks = self._sessions_of(body)
                    if len(ks) == 1:
                        key = ks[0]
                items.append(Item(pos, body, key, rule))
            self._note_body(body, idx)
        for o in self._in(self.o_starts, self.ordinals, s, e):
            if not o.coref or correction:
                continue
            if _OTHER_SESSION_REF.search(self.norm, max(s, o.start - 25), o.start):
                continue
            if o.rule == "ordinal-meeting-coref" and _EXERCISE.search(self.norm, s, o.start):
                continue
            body, rule = None, ""
            other = False
            if o.rule == "appositive-ordinal":
                # "The previous meeting of the commission, its 19th, ...": the body just named
                before = [it for it in items if it.pos < o.start]
                if before:
                    body, rule = before[-1].body, "appositive-body"
                other = bool(_PAST_REF.search(self.norm, max(s, o.start - 120), o.start)
                             or _OTHER_BEFORE.search(self.norm, max(s, o.start - 120), o.start))
            after = self.norm[o.end:o.end + 40].lower()
            demonstrative = bool(re.search(r"\b(?:of\s+)?(?:this|that|the\s+same)\b", after[:30]))
            cands = sorted({k[0] for k in self.known_sessions if k[1] == o.value})
            if body is None and len(cands) == 1 and not demonstrative:
                body, rule = cands[0], "ordinal-same-number"
            elif body is None and self.focus_body and self._recent(self.focus_body, idx, 4):
                body, rule = self.focus_body[0], "ordinal-last-mentioned-body"
            elif body is None and len(cands) == 1:
                body, rule = cands[0], "ordinal-same-number"
            if body is None:
                continue
            key = self._session(body, o.value, s, e, f"{o.rule}/{rule}", 0.75, collect_only)
            items.append(Item(o.start, body, key, rule, explicit=True, other=other))
        if self.focus_session and self._recent(self.focus_session, idx, FOCUS_SENTENCES):
            for m in _MEETING_ANAPHOR.finditer(self.norm, s, e):
                if any((it.pos <= m.start() < it.pos + 80 or m.start() <= it.pos < m.end()) and it.explicit for it in items):
                    continue
                key = self._ministerial(self.focus_session[0], s, e)
                if m.group("current") and self.main_session and self.main_session[0] == key[0]:
                    key = self.main_session  # "the current meeting" after a mention of the previous one
                items.append(Item(m.start(), key[0], key, "meeting-anaphor"))
        ref_body = (self.focus_session[0][0] if self.focus_session else self.focus_body[0] if self.focus_body else None)
        if ref_body is not None:
            for m in _PAST_REF.finditer(self.norm, s, e):
                if _SINCE.search(self.norm, max(s, m.start() - 12), m.start()):
                    continue  # "progress since the last meeting": a time reference, not that session's facts
                if not any(it.pos <= m.start() < it.pos + 80 and it.explicit for it in items):
                    # "its previous session was held in New Delhi under ...": not the session in focus
                    items.append(Item(m.start(), ref_body, None, "past-session-ref", other=True))
        if not collect_only:
            main_item = self._main_reference(idx, s, e, items)
            if main_item is not None:
                items.append(main_item)
        items.sort(key=lambda it: it.pos)
        for it in items:
            if it.other:
                continue  # a previous session: later unnumbered references are not to it
            if it.session is not None:
                self.last_ref = it.session
            elif it.rule != "meeting-anaphor" and _OTHER_MEETING_OF.search(self.norm, max(s, it.pos - 60), it.pos + 1):
                self.last_ref = "other"
        return items

    def _main_reference(self, idx, s, e, items):
        """"Singh on Tuesday held talks with his counterpart in Moscow" (the
        session's number given only later, or long before): with one main
        session in the document (the first numbered one, not introduced as a
        previous or next one), an unnumbered reference to the talks/meeting in
        a sentence about nothing else attaches to it."""
        main = self.doc_main
        if main is None or self.last_ref not in (None, main):
            return None
        if self.focus_session and self.focus_session[0] != main and self._recent(self.focus_session, idx, FOCUS_SENTENCES):
            return None
        if any(it.session is not None or it.body != main[0] for it in items):
            return None
        m = _MAIN_REF.search(self.norm, s, e)
        if m is None or _MAIN_BLOCK.search(self.norm, s, e) or _FUTURE.search(self.norm, s, e):
            return None
        if any(self.pub_year is None or y.group(0) < self.pub_year for y in _YEAR.finditer(self.norm, s, e)):
            return None
        if re.search(r"\d+(?:st|nd|rd|th)\b|\b(?:first|second|third)\s+(?:meeting|session|round)", self.norm[s:e], re.I):
            return None
        return Item(s, main[0], main, "main-session-document")

    def _ministerial(self, key, s, e):
        """"The meeting ... the Ministers signed": the ministers co-chair the
        commission, not its working groups; with one commission session in the
        document, a sentence about the ministers' meeting is about it."""
        if key[0] in B.WORKING_GROUPS and _MINISTERS.search(self.norm, s, e):
            ks = self._sessions_of("irigc-mmtc")
            if len(ks) == 1:
                return ks[0]
        return key

    def _note_body(self, body, idx):
        if body in B.WORKING_GROUPS:
            self.focus_wg = (body, idx)
        if body.startswith("irigc"):
            self.focus_commission = (body, idx)

    def _update_focus(self, idx, items):
        if items and items[-1].other:
            # a previous session takes no focus: a later "the meeting" is still the one in focus
            self.focus_body = (items[-1].body, idx)
            return
        if not items:
            return
        last = items[-1]
        # a parent commission mentioned after a group's session keeps the group in focus
        group_items = [it for it in items if not it.body.startswith("irigc") and it.rule != "meeting-anaphor"]
        if last.session is None and last.body.startswith("irigc") and group_items:
            last = group_items[-1]
        if (last.session is None and last.body.startswith("irigc") and self.focus_session is not None
                and not self.focus_session[0][0].startswith("irigc") and not self.focus_session[0][0].startswith(("annual", "two", "other"))):
            # "the panel under the IRIGC-M&MTC": the parent commission does not end the group's session
            self.focus_body = (last.body, idx)
            self.focus_session = (self.focus_session[0], idx)
            return
        self.focus_body = (last.body, idx)
        if last.session is not None:
            self.focus_session = (last.session, idx)
        elif last.rule != "meeting-anaphor":
            # "the 16th session ... a month after the annual summit in Goa":
            # a later unnumbered mention of another mechanism does not end the
            # numbered session that the sentence reports
            explicit = [it for it in items if it.explicit and it.session is not None]
            self.focus_session = (explicit[-1].session, idx) if explicit else None

    # ----------------------------------------------------------------- facts
    def _target(self, items: list[Item], pos: int) -> Item | None:
        if not items:
            return None
        i = bisect.bisect_right([it.pos for it in items], pos) - 1
        it = items[i] if i >= 0 else items[0]
        if it.session is None and it.body.startswith("irigc"):
            groups = [x for x in items if x.session and not x.body.startswith("irigc")]
            if groups:
                before = [x for x in groups if x.pos <= pos]
                it = before[-1] if before else groups[0]
        return it

    def _facts(self, idx, s, e, items):
        norm = self.norm
        gp_s = [g for g in self._in(self.gm_starts, self.gm, s, e) if g.label == "PERSON"]
        chairs = P.chair_persons(norm, s, e, gp_s)
        if len(chairs) < 2 and _CHAIR_HINT.search(norm, s, e):
            chairs = self._surname_chairs(idx, s, e, gp_s) or chairs
        strong_cue = any(p.rule.startswith(("co-chair", "chaired-jointly", "delegation-led", "in-the-chair", "delegations-led"))
                         for p in chairs)
        signings = self._signings(s, e)
        if not items and self.focus_session and (
                (strong_cue and self._recent(self.focus_session, idx, CUE_FOCUS_SENTENCES)) or
                (signings and self._recent(self.focus_session, idx, CUE_FOCUS_SENTENCES)
                 and not _SIGN_BLOCK.search(norm, s, e))):
            key = self._ministerial(self.focus_session[0], s, e)
            items = [Item(s, key[0], key, "focus-cue")]
        sent_ev = lambda rule, conf: Evidence(s, e, rule, conf)
        future = bool(_FUTURE.search(norm, s, e))
        if future:  # "its next sitting is expected in New Delhi": only numbered sessions get facts
            items = [it for it in items if it.explicit]
        if items:
            # dates
            for d in self._in(self.d_starts, self.dates, s, e):
                if _DATE_BLOCK.search(norm[max(s, d.start - 30):d.start]):
                    continue
                if (d.kind in ("weekday", "today") and _SAID.search(norm, max(s, d.start - 40), d.start)
                        and not _SAID_AS_TALKS.match(norm, d.end, e)):
                    continue  # "..., Shoigu recalled on Monday": the date of the remark
                if _EARLIER_SIGNING.search(norm, max(s, d.start - 120), d.start):
                    continue  # "the Agreement ..., which the two countries signed on <date>"
                r = D.resolve(d, self.anchor, future)
                if r is None:
                    continue
                it = self._target(items, d.start)
                if it is None or it.session is None:
                    continue
                conf = {"iso": 0.95, "numeric": 0.9, "dmy": 0.95, "mdy": 0.95, "my": 0.7, "relmonth": 0.65, "weekday": 0.8,
                        "today": 0.8, "fallback": 0.7}[d.kind]
                if d.kind in ("dmy", "mdy") and d.year is None:
                    conf = 0.85
                after_mention = 0.01 if d.start > it.pos else 0.0
                head = norm[max(s, d.start - 80):d.start]
                if _START_CUE.search(head):
                    conf += 0.02
                elif _END_CUE.search(head) or (d.kind == "today" and re.match(r"\s*(?:,\s*)?(?:conclud|ended|wound|wrapped|closed)", norm[d.end:d.end + 20], re.I)):
                    span = _SPAN_DAYS.search(norm, s, d.start)
                    end_day = D.to_date(r[0]) if span and r[1] is None and len(r[0]) == 10 else None
                    if end_day is not None:  # "the two-day session concluded on Wednesday": began the day before
                        n = _DAY_WORDS[span.group(1).lower()]
                        r = ((end_day - dt.timedelta(days=n - 1)).isoformat(), r[0])
                    else:
                        conf -= 0.15
                self.order += 1
                self._acc(it.session).dates.append(
                    (conf + after_mention, -self.order, r[0], r[1], sent_ev(f"date-{d.kind}", conf)))
            # places
            for g in self._in(self.gm_starts, self.gm, s, e):
                if g.label not in ("PLACE", "VENUE"):
                    continue
                ok, rule = venue_ok(norm, s, g.start, g.end)
                if not ok:
                    continue
                it = self._target(items, g.start)
                if it is None or it.session is None:
                    continue
                conf = 0.9 if g.label == "PLACE" else 0.85
                self.order += 1
                self._acc(it.session).places.append(
                    (conf, -self.order, g.key, sent_ev(rule if g.label == "PLACE" else "venue-implies-city", conf)))
            # "held here": the dateline's city
            if self.dateline_city:
                for hm in _HERE.finditer(norm, s, e):
                    if hm.group("capital") and self.dateline_city not in _CAPITALS:
                        continue  # "in the capital": the dateline's city if that is a capital
                    it = self._target(items, hm.start("here") if hm.group("here") else hm.start("capital"))
                    if it is None or it.session is None:
                        continue
                    self.order += 1
                    self._acc(it.session).places.append(
                        (0.8, -self.order, self.dateline_city, sent_ev("here-is-dateline-city", 0.8)))
            # "the two ministers co-chaired the 21st session": the ministers named before
            if not chairs:
                chairs = self._minister_pair(idx, s, e, items)
            # co-chairs
            for p in chairs:
                it = self._target(items, p.cue_start)
                if it is None or it.session is None:
                    continue
                self._add_chair(self._acc(it.session), p, sent_ev(f"co-chair-{p.rule}", p.confidence))
            # signed
            for kind, pos in signings:
                it = self._target(items, pos)
                if it is None or it.session is None:
                    continue
                self._acc(it.session).signed.setdefault(kind, sent_ev("signed-" + kind.replace(" ", "-"), 0.85))
        # posts and visits (independent of sessions)
        gp = [g for g in self._in(self.gm_starts, self.gm, s, e) if g.label == "PERSON"]
        for name, title in P.posts_in(norm, s, e, gp):
            self.posts.append((name, title, sent_ev("name-title", 0.8)))
        for p in chairs:
            if p.title:
                self.posts.append((p.name, p.title, sent_ev("co-chair-title", 0.8)))
        for person, cue, org in P.visits_in(norm, s, e, gp):
            self._add_visit(person, cue, org, s, e)
        self._agreements(idx, s, e, items)

    def _surname_chairs(self, idx, s, e, gp):
        """"Singh and Shoigu co-chaired the talks": a surname alone that is the
        last word of exactly one person named in full earlier in the document
        counts as that person."""
        norm = self.norm
        if not P.find_cues(norm, s, e):
            return []
        if not hasattr(self, "_full_upto"):
            self._full_upto, self._surnames = 0, {}
        for j in range(self._full_upto, idx):
            a, b = self.sents[j]
            b = min(b, a + MAX_SENTENCE)
            gpj = [g for g in self._in(self.gm_starts, self.gm, a, b) if g.label == "PERSON"]
            for n in P.find_names(norm, a, b, gpj):
                words = n.text.split()
                if len(words) < 2 or not re.fullmatch(r"[A-Z][a-z]{2,}", words[-1]):
                    continue
                self._surnames.setdefault(words[-1], {})[frozenset(name_key(n.text))] = n.text
        self._full_upto = max(self._full_upto, idx)
        if not self._surnames:
            return []
        fake, full = [], {}
        for m in re.finditer(r"(?<![\w.'\-])[A-Z][a-z]{2,}(?![\w'\-])", norm[s:e]):
            a, b = s + m.start(), s + m.end()
            people = self._surnames.get(m.group(0))
            if not people or len(people) != 1:
                continue
            if re.search(r"[A-Z][\w.\-]*\s+$", norm[max(s, a - 30):a]) or re.match(r"\s+[A-Z]", norm[b:b + 2]):
                continue  # part of a longer name
            fake.append(_GazPerson(a, b))
            full[(a, b)] = next(iter(people.values()))
        if not fake:
            return []
        out = []
        for p in P.chair_persons(norm, s, e, list(gp) + fake):
            t = full.get((p.name.start, p.name.end))
            if t is not None:
                p.name = P.Name(p.name.start, p.name.end, t, p.name.rank, "surname-of-earlier-name")
            out.append(p)
        return out if any(p.name.rule == "surname-of-earlier-name" for p in out) else []

    def _minister_pair(self, idx, s, e, items):
        """Co-chairs stated only as "the (two) ministers": the Indian and the
        Russian minister named last before the cue (within a few sentences),
        for a session of the commission that the ministers co-chair."""
        norm = self.norm
        for cue in P.find_cues(norm, s, e):
            if cue.who not in ("before", "both"):
                continue
            if not _MINISTERS_SUBJECT.search(norm, max(s, cue.start - 90), cue.start):
                continue
            it = self._target(items, cue.start)
            if it is None or it.session is None or not it.body.startswith("irigc"):
                return []
            found: dict[str, P.Name] = {}
            unknown: list[P.Name] = []
            for j in range(idx, max(-1, idx - MINISTER_SENTENCES), -1):
                a, b = self.sents[j]
                if j == idx:
                    b = cue.start
                gp = [g for g in self._in(self.gm_starts, self.gm, a, b) if g.label == "PERSON"]
                for name in reversed(P.find_names(norm, a, b, gp)):
                    if len(name.text.split()) < 2:
                        continue
                    head = norm[max(a, name.start - 45):name.start]
                    if not _MINISTER_TITLE.search(head) and not re.search(r"\b(?:and|between|with)\s+$", head):
                        continue
                    side = [m.group(1).lower() for m in _SIDE_WORD.finditer(head)]
                    country = ("India" if side[-1].startswith("india") else "Russia") if side else P.country_from_name(name.text)
                    if country is None:
                        if _MINISTER_TITLE.search(head):
                            unknown.append(name)
                        continue
                    if country not in found and not any(P.same_person(n.text, name.text) for n in found.values()):
                        found[country] = name
                if len(found) == 2:
                    break
            if len(found) == 1 and len(unknown) == 1 and not P.same_person(unknown[0].text, next(iter(found.values())).text):
                other = "Russia" if "India" in found else "India"
                found[other] = unknown[0]
            if len(found) != 2:
                return []
            return [P.Person(n, c, "ministers-named-before", (n.start, n.end), None, "ministers-pair", cue.start, 0.7)
                    for c, n in sorted(found.items())]
        return []

    def _signings(self, s, e):
        found = []
        for rx in _SIGNING:
            for m in rx.finditer(self.norm, s, e):
                self._listed_kinds(m, found)
                kind = m.group("kind").lower()
                kind = re.sub(r"\s+", " ", kind)
                if kind.startswith("protocol"):
                    k = "protocol"
                elif kind.startswith("agreement"):
                    k = "agreement"
                elif kind.startswith(("memorand", "mou")):
                    k = "memorandum"
                elif kind.startswith("joint"):
                    k = "joint statement"
                elif kind.startswith("contract"):
                    k = "contract"
                else:
                    k = "roadmap"
                pos = m.start("kind")
                if not any(k == f and abs(pos - p) < 5 for f, p in found):
                    found.append((k, pos))
        return found

    def _listed_kinds(self, m, found):
        """The other kinds in a signed list: "two protocols and a memorandum were signed"."""
        items = list(_signing_list().finditer(self.norm, m.end("kind"), m.end()))
        end, floor = m.start("kind"), max(0, m.start("kind") - 300)
        while True:   # each step one item back; the window only shrinks
            km = _signing_list(before=True).search(self.norm, floor, end)
            if not km:
                break
            items.append(km)
            end = km.start("kind")
        for km in items:
            pos = km.start("kind")
            k = _kind_of(km.group("kind"))
            if not any(k == f and abs(pos - p) < 5 for f, p in found):
                found.append((k, pos))

    def _add_chair(self, acc: SessionAcc, p: P.Person, ev: Evidence):
        for c in acc.chairs:
            if P.same_person(c["name"], p.name.text):
                if len(p.name.text) > len(c["name"]):
                    c["name"] = p.name.text
                if p.country and (c["country"] is None or c["cconf"] < p.confidence):
                    c["country"], c["cconf"], c["crule"] = p.country, p.confidence, p.country_rule
                if p.title and not c["title"]:
                    c["title"] = p.title
                return
        acc.chairs.append({"name": p.name.text, "country": p.country, "cconf": p.confidence if p.country else 0.0,
                           "crule": p.country_rule, "title": p.title, "evidence": ev, "rank": p.name.rank})

    def _add_visit(self, person, cue, org, s, e):
        place = None
        for g in self._in(self.gm_starts, self.gm, cue[1], e):
            if g.label in ("PLACE", "VENUE"):
                place = g.key
                break
        date = None
        for d in self._in(self.d_starts, self.dates, s, e):
            r = D.resolve(d, self.anchor)
            if r and len(r[0]) == 10:
                date = r[0]
                break
        self.visits.append({"person": person.text, "place": place, "organisation": org, "date": date,
                            "evidence": Evidence(s, e, "visit-verb", 0.7)})

    def _agreements(self, idx, s, e, items):
        norm = self.norm
        signed_here = bool(_SIGN_VERB.search(norm, s, e))
        date = None
        if signed_here:
            cands = []
            for d in self._in(self.d_starts, self.dates, s, e):
                if _DATE_BLOCK.search(norm[max(s, d.start - 30):d.start]):
                    continue
                r = D.resolve(d, self.anchor)
                if r and len(r[0]) == 10:
                    # a date right after the signing verb ("signed on ...") first
                    cands.append((0 if _SIGNED_ON.search(norm, max(s, d.start - 40), d.start) else 1, d.start, r[0]))
            if cands:
                date = min(cands)[2]
        titled = False
        for m in _AGREEMENT_TITLE.finditer(norm, s, e):
            title = re.sub(r"\s+", " ", m.group("title")).strip()
            while True:
                trimmed = re.sub(r"\s+(?:of|on|for|and|the|in|&)$", "", title)
                if trimmed == title:
                    break
                title = trimmed
            pm = _PERIOD.match(norm, m.end(), e)
            if pm:
                title += " for " + re.sub(r"\s*(?:to|–)\s*", "-", pm.group("period")).replace(" ", "")
            rec = self._agreement(title)
            if signed_here and date and not rec["date"]:
                rec["date"], rec["evidence"] = date, Evidence(s, e, "agreement-signed-on", 0.85)
            rec["signed"] = rec["signed"] or signed_here
            if signed_here and not rec.get("session"):
                keys = [it.session for it in items if it.session]
                if keys:
                    rec["session"] = keys[0]
            self.last_agreement = (rec, idx)
            titled = True
        if not titled and signed_here and self.last_agreement and idx - self.last_agreement[1] <= 3:
            am = _AGREEMENT_ANAPHOR.search(norm, s, e)
            if am:
                rec = self.last_agreement[0]
                pm = _PERIOD.match(norm, am.end(), e)
                if pm and not re.search(r"(?:19|20)\d\d", rec["title"]):
                    rec["title"] += " for " + re.sub(r"\s*(?:to|–)\s*", "-", pm.group("period")).replace(" ", "")
                rec["signed"] = True
                if date and not rec["date"]:
                    rec["date"], rec["evidence"] = date, Evidence(s, e, "agreement-anaphor-signed-on", 0.75)
                self.last_agreement = (rec, idx)

    def _agreement(self, title):
        f = fold(title)
        for rec in self.agreements:
            g = fold(rec["title"])
            if f == g or f.startswith(g) or g.startswith(f):
                if len(title) > len(rec["title"]):
                    rec["title"] = title
                return rec
        rec = {"title": title, "date": None, "signed": False, "evidence": None}
        self.agreements.append(rec)
        return rec

    # ---------------------------------------------------------------- output
    def _output(self, pub_iso, dl, dl_iso, dl_span, paras) -> dict:
        text = self.text
        person_country: dict[frozenset, tuple[str, float]] = {}
        for acc in self.sessions.values():
            for c in acc.chairs:
                if c["country"]:
                    k = name_key(c["name"])
                    if k not in person_country or person_country[k][1] < c["cconf"]:
                        person_country[k] = (c["country"], c["cconf"])
        sessions = []
        for key, acc in self.sessions.items():
            out = {"body": acc.body, "ordinal": acc.ordinal}
            evidence = {"session": acc.evidence.to_json(text)}
            links = {}
            if acc.dates:
                best = max(acc.dates, key=lambda x: (x[0], x[1]))
                out["date"] = best[2]
                if best[3]:
                    out["end_date"] = best[3]
                evidence["date"] = best[4].to_json(text)
            if acc.places:
                best = max(acc.places, key=lambda x: (x[0], x[1]))
                out["place"] = best[2]
                evidence["place"] = best[3].to_json(text)
                pid = self.gaz.place_id(best[2])
                if pid:
                    links["place_id"] = pid
            chairs = []
            resolved = []
            for c in acc.chairs:
                country, rule, conf = c["country"], c["crule"], c["cconf"]
                if country is None:
                    for k, (cc, cf) in person_country.items():
                        if P.same_person(" ".join(k), c["name"]):
                            country, rule, conf = cc, "side-elsewhere-in-document", cf * 0.9
                            break
                resolved.append([country, rule, conf])
            for i, c in enumerate(acc.chairs):
                if resolved[i][0] is None and len(acc.chairs) == 2:
                    other = resolved[1 - i][0]
                    if other:
                        resolved[i] = ["Russia" if other == "India" else "India", "other-side-of-co-chair", 0.7]
            for i, c in enumerate(acc.chairs):
                if resolved[i][0] is None:
                    shape = P.country_from_name(c["name"])
                    if shape:
                        resolved[i] = [shape, "name-shape", 0.55]
            for i, c in enumerate(acc.chairs):
                if resolved[i][0] is None and len(acc.chairs) == 2:
                    other = resolved[1 - i][0]
                    if other and resolved[1 - i][1] == "name-shape":
                        resolved[i] = ["Russia" if other == "India" else "India", "other-side-of-co-chair", 0.5]
            for i, c in enumerate(acc.chairs):
                country, rule, conf = resolved[i]
                if country is None:
                    continue
                ev = c["evidence"].to_json(text)
                ev["confidence"] = round(min(ev["confidence"], max(conf, 0.5)), 3)
                entry = {"name": _clean_name(c["name"]), "country": country}
                if c["title"]:
                    entry["post"] = c["title"]
                entry["evidence"] = ev
                entry["country_rule"] = rule
                pid = self.gaz.person_id(c["name"])
                if pid:
                    entry["links"] = {"person_id": pid}
                chairs.append(entry)
            out["co_chairs"] = chairs
            out["signed"] = [{"kind": k, "evidence": ev.to_json(text)} for k, ev in acc.signed.items()]
            out["evidence"] = evidence
            if links:
                out["links"] = links
            sessions.append(out)
        agreements = []
        for rec in self.agreements:
            a = {"title": rec["title"]}
            if not rec["date"] and rec.get("session") in self.sessions and self.sessions[rec["session"]].dates:
                best = max(self.sessions[rec["session"]].dates, key=lambda x: (x[0], x[1]))
                if len(best[2]) == 10:
                    rec["date"] = best[2]
                    rec["evidence"] = Evidence(best[4].start, best[4].end, "agreement-signed-at-session", 0.7)
            if rec["date"]:
                a["date"] = rec["date"]
            if rec["evidence"]:
                a["evidence"] = rec["evidence"].to_json(text)
            a["signed_stated"] = bool(rec["signed"])
            agreements.append(a)
        posts, seen = [], set()
        for name, title, ev in self.posts:
            k = (name_key(name.text), fold(title))
            if not k[0] or k in seen:
                continue
            seen.add(k)
            c2 = P.country_in(self.norm, min(name.start, ev.end), min(ev.end, max(name.end, ev.start) + len(title) + 4))[0]
            country = person_country.get(name_key(name.text), (c2, 0))[0] or c2
            entry = {"name": _clean_name(name.text), "title": title}
            if country:
                entry["country"] = country
            entry["evidence"] = ev.to_json(text)
            pid = self.gaz.person_id(name.text)
            if pid:
                entry["links"] = {"person_id": pid}
            posts.append(entry)
        visits, vseen = [], {}
        for v in self.visits:
            vk = (frozenset(name_key(v["person"])), v["place"], fold(v["organisation"] or ""))
            if vk in vseen:
                if v["date"] and not vseen[vk].get("date"):
                    vseen[vk]["date"] = v["date"]
                continue
            entry = {k: v[k] for k in ("person", "place", "organisation", "date") if v[k]}
            entry["evidence"] = v["evidence"].to_json(text)
            links = {}
            pid = self.gaz.person_id(v["person"])
            if pid:
                links["person_id"] = pid
            if v["place"] and self.gaz.place_id(v["place"]):
                links["place_id"] = self.gaz.place_id(v["place"])
            if v["organisation"] and self.gaz.organisation_id(v["organisation"]):
                links["organisation_id"] = self.gaz.organisation_id(v["organisation"])
            if links:
                entry["links"] = links
            visits.append(entry)
            vseen[vk] = entry
        dateline = None
        if dl_span:
            dateline = {"text": text[dl_span[0]:dl_span[1]].strip(), "date": dl_iso,
                        "start": dl_span[0], "end": dl_span[1]}
        return {
            "document": self.document,
            "sessions": sessions,
            "agreements": agreements,
            "posts": posts,
            "visits": visits,
            "published": pub_iso,
            "dateline": dateline,
            "fingerprint": fingerprint(self.norm, [(p.start, p.end) for p in paras if not p.boilerplate]),
        }


def _clean_name(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip(" ,.")
