"""Reworded and syndicated copies: MinHash over word 3-shingles, banded into an LSH table kept in the warehouse.

Each new article costs one signature (numpy, ~1 ms), one lookup of its 32 band buckets among articles published
within `WINDOW_DAYS` (rows are appended in roughly publication order, so DuckDB's zone maps skip the row groups
outside the window), and an exact shingle Jaccard against the few candidates. Only originals are indexed, so a
third copy links to the original, never to another copy.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from dataclasses import dataclass
from datetime import date

import duckdb
import numpy as np

SHINGLE_WORDS = 3
BANDS = 32
ROWS = 3  # per band: P(candidate) is 0.88 at Jaccard 0.4, 0.03 at 0.1
THRESHOLD = 0.4  # exact Jaccard of 3-shingles; distinct stories from one press office stay below 0.2
WINDOW_DAYS = 30  # a copy runs within a month of its original
_WORD = re.compile(r"\w+")
_RANDOM = np.random.default_rng(20261109)
_MULTIPLIERS = _RANDOM.integers(1, 2**63, BANDS * ROWS, dtype=np.uint64) | np.uint64(1)
_OFFSETS = _RANDOM.integers(0, 2**63, BANDS * ROWS, dtype=np.uint64)


@dataclass(frozen=True)
class Fingerprint:
    """An article's shingles (for the exact check) and LSH buckets (for the lookup)."""

    shingles: frozenset[int]
    buckets: tuple[int, ...]


def shingles(text: str) -> frozenset[int]:
    """CRC32 of every run of three lower-cased words."""
    words = _WORD.findall(text.lower())
    return frozenset(
        zlib.crc32(" ".join(words[i : i + SHINGLE_WORDS]).encode()) for i in range(len(words) - SHINGLE_WORDS + 1)
    )


def fingerprint(text: str) -> Fingerprint | None:
    """MinHash (multiply-shift hashes) banded into `BANDS` buckets; None for texts under three words."""
    values = shingles(text)
    if not values:
        return None
    keys = np.fromiter(values, dtype=np.uint64, count=len(values))
    with np.errstate(over="ignore"):
        hashed = (keys[None, :] * _MULTIPLIERS[:, None] + _OFFSETS[:, None]) >> np.uint64(32)
    signature = hashed.min(axis=1).reshape(BANDS, ROWS)
    buckets = tuple(
        int.from_bytes(hashlib.blake2b(row.tobytes(), digest_size=8).digest(), "little", signed=True)
        for row in signature
    )
    return Fingerprint(values, buckets)


def jaccard(left: frozenset[int], right: frozenset[int]) -> float:
    """Exact Jaccard similarity of two shingle sets."""
    if not left or not right:
        return 0.0
    return len(left & right) / len(left | right)


def find_original(con: duckdb.DuckDBPyConnection, print_: Fingerprint, day: date) -> tuple[str, float] | None:
    """The indexed original most similar to this fingerprint (Jaccard >= THRESHOLD), with its similarity."""
    buckets = ", ".join(str(bucket) for bucket in print_.buckets)  # our own integers: safe to inline
    rows = con.execute(
        f"""
        SELECT a.article_id, a.text, a.published_at FROM articles a
        WHERE a.article_id IN (
            SELECT article_id FROM article_lsh
            WHERE day BETWEEN ?::DATE - ? AND ?::DATE + ? AND bucket IN ({buckets})
        )
        """,
        [day, WINDOW_DAYS, day, WINDOW_DAYS],
    ).fetchall()
    scored = [(jaccard(print_.shingles, shingles(text)), -(published or date.max).toordinal(), article_id)
              for article_id, text, published in rows]
    score, _, article_id = max(scored, default=(0.0, 0, ""))  # most similar, then earliest published
    return (article_id, score) if score >= THRESHOLD else None


def index_article(con: duckdb.DuckDBPyConnection, article_id: str, print_: Fingerprint, day: date) -> None:
    """Add an original's buckets to the LSH table."""
    con.execute(
        "INSERT INTO article_lsh SELECT ?, unnest(range(?)), unnest(?::BIGINT[]), ?",
        [article_id, BANDS, list(print_.buckets), day],
    )


def index_existing_articles(con: duckdb.DuckDBPyConnection) -> int:
    """Index every original not yet in the LSH table (upgrading a warehouse made before near-duplicate detection)."""
    rows = con.execute(
        """
        SELECT article_id, text, coalesce(published_at, fetched_at::DATE) FROM articles
        WHERE duplicate_of IS NULL AND article_id NOT IN (SELECT article_id FROM article_lsh)
        """
    ).fetchall()
    indexed = 0
    for article_id, text, day in rows:
        print_ = fingerprint(text)
        if print_ is not None:
            index_article(con, article_id, print_, day)
            indexed += 1
    return indexed
