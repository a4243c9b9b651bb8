"""The spaCy pipeline: blank English tokenizer, sentencizer, a small
sentence-boundary fixer, PhraseMatcher gazetteers of places, venues and
known people, and Matchers of the token patterns of bodies.yaml (body
mentions, ordinal numbers). Loaded once per process (:func:`get_pipeline`)."""
from __future__ import annotations

import threading
from dataclasses import dataclass, field

from . import bodies as B
from .data import load
from .gazetteer import Gazetteer

# Abbreviations that end in a full stop but do not end a sentence.
_ABBREVIATIONS = [
    "Lt.", "Gen.", "Col.", "Maj.", "Brig.", "Adm.", "Capt.", "Cdr.", "Cmde.", "Lt.Gen.", "Lt.-Gen.", "Sgt.",
    "Col.-Gen.", "Col.Gen.", "Maj.-Gen.", "Maj.Gen.", "Vice-Adm.", "Rear-Adm.", "-Gen.", "-Adm.",
    "Hon.", "Hon'ble.", "Shri.", "Smt.", "Sri.", "Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "St.", "No.", "Nos.",
    "Jt.", "Addl.", "Dy.", "Asst.", "Secy.", "Govt.", "Min.", "Dept.", "Ltd.", "Pvt.", "Co.", "Inc.",
    "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.", "Sept.", "Oct.", "Nov.", "Dec.", "vs.",
    "approx.", "i.e.", "e.g.", "H.E.", "Excy.",
]
_OPENING = {'"', "'", "\u201c", "\u2018", "(", "["}


@dataclass
class GazMatch:
    start: int
    end: int
    label: str   # PLACE, VENUE, PERSON
    key: str     # canonical name (places) or gazetteer id (people)


@dataclass
class Analysis:
    """What the pipeline finds in the kept paragraphs of a text (character
    offsets into the text)."""
    sents: list = field(default_factory=list)       # (start, end)
    gazetteer: list = field(default_factory=list)   # GazMatch, no overlaps
    bodies: list = field(default_factory=list)      # body mention candidates (bodies.doc_candidates)
    ordinals: list = field(default_factory=list)    # (start, end, kind, text) (bodies.doc_ordinals)


class Pipeline:
    def __init__(self, gazetteer: Gazetteer | None = None):
        import spacy
        from spacy.language import Language
        from spacy.matcher import PhraseMatcher
        from spacy.symbols import ORTH

        nlp = spacy.blank("en")
        for abbr in _ABBREVIATIONS:
            for form in {abbr, abbr.upper(), abbr.lower()}:
                nlp.tokenizer.add_special_case(form, [{ORTH: form}])
        nlp.add_pipe("sentencizer")
        if "kg_sentence_fixes" not in Language.factories:
            Language.component("kg_sentence_fixes", func=_fix_sentences)
        nlp.add_pipe("kg_sentence_fixes")
        self.nlp = nlp
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.places: dict[str, dict] = {}   # match key -> info
        data = load("places.yaml")
        patterns: dict[str, list] = {}

        def add(label: str, key: str, text: str):
            patterns.setdefault(f"{label}|{key}", []).append(nlp.make_doc(text))

        for city in data.get("cities", []):
            for name in [city["name"], *city.get("aliases", [])]:
                add("PLACE", city["name"], name)
            self.places[city["name"]] = {"country": city.get("country"), "type": "city"}
        for venue in data.get("venues", []):
            for name in [venue["name"], *venue.get("aliases", [])]:
                add("VENUE", venue["city"], name)
        gaz = gazetteer or Gazetteer([])
        for entry in gaz.of_kind("places"):
            if entry.type in (None, "city"):
                canon = entry.labels[0]
                if canon not in self.places:
                    for name in entry.labels:
                        add("PLACE", canon, name)
                    self.places[canon] = {"country": None, "type": "city"}
        for entry in gaz.of_kind("people"):
            for name in entry.labels:
                if len(name) >= 4:
                    add("PERSON", entry.id, name)
        for key, docs in patterns.items():
            self.matcher.add(key, docs)
        self.gazetteer = gaz
        # body mentions and ordinal numbers: spaCy Matcher token patterns (bodies.yaml)
        self.body_matcher = B.build_matcher(nlp.vocab, "bodies")
        self.ordinal_matcher = B.build_matcher(nlp.vocab, "ordinals")
        # body names, acronyms and other-language labels of the curated graph (doc.spans["bodies"])
        from .spans import BodyRuler
        self.body_ruler = BodyRuler(nlp, gaz)

    def sentences(self, norm: str, spans: list[tuple[int, int]]):
        """Sentence spans of the given paragraph spans of the text, and
        gazetteer matches (both as character offsets into the text)."""
        a = self.analyse(norm, spans, bodies=False)
        return a.sents, a.gazetteer

    def analyse(self, norm: str, spans: list[tuple[int, int]], bodies: bool = True) -> Analysis:
        """Sentence spans, gazetteer matches and (``bodies``) the Matcher's
        body-mention candidates and ordinal numbers of the given paragraph
        spans; all as character offsets into the text. Paragraphs
        (lines) separated by a single line break share one spaCy Doc, so that
        a body name wrapped over two lines is found; a sentence never goes
        on over a line break."""
        sents: list[tuple[int, int]] = []
        matches: list[GazMatch] = []
        body_cands: list[tuple] = []
        ordinals: list[tuple] = []
        vocab = self.nlp.vocab
        blocks = _blocks(norm, spans)
        texts = (norm[s:e] for s, e in blocks)
        for (start, _end), doc in zip(blocks, self.nlp.pipe(texts, batch_size=64)):
            for sent in doc.sents:
                s = start + sent.start_char
                e = start + sent.end_char
                while s < e and norm[s].isspace():
                    s += 1
                while e > s and norm[e - 1].isspace():
                    e -= 1
                if e > s:
                    sents.append((s, e))
            for match_id, ts, te in self.matcher(doc):
                label, key = vocab.strings[match_id].split("|", 1)
                span = doc[ts:te]
                matches.append(GazMatch(start + span.start_char, start + span.end_char, label, key))
            if bodies:
                low = norm[start:_end].lower()
                body_cands.extend(B.doc_candidates(doc, start, self.body_matcher, low))
                body_cands.extend(self.body_ruler.candidates(doc, start))
                ordinals.extend(B.doc_ordinals(doc, start, self.ordinal_matcher, low))
        matches.sort(key=lambda m: (m.start, -(m.end - m.start)))
        kept, last_end = [], -1
        for m in matches:
            if m.start >= last_end:
                kept.append(m)
                last_end = m.end
        return Analysis(sents, kept, body_cands, ordinals)


