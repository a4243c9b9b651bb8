"""Person names, ranks, sides (India / Russia) and co-chair cues."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .bodies import parts as body_parts
from .data import compile_rule, load
from ..core.names import name_key

MAX_SEGMENT = 600   # characters of a sentence read around one cue


@dataclass
class Name:
    start: int
    end: int
    text: str
    rank: str | None = None
    rule: str = "name-run"


@dataclass
class Person:
    name: Name
    country: str | None
    country_rule: str | None
    region: tuple[int, int]            # the conjunct describing the person
    title: str | None = None
    rule: str = ""
    cue_start: int = 0
    confidence: float = 0.8


@dataclass
class Cue:
    start: int
    end: int
    rule: str
    who: str


@lru_cache(maxsize=1)
def _data():
    d = load("people.yaml")
    # Longest first; ties broken by text, so the result never depends on the hash seed.
    ranks = sorted(set(d["ranks"]), key=lambda r: (-len(r), r))
    rank_seqs = [tuple(_rank_tok(t) for t in r.replace("-", " ").split()) for r in ranks]
    non_name = {w.lower() for w in d["non_name_words"]}
    cues = [Cue(0, 0, c["rule"], c["who"]) for c in d["chair_cues"]]
    cue_rx = [(c["rule"], c["who"], compile_rule(c["pattern"], body_parts())) for c in d["chair_cues"]]
    presence = re.compile(d["presence_cues"], re.I)
    strong = {country: [c.lower() for c in v["strong"]] for country, v in d["country_cues"].items()}
    weak = {country: [c.lower() for c in v["weak"]] for country, v in d["country_cues"].items()}
    cue_res = {}
    for kind, table in (("strong", strong), ("weak", weak)):
        for country, phrases in table.items():
            alt = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
            cue_res[(kind, country)] = re.compile(r"(?<![\w-])(?:" + alt + r")(?![\w-])", re.I)
    title_heads = set(d["title_heads"])
    visit = re.compile(d["visit_cues"], re.I)
    ru_end = tuple(sorted(d["russian_name_endings"], key=len, reverse=True))
    in_parts = set(d["indian_name_parts"])
    return dict(ranks=list(zip(ranks, rank_seqs)), non_name=non_name, cues=cue_rx, presence=presence,
                country=cue_res, title_heads=title_heads, visit=visit, ru_end=ru_end, in_parts=in_parts)


def _rank_tok(t: str) -> str:
    return t.lower().rstrip(".")


_TOKEN = re.compile(
    r"(?:[A-Z]\.\s?){1,3}(?=[A-Z][a-z])"          # initials: "A. ", "D.K."
    r"|[^\W\d_][\w'\-]*\.?"                       # words (with a possible abbreviation dot)
    r"|\d[\w\-/]*"
    r"|[^\w\s]"
)


def tokens(norm: str, start: int, end: int):
    return [(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(norm, start, end)]


def _is_initial(t: str) -> bool:
    s = t.replace(".", "").replace(" ", "")
    return 1 <= len(s) <= 3 and s.isalpha() and s.isupper() and (len(s) == 1 or "." in t or len(s) <= 2)


def _name_token(t: str, non_name: set) -> bool:
    if not t or not t[0].isupper():
        return False
    if _is_initial(t):
        return True
    bare = t.rstrip(".")
    low = bare.lower()
    if low.endswith("'s"):
        return False
    if low in non_name or low.replace("-", "") in non_name:
        return False
    if bare.isupper() and len(bare) >= 3:      # acronyms (FSMTC, HAL)
        return False
    if "-" in bare and any(p.lower() in non_name for p in bare.split("-")):
        return False
    return any(c.isalpha() for c in bare) and not bare.endswith(".")  # "Lt." etc. are ranks


@lru_cache(maxsize=1)
def _rank_index():
    index: dict[str, list] = {}
    for rank, seq in _data()["ranks"]:
        index.setdefault(seq[0], []).append((rank, seq))
    return index


def _match_rank(toks, i):
    cands = _rank_index().get(_rank_tok(toks[i][0]))
    if not cands:
        return None, 0
    for rank, seq in cands:
        # "Col.-Gen.", "Lt.-Gen.": a hyphen between the parts of a rank
        j, k = i, 0
        while k < len(seq) and j < len(toks):
            if k and toks[j][0] == "-":
                j += 1
                continue
            if _rank_tok(toks[j][0]) != seq[k]:
                break
            j += 1
            k += 1
        if k == len(seq):
            # "Air Marshal" but not a sentence-initial capitalised common word
            if rank.islower():
                continue
            if not toks[i][0][0].isupper():
                continue
            return rank, j - i
    return None, 0


_NAME_CACHE: dict = {}


def find_names(norm: str, start: int, end: int, gaz_people=()) -> list[Name]:
    key = (id(norm), len(norm), start, end, len(gaz_people))
    hit = _NAME_CACHE.get(key)
    if hit is not None and hit[0] is norm:
        return list(hit[1])
    names = _find_names(norm, start, end, gaz_people)
    if len(_NAME_CACHE) > 2000:
        _NAME_CACHE.clear()
    _NAME_CACHE[key] = (norm, names)
    return list(names)


def _find_names(norm: str, start: int, end: int, gaz_people=()) -> list[Name]:
    """Person names in ``norm[start:end]``: after a rank or honorific (a single
    surname is then enough), or a run of two to four capitalised non-title
    words, or a known name from the gazetteer."""
    d = _data()
    non_name = d["non_name"]
    toks = tokens(norm, start, end)
    names: list[Name] = []
    i = 0
    while i < len(toks):
        rank, n = _match_rank(toks, i)
        if rank:
            j = i + n
            # "Lt. Gen." / "Lt Gen" may be followed by the dotted form parts
            run = []
            while j < len(toks) and len(run) < 4 and _name_token(toks[j][0], non_name):
                run.append(toks[j])
                j += 1
            if run and _valid_run(run, with_rank=True):
                names.append(Name(run[0][1], _end_of(run), norm[run[0][1]:_end_of(run)], rank, "rank-name"))
                i = j
                continue
            i += n
            continue
        if _name_token(toks[i][0], non_name):
            run = []
            j = i
            while j < len(toks) and len(run) < 4 and _name_token(toks[j][0], non_name):
                # a name does not cross a comma or a line
                if run and "\n" in norm[run[-1][2]:toks[j][1]]:
                    break
                run.append(toks[j])
                j += 1
            if _valid_run(run, with_rank=False):
                names.append(Name(run[0][1], _end_of(run), norm[run[0][1]:_end_of(run)], None, "name-run"))
            i = j
            continue
        i += 1
    # known names that the rules missed (e.g. a single-word listing)
    for g in gaz_people:
        if start <= g.start and g.end <= end and not any(n.start < g.end and g.start < n.end for n in names):
            names.append(Name(g.start, g.end, norm[g.start:g.end], None, "gazetteer-name"))
    names.sort(key=lambda n: n.start)
    return names


def _end_of(run):
    t, s, e = run[-1]
    if t.endswith(".") and not _is_initial(t):
        e -= 1
    return e


def _valid_run(run, with_rank: bool) -> bool:
    words = [t for t, _, _ in run if not _is_initial(t)]
    if not words:
        return False
    if not any(len(w.rstrip(".")) >= 3 for w in words):
        return False
    if with_rank:
        return True
    if len(run) < 2:
        return False
    if _is_initial(run[-1][0]):
        return False
    return True


# ------------------------------------------------------------ country (side)
def country_in(norm: str, start: int, end: int) -> tuple[str | None, str | None, float]:
    """The side a stretch of text assigns: strong phrases first, then weak
    cues (the first one found)."""
    d = _data()
    cr = d["country"]
    found = []
    for country in ("India", "Russia"):
        m = cr[("strong", country)].search(norm, start, end)
        if m:
            found.append((m.start(), country))
    if len(found) == 1:
        return found[0][1], "side-phrase", 0.95
    if len(found) == 2:
        return min(found)[1], "side-phrase-first", 0.7
    for country in ("India", "Russia"):
        m = cr[("weak", country)].search(norm, start, end)
        if m:
            found.append((m.start(), country))
    if found:
        return min(found)[1], "side-word", 0.8
    return None, None, 0.0


def country_from_name(name: str) -> str | None:
    d = _data()
    toks = [t.lower() for t in re.findall(r"[A-Za-z]+", name)]
    if any(t in d["in_parts"] for t in toks):
        return "India"
    long = [t for t in toks if len(t) > 3]
    if any(t.endswith(d["ru_end"]) for t in long) and len(long) >= 1:
        # patronymics are decisive; surname endings need a second hint
        if any(t.endswith(("ovich", "evich", "ovna", "evna")) for t in long):
            return "Russia"
        if sum(t.endswith(d["ru_end"]) for t in long) >= 1 and not any(t in d["in_parts"] for t in toks):
            return "Russia"
    return None


# ------------------------------------------------------------ co-chair cues
def find_cues(norm: str, start: int, end: int) -> list[Cue]:
    d = _data()
    found: list[tuple[int, Cue]] = []
    for prio, (rule, who, rx) in enumerate(d["cues"]):
        for m in rx.finditer(norm, start, end):
            if m.end() > m.start():
                found.append((prio, Cue(m.start(), m.end(), rule, who)))
    found.sort(key=lambda x: (x[0], x[1].start))
    kept: list[Cue] = []
    for _, c in found:
        if any(c.start < k.end and k.start < c.end for k in kept):
            continue
        kept.append(c)
    kept.sort(key=lambda c: c.start)
    return kept


_SPLIT = re.compile(
    r"\s*(?:;|,?\s+and\s+(?=(?:his|her|the|their|by\s|[A-Z]))|,?\s+(?:alongside|along\s+with|together\s+with|as\s+well\s+as)\s+|,\s+with\s+|,\s+(?=the\s+(?:indian|russian)\s+(?:side|delegation|team)\b)|\s+with\s+(?=(?:his|her|the|[A-Z]))|,?\s+while\s+)\s*")
_FORWARD_SIDE = re.compile(r"\b(?:his|her|their|the)\s+(?:indian|russian)\s+(?:counterparts?|side|delegation|team|co-?chair)\b", re.I)
_CLAUSE_START = re.compile(r"[;:\"(]|,\s+(?:where|when|while|as|after|before|which|with)\b|\b(?:where|when|said|that)\s", re.I)
_CLAUSE_END = re.compile(r"[;\"]|,\s+(?:who|which|where|when|on\s+the\s+sidelines|to\s+discuss|and\s+discussed|and\s+reviewed)\b|\s+(?:to\s+review|to\s+discuss|on\s+current|on\s+bilateral|on\s+the\s+(?:current|ongoing))\b", re.I)
_SIDE_BEFORE = re.compile(r"\b(indian|russian|india's|russia's)\s+(?:side|delegation|team|co-chair)\b[^.]{0,15}$", re.I)


def chair_persons(norm: str, s_start: int, s_end: int, gaz_people=(), stop_at: list[int] | None = None) -> list[Person]:
    """Co-chairs named around the chair cues of one sentence."""
    d = _data()
    s_end = min(s_end, s_start + 4 * MAX_SEGMENT)
    cues = find_cues(norm, s_start, s_end)
    out: list[Person] = []
    for k, cue in enumerate(cues):
        next_cue = cues[k + 1].start if k + 1 < len(cues) else s_end
        segments = []
        if cue.who in ("after", "both"):
            a = cue.end
            b = min(next_cue, s_end, a + MAX_SEGMENT)
            pm = d["presence"].search(norm, a, b)
            if pm:
                b = pm.start()
            ce = _CLAUSE_END.search(norm, a, b)
            if ce and ce.start() > a + 3:
                b = ce.start()
            segments.append((a, b, "after"))
        if cue.who in ("before", "both"):
            prev_end = cues[k - 1].end if k > 0 and cues[k - 1].who != "after" or k > 0 and cues[k - 1].rule in ("co-chaired-by", "chaired-by", "led-by", "chaired-jointly-by") else s_start
            a = max(prev_end, s_start, cue.start - MAX_SEGMENT)
            b = cue.start
            for m in _CLAUSE_START.finditer(norm, a, b):
                if m.end() < b - 2:
                    a = m.end()
            pm = None
            for pm in d["presence"].finditer(norm, a, b):
                pass
            if pm is not None:
                a = pm.end()
            segments.append((a, b, "before"))
        cue_side = None       # stated in the cue itself: "his Indian counterpart"
        side_text = norm[cue.start:cue.end].lower()
        for word, country in (("indian", "India"), ("russian", "Russia")):
            if word in side_text:
                cue_side = country
        before_side = None    # "the Indian side ... co-chaired by"
        if cue_side is None:
            sb = _SIDE_BEFORE.search(norm, max(s_start, cue.start - 60), cue.start)
            if sb:
                before_side = "India" if sb.group(1).lower().startswith("india") else "Russia"
        for a, b, where in segments:
            seg_default, strong_default = cue_side, cue_side is not None
            if where == "before" and cue.who == "both":
                # "X and his Russian counterpart Y": X is on the other side
                seg_default = None
                if cue_side and cue.rule.startswith("counterpart"):
                    seg_default = "India" if cue_side == "Russia" else "Russia"
                elif before_side:
                    seg_default, strong_default = before_side, False
            elif seg_default is None and before_side and not (where == "after" and cue.who == "both"):
                seg_default, strong_default = before_side, False
            for ca, cb in _conjuncts(norm, a, b):
                names = find_names(norm, ca, cb, gaz_people)
                for n_i, name in enumerate(names):
                    ra = ca if n_i == 0 else names[n_i - 1].end
                    rb = names[n_i + 1].start if n_i + 1 < len(names) else cb
                    if n_i > 0:
                        fw = _FORWARD_SIDE.search(norm, names[n_i - 1].end, name.start)
                        if fw:
                            ra = fw.start()
                    if n_i + 1 < len(names):
                        # "X welcomed his Indian counterpart Y": the phrase describes Y
                        fw = _FORWARD_SIDE.search(norm, name.end, rb)
                        if fw:
                            rb = fw.start()
                    country, crule, cconf = country_in(norm, ra, rb)
                    if seg_default and (country is None or (strong_default and crule == "side-word")):
                        # the cue's own side ("his Indian counterpart X", "the Russian
                        # side was led by X") outweighs a loose word near the name
                        country, crule, cconf = seg_default, "side-of-cue", 0.85
                    title = _title(norm, ra, rb, name)
                    conf = 0.9 if cue.rule.startswith("co-chair") or cue.rule.startswith("chaired-jointly") else 0.75
                    out.append(Person(name, country, crule, (ra, rb), title, cue.rule, cue.start, conf))
    return out


def _conjuncts(norm: str, a: int, b: int):
    pos = a
    for m in _SPLIT.finditer(norm, a, b):
        if m.start() > pos:
            yield pos, m.start()
        pos = m.end()
    if b > pos:
        yield pos, b


_TITLE_TRIM = re.compile(r"^[\s,()\-:]+|[\s,(\-:]+$")
_SIDE_PHRASE = re.compile(r"\b(?:from|of)\s+the\s+(?:indian|russian)\s+side\b|\bhead\s+of\s+the\s+(?:indian|russian)\s+delegation\b", re.I)


def _title(norm: str, a: int, b: int, name: Name) -> str | None:
    d = _data()
    after = norm[name.end:b]
    before = norm[a:name.start]
    cand = None
    if re.match(r"^\s*,\s*(?:the\s+)?[A-Z]", after):
        t = _TITLE_TRIM.sub("", after)
        first = t.split()[0] if t.split() else ""
        if first.rstrip(",") in d["title_heads"] or first.lower().rstrip(",") in ("the",):
            cand = t
    if cand is None and before.strip():
        t = before
        if name.rank:
            parts = re.split(r"[\s\-]+", name.rank.replace(".", " ").strip())
            t = re.sub(r"(?i)" + r"[\s\-]*".join(re.escape(p) + r"\.?" for p in parts) + r"\s*$", "", t.rstrip())
        t = _TITLE_TRIM.sub("", t)
        t = re.sub(r"^(?:the|a|an|his|her)\s+", "", t, flags=re.I)
        if t and t.split()[0] in d["title_heads"]:
            cand = t
    if not cand:
        return None
    return clean_title(cand)


_TITLE_CUT = re.compile(r"\u2026|\.\.\.|[.;:\"]|\s+(?:who|which|on\s+current|on\s+the|to\s+review|to\s+discuss)\b|,\s+(?:and|while|who|which)\b")


def clean_title(t: str | None) -> str | None:
    """A job title cut to its plausible extent, or None."""
    if not t:
        return None
    m = _TITLE_CUT.search(t)
    if m:
        t = t[:m.start()]
    t = _SIDE_PHRASE.sub("", t)
    t = re.sub(r"\s+", " ", _TITLE_TRIM.sub("", t)).strip(" .,")
    t = re.sub(r"\s*,\s*(?:India|Russia)$", "", t)
    words = t.split()
    if not words or len(words) > 16:
        return None
    if words[-1].lower() in ("and", "with", "of", "the", "for", "alongside"):
        return None
    if find_names(t, 0, len(t)) and any(n.rank for n in find_names(t, 0, len(t))):
        return None
    return t


# ------------------------------------------------------------ posts, visits
_APPOS_TITLE = re.compile(r"\s*,\s*(?:the\s+)?(?P<title>[A-Z][^,.;:()\"]{2,120}(?:\([^)]{1,40}\))?(?:,\s*(?:FSMTC|HAL|DRDO|MoD|IDS|Russia|India)\b)?)")


def posts_in(norm: str, s_start: int, s_end: int, gaz_people=()) -> list[tuple[Name, str]]:
    """(name, title) pairs: "Name, Title ..." and "Title Rank Name"."""
    d = _data()
    out = []
    prev_end = s_start   # a title before a name starts after the name before it
    for name in find_names(norm, s_start, min(s_end, s_start + 4 * MAX_SEGMENT), gaz_people):
        floor, prev_end = prev_end, name.end
        m = _APPOS_TITLE.match(norm, name.end, s_end)
        if m and m.group("title").split()[0] in d["title_heads"]:
            t = clean_title(m.group("title"))
            if t:
                out.append((name, t))
            continue
        # title right before the (rank and) name
        before = norm[max(floor, name.start - 120):name.start]
        if name.rank:
            before = re.sub(r"(?i)" + r"\s*".join(re.escape(p) + r"\.?" for p in name.rank.split()) + r"\s*$", "", before.rstrip())
        tm = re.search(r"(?:^|[,;:(\"]|\b(?:by|and|with|of|from|said|told)\s)\s*(?:the\s+)?(?P<title>(?:[A-Z][\w\-]*|of|the|and|for|\(|\)|[A-Z][\w\-]*\))(?:\s+(?:[A-Z][\w\-()]*|of|the|and|for|\([\w\s]+\)))*)\s*,?\s*$", before)
        if tm:
            # a joiner left at the start ("and Deputy Director") belongs to the list, not the title
            t = clean_title(re.sub(r"^(?:(?:and|of|the|for)\s+)+", "", tm.group("title").strip(" ,")))
            if t and t.split()[0] in d["title_heads"] and len(t) > 4:
                out.append((name, t))
    return out


def visits_in(norm: str, s_start: int, s_end: int, gaz_people=()):
    """(name, cue span, organisation text) of "X visited Y" statements."""
    d = _data()
    out = []
    for m in d["visit"].finditer(norm, s_start, min(s_end, s_start + 4 * MAX_SEGMENT)):
        names = [n for n in find_names(norm, max(s_start, m.start() - 200), m.start(), gaz_people)]
        if not names:
            continue
        person = names[-1]
        om = re.match(r"\s*(?:the\s+)?(?P<org>(?:[A-Z][\w\-&.]*)(?:\s+(?:[A-Z][\w\-&.]*|of|and|for))*)", norm[m.end():s_end])
        org = None
        if om:
            org = om.group("org").strip()
            org = re.sub(r"\s+(?:of|and|for)$", "", org)
        out.append((person, (m.start(), m.end()), org))
        break
    return out


def same_person(a: str, b: str) -> bool:
    ka, kb = name_key(a), name_key(b)
    return bool(ka and kb and (ka <= kb or kb <= ka))
