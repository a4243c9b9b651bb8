"""Near-duplicate detection: syndicated copies and light rewrites.

Each document is reduced to the set of its word 5-grams (shingles) and a
MinHash signature of that set (64 hash functions, deterministic across runs
and processes). Candidate pairs come from locality-sensitive hashing (bands of
the signature), so the work grows with the number of documents, not with its
square; each candidate pair is then checked exactly on the shingle sets.

A pair is a near-duplicate when the shingle *containment* of the smaller
document in the larger one is at least ``threshold`` (a syndicated copy that
drops paragraphs is still a copy). The smaller document is marked
``duplicate_of`` the larger one (ties: the name that sorts first).
"""
from __future__ import annotations

import hashlib
import heapq
import re
import struct
import zlib
from collections import defaultdict

SHINGLE = 5
PERMS = 64
BANDS = 32          # 2 rows per band: pairs with modest overlap become candidates
_MASK = (1 << 61) - 1
_WORD = re.compile(r"[a-z0-9]+")


def _params():
    out = []
    seed = b"kg-extract-minhash"
    for i in range(PERMS):
        h = hashlib.blake2b(seed + struct.pack("<I", i), digest_size=16).digest()
        a, b = struct.unpack("<QQ", h)
        out.append(((a & _MASK) | 1, b & _MASK))
    return out


_AB = _params()


def shingles(text: str, k: int = SHINGLE) -> set[int]:
    words = _WORD.findall(text.lower())
    if len(words) < k:
        return {_h(" ".join(words))} if words else set()
    return {_h(" ".join(words[i:i + k])) for i in range(len(words) - k + 1)}


def _h(s: str) -> int:
    b = s.encode()
    return (zlib.crc32(b) << 32) | zlib.adler32(b)


def minhash(sh: set[int]) -> list[int]:
    if not sh:
        return [0] * PERMS
    return [min(((a * x + b) & _MASK) for x in sh) for a, b in _AB]


def fingerprint(norm: str, spans=None) -> str:
    """A short stable fingerprint of the document's wording (hex of the 16
    smallest shingle hashes, a bottom-k MinHash sketch); equal texts give
    equal fingerprints."""
    text = norm if spans is None else "\n".join(norm[s:e] for s, e in spans)
    # bottom-k sketch (one hash, the 16 smallest values): a MinHash variant
    # that costs one pass over the shingles
    sig = heapq.nsmallest(16, shingles(text[:2_000_000]))
    return "mh5:" + "".join(f"{v:016x}" for v in sig)


def near_duplicates(docs: dict[str, str], threshold: float = 0.5) -> dict[str, tuple[str, float]]:
    """``{name: (original name, containment)}`` for documents that copy another."""
    sh = {name: shingles(text[:2_000_000]) for name, text in docs.items()}
    sigs = {name: minhash(s) for name, s in sh.items()}
    rows = PERMS // BANDS
    buckets: dict[tuple, list[str]] = defaultdict(list)
    for name in sorted(sigs):
        if not sh[name]:
            continue
        sig = sigs[name]
        for b in range(BANDS):
            buckets[(b, tuple(sig[b * rows:(b + 1) * rows]))].append(name)
    pairs = set()
    for names in buckets.values():
        if 1 < len(names) <= 200:
            for i in range(len(names)):
                for j in range(i + 1, len(names)):
                    pairs.add((names[i], names[j]))
    best: dict[str, tuple[str, float]] = {}
    for a, b in sorted(pairs):
        sa, sb = sh[a], sh[b]
        small, large = (a, b) if (len(sa), b) < (len(sb), a) else (b, a)
        inter = len(sh[small] & sh[large])
        cont = inter / max(1, len(sh[small]))
        if cont >= threshold and (small not in best or best[small][1] < cont):
            best[small] = (large, round(cont, 3))
    # follow chains so that every copy points at an original
    out = {}
    for name, (orig, c) in best.items():
        seen = {name}
        while orig in best and orig not in seen:
            seen.add(orig)
            orig = best[orig][0]
        if orig != name:
            out[name] = (orig, c)
    return out