# spaCy refuses a Doc over nlp.max_length (1,000,000 characters: error E088)
# and its memory grows with a Doc's length; no news paragraph comes near this.
MAX_BLOCK = 100_000


def _blocks(norm: str, spans: list[tuple[int, int]], limit: int = MAX_BLOCK) -> list[tuple[int, int]]:
    """The spans, those separated by just one line break joined; a block
    over ``limit`` characters is cut, at a line break, else after a full stop,
    else at a space, before the limit."""
    out: list[list[int]] = []
    for s, e in spans:
        if out:
            gap = norm[out[-1][1]:s]
            if gap.count("\n") == 1 and not gap.strip() and e - out[-1][0] <= limit:
                out[-1][1] = e
                continue
        out.append([s, e])
    cut: list[tuple[int, int]] = []
    for s, e in out:
        while e - s > limit:
            end = s + limit
            at = norm.rfind("\n", s + limit // 2, end)
            if at < 0:
                at = norm.rfind(". ", s + limit // 2, end - 1)
                at = at + 1 if at >= 0 else norm.rfind(" ", s + 1, end)
            if at <= s:
                at = end
            cut.append((s, at))
            s = at
            while s < e and norm[s].isspace():
                s += 1
        if e > s:
            cut.append((s, e))
    return cut


def _fix_sentences(doc):
    """An opening quote or bracket after a sentence end starts the next
    sentence; a line starts a sentence."""
    # Only the few tokens that can need a change are visited: making a Token
    # object for every token was a tenth of the extractor's time.
    text = doc.text
    n = len(doc)
    if any(c in text for c in _OPENING):
        for i in _token_indices(doc, lambda t: t in _OPENING):
            if 1 <= i < n - 1:
                tok, nxt = doc[i], doc[i + 1]
                if nxt.is_sent_start and doc[i - 1].text in (".", "!", "?", ".\u201d", ".\""):
                    tok.is_sent_start = True
                    nxt.is_sent_start = False
    if "\n" in text:
        space = doc.to_array("IS_SPACE")
        for i in _token_indices(doc, lambda t: "\n" in t):
            if i < n - 1 and not space[i + 1]:
                doc[i + 1].is_sent_start = True
    return doc


def _token_indices(doc, wanted):
    """Indices of the tokens whose text satisfies ``wanted`` (tested once per distinct text)."""
    import numpy as np

    orth = doc.to_array("ORTH")
    strings = doc.vocab.strings
    hits = [h for h in np.unique(orth).tolist() if wanted(strings[h])]
    return np.flatnonzero(np.isin(orth, hits)).tolist() if hits else []


_LOCK = threading.Lock()
_CACHE: dict[int, Pipeline] = {}


def get_pipeline(gazetteer: Gazetteer | None = None) -> Pipeline:
    """The process-wide pipeline for this gazetteer (built on first use)."""
    key = id(gazetteer) if gazetteer is not None else 0
    with _LOCK:
        p = _CACHE.get(key)
        if p is None:
            p = Pipeline(gazetteer if gazetteer is not None else _default_gazetteer())
            _CACHE[key] = p
        return p


_DEFAULT_GAZ: Gazetteer | None = None


def _default_gazetteer() -> Gazetteer:
    global _DEFAULT_GAZ
    if _DEFAULT_GAZ is None:
        _DEFAULT_GAZ = Gazetteer.default()
    return _DEFAULT_GAZ
