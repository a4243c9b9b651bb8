"""Recognise stage: body names from the curated graph, as spaCy span annotations.

The curated record knows each body's names, former names, acronyms and its
labels in Russian and Hindi (``kg.extract.gazetteer``). A spaCy ``SpanRuler``
is built from them (one phrase pattern per label, the body's id as pattern id,
label ``BODY``) and writes ``doc.spans["bodies"]``; no body identifier is
written in code, so a body the curator adds (a pre-2018 working group, a named
sub-group) is recognised with no code change. The genre rules of bodies.yaml
still recognise the generic wording; these spans are more candidates for the
same longest-match choice (kg.extract.bodies.find_mentions; of equal spans the
curated one wins), so a sub-group's
full name, which contains a working group's words, wins over the working group.
"""
from __future__ import annotations

import re

from .data import load
from .bodies import CURATED_RULE as RULE

SPANS_KEY = "bodies"
PRIO = -1   # a curated name wins over a genre rule matching the same words (its id is exact)


def usable(label: str, rules: dict) -> bool:
    """A curated label that names one body by itself: several words, or an
    acronym; not one of the generic phrases of body_labels.yaml."""
    text = " ".join(label.split())
    if text.lower() in {g.lower() for g in rules.get("generic", [])}:
        return False
    words = text.split()
    if len(words) >= int(rules.get("min_words", 2)):
        return True
    return len(text) >= int(rules.get("min_acronym", 4)) and text.upper() == text and any(c.isalpha() for c in text)


_CYRILLIC = re.compile("[\u0400-\u04ff]")


def declined(label: str, rules: dict) -> list[str]:
    """A Russian label in each oblique case (its head phrase declined), by the
    ending table of body_labels.yaml; other labels: none."""
    if not _CYRILLIC.search(label):
        return []
    words = label.split()
    preps = set(rules.get("ru_prepositions", []))
    head = next((i for i, w in enumerate(words) if w.lower() in preps), len(words))
    table = sorted((rules.get("ru_cases") or {}).items(), key=lambda kv: -len(kv[0]))
    n_cases = max((len(v) for _, v in table), default=0)
    out = []
    for case in range(n_cases):
        new = []
        for w in words[:head]:
            for end, forms in table:
                if w.lower().endswith(end):
                    w = w[: len(w) - len(end)] + forms[case]
                    break
            new.append(w)
        variant = " ".join(new + words[head:])
        if variant != label and variant not in out:
            out.append(variant)
    return out


def body_patterns(gazetteer) -> list[dict]:
    rules = load("body_labels.yaml")
    out, seen = [], set()
    for entry in gazetteer.of_kind("bodies"):
        for label in entry.labels:
            if not usable(label, rules):
                continue
            for form in [label, *declined(label, rules)]:
                key = (entry.id, form.lower())
                if key not in seen:
                    seen.add(key)
                    out.append({"label": "BODY", "pattern": form, "id": entry.id})
    return out


class BodyRuler:
    """``doc.spans["bodies"]`` from the curated body labels, and those spans as
    body-mention candidates ``(prio, start, end, body, rule, anaphor)``."""

    def __init__(self, nlp, gazetteer):
        from spacy.pipeline import SpanRuler

        self.ruler = SpanRuler(nlp, name="kg_curated_bodies", spans_key=SPANS_KEY,
                               phrase_matcher_attr="LOWER", overwrite=True)
        self.patterns = body_patterns(gazetteer)
        self.stop_after = {w.lower() for w in load("body_labels.yaml").get("not_followed_by", [])}
        if self.patterns:
            self.ruler.add_patterns(self.patterns)

    def __call__(self, doc):
        return self.ruler(doc) if self.patterns else doc

    def candidates(self, doc, offset: int) -> list[tuple]:
        if not self.patterns:
            return []
        self(doc)
        return [(PRIO, offset + sp.start_char, offset + sp.end_char, sp.id_, RULE, None)
                for sp in doc.spans[SPANS_KEY] if not self._continued(doc, sp.end)]

    def _continued(self, doc, end: int) -> bool:
        """The name goes on ("... Commission on Science"): this label is only its head."""
        while end < len(doc) and doc[end].is_space:
            end += 1
        return end < len(doc) and doc[end].lower_ in self.stop_after
