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
SIGNATURE_SIZE = BANDS * ROWS  # MinHash values, one per hash function
# Non-ASCII characters that `\w` does not match (the ASCII range is tested first: it rules out most characters cheaply).
_NON_ASCII_NON_WORD = re.compile(r"[^\x00-\x7f\w]")
_ASCII_NON_WORD_TO_SPACE = bytes(byte if byte > 0x7F or re.match(r"\w", chr(byte)) else 0x20 for byte in range(256))
_RANDOM = np.random.default_rng(20261109)
_MULTIPLIERS = _RANDOM.integers(1, 2**63, SIGNATURE_SIZE, dtype=np.uint64) | np.uint64(1)
_OFFSETS = _RANDOM.integers(0, 2**63, SIGNATURE_SIZE, dtype=np.uint64)


@dataclass(frozen=True, eq=False)
class Fingerprint:
    """An article's shingles (for the exact check), MinHash signature (to estimate the Jaccard of a candidate without
    its shingles) and LSH buckets (for the lookup); equal when all three are (arrays have no truth value, so the
    generated comparison cannot be used, nor a hash)."""

    shingles: np.ndarray  # sorted, distinct uint32: 4 bytes a shingle, where a set of ints costs about 70
    buckets: tuple[int, ...]
    signature: np.ndarray  # SIGNATURE_SIZE uint32 minima, one per hash function

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, Fingerprint) and self.buckets == other.buckets
                and np.array_equal(self.shingles, other.shingles) and np.array_equal(self.signature, other.signature))


def shingles(text: str) -> np.ndarray:
    r"""CRC32 of every run of three lower-cased words (`\w+`, in UTF-8, joined by one space), sorted and distinct."""
    words = _words(text.lower())
    # map() keeps the per-shingle work in C: a batch of long articles hashes in a fraction of a generator's time.
    hashes = np.fromiter(map(zlib.crc32, map(b" ".join, zip(*(words[i:] for i in range(SHINGLE_WORDS))))),
                         dtype=np.uint32, count=max(len(words) - SHINGLE_WORDS + 1, 0))
    # What np.unique does (sort, keep each value that differs from its left neighbour) without its dispatch overhead.
    hashes.sort()
    first = np.empty(hashes.size, dtype=bool)
    first[:1] = True
    np.not_equal(hashes[1:], hashes[:-1], out=first[1:])
    return hashes[first]


def _words(lowered: str) -> list[bytes]:
    r"""`[word.encode() for word in re.findall(r"\w+", lowered)]` at a third of the cost: once every non-ASCII
    character that `\w` does not match is a space, a UTF-8 word is a run of ASCII word bytes and bytes >= 0x80, so a
    byte table (other ASCII bytes to spaces) and bytes.split() cut the same words."""
    if not lowered.isascii():
        lowered = _NON_ASCII_NON_WORD.sub(" ", lowered)
    return lowered.encode().translate(_ASCII_NON_WORD_TO_SPACE).split()


def fingerprint(text: str) -> Fingerprint | None:
    """MinHash (multiply-shift hashes) banded into `BANDS` buckets; None for texts under three words."""
    values = shingles(text)
    if not values.size:
        return None
    # (key * multiplier + offset) mod 2**64 in one buffer (uint64 arrays wrap silently). A shift is monotone, so
    # shifting each row's minimum equals the minimum of the shifted row, one pass over the matrix less.
    hashed = values.astype(np.uint64) * _MULTIPLIERS[:, None]
    hashed += _OFFSETS[:, None]
    minima = hashed.min(axis=1) >> np.uint64(32)
    signature = minima.tobytes()
    band = len(signature) // BANDS
    digests = b"".join([hashlib.blake2b(signature[start:start + band], digest_size=8).digest()
                        for start in range(0, len(signature), band)])
    return Fingerprint(values, tuple(np.frombuffer(digests, dtype="<i8").tolist()), minima.astype(np.uint32))


def estimated_jaccard(left: np.ndarray, right: np.ndarray) -> float | np.ndarray:
    """The share of equal MinHash values of two signatures: an unbiased estimate of their texts' Jaccard (standard
    error 0.05 at 0.4 with 96 values). `right` may stack many signatures (one per row): one estimate each, in one
    comparison, where a call per candidate costs a few microseconds of overhead for every one."""
    return np.count_nonzero(left == right, axis=-1) / left.size


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
