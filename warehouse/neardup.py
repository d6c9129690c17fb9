"""Reworded and syndicated copies: MinHash over word 3-shingles, banded into an LSH table kept in the warehouse.

Each new article costs one signature (numpy, ~1 ms); a whole batch costs one lookup of all its band buckets among
articles published within `WINDOW_DAYS` (rows are appended in roughly publication order, so DuckDB's zone maps skip
the row groups outside the window), and an exact shingle Jaccard against the few candidates. Only originals are indexed, so a
third copy links to the original, never to another copy.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from dataclasses import dataclass
from datetime import date, timedelta

import duckdb
import numpy as np

from warehouse.bulk import DAY, INT, TEXT, insert_rows

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
    words = [word.encode() for word in _WORD.findall(text.lower())]
    # map() keeps the per-shingle work in C: a batch of long articles hashes in a fraction of a generator's time.
    return frozenset(map(zlib.crc32, map(b" ".join, zip(*(words[i:] for i in range(SHINGLE_WORDS))))))


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


LSH_COLUMNS = {"article_id": TEXT, "band": INT, "bucket": INT, "day": DAY}


class CopyLookup:
    """The originals a batch of new articles could copy: one query for all their buckets, then exact Jaccard.

    Originals stored earlier in the same batch are added as they come (`add`), so a copy of a story first seen in
    this batch is caught too.
    """

    def __init__(self, con: duckdb.DuckDBPyConnection, wanted: list[tuple[Fingerprint, date]]) -> None:
        self._by_bucket: dict[int, list[tuple[str, date]]] = {}
        self._shingles: dict[str, frozenset[int]] = {}
        self._published: dict[str, date | None] = {}
        if not wanted:
            return
        buckets = sorted({bucket for print_, _ in wanted for bucket in print_.buckets})
        first = min(day for _, day in wanted) - timedelta(days=WINDOW_DAYS)
        last = max(day for _, day in wanted) + timedelta(days=WINDOW_DAYS)
        rows = con.execute(
            """
            SELECT l.bucket, l.day, a.article_id, a.text, a.published_at
            FROM article_lsh l JOIN articles a USING (article_id)
            WHERE l.day BETWEEN ? AND ? AND l.bucket IN (SELECT unnest(?::BIGINT[]))
            """,
            [first, last, buckets],
        ).fetchall()
        for bucket, day, article_id, text, published in rows:
            self._by_bucket.setdefault(bucket, []).append((article_id, day))
            if article_id not in self._shingles:
                self._shingles[article_id] = shingles(text)
                self._published[article_id] = published

    def add(self, article_id: str, print_: Fingerprint, day: date, text: str) -> None:
        """Make a just-stored original findable by the rest of the batch."""
        for bucket in print_.buckets:
            self._by_bucket.setdefault(bucket, []).append((article_id, day))
        self._shingles[article_id] = print_.shingles
        self._published[article_id] = day

    def find_original(self, print_: Fingerprint, day: date) -> tuple[str, float] | None:
        """The original most similar to this fingerprint (Jaccard >= THRESHOLD, within the window), earliest first."""
        candidates = {
            article_id
            for bucket in print_.buckets
            for article_id, indexed_day in self._by_bucket.get(bucket, ())
            if abs((indexed_day - day).days) <= WINDOW_DAYS
        }
        scored = [(jaccard(print_.shingles, self._shingles[a]), -(self._published[a] or date.max).toordinal(), a)
                  for a in candidates]
        score, _, article_id = max(scored, default=(0.0, 0, ""))
        return (article_id, score) if score >= THRESHOLD else None


def bucket_rows(article_id: str, print_: Fingerprint, day: date) -> list[tuple[object, ...]]:
    """The LSH table rows of an original (one per band)."""
    return [(article_id, band, bucket, day) for band, bucket in enumerate(print_.buckets)]


def index_existing_articles(con: duckdb.DuckDBPyConnection) -> int:
    """Index every original not yet in the LSH table (upgrading a warehouse made before near-duplicate detection)."""
    rows = con.execute(
        """
        SELECT article_id, text, coalesce(published_at, fetched_at::DATE) FROM articles
        WHERE duplicate_of IS NULL AND article_id NOT IN (SELECT article_id FROM article_lsh)
        """
    ).fetchall()
    batch = [row for article_id, text, day in rows if (print_ := fingerprint(text))
             for row in bucket_rows(article_id, print_, day)]
    insert_rows(con, "article_lsh", LSH_COLUMNS, batch)
    return len({row[0] for row in batch})
