"""Finding mentions of the cooperation bodies and of numbered sessions.

Everything here works on the same-length matching copy of the text
(:func:`kg.extract.text.match_copy`), so offsets are offsets in the text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .data import compile_rule, expand, load

SCORED_BODIES = ("irigc-mmtc", "wg-mtc-di", "wg-mc")
WORKING_GROUPS = ("wg-mtc-di", "wg-mc")


@dataclass
class Mention:
    start: int
    end: int
    body: str | None          # canonical id, or None for an unresolved anaphor
    rule: str
    anaphor: str | None = None  # working-group, commission, summit, dialogue
    confidence: float = 0.9


@dataclass
class Ordinal:
    start: int
    end: int
    value: int
    text: str
    mention: Mention | None = None   # the body mention it numbers, if adjacent
    coref: bool = False              # "the 20th edition of this meeting": body from context
    rule: str = ""


def slug(text: str) -> str:
    text = re.sub(r"[#]", "", text)
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "unnamed"


@lru_cache(maxsize=1)
def _rules():
    data = load("bodies.yaml")
    parts = {k: v for k, v in data["parts"].items()}
    # parts may refer to each other ({S} inside {MTC})
    parts = {k: expand(v, parts) for k, v in parts.items()}
    bodies = []
    for prio, r in enumerate(data["bodies"]):
        bodies.append((prio, r["id"], r["rule"], compile_rule(r["pattern"], parts, r.get("case", False))))
    anaphors = [(a["kind"], a["rule"], compile_rule(a["pattern"], parts, a.get("case", False)))
                for a in data["anaphors"]]
    qual = re.compile(expand(data["qualifier_connector"], parts), re.I)
    appos = re.compile(data["apposition_connector"])
    nouns = data["meeting_nouns"]
    gap_words = set(data["ordinal_gap_words"])
    return parts, bodies, anaphors, qual, appos, nouns, gap_words


def parts() -> dict[str, str]:
    return _rules()[0]


def find_mentions(norm: str) -> list[Mention]:
    """Body mentions in the text, longest match first, no overlaps; a working
    group's qualifier ("... under the Commission ...") is folded into it."""
    _, bodies, anaphors, qual, appos, _, _ = _rules()
    best_at: dict[int, tuple] = {}
    windows = _windows(norm)
    for prio, body, rule, rx in bodies:
        for m in _finditer(rx, norm, windows):
            if m.end() <= m.start():
                continue
            bid = body
            if "{name}" in bid:
                name = m.groupdict().get("name") or m.groupdict().get("name2") or ""
                bid = bid.replace("{name}", slug(_trim_name(name)))
            cand = (prio, m.start(), m.end(), bid, rule, None)
            old = best_at.get(m.start())
            if old is None or prio < old[0]:
                best_at[m.start()] = cand
    for kind, rule, rx in anaphors:
        for m in _finditer(rx, norm, windows):
            if m.end() <= m.start():
                continue
            cand = (1000, m.start(), m.end(), None, rule, kind)
            if m.start() not in best_at:
                best_at[m.start()] = cand
    cands = sorted(best_at.values(), key=lambda c: (-(c[2] - c[1]), c[0], c[1]))
    taken: list[tuple[int, int]] = []
    kept = []
    for c in cands:
        if any(c[1] < e and s < c[2] for s, e in taken):
            continue
        taken.append((c[1], c[2]))
        kept.append(c)
    kept.sort(key=lambda c: c[1])
    mentions = [Mention(c[1], c[2], c[3], c[4], c[5], 0.95 if c[5] is None else 0.7) for c in kept]
    return _absorb(norm, mentions, qual, appos)


# Every body pattern contains one of these words: the patterns only run in
# windows around them (a large speed-up on long texts with few mentions).
_TRIGGER = re.compile(r"group|commission|irigc|summit|dialogue|talks|meeting|format|exercise|drill|wargame|indra|\bwg\b", re.I)
_BEFORE, _AFTER = 160, 260


