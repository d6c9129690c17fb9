"""Every write the pipeline makes: runs, source state, fetch outcomes, articles and mentions.

Each public function takes an open connection; `load_pages` writes one batch in one transaction so a crash leaves
the warehouse as of the last committed batch.
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from collections.abc import Iterable, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator

import duckdb

from sources.models import Candidate, SourceReport, SourceState
from warehouse.records import PageRecord
from warehouse.schema import migrate

DEFAULT_DB = "hotspots.duckdb"


def resolve_db_path(db: str | os.PathLike[str] | None) -> Path:
    """The database path: explicit argument, else $HOTSPOTS_DB, else ./hotspots.duckdb."""
    return Path(db or os.environ.get("HOTSPOTS_DB") or DEFAULT_DB)


@contextmanager
def open_warehouse(db: str | os.PathLike[str] | None, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    """Open (creating and migrating if needed) the warehouse; closes on exit."""
    path = resolve_db_path(db)
    if read_only:
        if not path.exists():
            raise FileNotFoundError(f"no warehouse at {path}: run `hotspots demo` or `hotspots ingest` first")
        con = duckdb.connect(str(path), read_only=True)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        con = duckdb.connect(str(path))
        migrate(con)
    try:
        yield con
    finally:
        con.close()


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """All-or-nothing block."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def start_run(con: duckdb.DuckDBPyConnection, flow: str, parameters: Mapping[str, Any]) -> str:
    """Record a run as started; returns its id."""
    run_id = uuid.uuid4().hex[:12]
    con.execute(
        "INSERT INTO runs (run_id, flow, started_at, parameters, status) VALUES (?, ?, ?, ?, 'running')",
        [run_id, flow, _now(), json.dumps(parameters, default=str)],
    )
    return run_id


def finish_run(con: duckdb.DuckDBPyConnection, run_id: str, counts: Mapping[str, int], status: str) -> None:
    """Close a run with its per-stage counts and final status."""
    con.execute(
        "UPDATE runs SET finished_at = ?, counts = ?, status = ? WHERE run_id = ?",
        [_now(), json.dumps(dict(counts)), status, run_id],
    )


def source_states(con: duckdb.DuckDBPyConnection) -> dict[str, SourceState]:
    """The persisted fetch state of every known source (conditional-GET validators, failures)."""
    rows = con.execute(
        "SELECT name, etag, last_modified, body_hash, consecutive_failures, disabled FROM sources"
    ).fetchall()
    return {
        name: SourceState(etag, last_modified, body_hash, failures, disabled)
        for name, etag, last_modified, body_hash, failures, disabled in rows
    }


def record_sources(
    con: duckdb.DuckDBPyConnection, reports: Sequence[SourceReport], new_items: Mapping[str, int]
) -> None:
    """Upsert each source's health and new state after discovery."""
    now = _now()
    with transaction(con):
        for report in reports:
            state = report.state
            con.execute(
                """
                INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (name) DO UPDATE SET
                    kind = excluded.kind, url = excluded.url, etag = excluded.etag,
                    last_modified = excluded.last_modified, body_hash = excluded.body_hash,
                    consecutive_failures = excluded.consecutive_failures, disabled = excluded.disabled,
                    last_fetch_at = excluded.last_fetch_at, last_http_status = excluded.last_http_status,
                    last_items = excluded.last_items, last_new_items = excluded.last_new_items,
                    last_error = excluded.last_error
                """,
                [
                    report.source, report.kind, report.url, state.etag, state.last_modified, state.body_hash,
                    state.consecutive_failures, state.disabled, now, report.http_status, report.items,
                    new_items.get(report.source, 0), report.error,
                ],
            )


def unseen(con: duckdb.DuckDBPyConnection, candidates: Iterable[Candidate], max_attempts: int) -> list[Candidate]:
    """Candidates not yet in a terminal state, plus failed ones still under their retry limit.

    Looks up only the candidates' own hashes, so the cost grows with new items, not with the warehouse.
    """
    unique: dict[str, Candidate] = {}
    for candidate in candidates:
        unique.setdefault(candidate.url_hash, candidate)
    if not unique:
        return []
    done = {
        row[0]
        for row in con.execute(
            """
            SELECT url_hash FROM fetch_log
            WHERE url_hash IN (SELECT unnest(?::VARCHAR[]))
              AND (state <> 'failed' OR attempts >= ?)
            """,
            [list(unique), max_attempts],
        ).fetchall()
    }
    return [candidate for key, candidate in unique.items() if key not in done]


