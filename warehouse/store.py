"""Every write the pipeline makes: runs, source state, fetch outcomes, articles and mentions.

Each public function takes an open connection; `load_pages` writes one batch in one transaction so a crash leaves
the warehouse as of the last committed batch.
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from contextlib import contextmanager
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Iterator, NamedTuple

import duckdb

from extractors.models import Event
from sources.models import Candidate, SourceReport, SourceState
from warehouse import incidents, neardup, summaries
from warehouse.bulk import DAY, INT, MOMENT, REAL, TEXT, TEXTS, column_lists, insert_rows, unnested, with_rows
from warehouse.lock import WriterBusy
from warehouse.records import PageRecord
from warehouse.schema import migrate

DEFAULT_DB = "hotspots.duckdb"
# New warehouse files are written in DuckDB 1.5's storage format, which the DuckDB CLI analysts install (`duckdb-cli`
# 1.5.x) reads, so the published snapshot can be the file itself, copied (`warehouse.publish`). An existing file keeps
# the format it was created in.
STORAGE_VERSION = "v1.5.0"
CLUSTER_EVERY_PAGES = 2000  # see `RunLoader`


def resolve_db_path(db: str | os.PathLike[str] | None) -> Path:
    """The database path: explicit argument, else $HOTSPOTS_DB, else ./hotspots.duckdb."""
    return Path(db or os.environ.get("HOTSPOTS_DB") or DEFAULT_DB)


def snapshot_path(db_path: str | os.PathLike[str]) -> Path:
    """Default snapshot beside the database (`warehouse.publish` writes it): `hotspots.duckdb` ->
    `hotspots.snapshot.duckdb`."""
    path = Path(db_path)
    return path.with_name(f"{path.stem}.snapshot{path.suffix or '.duckdb'}")


def existing_db_path(db: str | os.PathLike[str] | None) -> Path:
    """The database path, which must already exist (for readers and for re-labelling stored data)."""
    path = resolve_db_path(db)
    if not path.exists():
        raise FileNotFoundError(f"no warehouse at {path}: run `hotspots demo` or `hotspots ingest` first")
    return path


@contextmanager
def open_warehouse(db: str | os.PathLike[str] | None, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    """Open (creating and migrating if needed) the warehouse; closes on exit."""
    path = resolve_db_path(db)
    if read_only:
        con = _connect_reader(existing_db_path(db))
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        con = duckdb.connect(str(path), config={"storage_compatibility_version": STORAGE_VERSION})
        migrate(con)
    # DuckDB draws a progress bar on the terminal for any statement over two seconds: noise in a nightly job's log and
    # between the CLI's own lines.
    con.execute("SET enable_progress_bar = false")
    try:
        yield con
    finally:
        con.close()


def _connect_reader(path: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection; while a run writes the file DuckDB refuses one, and the error says what to read
    instead."""
    try:
        return duckdb.connect(str(path), read_only=True)
    except duckdb.IOException as error:
        if "Could not set lock on file" not in str(error):
            raise
        raise WriterBusy(f"{path} is open in a process writing it: read the last published snapshot instead "
                         f"(--db {snapshot_path(path)}), or try again when the run finishes") from None


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


