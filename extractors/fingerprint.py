"""An article's text as word 3-shingles and their MinHash, banded for locality-sensitive hashing.

Pure text work, so the flow computes it in the worker processes along with extraction and classification; the
warehouse (`warehouse.neardup`) only looks the bands up and compares shingles.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from dataclasses import dataclass

import numpy as np

SHINGLE_WORDS = 3
BANDS = 32
ROWS = 3  # per band: P(candidate) is 0.88 at Jaccard 0.4, 0.03 at 0.1
_WORD = re.compile(r"\w+")
_RANDOM = np.random.default_rng(20261109)
_MULTIPLIERS = _RANDOM.integers(1, 2**63, BANDS * ROWS, dtype=np.uint64) | np.uint64(1)
_OFFSETS = _RANDOM.integers(0, 2**63, BANDS * ROWS, dtype=np.uint64)


@dataclass(frozen=True, eq=False)
class Fingerprint:
    """An article's shingles (for the exact check) and LSH buckets (for the lookup); equal when both are (arrays have
    no truth value, so the generated comparison cannot be used, nor a hash)."""

    shingles: np.ndarray  # sorted, distinct uint32: 4 bytes a shingle, where a set of ints costs about 70
    buckets: tuple[int, ...]

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, Fingerprint) and self.buckets == other.buckets
                and np.array_equal(self.shingles, other.shingles))


def shingles(text: str) -> np.ndarray:
    """CRC32 of every run of three lower-cased words, sorted and distinct."""
    words = [word.encode() for word in _WORD.findall(text.lower())]
    # map() keeps the per-shingle work in C: a batch of long articles hashes in a fraction of a generator's time.
    hashes = map(zlib.crc32, map(b" ".join, zip(*(words[i:] for i in range(SHINGLE_WORDS)))))
    return np.unique(np.fromiter(hashes, dtype=np.uint32))


def fingerprint(text: str) -> Fingerprint | None:
    """MinHash (multiply-shift hashes) banded into `BANDS` buckets; None for texts under three words."""
    values = shingles(text)
    if not values.size:
        return None
    keys = values.astype(np.uint64)
    with np.errstate(over="ignore"):
        hashed = (keys[None, :] * _MULTIPLIERS[:, None] + _OFFSETS[:, None]) >> np.uint64(32)
    signature = hashed.min(axis=1).reshape(BANDS, ROWS)
    buckets = tuple(
        int.from_bytes(hashlib.blake2b(row.tobytes(), digest_size=8).digest(), "little", signed=True)
        for row in signature
    )
    return Fingerprint(values, buckets)


def jaccard(left: np.ndarray, right: np.ndarray) -> float:
    """Exact Jaccard similarity of two shingle sets (as `shingles` returns them)."""
    if not left.size or not right.size:
        return 0.0
    # Both are sorted and distinct, so a shingle they share sits next to itself once they are merged; a stable sort
    # of two sorted runs is one linear merge (a third less time than `np.intersect1d`, which sorts from scratch).
    both = np.concatenate((left, right))
    both.sort(kind="stable")
    shared = int(np.count_nonzero(both[1:] == both[:-1]))
    return shared / (left.size + right.size - shared)