def _mention_id(article_id: str, event_type: str, state: str | None, district: str | None, version: str) -> str:
    key = "|".join([article_id, event_type, state or "", district or "", version])
    return hashlib.sha1(key.encode()).hexdigest()[:20]


def load_pages(con: duckdb.DuckDBPyConnection, run_id: str, records: Sequence[PageRecord]) -> dict[str, int]:
    """Write one batch in one transaction; returns counts by terminal state plus articles and mentions inserted.

    A stored page whose text equals an earlier article's (verbatim syndication) becomes a `duplicate` linked to it.
    """
    counts = {"stored": 0, "duplicate": 0, "skipped": 0, "failed": 0, "articles": 0, "mentions": 0}
    now = _now()
    with transaction(con):
        hashes = [r.content_hash for r in records if r.content_hash]
        originals: dict[str, str] = dict(
            con.execute(
                """
                SELECT content_hash, min(article_id) FROM articles
                WHERE content_hash IN (SELECT unnest(?::VARCHAR[])) AND duplicate_of IS NULL
                GROUP BY content_hash
                """,
                [hashes],
            ).fetchall()
        )
        for record in sorted(records, key=_load_order):
            state, reason = record.state, record.reason
            if state == "stored" and record.article and record.content_hash:
                original = originals.get(record.content_hash)
                if original and original != record.url_hash:
                    state, reason = "duplicate", f"same text as {original}"
                inserted = _insert_article(con, run_id, record, original, now)
                counts["articles"] += inserted
                if inserted and original is None:
                    originals[record.content_hash] = record.url_hash
                    counts["mentions"] += _insert_mentions(con, record)
            counts[state] += 1
            _log_fetch(con, run_id, record, state, reason, now)
    return counts


def _load_order(record: PageRecord) -> tuple[str, str]:
    """Earliest-published first, so the original of a syndicated story is the first outlet to run it."""
    published = record.feed_published.isoformat() if record.feed_published else "9999"
    return (published, record.url)


def _insert_article(
    con: duckdb.DuckDBPyConnection, run_id: str, record: PageRecord, duplicate_of: str | None, now: datetime
) -> int:
    article = record.article
    assert article is not None and record.classification is not None
    before = con.execute("SELECT count(*) FROM articles WHERE article_id = ?", [record.url_hash]).fetchone()
    if before and before[0]:
        return 0
    con.execute(
        """
        INSERT INTO articles (article_id, url, source, run_id, title, published_at, feed_published_at, fetched_at,
                              site_name, authors, language, text, content_hash, relevance, duplicate_of, status)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
        [
            record.url_hash, record.url, record.source, run_id, article.title, article.published,
            record.feed_published, record.fetched_at or now, article.site_name, list(article.authors),
            article.language, article.text, record.content_hash, record.classification.relevance, duplicate_of,
            "duplicate" if duplicate_of else "stored",
        ],
    )
    return 1


def _insert_mentions(con: duckdb.DuckDBPyConnection, record: PageRecord) -> int:
    verdict = record.classification
    assert verdict is not None
    rows = [
        [
            _mention_id(record.url_hash, e.type, e.state, e.district, verdict.version), record.url_hash, e.type,
            e.state, e.district, e.place, e.precision, e.event_date, e.date_source, e.confidence, e.evidence,
            verdict.version,
        ]
        for e in verdict.events
    ]
    if rows:
        con.executemany(
            "INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", rows
        )
    return len(rows)


def _log_fetch(
    con: duckdb.DuckDBPyConnection, run_id: str, record: PageRecord, state: str, reason: str | None, now: datetime
) -> None:
    con.execute(
        """
        INSERT INTO fetch_log VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (url_hash) DO UPDATE SET
            last_run_id = excluded.last_run_id, http_status = excluded.http_status, state = excluded.state,
            reason = excluded.reason, attempts = fetch_log.attempts + excluded.attempts,
            updated_at = excluded.updated_at
        """,
        [record.url_hash, record.url, record.source, run_id, run_id, record.http_status, state, reason,
         record.attempts, now],
    )