def utc_now() -> datetime:
    """Naive UTC, the convention of every TIMESTAMP column."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


# Flows that hold the writer lock from their start to their end (a backfill takes it only between its windows).
_LOCKED_THROUGHOUT = ("ingest", "reclassify")


def start_run(con: duckdb.DuckDBPyConnection, flow: str, parameters: Mapping[str, Any]) -> str:
    """Record a run as started; returns its id. An ingest or reclassify run starts under the writer lock, which the
    others of their kind hold until they end: any of them still marked running was killed, and is marked
    interrupted, so the runs table does not show it running for ever."""
    if flow in _LOCKED_THROUGHOUT:
        con.execute("UPDATE runs SET status = 'interrupted' WHERE status = 'running' AND flow IN (?, ?)",
                    list(_LOCKED_THROUGHOUT))
    run_id = uuid.uuid4().hex[:12]
    con.execute(
        "INSERT INTO runs (run_id, flow, started_at, parameters, status) VALUES (?, ?, ?, ?, 'running')",
        [run_id, flow, utc_now(), json.dumps(parameters, default=str)],
    )
    return run_id


def finish_run(con: duckdb.DuckDBPyConnection, run_id: str, counts: Mapping[str, int], status: str) -> None:
    """Close a run with its per-stage counts and final status."""
    con.execute(
        "UPDATE runs SET finished_at = ?, counts = ?, status = ? WHERE run_id = ?",
        [utc_now(), json.dumps(dict(counts)), status, run_id],
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
    con: duckdb.DuckDBPyConnection, reports: Sequence[SourceReport], new_items: Mapping[str, int],
    run_id: str | None = None,
) -> None:
    """Upsert each source's health after discovery; with `run_id`, also start the run's per-source coverage row
    (discovered, new, error). Its conditional-GET validators wait for `save_validators`, at the end of the run: saved
    now, a run killed before its pages were fetched would leave the next one a feed "unchanged", and nothing to do."""
    now = utc_now()
    with transaction(con):
        if run_id:
            con.executemany(
                """
                INSERT INTO source_runs (run_id, source, day, discovered, new, error)
                SELECT ?, ?, started_at::DATE, ?, ?, ? FROM runs WHERE run_id = ?
                ON CONFLICT (run_id, source) DO UPDATE SET
                    discovered = excluded.discovered, new = excluded.new, error = excluded.error
                """,
                [[run_id, r.source, r.items, new_items.get(r.source, 0), r.error, run_id] for r in reports],
            )
        for report in reports:
            state = report.state
            con.execute(
                """
                INSERT INTO sources VALUES (?, ?, ?, NULL, NULL, NULL, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (name) DO UPDATE SET
                    kind = excluded.kind, url = excluded.url, consecutive_failures = excluded.consecutive_failures,
                    disabled = excluded.disabled, last_fetch_at = excluded.last_fetch_at,
                    last_http_status = excluded.last_http_status, last_items = excluded.last_items,
                    last_new_items = excluded.last_new_items, last_error = excluded.last_error
                """,
                [
                    report.source, report.kind, report.url, state.consecutive_failures, state.disabled, now,
                    report.http_status, report.items, new_items.get(report.source, 0), report.error,
                ],
            )


def save_validators(con: duckdb.DuckDBPyConnection, run_id: str, reports: Sequence[SourceReport]) -> None:
    """Store the ETag, Last-Modified and body hash each source's document had in this run, which has handled every
    item it listed: call it only when a run over all dates has completed. A source that failed discovery, or one with
    a page that failed in this run (retried only if a run lists it again), keeps its old ones, so the next run reads
    its document again."""
    columns = {"name": TEXT, "etag": TEXT, "last_modified": TEXT, "body_hash": TEXT}
    rows = [(r.source, r.state.etag, r.state.last_modified, r.state.body_hash) for r in reports if not r.error]
    if not rows:
        return
    con.execute(
        f"""
        UPDATE sources SET etag = b.etag, last_modified = b.last_modified, body_hash = b.body_hash
        FROM {unnested(columns)} b WHERE sources.name = b.name AND b.name NOT IN (
            SELECT source FROM source_runs WHERE run_id = ? AND failed > 0)
        """,
        [*column_lists(columns, rows), run_id],
    )


def unseen(con: duckdb.DuckDBPyConnection, candidates: Iterable[Candidate], max_attempts: int) -> list[Candidate]:
    """Candidates not yet in a terminal state, plus failed ones still under their retry limit.

    Looks up only the candidates' own hashes, so the cost grows with new items, not with the warehouse, and only the
    hashes still to fetch come back to Python (a nightly run's 100k seen URLs stay in DuckDB).
    """
    unique: dict[str, Candidate] = {}
    for candidate in candidates:
        unique.setdefault(candidate.url_hash, candidate)
    if not unique:
        return []
    todo = {
        row[0]
        for row in con.execute(
            """
            SELECT wanted.url_hash FROM (SELECT unnest(?::VARCHAR[]) AS url_hash) wanted
            ANTI JOIN (SELECT url_hash FROM fetch_log WHERE state <> 'failed' OR attempts >= ?) done
            USING (url_hash)
            """,
            [list(unique), max_attempts],
        ).fetchall()
    }
    return [candidate for key, candidate in unique.items() if key in todo]


def _mention_id(article_id: str, event_type: str, state: str | None, district: str | None, version: str) -> str:
    key = "|".join([article_id, event_type, state or "", district or "", version])
    return hashlib.sha1(key.encode()).hexdigest()[:20]


def load_pages(
    con: duckdb.DuckDBPyConnection, run_id: str, records: Sequence[PageRecord],
    unclustered: dict[str, tuple[date, str]] | None = None,
) -> dict[str, int]:
    """Write one batch in one transaction; returns counts by terminal state plus articles and mentions inserted.

    A stored page whose text equals an earlier article's (verbatim syndication) or reads as a reworded copy of one
    (near-duplicate shingles) becomes a `duplicate` linked to it and adds no mentions; new mentions are clustered into
    incidents and the run's per-source counts are updated, all in the same transaction. With `unclustered`, the new
    mentions are left for the caller to cluster (`RunLoader`), and the new originals' day and lede are added to it
    once the batch has committed.

    Every write is one set-based statement per table, and every read is filtered by the batch's own keys (its
    articles, their incidents and weeks). DuckDB still scans the key columns for those filters, so a load grows slowly
    with the warehouse: a 50-page load took 135 ms into 9,950 articles and 165 ms into 247,500.
    """
    counts = {"stored": 0, "duplicate": 0, "skipped": 0, "failed": 0, "articles": 0, "mentions": 0}
    per_source: dict[str, Counter[str]] = {}
    copied: list[str] = []
    now = utc_now()
    ordered = sorted(records, key=_load_order)
    new_pages = [r for r in ordered if r.state == "stored" and r.article and r.content_hash]
    prints = {r.url_hash: r.fingerprint or neardup.fingerprint(r.article.text) for r in new_pages if r.article}
    article_rows: list[tuple[object, ...]] = []
    mention_rows: list[tuple[object, ...]] = []
    districts_mentioned: list[tuple[str | None, str]] = []  # (district, article) of each mention row
    lsh_rows: list[tuple[object, ...]] = []
    signature_rows: list[tuple[object, ...]] = []
    fetch_rows: dict[str, list[object]] = {}
    written: dict[str, tuple[date, str]] = {}  # originals' day and lede, handed to the clustering
    with transaction(con):
        present = _present(con, run_id, [r.url_hash for r in new_pages],
                           [r.content_hash for r in new_pages if r.content_hash], sorted({r.url_hash for r in records}),
                           sorted({r.source for r in records}))
        existing, originals = present.articles, present.originals
        lookup = neardup.CopyLookup(con, [(p, _day(r)) for r in new_pages if (p := prints[r.url_hash])])
        for record in ordered:
            state, reason = record.state, record.reason
            if state == "stored" and record.article and record.content_hash and record.url_hash not in existing:
                existing.add(record.url_hash)
                print_ = prints.get(record.url_hash)
                original = originals.get(record.content_hash)
                if original:
                    reason = f"same text as {original}"
                elif print_ and (match := lookup.find_original(print_, _day(record))):
                    original, reason = match[0], f"reworded copy of {match[0]} (similarity {match[1]:.2f})"
                article_rows.append(_article_row(run_id, record, original, reason if original else None, now))
                counts["articles"] += 1
                if original:
                    state = "duplicate"
                    copied.append(original)
                else:
                    reason = None
                    originals[record.content_hash] = record.url_hash
                    assert record.classification is not None
                    mention_rows += mention_rows_for(record.url_hash, record.classification.events,
                                                     record.classification.version)
                    districts_mentioned += [(event.district, record.url_hash) for event in record.classification.events]
                    written[record.url_hash] = (_article_day(record, now),
                                                record.article.text[:incidents.LEDE_CHARS])
                    if print_:
                        day = _day(record)
                        lookup.add(record.url_hash, print_, day, record.content_hash)
                        lsh_rows += neardup.bucket_rows(record.url_hash, print_, day)
                        signature_rows.append(neardup.signature_row(record.url_hash, print_, day))
            counts[state] += 1
            tally = per_source.setdefault(record.source, Counter())
            tally[state] += 1
            tally["fetched"] += record.http_status is not None and 200 <= record.http_status < 300
            _fetch_row(fetch_rows, run_id, record, state, reason, now)
        insert_rows(con, "articles", _ARTICLE_COLUMNS, article_rows)
        # A new article has no stored mention, and its events differ in type or place (one mention id each).
        insert_rows(con, "mentions", MENTION_COLUMNS, mention_rows)
        summaries.add_new_mentions(con, districts_mentioned)
        insert_rows(con, "article_lsh", neardup.LSH_COLUMNS, lsh_rows)
        insert_rows(con, "article_signatures", neardup.SIGNATURE_COLUMNS, signature_rows)
        _log_fetches(con, list(fetch_rows.values()), present.logged)
        counts["mentions"] = len(mention_rows)
        if unclustered is None:
            incidents.assign_incidents(con, run_id, written)
        incidents.recount_copied(con, copied)
        _count_source_run(con, run_id, per_source, present.sources)
    if unclustered is not None:
        unclustered.update(written)
    return counts


class RunLoader:
    """A run's batches loaded one after another over one connection, their new mentions clustered into incidents every
    `CLUSTER_EVERY_PAGES` pages and at `cluster`, rather than in every load.

    A clustering pass has a fixed cost of about 40 ms, whatever the number of mentions: over half the cost of the rest
    of a 100-page load. Once every five such loads, loading 3,000 news pages with the writer's settings cost 1.03-1.07
    ms/page instead of 1.43-1.49. A pass also reads back every incident its mentions touch, so fewer, larger passes
    cost less again: loading 10,000 news pages cost 0.91-0.93 ms/page with a pass every 500 pages, 0.79 every 2,000
    (0.73 every 5,000). A pass takes its mentions in event-date order, so the incidents can differ slightly with its
    size: over those 10,000 pages, 43,396 incidents with one pass per load, 43,241 with one every 2,000 pages.

    The mentions in between are committed without an incident. Readers cannot open the warehouse while the writer
    holds it, and the writer clusters before it closes. If the process is killed first, nothing is lost: any mention
    without an incident is clustered by the next pass over the warehouse (the next run's, or the `hotspots.refresh`
    that ends every run), which reads its article's lede back.
    """

    def __init__(self, con: duckdb.DuckDBPyConnection, run_id: str) -> None:
        self.con, self.run_id = con, run_id
        self._ledes: dict[str, tuple[date, str]] = {}  # the unclustered originals' day and lede, not read back
        self._pages = 0

    def load(self, records: Sequence[PageRecord]) -> dict[str, int]:
        """`load_pages` for one batch, then a clustering pass once `CLUSTER_EVERY_PAGES` pages are unclustered."""
        counts = load_pages(self.con, self.run_id, records, unclustered=self._ledes)
        self._pages += len(records)
        if self._pages >= CLUSTER_EVERY_PAGES:
            self.cluster()
        return counts

    def cluster(self) -> None:
        """Cluster the mentions loaded since the last pass, in one transaction."""
        if self._pages:
            with transaction(self.con):
                incidents.assign_incidents(self.con, self.run_id, self._ledes)
        self._ledes.clear()
        self._pages = 0


class _Present(NamedTuple):
    """What a batch finds already written: its stored articles, the stored originals of its content hashes, its URLs
    in the fetch log and its sources with a row for this run."""

    articles: set[str]
    originals: dict[str, str]
    logged: set[str]
    sources: set[str]


def _present(
    con: duckdb.DuckDBPyConnection, run_id: str, article_ids: list[str], hashes: list[str], url_hashes: list[str],
    sources: list[str],
) -> _Present:
    """One statement reading what the load must not insert twice, so that its writes are plain INSERTs, and UPDATEs
    only for rows that exist: DuckDB runs an upsert (ON CONFLICT) at about four times the fixed cost of either."""
    found = _Present(set(), {}, set(), set())
    for kind, key, original in con.execute(
        """
        SELECT 'article', article_id, NULL FROM articles WHERE article_id IN (SELECT unnest(?::VARCHAR[]))
        UNION ALL
        SELECT 'original', content_hash, min(article_id) FROM articles
        WHERE content_hash IN (SELECT unnest(?::VARCHAR[])) AND duplicate_of IS NULL
        GROUP BY content_hash
        UNION ALL
        SELECT 'logged', url_hash, NULL FROM fetch_log WHERE url_hash IN (SELECT unnest(?::VARCHAR[]))
        UNION ALL
        SELECT 'source', source, NULL FROM source_runs WHERE run_id = ? AND source IN (SELECT unnest(?::VARCHAR[]))
        """,
        [article_ids, hashes, url_hashes, run_id, sources],
    ).fetchall():
        if kind == "original":
            found.originals[key] = original
        else:
            {"article": found.articles, "logged": found.logged, "source": found.sources}[kind].add(key)
    return found


def _day(record: PageRecord) -> date:
    """The day a copy is compared around: page date, else feed date, else fetch date."""
    assert record.article is not None
    return record.article.published or (record.feed_published or record.fetched_at).date()


def _count_source_run(
    con: duckdb.DuckDBPyConnection, run_id: str, per_source: Mapping[str, Counter[str]], started: set[str]
) -> None:
    """Add this batch's outcomes to the run's per-source rows: an UPDATE of the rows already `started` (by
    `record_sources` or an earlier batch), an INSERT of the others."""
    tallies = ("fetched", "stored", "duplicate", "skipped", "failed")
    columns = {"source": TEXT, **dict.fromkeys(tallies, INT)}
    rows = {source: (source, *(per_source[source][c] for c in tallies)) for source in sorted(per_source)}
    added = [row for source, row in rows.items() if source in started]
    if added:
        con.execute(
            f"""
            UPDATE source_runs SET {", ".join(f"{c} = source_runs.{c} + b.{c}" for c in tallies)}
            FROM {unnested(columns)} b WHERE source_runs.run_id = ? AND source_runs.source = b.source
            """,
            [*column_lists(columns, added), run_id],
        )
    first = [row for source, row in rows.items() if source not in started]
    if first:
        con.execute(
            f"""
            INSERT INTO source_runs (run_id, source, day, {", ".join(tallies)})
            SELECT r.run_id, b.source, r.started_at::DATE, {", ".join(f"b.{c}" for c in tallies)}
            FROM runs r, {unnested(columns)} b WHERE r.run_id = ?
            """,
            [*column_lists(columns, first), run_id],
        )


def _log_fetches(con: duckdb.DuckDBPyConnection, rows: list[list[object]], logged: set[str]) -> None:
    """Write the batch's fetch_log rows (`_FETCH_COLUMNS`): URLs already `logged` (a failed page tried again) take
    the new outcome and add their attempts, the others are inserted."""
    insert_rows(con, "fetch_log", _FETCH_COLUMNS, [row for row in rows if row[0] not in logged])
    with_rows(con, _FETCH_COLUMNS, [row for row in rows if row[0] in logged], """
        UPDATE fetch_log SET last_run_id = b.last_run_id, http_status = b.http_status, state = b.state,
            reason = b.reason, attempts = fetch_log.attempts + b.attempts, updated_at = b.updated_at
        FROM {batch} b WHERE fetch_log.url_hash = b.url_hash
    """)


def _article_day(record: PageRecord, now: datetime) -> date:
    """An article row's day as the clustering reads it (`schema.ARTICLE_DAY`), from the record before it is a row."""
    assert record.article is not None
    return record.article.published or (record.fetched_at or now).date()


def _load_order(record: PageRecord) -> tuple[str, str]:
    """Earliest-published first, so the original of a syndicated story is the first outlet to run it."""
    published = record.feed_published.isoformat() if record.feed_published else "9999"
    return (published, record.url)


_ARTICLE_COLUMNS = {
    "article_id": TEXT, "url": TEXT, "source": TEXT, "run_id": TEXT, "title": TEXT, "published_at": DAY,
    "feed_published_at": MOMENT, "fetched_at": MOMENT, "site_name": TEXT, "authors": TEXTS, "language": TEXT,
    "text": TEXT, "content_hash": TEXT, "relevance": REAL, "duplicate_of": TEXT, "status": TEXT,
    "duplicate_reason": TEXT,
}
MENTION_COLUMNS = {
    "mention_id": TEXT, "article_id": TEXT, "event_type": TEXT, "state": TEXT, "district": TEXT, "place": TEXT,
    "precision": TEXT, "event_date": DAY, "date_source": TEXT, "confidence": REAL, "evidence": TEXT,
    "classifier_version": TEXT,
}
_FETCH_COLUMNS = {
    "url_hash": TEXT, "url": TEXT, "source": TEXT, "first_run_id": TEXT, "last_run_id": TEXT, "http_status": INT,
    "state": TEXT, "reason": TEXT, "attempts": INT, "updated_at": MOMENT,
}


def _article_row(
    run_id: str, record: PageRecord, duplicate_of: str | None, duplicate_reason: str | None, now: datetime
) -> tuple[object, ...]:
    article = record.article
    assert article is not None and record.classification is not None
    return (
        record.url_hash, record.url, record.source, run_id, article.title, article.published,
        record.feed_published, record.fetched_at or now, article.site_name, list(article.authors),
        article.language, article.text, record.content_hash, record.classification.relevance, duplicate_of,
        "duplicate" if duplicate_of else "stored", duplicate_reason,
    )


def mention_rows_for(article_id: str, events: Iterable[Event], version: str) -> list[tuple[object, ...]]:
    """Mention rows (MENTION_COLUMNS order) of one article's events under one classifier version."""
    return [
        (
            _mention_id(article_id, e.type, e.state, e.district, version), article_id, e.type, e.state, e.district,
            e.place, e.precision, e.event_date, e.date_source, e.confidence, e.evidence, version,
        )
        for e in events
    ]


def _fetch_row(
    rows: dict[str, list[object]], run_id: str, record: PageRecord, state: str, reason: str | None, now: datetime
) -> None:
    """One fetch_log row per URL and batch: a URL seen twice in a batch keeps its last state and adds attempts."""
    previous = rows.get(record.url_hash)
    attempts = record.attempts + (int(previous[8]) if previous else 0)  # type: ignore[call-overload]
    rows[record.url_hash] = [record.url_hash, record.url, record.source, run_id, run_id, record.http_status, state,
                             reason, attempts, now]