def _windows(norm: str) -> list[tuple[int, int]]:
    out: list[list[int]] = []
    for m in _TRIGGER.finditer(norm):
        a, b = max(0, m.start() - _BEFORE), min(len(norm), m.end() + _AFTER)
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return [(a, b) for a, b in out]


def _finditer(rx, norm, windows):
    last_end = -1
    for a, b in windows:
        for m in rx.finditer(norm, a, b):
            if m.start() >= last_end:
                last_end = m.end()
                yield m


def _trim_name(name: str) -> str:
    words = name.split()
    while words and words[-1].lower() in ("and", "of", "for", "&", "the"):
        words.pop()
    return " ".join(words)


def _is_commission(m: Mention) -> bool:
    return m.body == "irigc-mmtc" or m.anaphor == "commission" or (m.body or "").startswith("irigc")


_OWNED_BY = re.compile(r"^\s*(?:'s?\s*|-\s*)?$")


def _is_group(m: Mention) -> bool:
    return m.anaphor in ("working-group", "subgroup") or (m.body or "").startswith(("wg-", "subgroup-", "other-wg-"))


def _absorb(norm: str, mentions: list[Mention], qual, appos) -> list[Mention]:
    out: list[Mention] = []
    for m in mentions:
        if out:
            prev = out[-1]
            gap = norm[prev.end:m.start]
            if _is_commission(prev) and _is_group(m) and _OWNED_BY.match(gap):
                # "the commission's working group on X", "IRIGC-M&MTC WG on MC":
                # the group is named, the commission only qualifies it
                m.start = prev.start
                m.rule += "+commission"
                out[-1] = m
                continue
            if len(gap) <= 60:
                groupish = (prev.anaphor == "working-group" or (prev.body or "").startswith(("wg-", "subgroup-", "other-wg-")))
                if groupish and _is_commission(m) and (qual.match(gap) or (prev.rule.endswith("+commission") and appos.match(gap))):
                    prev.end = m.end
                    if not prev.rule.endswith("+commission"):
                        prev.rule += "+commission"
                    if prev.body is None and m.body == "irigc-mmtc" and _di_between(norm, prev.start, m.end):
                        prev.body = "wg-mtc-di"
                    continue
                if (m.body == prev.body or (_is_commission(prev) and _is_commission(m))) and appos.match(gap):
                    prev.end = m.end
                    if prev.body is None:
                        prev.body, prev.anaphor = m.body, m.anaphor
                    continue
                if (groupish and _is_commission(prev) is False and prev.end == m.start):
                    pass
        out.append(m)
    # a commission mention right after a working group that was already
    # extended (apposition of the commission's acronym) is folded too
    return out


_DI = re.compile(r"defen[cs]e[\s\-#]*industr", re.I)


def _di_between(norm: str, start: int, end: int) -> bool:
    return bool(_DI.search(norm, start, end))


# ---------------------------------------------------------------- ordinals
_UNITS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]
_TEENS = ["tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
          "seventeenth", "eighteenth", "nineteenth"]
_TENS_ORD = {"twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50}


@lru_cache(maxsize=1)
def ordinal_words() -> dict[str, int]:
    words = {w: i + 1 for i, w in enumerate(_UNITS)}
    words.update({w: i + 10 for i, w in enumerate(_TEENS)})
    words.update(_TENS_ORD)
    for t, tv in _TENS.items():
        for i, u in enumerate(_UNITS):
            for sep in ("-", " ", ""):
                words[f"{t}{sep}{u}"] = tv + i + 1
    words["inaugural"] = 1
    return words


_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}


def roman(text: str) -> int | None:
    total, prev = 0, 0
    for ch in reversed(text):
        v = _ROMAN.get(ch)
        if v is None:
            return None
        total = total - v if v < prev else total + v
        prev = max(prev, v)
    return total or None


