"""Reworded and syndicated copies: MinHash over word 3-shingles, banded into an LSH table kept in the warehouse.

Each new article comes with its fingerprint (`extractors.fingerprint`, ~1 ms, computed in the flow's workers); a
whole batch costs one lookup of all its band buckets among articles published within `WINDOW_DAYS` (rows are appended
in roughly publication order, so DuckDB's zone maps skip the row groups outside the window). A candidate whose stored
MinHash signature estimates its Jaccard below `LIKELY` is dropped; the few left are compared exactly, on shingles.
Only originals are indexed, so a third copy links to the original, never to another copy.
"""

from __future__ import annotations

from collections import OrderedDict
from datetime import date, timedelta

import duckdb
import numpy as np

from extractors.fingerprint import (
    SIGNATURE_SIZE, Fingerprint, estimated_jaccard, fingerprint, jaccard, shingles,
)
from warehouse.bulk import BYTES, DAY, INT, TEXT, insert_rows
from warehouse.schema import ARTICLE_DAY

THRESHOLD = 0.4  # exact Jaccard of 3-shingles; distinct stories from one press office stay below 0.2
WINDOW_DAYS = 30  # a copy runs within a month of its original
# Estimated Jaccard (96 MinHash values) below which a candidate is not compared exactly. Distinct stories sharing a
# band estimate about 0.1; a copy at THRESHOLD estimates below 0.2 with probability 4e-5 (four standard errors). Without
# it, a backfill re-read and re-shingled hundreds of candidate originals a batch once their window held more than the
# shingle cache.
LIKELY = 0.2


LSH_COLUMNS = {"article_id": TEXT, "band": INT, "bucket": INT, "day": DAY}
SIGNATURE_COLUMNS = {"article_id": TEXT, "day": DAY, "signature": BYTES}


class CopyLookup:
    """The originals a batch of new articles could copy: one query for all their buckets, then exact Jaccard.

    Originals stored earlier in the same batch are added as they come (`add`), so a copy of a story first seen in
    this batch is caught too. Each original's signature is a row of one matrix, so a page is estimated against all its
    bucket mates in one comparison; days are kept as ordinals, compared without building a timedelta each.
    """

    def __init__(self, con: duckdb.DuckDBPyConnection, wanted: list[tuple[Fingerprint, date]]) -> None:
        self._by_bucket: dict[int, list[tuple[str, int]]] = {}
        self._shingles: dict[str, np.ndarray] = {}
        self._row: dict[str, int] = {}  # an original's row of `_signatures`
        self._signatures = np.empty((0, SIGNATURE_SIZE), dtype=np.uint32)
        self._published: dict[str, date | None] = {}
        if not wanted:
            return
        buckets = sorted({bucket for print_, _ in wanted for bucket in print_.buckets})
        first = min(day for _, day in wanted) - timedelta(days=WINDOW_DAYS)
        last = max(day for _, day in wanted) + timedelta(days=WINDOW_DAYS)
        rows = con.execute(
            """
            SELECT l.bucket, l.day, a.article_id, a.content_hash, a.published_at, s.signature
            FROM article_lsh l JOIN articles a USING (article_id) JOIN article_signatures s USING (article_id)
            WHERE l.day BETWEEN ? AND ? AND l.bucket IN (SELECT unnest(?::BIGINT[])) AND s.day BETWEEN ? AND ?
            """,
            [first, last, buckets, first, last],
        ).fetchall()
        hashes: dict[str, str] = {}
        signatures: list[bytes] = []
        for bucket, day, article_id, content_hash, published, signature in rows:
            self._by_bucket.setdefault(bucket, []).append((article_id, day.toordinal()))
            if article_id not in hashes:
                hashes[article_id] = content_hash
                self._published[article_id] = published
                self._row[article_id] = len(signatures)
                signatures.append(signature)
        # Room for every page of the batch: only they are added (`add`), each once, as it is stored.
        self._signatures = np.empty((len(signatures) + len(wanted), SIGNATURE_SIZE), dtype=np.uint32)
        self._signatures[: len(signatures)] = np.frombuffer(b"".join(signatures), dtype=np.uint32).reshape(
            len(signatures), SIGNATURE_SIZE)
        # Only the originals some article of the batch will compare are shingled: a batch of pages from many weeks
        # reads originals from all of them, most too far from any one page's day or too unlike it.
        compared = {article_id for print_, day in wanted for article_id in self._candidates(print_, day)}
        self._shingles = _shingles_of(con, {article_id: hashes[article_id] for article_id in compared})

    def add(self, article_id: str, print_: Fingerprint, day: date, content_hash: str) -> None:
        """Make a just-stored original findable by the rest of the batch (and by later batches' lookups)."""
        ordinal = day.toordinal()
        for bucket in print_.buckets:
            self._by_bucket.setdefault(bucket, []).append((article_id, ordinal))
        self._shingles[article_id] = print_.shingles
        self._row[article_id] = len(self._row)
        self._signatures[self._row[article_id]] = print_.signature
        self._published[article_id] = day
        _remember(content_hash, print_.shingles)

    def _candidates(self, print_: Fingerprint, day: date) -> set[str]:
        """The originals sharing a bucket with this fingerprint, published within `WINDOW_DAYS` of `day`, whose
        signature estimates a Jaccard of at least `LIKELY`."""
        ordinal = day.toordinal()
        near = list({
            article_id
            for bucket in print_.buckets
            for article_id, indexed in self._by_bucket.get(bucket, ())
            if abs(indexed - ordinal) <= WINDOW_DAYS
        })
        if not near:
            return set()
        rows = [self._row[article_id] for article_id in near]
        estimates = estimated_jaccard(print_.signature, self._signatures[rows])
        return {near[index] for index in np.flatnonzero(estimates >= LIKELY).tolist()}

    def find_original(self, print_: Fingerprint, day: date) -> tuple[str, float] | None:
        """The original most similar to this fingerprint (Jaccard >= THRESHOLD, within the window), earliest first."""
        candidates = self._candidates(print_, day)
        scored = [(jaccard(print_.shingles, self._shingles[a]), -(self._published[a] or date.max).toordinal(), a)
                  for a in candidates]
        score, _, article_id = max(scored, default=(0.0, 0, ""))
        return (article_id, score) if score >= THRESHOLD else None


