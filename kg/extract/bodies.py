"""Finding mentions of the cooperation bodies and of numbered sessions.

Body mentions and ordinal numbers are recognised by spaCy's rule-based
``Matcher`` with the token patterns of ``bodies.yaml`` (built once per
process by :class:`kg.extract.pipeline.Pipeline`, run on the Docs the
sentencizer splits: :func:`doc_candidates`, :func:`doc_ordinals`). What
follows works on character offsets in the same-length matching copy of the
text (:func:`kg.extract.text.match_copy`): choosing among overlapping
mentions, folding a group's qualifier ("... under the Commission") into it
and linking an ordinal to the body it numbers (regular expressions over the
few characters between them).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..core import names
from .data import expand, load

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
    return names.slug(text.replace("#", ""), limit=60, empty="unnamed")


@lru_cache(maxsize=1)
def _rules():
    data = load("bodies.yaml")
    parts = {k: v for k, v in data["parts"].items()}
    # parts may refer to each other ({S} inside {MTC})
    parts = {k: expand(v, parts) for k, v in parts.items()}
    qual = re.compile(expand(data["qualifier_connector"], parts), re.I)
    appos = re.compile(data["apposition_connector"])
    nouns = data["meeting_nouns"]
    gap_words = set(data["ordinal_gap_words"])
    return parts, qual, appos, nouns, gap_words


def parts() -> dict[str, str]:
    """The regular-expression fragments of bodies.yaml (for context checks)."""
    return _rules()[0]


# ------------------------------------------------------ Matcher token rules
_SPACE = {"IS_SPACE": True, "OP": "*"}


@dataclass
class TokenRule:
    prio: int                 # position in bodies.yaml; anaphors: 1000
    rule: str
    body: str | None          # canonical id (may contain {name}); None for anaphors
    anaphor: str | None
    name_words: int = 0       # the name goes on over this many capitalised words
    kind: str | None = None   # ordinals: digits, words, roman


def _expand(seq: list, token_parts: dict, depth: int = 0) -> list[list[dict]]:
    """The alternatives of a token sequence, {PART: X} references spliced in."""
    if depth > 10:
        raise ValueError("token_parts refer to each other in a loop")
    alts: list[list[dict]] = [[]]
    for el in seq:
        if "PART" in el:
            sub = [s for alt in token_parts[el["PART"]] for s in _expand(alt, token_parts, depth + 1)]
            if el.get("OP") == "?":
                sub = sub + [[]]
            alts = [a + s for a in alts for s in sub]
        else:
            alts = [a + [dict(el)] for a in alts]
    return alts


def _finish(tokens: list[dict]) -> tuple[list[dict], list[bool]]:
    """A spaCy pattern (optional whitespace tokens between all tokens) and,
    per pattern token, whether it belongs to the name."""
    pattern: list[dict] = []
    names: list[bool] = []
    for i, tok in enumerate(tokens):
        tok = dict(tok)
        is_name = bool(tok.pop("NAME", False))
        if i:
            pattern.append(dict(_SPACE))
            names.append(False)
        pattern.append(tok)
        names.append(is_name)
    return pattern, names


def _linear(pattern: list[dict]) -> tuple[list[dict], dict | None]:
    """The pattern with each bounded repeat (OP "{m,n}") written as "*" or "+",
    and per such pattern token the most tokens it may match (None: no such
    repeat). spaCy expands "{0,n}" into n optional tokens, and a run of words
    that several of them can match is matched in every combination
    (exponential in the run's length); one "*" state is linear, and the bound
    is checked on the match's alignment."""
    bounds = {}
    out = []
    for i, tok in enumerate(pattern):
        op = str(tok.get("OP", ""))
        if op.startswith("{"):
            low, _, high = op.strip("{}").partition(",")
            bounds[i] = int(high) if high else None
            tok = dict(tok, OP="+" if int(low or 0) >= 1 else "*")
        out.append(tok)
    bounds = {i: n for i, n in bounds.items() if n is not None}
    return out, (bounds or None)


def _max_len(pattern: list[dict]) -> int:
    """Most tokens a pattern can match (whitespace tokens not counted)."""
    n = 0
    for tok in pattern:
        op = tok.get("OP")
        if tok.get("IS_SPACE"):
            continue
        if op in ("*", "+"):
            n += 3
        elif op and op.startswith("{"):
            n += int(op.strip("{}").split(",")[-1] or 8)
        else:
            n += 1
    return n


def _is_anchor(tok: dict, anchors, prefixes) -> bool:
    if tok.get("OP") not in (None, "+") or tok.get("IS_SPACE"):
        return False
    like_num = "LIKE_NUM" in anchors
    if like_num and tok.get("LIKE_NUM") is True:
        return True
    for attr in ("LOWER", "ORTH", "TEXT"):
        v = tok.get(attr)
        if isinstance(v, str) and (v.lower() in anchors or like_num and _like_num(v)):
            return True
        if isinstance(v, dict) and "IN" in v and all(str(x).lower() in anchors or like_num and _like_num(str(x))
                                                     for x in v["IN"]):
            return True
        if isinstance(v, dict) and "REGEX" in v and prefixes and _regex_starts(v["REGEX"], prefixes):
            return True
    return False


def _regex_starts(rx: str, prefixes: tuple[str, ...]) -> bool:
    """Whether all that a token regex matches starts with one of the
    prefixes: "^indra-?\\d+$", "^(?:twenty|thirty)(?:first|...)$"."""
    rx = rx.lstrip("^").lower()
    m = re.match(r"\(\?:([a-z|]+)\)", rx)
    heads = m.group(1).split("|") if m else [rx]
    return all(h.startswith(prefixes) for h in heads)


def _reach(pattern: list[dict], anchors, prefixes) -> tuple[int, int, tuple | None] | None:
    """The anchor token of a pattern that needs the smallest window: most
    tokens a match can have before and after it, and its words (None: it is
    a LIKE_NUM or prefix anchor); None if the pattern has no required anchor
    token."""
    best = None
    for i, tok in enumerate(pattern):
        if _is_anchor(tok, anchors, prefixes):
            words = None
            for attr in ("LOWER", "ORTH", "TEXT"):
                v = tok.get(attr)
                vals = [v] if isinstance(v, str) else v.get("IN") if isinstance(v, dict) else None
                if vals and all(str(x).lower() in anchors for x in vals):
                    words = tuple(str(x).lower() for x in vals)
            cand = (_max_len(pattern[:i]), _max_len(pattern[i + 1:]), words)
            if best is None or cand[0] + cand[1] < best[0] + best[1]:
                best = cand
    return best


def _like_num(text: str) -> bool:
    from spacy.lang.en.lex_attrs import like_num
    return bool(like_num(text))


def _flat(items) -> list[str]:
    out: list[str] = []
    for x in items:
        out.extend(_flat(x) if isinstance(x, list) else [str(x)])
    return out


@dataclass
class TokenRuleSet:
    patterns: dict            # key -> [spaCy pattern]
    meta: dict                # key -> (TokenRule, name flags | None, is lookahead)
    anchors: frozenset        # lower-case anchor tokens ("LIKE_NUM": tokens like numbers)
    prefixes: tuple           # anchor prefixes ("indra*")
    before: int               # most tokens a match can have before a LIKE_NUM / prefix anchor
    after: int                # ... and after it
    reach: dict               # anchor word -> (before, after): the window it needs
    limits: dict = field(default_factory=dict)   # key -> {pattern token: most tokens it matches}


    def __post_init__(self):
        import numpy
        from spacy.strings import hash_string
        self.like_num = "LIKE_NUM" in self.anchors
        # only the anchor words that patterns are anchored on open windows
        self.reach_ids = {hash_string(w): r for w, r in self.reach.items()}
        self.anchor_ids = numpy.array(sorted(self.reach_ids), dtype="uint64")


@lru_cache(maxsize=None)
def token_rules(section: str = "bodies") -> TokenRuleSet:
    """The Matcher patterns of bodies.yaml: of the body mentions (``section``
    "bodies": bodies and anaphors) or of the ordinal numbers ("ordinals").
    Keys are ``"<rule>#<n>"`` for the n-th pattern of a rule (for ordinals:
    ``"ordinal-<kind>#<n>"``) and ``"<rule>!not#<n>"`` for its
    not_followed_by patterns (one key per pattern, so that the match
    alignments tell which tokens are the name)."""
    data = load("bodies.yaml")
    tparts = data["token_parts"]
    if section == "bodies":
        anchor_list = _flat(data["anchors"])
        entries = [(r, TokenRule(prio, r["rule"], r["id"], None, int(r.get("name_words", 0))))
                   for prio, r in enumerate(data["bodies"])]
        entries += [(a, TokenRule(1000, a["rule"], None, a["kind"])) for a in data["anaphors"]]
    elif section == "ordinals":
        anchor_list = _flat(data["ordinal_anchors"])
        entries = [(o, TokenRule(prio, f"ordinal-{o['kind']}", None, None, kind=o["kind"]))
                   for prio, o in enumerate(data["ordinals"])]
    else:
        raise ValueError(section)
    anchors = {a if a == "LIKE_NUM" else a.lower() for a in anchor_list if not a.endswith("*")}
    prefixes = tuple(a[:-1].lower() for a in anchor_list if a.endswith("*"))
    patterns: dict[str, list] = {}
    meta: dict[str, tuple] = {}
    limits: dict[str, int] = {}
    before = after = look = 0
    by_word: dict[str, list[int]] = {}
    counts: dict[str, int] = {}
    for r, tr in entries:
        n = counts.get(tr.rule, 0)
        for seq in r["patterns"]:
            for alt in _expand(seq, tparts):
                pattern, names = _finish(alt)
                reach = _reach(pattern, anchors, prefixes)
                if reach is None:
                    raise ValueError(f"bodies.yaml: a pattern of {tr.rule} has no anchor token: {alt}")
                if reach[2] is None:
                    before, after = max(before, reach[0]), max(after, reach[1])
                else:
                    for w in reach[2]:
                        wr = by_word.setdefault(w, [0, 0])
                        wr[0], wr[1] = max(wr[0], reach[0]), max(wr[1], reach[1])
                key = f"{tr.rule}#{n}"
                pattern, limit = _linear(pattern)
                if limit is not None:
                    limits[key] = limit
                patterns[key] = [pattern]
                meta[key] = (tr, names if any(names) else None, False)
                n += 1
        counts[tr.rule] = n
        n = 0
        for seq in r.get("not_followed_by") or []:
            for alt in _expand(seq, tparts):
                pattern, _ = _finish(alt)
                look = max(look, _max_len(pattern))
                key = f"{tr.rule}!not#{n}"
                patterns[key] = [pattern]
                meta[key] = (tr, None, True)
                n += 1
    # + a not_followed_by pattern right after a match, a few whitespace
    # tokens (line breaks, double spaces) in a match
    reach = {w: (b + 4, a + look + 4) for w, (b, a) in by_word.items()}
    return TokenRuleSet(patterns, meta, frozenset(anchors), prefixes, before + 4, after + look + 4, reach, limits)


def build_matcher(vocab, section: str = "bodies"):
    """spaCy Matcher of the body (or ordinal) rules; built once per process
    by the Pipeline."""
    from spacy.matcher import Matcher
    matcher = Matcher(vocab, validate=True)
    for key, pats in token_rules(section).patterns.items():
        matcher.add(key, pats)
    return matcher


def _windows(doc, rules: TokenRuleSet, lower_text: str) -> list[tuple[int, int]]:
    """Token windows around the anchor tokens of a Doc (merged);
    ``lower_text``: the Doc's text in lower case."""
    import numpy
    from spacy.attrs import LIKE_NUM, LOWER
    ids = rules.anchor_ids
    if rules.like_num:
        arr = doc.to_array([LOWER, LIKE_NUM])
        lower = arr[:, 0]
    else:
        lower = doc.to_array(LOWER)
    pos = numpy.minimum(numpy.searchsorted(ids, lower), len(ids) - 1)
    hit = ids[pos] == lower
    generic = (rules.before, rules.after)
    reach = rules.reach_ids
    wins = [(i, reach[int(lower[i])]) for i in numpy.flatnonzero(hit).tolist() if int(lower[i]) in reach]
    if rules.like_num:
        wins += [(i, generic) for i in numpy.flatnonzero(arr[:, 1]).tolist()]
    if rules.prefixes and any(p in lower_text for p in rules.prefixes):
        wins += [(t.i, generic) for t in doc if t.lower_.startswith(rules.prefixes)]
    wins.sort()
    out: list[list[int]] = []
    n = len(doc)
    for i, (before, after) in wins:
        a, b = max(0, i - before), min(n, i + after + 1)
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return [(a, b) for a, b in out]


def doc_candidates(doc, offset: int, matcher, lower_text: str | None = None) -> list[tuple]:
    """Body mention candidates in a spaCy Doc of the text from ``offset``
    (``lower_text``: the Doc's text in lower case):
    ``(prio, start, end, body, rule, anaphor)`` in text offsets, one per start
    token (the first rule in bodies.yaml that matches there)."""
    rules = token_rules()
    meta = rules.meta
    strings = doc.vocab.strings
    found: dict[tuple[int, int], tuple] = {}   # (prio, start token) -> (end, key, alignment)
    blocked: set[tuple[str, int]] = set()
    if lower_text is None:
        lower_text = doc.text.lower()
    for wa, wb in _windows(doc, rules, lower_text):
        for match_id, ts, te, align in matcher(doc[wa:wb], with_alignments=True):
            ts, te = ts + wa, te + wa
            key = strings[match_id]
            limit = rules.limits.get(key)
            if limit is not None and any(align.count(i) > n for i, n in limit.items()):
                continue
            tr, _names, lookahead = meta[key]
            if lookahead:
                blocked.add((tr.rule, ts))
                continue
            while te > ts and doc[te - 1].is_space:
                te -= 1
            old = found.get((tr.prio, ts))
            if old is None or te > old[0]:
                found[(tr.prio, ts)] = (te, key, align)
    best_at: dict[int, tuple] = {}
    for (prio, ts), (te, key, align) in found.items():
        tr, names, _ = meta[key]
        k = te
        while k < len(doc) and doc[k].is_space:
            k += 1
        if (tr.rule, k) in blocked:
            continue
        old = best_at.get(ts)
        if old is not None and old[0] <= prio:
            continue
        body = tr.body
        if body and "{name}" in body:
            toks = [ts + i for i, a in enumerate(align) if ts + i < te and names and names[a]]
            if not toks:
                continue
            ns, ne = toks[0], toks[-1] + 1
            if tr.name_words:
                ne = te = _name_end(doc, ns, tr.name_words)
            body = body.replace("{name}", slug(_trim_name(doc[ns:ne].text)))
        span = doc[ts:te]
        best_at[ts] = (prio, offset + span.start_char, offset + span.end_char, body, tr.rule, tr.anaphor)
    return list(best_at.values())


def _word_end(doc, i: int) -> int:
    """End of the word at token i: tokens of word characters, hyphens and
    '#' written together ("anti-terrorism", "#Navy")."""
    k = i + 1
    while k < len(doc) and not doc[k - 1].whitespace_ and _WORD_TOKEN.match(doc[k].text):
        k += 1
    return k


_WORD_TOKEN = re.compile(r"^[\w\-#]+$")
_NAME_START = re.compile(r"^[A-Z#]")
_NAME_JOINERS = ("and", "&", "of", "for")


def _name_end(doc, i: int, words: int) -> int:
    """End token of a name that starts at token i: its first word, then up
    to ``words`` capitalised words, each perhaps after and / & / of / for."""
    end = _word_end(doc, i)
    n = len(doc)
    for _ in range(words):
        if end >= n or not (doc[end - 1].whitespace_ or doc[end].is_space):
            break
        k = end
        while k < n and doc[k].is_space:
            k += 1
        if k < n and doc[k].lower_ in _NAME_JOINERS:
            c = k + 1
            while c < n and doc[c].is_space:
                c += 1
            if c < n and _NAME_START.match(doc[c].text):
                k = c
        if k >= n or not _NAME_START.match(doc[k].text):
            break
        end = _word_end(doc, k)
    return end


def doc_ordinals(doc, offset: int, matcher, lower_text: str | None = None) -> list[tuple]:
    """Ordinal numbers in a spaCy Doc of the text from ``offset``:
    ``(start, end, kind, text)`` in text offsets; of overlapping matches the
    first, then the longest."""
    rules = token_rules("ordinals")
    meta = rules.meta
    strings = doc.vocab.strings
    found: list[tuple[int, int, str]] = []
    if lower_text is None:
        lower_text = doc.text.lower()
    for wa, wb in _windows(doc, rules, lower_text):
        for match_id, ts, te, align in matcher(doc[wa:wb], with_alignments=True):
            tr, names, _ = meta[strings[match_id]]
            ts, te = ts + wa, te + wa
            if names:
                toks = [ts + i for i, a in enumerate(align) if ts + i < te and names[a]]
                ts, te = toks[0], toks[-1] + 1
            while te > ts and doc[te - 1].is_space:
                te -= 1
            found.append((ts, te, tr.kind))
    found.sort(key=lambda f: (f[0], -f[1]))
    out, last = [], -1
    for ts, te, kind in found:
        if ts >= last:
            span = doc[ts:te]
            out.append((offset + span.start_char, offset + span.end_char, kind, span.text))
            last = te
    return out


CURATED_RULE = "curated-name"   # the rule of kg.extract.spans' candidates


def find_mentions(norm: str, candidates: list[tuple]) -> list[Mention]:
    """Body mentions from the Matcher candidates (:func:`doc_candidates`),
    longest match first, no overlaps; a working group's qualifier ("... under
    the Commission ...") is folded into it."""
    _, qual, appos, _, _ = _rules()
    # a curated name (kg.extract.spans, it sorts first) that a genre rule matches
    # as the same body is left to the genre rule, whose name says more
    same = {(c[1], c[2], c[3]) for c in candidates if c[4] != CURATED_RULE}
    candidates = [c for c in candidates if c[4] != CURATED_RULE or (c[1], c[2], c[3]) not in same]
    cands = sorted(candidates, key=lambda c: (-(c[2] - c[1]), c[0], c[1]))
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


def _trim_name(name: str) -> str:
    words = name.split()
    while words and words[-1].lower() in ("and", "of", "for", "&", "the", "-", "#"):
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
        out.append(m)
    # a commission mention right after a working group that was already
    # extended (apposition of the commission's acronym) is folded too
    return out


_DI = re.compile(r"defen[cs]e[\s\-#]*industr", re.I)


def _di_between(norm: str, start: int, end: int) -> bool:
    return bool(_DI.search(norm, start, end))


# ---------------------------------------------------------------- ordinals
@lru_cache(maxsize=1)
def ordinal_words() -> dict[str, int]:
    """Ordinal words and their values (bodies.yaml ordinal_numbers);
    compounds as "twenty-third", "twenty third" and "twentythird"."""
    d = load("bodies.yaml")["ordinal_numbers"]
    words = {w: i + 1 for i, w in enumerate(d["units"])}
    words.update({w: i + 10 for i, w in enumerate(d["teens"])})
    words.update({w: 20 + 10 * i for i, w in enumerate(d["tens_ordinal"])})
    for k, t in enumerate(d["tens"]):
        for i, u in enumerate(d["units"]):
            for sep in ("-", " ", ""):
                words[f"{t}{sep}{u}"] = 20 + 10 * k + i + 1
    words.update({w: 1 for w in d["first"]})
    words.update(zip(d.get("other", []), d.get("other_values", [])))
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


_NOUN_AFTER = None


def _noun_after_rx():
    global _NOUN_AFTER
    if _NOUN_AFTER is None:
        nouns = "|".join(_rules()[3])
        _NOUN_AFTER = re.compile(
            r"\s*(?:[\"']?\s*)?(?:(?:annual|regular|bilateral|plenary|formal|official|ministerial|joint|round\s+of)\s+){0,2}"
            r"(?:" + nouns + r")\b", re.I)
    return _NOUN_AFTER


_WAS_THE = re.compile(r"(?:meeting|session|edition|round|sitting|one)\s+(?:was|is|will\s+be|would\s+be)\s+(?:the\s+)?$", re.I)
_BACK_GAP = re.compile(r"^\s*(?:" + "|".join(map(re.escape, load("bodies.yaml")["possessive_after_body"])) + r")?\s*(?:(?:had|has|have|will|would|then|recently|successfully|also)\s+)?"
                       r"(?:held|holds|hold|holding|convened|convenes|convene|concluded|concludes|had|completed|met\s+for|meets\s+for|"
                       r"organised|organized|hosted)?\s*(?:(?:its|their)(?:\s+own)?|the)?\s*$", re.I)
_APPOSITIVE_BEFORE = re.compile(r"\b(?:meeting|session|sitting|edition|round)(?:\s+of\s+(?:the\s+)?[\w\-&]+(?:\s+[\w\-&]+){0,8}?)?"
                                r"\s*,\s*(?:its|their|the)\s+$", re.I)
_APPOSITIVE_AFTER = re.compile(r"\s*(?:,|\s[-\u2013\u2014]\s|[\u2013\u2014)])")
_GAP_TOKEN = re.compile(r"[#\w\-']+")


def ordinal_value(kind: str, text: str) -> int | None:
    """The value of an ordinal number found by the ordinal Matcher."""
    if kind == "digits":
        m = re.match(r"\d+", text)
        return int(m.group(0)) if m else None
    if kind == "words":
        low = text.lower()
        return ordinal_words().get(re.sub(r"[\s-]+", "-", low)) or ordinal_words().get(low)
    if kind == "roman":
        return roman(text[:-2] if text.endswith("th") else text)
    return None


_ASIDE = re.compile(r"\s*(?:(?:\s[-\u2013\u2014]{1,2}\s|[\u2013\u2014])[^\u2013\u2014.;:!?\n()]{1,120}?(?:\s[-\u2013\u2014]{1,2}\s|[\u2013\u2014])"
                    r"|\s*\([^()\n.;]{1,120}\))\s*")
_ASIDE_NOUN = re.compile(r"(?:annual\s+|regular\s+)?(?:meeting|session|sitting|edition|round|plenary)\s+of\b", re.I)


def find_ordinals(norm: str, mentions: list[Mention], candidates: list[tuple]) -> list[Ordinal]:
    """Ordinal numbers that number a session, from the ordinal Matcher's
    candidates (:func:`doc_ordinals`): linked to an adjacent body mention, or
    (``coref``) followed by a meeting noun with no body nearby."""
    gap_words = _rules()[4]
    starts = [m.start for m in mentions]
    import bisect
    out: list[Ordinal] = []
    for start, end, kind, text in candidates:
        value = ordinal_value(kind, text)
        if value is None or not 0 < value < 200:
            continue
        o = Ordinal(start, end, value, text)
        # skip ordinals that sit inside a mention (e.g. a name containing "First")
        i = bisect.bisect_right(starts, o.start) - 1
        if i >= 0 and mentions[i].start <= o.start < mentions[i].end:
            continue
        # forward: "23rd meeting of the Working Group on ..."
        j = i + 1
        if j < len(mentions):
            nxt = mentions[j]
            gap = norm[o.end:nxt.start]
            aside = _ASIDE.match(gap)
            if aside and _ASIDE_NOUN.match(gap, aside.end()):
                # "the 19th - and the first since ... - session of the ...": a dashed
                # or bracketed aside between the ordinal and its meeting noun
                gap = gap[aside.end():]
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
        if _APPOSITIVE_BEFORE.search(norm, max(0, o.start - 120), o.start) and _APPOSITIVE_AFTER.match(norm, o.end):
            # "The previous meeting of the commission, its 19th, was held ...",
            # "Its previous session, the fourteenth, ...": an appositive number
            o.coref, o.rule = True, "appositive-ordinal"
            out.append(o)
        elif _noun_after_rx().match(norm, o.end):
            o.coref, o.rule = True, "ordinal-meeting-coref"
            out.append(o)
        elif _WAS_THE.search(before):
            o.coref, o.rule = True, "meeting-was-ordinal"
            out.append(o)
    return out
