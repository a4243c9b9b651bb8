"""Names and identifiers: folding for comparison, slugs, person name keys, ordinals.

One home for how the package compares names, so that the extractor, the
linker and the review commands agree on what "the same name" is.
"""
from __future__ import annotations

import re
import unicodedata

# Titles and ranks carry no identity when comparing people's names.
HONORIFICS = frozenset({
    "shri", "sri", "smt", "mr", "mrs", "ms", "dr", "lt", "gen", "general", "lieutenant", "air", "marshal",
    "chief", "col", "colonel", "admiral", "adm", "vice", "rear", "maj", "major", "brig", "brigadier",
    "prof", "sir", "his", "excellency",
})
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\Z")


def fold(text: str) -> str:
    """Lower-case ASCII words separated by single spaces ("Sergeï  Shoigu!" -> "sergei shoigu")."""
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def slug(text: str, limit: int | None = None, empty: str = "x") -> str:
    """A lower-case ASCII slug of `text` ("Sub Working Group (Land)" -> "sub-working-group-land")."""
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode().lower()
    out = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if limit:
        out = out[:limit].strip("-")
    return out or empty


def is_slug(text) -> bool:
    return isinstance(text, str) and SLUG.match(text) is not None


def name_key(name: str) -> frozenset:
    """Order-free token set of a person's name, ignoring titles and initials,
    with common transliteration variants folded (Nikolayevich/Nikolaevich,
    Sergey/Sergei)."""
    out = set()
    for tok in fold(name).split():
        if tok in HONORIFICS or len(tok) <= 2:
            continue
        tok = tok.replace("yev", "ev").replace("ye", "e")
        if tok.endswith("ey") or tok.endswith("iy"):
            tok = tok[:-2] + "ei"
        out.add(tok)
    return frozenset(out)


def ordinal_words(n: int) -> str:
    """1 -> '1st', 22 -> '22nd', 13 -> '13th'."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
