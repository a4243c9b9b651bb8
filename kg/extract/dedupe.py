"""Near-duplicate detection: syndicated copies and light rewrites.

Each document is reduced once to its *sketch*: the set of its word 5-grams
(shingles, 64-bit hashes, deterministic across runs and processes, a numpy
array). The corpus runner computes sketches in its workers, beside
extraction, and hands them to a :class:`CopyFinder` as they arrive. It takes
a MinHash signature (64 hash functions, vectorised) of each set without the
genre's stock phrases, and candidate pairs come from locality-sensitive
hashing (32 bands of 2 rows of the signature), so the work grows with the
number of documents, not with its square; each candidate pair is then
checked exactly on the whole shingle sets.

A pair is a near-duplicate when the shingle *containment* of the smaller
document in the larger one is at least ``threshold`` (a syndicated copy that
drops paragraphs is still a copy). The smaller document is marked
``duplicate_of`` the larger one (ties: the name that sorts first).
"""
from __future__ import annotations

import hashlib
import re
import zlib
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

SHINGLE = 5
PERMS = 64
BANDS = 32          # 2 rows per band: pairs with modest overlap become candidates
ROWS = PERMS // BANDS
MAX_BUCKET = 200    # a band value shared by more documents is boilerplate, not a copy
MIN_COMMON = 50     # see common_limit: a story copied more often than this is not found
MAX_CHARS = 2_000_000
_WORD = re.compile(r"[a-z0-9]+")
_CHUNK = 8192       # shingles hashed per step: bounded memory for any document

_MUL = np.uint64(0x9E3779B97F4A7C15)


def _params() -> tuple[np.ndarray, np.ndarray]:
    raw = hashlib.shake_256(b"kg-extract-minhash").digest(16 * PERMS)
    words = np.frombuffer(raw, dtype="<u8").reshape(PERMS, 2)
    return (words[:, 0] | np.uint64(1)).copy(), words[:, 1].copy()


_A, _B = _params()


def _mix(x: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: spreads every input bit over the output."""
    x = x ^ (x >> np.uint64(30))
    x = x * np.uint64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> np.uint64(27))
    x = x * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def shingles(text: str, k: int = SHINGLE) -> np.ndarray:
    """The sorted, distinct 64-bit hashes of the word k-grams of ``text``."""
    words = _WORD.findall(text[:MAX_CHARS].lower())
    if not words:
        return np.empty(0, dtype=np.uint64)
    w = np.fromiter((zlib.crc32(x.encode()) for x in words), dtype=np.uint64, count=len(words))
    w = _mix(w)
    if len(w) < k:
        k = len(w)
    n = len(w) - k + 1
    with np.errstate(over="ignore"):
        acc = np.zeros(n, dtype=np.uint64)
        for j in range(k):       # position-weighted sum: "a b" and "b a" differ
            acc = acc * _MUL + w[j:j + n]
        return np.unique(_mix(acc))


def minhash(sh: np.ndarray) -> np.ndarray:
    """The MinHash signature (PERMS values) of a shingle set."""
    sig = np.full(PERMS, np.iinfo(np.uint64).max, dtype=np.uint64)
    if not len(sh):
        return np.zeros(PERMS, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for i in range(0, len(sh), _CHUNK):
            part = sh[i:i + _CHUNK]
            h = _A[:, None] * part[None, :] + _B[:, None]
            h ^= h >> np.uint64(29)
            np.minimum(sig, h.min(axis=1), out=sig)
    return sig


@dataclass
class Sketch:
    shingles: np.ndarray


def sketch(text: str) -> Sketch:
    return Sketch(shingles(text))


def fingerprint(norm: str, spans=None) -> str:
    """A short stable fingerprint of the document's wording (hex of the 16
    smallest shingle hashes, a bottom-k MinHash sketch); equal texts give
    equal fingerprints."""
    text = norm if spans is None else "\n".join(norm[s:e] for s, e in spans)
    sig = shingles(text)[:16]
    return "mh5:" + "".join(f"{int(v):016x}" for v in sig)


def common_limit(n: int) -> int:
    """Shingles in more documents than this are the genre's stock phrases."""
    return max(MIN_COMMON, n // 100)


class CopyFinder:
    """Near-duplicates among sketches added one at a time (any order).

    Stock phrases of the genre ("the meeting was co-chaired by the") are in
    many documents, so a signature over them would put unrelated articles in
    one bucket and the candidate pairs would grow with the square of the
    corpus. The signatures are therefore taken over the shingles that at most
    :func:`common_limit` documents share; containment is still checked on
    all the shingles."""

    def __init__(self, threshold: float = 0.5):
        self.threshold = threshold
        self.sketches: dict[int, Sketch] = {}
        self._pairs: set[tuple[int, int]] | None = None

    def add(self, key: int, sk: Sketch) -> None:
        if len(sk.shingles):
            self.sketches[key] = sk
            self._pairs = None

    def candidate_pairs(self) -> set[tuple[int, int]]:
        if self._pairs is not None:
            return self._pairs
        keys = sorted(self.sketches)
        pairs: set[tuple[int, int]] = set()
        if len(keys) > 1:
            every = np.concatenate([self.sketches[k].shingles for k in keys])
            values, counts = np.unique(every, return_counts=True)
            common = values[counts > common_limit(len(keys))]
            buckets: dict[bytes, list[int]] = defaultdict(list)
            for k in keys:
                sh = self.sketches[k].shingles
                if len(common):
                    at = np.minimum(np.searchsorted(common, sh), len(common) - 1)
                    sh = sh[common[at] != sh]
                if not len(sh):
                    continue
                sig = minhash(sh)
                for b in range(BANDS):
                    buckets[bytes([b]) + sig[b * ROWS:(b + 1) * ROWS].tobytes()].append(k)
            for members in buckets.values():
                if 1 < len(members) <= MAX_BUCKET:
                    for i in range(len(members)):
                        for j in range(i + 1, len(members)):
                            pairs.add((members[i], members[j]))
        self._pairs = pairs
        return pairs

    def copies(self, names: dict[int, str]) -> dict[str, tuple[str, float]]:
        """``{name: (original name, containment)}`` for documents that copy another."""
        best: dict[str, tuple[str, float]] = {}
        for x, y in sorted(self.candidate_pairs(), key=lambda p: sorted((names[p[0]], names[p[1]]))):
            a, b = sorted((names[x], names[y]))
            sa, sb = (self.sketches[x], self.sketches[y]) if names[x] == a else (self.sketches[y], self.sketches[x])
            la, lb = len(sa.shingles), len(sb.shingles)
            small, large = (a, b) if (la, b) < (lb, a) else (b, a)
            inter = len(np.intersect1d(sa.shingles, sb.shingles, assume_unique=True))
            cont = inter / max(1, min(la, lb))
            if cont >= self.threshold and (small not in best or best[small][1] < cont):
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


def near_duplicates(docs: dict[str, str], threshold: float = 0.5) -> dict[str, tuple[str, float]]:
    """``{name: (original name, containment)}`` for documents that copy another."""
    finder = CopyFinder(threshold)
    names = dict(enumerate(docs))
    for i, name in names.items():
        finder.add(i, sketch(docs[name]))
    return finder.copies(names)