@lru_cache(maxsize=1)
def _ordinal_rx():
    alt = ("(?:(?:twenty|thirty|forty|fifty)[\\s-]?)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)"
           "|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth"
           "|twentieth|thirtieth|fortieth|fiftieth|inaugural")
    nouns = "|".join(_rules()[5])
    return re.compile(
        r"\b(?:(?P<digits>\d{1,3})\s?(?:st|nd|rd|th)\b|(?P<word>" + alt + r")\b|"
        r"(?-i:(?P<roman>[IVXL]{1,7}))(?:th)?(?=\s+(?:annual\s+)?(?:" + nouns + r")\b))",
        re.I,
    )


_NOUN_AFTER = None


def _noun_after_rx():
    global _NOUN_AFTER
    if _NOUN_AFTER is None:
        nouns = "|".join(_rules()[5])
        _NOUN_AFTER = re.compile(
            r"\s*(?:[\"']?\s*)?(?:(?:annual|regular|bilateral|plenary|formal|official|ministerial|joint|round\s+of)\s+){0,2}"
            r"(?:" + nouns + r")\b", re.I)
    return _NOUN_AFTER


_WAS_THE = re.compile(r"(?:meeting|session|edition|round|sitting|one)\s+(?:was|is|will\s+be|would\s+be)\s+(?:the\s+)?$", re.I)
_BACK_GAP = re.compile(r"^\s*(?:'s|'|,)?\s*(?:(?:had|has|have|will|would|then|recently|successfully|also)\s+)?"
                       r"(?:held|holds|hold|holding|convened|convenes|convene|concluded|concludes|had|completed|met\s+for|meets\s+for|"
                       r"organised|organized|hosted)?\s*(?:its|their|the)?\s*$", re.I)
_GAP_TOKEN = re.compile(r"[#\w\-']+")


def find_ordinals(norm: str, mentions: list[Mention]) -> list[Ordinal]:
    """Ordinal numbers that number a session: linked to an adjacent body
    mention, or (``coref``) followed by a meeting noun with no body nearby."""
    gap_words = _rules()[6]
    starts = [m.start for m in mentions]
    import bisect
    out: list[Ordinal] = []
    for m in _ordinal_rx().finditer(norm):
        if m.group("digits"):
            value = int(m.group("digits"))
        elif m.group("word"):
            value = ordinal_words().get(re.sub(r"[\s-]+", "-", m.group("word").lower())) or ordinal_words().get(m.group("word").lower())
            if value is None:
                continue
        else:
            value = roman(m.group("roman"))
            if value is None:
                continue
        if not 0 < value < 200:
            continue
        o = Ordinal(m.start(), m.end(), value, m.group(0))
        # skip ordinals that sit inside a mention (e.g. a name containing "First")
        i = bisect.bisect_right(starts, o.start) - 1
        if i >= 0 and mentions[i].start <= o.start < mentions[i].end:
            continue
        # forward: "23rd meeting of the Working Group on ..."
        j = i + 1
        if j < len(mentions):
            nxt = mentions[j]
            gap = norm[o.end:nxt.start]
            if len(gap) <= 70 and "\n" not in gap.strip(" ") and all(
                    t.lower() in gap_words for t in _GAP_TOKEN.findall(gap)) and not re.search(r"[.;:!?]", gap):
                o.mention, o.rule = nxt, "ordinal-before-body"
                out.append(o)
                continue
        # backward: "IRIGC-MTC's 17th session", "the commission held its 18th meeting"
        if i >= 0:
            prev = mentions[i]
            gap = norm[prev.end:o.start]
            if len(gap) <= 40 and _BACK_GAP.match(gap) and _noun_after_rx().match(norm, o.end):
                o.mention, o.rule = prev, "body-then-ordinal"
                out.append(o)
                continue
        before = norm[max(0, o.start - 40):o.start]
        if _noun_after_rx().match(norm, o.end):
            o.coref, o.rule = True, "ordinal-meeting-coref"
            out.append(o)
        elif _WAS_THE.search(before):
            o.coref, o.rule = True, "meeting-was-ordinal"
            out.append(o)
    return out