# Shingles of originals met recently, by content hash (texts equal once spacing and case are folded shingle alike,
# so an entry stays right whatever warehouse the article is in). A backfill meets the same originals as candidates batch
# after batch; each is read and shingled once. About 4 KB an entry for a 900-word article: 120 MB when full.
_RECENT: OrderedDict[str, np.ndarray] = OrderedDict()
# A copy's original is at most `WINDOW_DAYS` older, so the cache should hold a month of originals: 1,000 a day, as a
# year's backfill of hundreds of thousands of pages brings. With room for 10,000, a backfill of 667 pages a day missed
# half of its candidates and spent 0.45 ms a page reading texts back and shingling them.
RECENT_LIMIT = 30_000


def _remember(content_hash: str, values: np.ndarray) -> None:
    _RECENT[content_hash] = values
    _RECENT.move_to_end(content_hash)
    if len(_RECENT) > RECENT_LIMIT:
        _RECENT.popitem(last=False)


def _shingles_of(con: duckdb.DuckDBPyConnection, hashes: dict[str, str]) -> dict[str, np.ndarray]:
    """Shingles of these articles (id to content hash): from `_RECENT`, else read and shingled, then remembered."""
    found: dict[str, np.ndarray] = {}
    missing: list[str] = []
    for article_id, content_hash in hashes.items():
        values = _RECENT.get(content_hash)
        if values is None:
            missing.append(article_id)
        else:
            _RECENT.move_to_end(content_hash)
            found[article_id] = values
    if missing:
        # Filtered on article_id, a scan reads every article's text; matched by rowid, it reads only the span of
        # rowids found (the self-join passes their range down to the scan). Rows are appended in about publication
        # order and the candidates lie within a month of the batch, so a backfill reads a month of text, not a year.
        rows = con.execute(
            """
            SELECT article_id, text FROM articles
            WHERE rowid IN (SELECT rowid FROM articles WHERE article_id IN (SELECT unnest(?::VARCHAR[])))
            """,
            [missing],
        ).fetchall()
        for article_id, text in rows:
            found[article_id] = shingles(text)
            _remember(hashes[article_id], found[article_id])
    return found


def bucket_rows(article_id: str, print_: Fingerprint, day: date) -> list[tuple[object, ...]]:
    """The LSH table rows of an original (one per band)."""
    return [(article_id, band, bucket, day) for band, bucket in enumerate(print_.buckets)]


def signature_row(article_id: str, print_: Fingerprint, day: date) -> tuple[object, ...]:
    """The signature table row of an original."""
    return (article_id, day, print_.signature.tobytes())


def index_existing_articles(con: duckdb.DuckDBPyConnection) -> int:
    """Index every original without a stored signature (upgrading a warehouse made before near-duplicate detection,
    or before signatures were kept); returns how many were indexed."""
    rows = con.execute(
        f"""
        SELECT article_id, text, {ARTICLE_DAY},
               article_id IN (SELECT article_id FROM article_lsh)
        FROM articles
        WHERE duplicate_of IS NULL AND article_id NOT IN (SELECT article_id FROM article_signatures)
        """
    ).fetchall()
    indexed = [(article_id, print_, day, banded) for article_id, text, day, banded in rows
               if (print_ := fingerprint(text))]
    insert_rows(con, "article_lsh", LSH_COLUMNS,
                [row for article_id, print_, day, banded in indexed if not banded
                 for row in bucket_rows(article_id, print_, day)])
    insert_rows(con, "article_signatures", SIGNATURE_COLUMNS,
                [signature_row(article_id, print_, day) for article_id, print_, day, _ in indexed])
    return len(indexed)
