"""Warehouse writes: one terminal state per URL, idempotent loads, verbatim duplicates counted once."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import duckdb
import pytest

from extractors.models import Article, Classification, Event
from sources.models import Candidate, SourceReport, SourceState
from warehouse import schema, store
from warehouse.records import PageRecord


@pytest.fixture()
def con(tmp_path):
    with store.open_warehouse(tmp_path / "w.duckdb") as connection:
        yield connection


def _stored(url_hash: str, text: str, district: str = "usao-mn", published: str = "2026-10-01") -> PageRecord:
    event = Event("federal_charge", "MN", district, 0.9, "Prosecutors charged a man.", event_date=date(2026, 10, 1))
    return PageRecord(
        url_hash=url_hash, url=f"https://news.example.com/{url_hash}", source="demo", state="stored", reason=None,
        http_status=200, attempts=1, fetched_at=datetime(2026, 10, 2), feed_published=datetime.fromisoformat(published),
        article=Article(text=text, title="Title", published=date(2026, 10, 1), language="en"),
        classification=Classification(True, 0.9, ("MN",), (district,), (event,), "test-1"),
        content_hash=f"hash-{text}",
    )


def _skipped(url_hash: str, state: str = "skipped", reason: str = "robots") -> PageRecord:
    return PageRecord(url_hash, f"https://news.example.com/{url_hash}", "demo", state, reason, None, 1, datetime(2026, 10, 2))


def test_migrate_is_idempotent_and_versioned(tmp_path):
    connection = duckdb.connect(str(tmp_path / "m.duckdb"))
    assert schema.migrate(connection) == schema.SCHEMA_VERSION
    assert schema.migrate(connection) == schema.SCHEMA_VERSION
    assert connection.execute("SELECT count(*) FROM schema_version").fetchone()[0] == schema.SCHEMA_VERSION


def test_load_records_every_terminal_state_once(con):
    run = store.start_run(con, "ingest", {})
    counts = store.load_pages(con, run, [_stored("a1", "text one"), _skipped("b1"), _skipped("c1", "failed", "http 404")])
    assert counts["stored"] == 1 and counts["skipped"] == 1 and counts["failed"] == 1
    assert counts["articles"] == 1 and counts["mentions"] == 1
    states = dict(con.execute("SELECT url_hash, state FROM fetch_log").fetchall())
    assert states == {"a1": "stored", "b1": "skipped", "c1": "failed"}
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 1


def test_reloading_the_same_batch_adds_nothing(con):
    run = store.start_run(con, "ingest", {})
    store.load_pages(con, run, [_stored("a1", "text one")])
    again = store.load_pages(con, run, [_stored("a1", "text one")])
    assert again["articles"] == 0 and again["mentions"] == 0
    assert con.execute("SELECT count(*) FROM mentions").fetchone()[0] == 1


def test_verbatim_copy_is_a_duplicate_of_the_earlier_article(con):
    run = store.start_run(con, "ingest", {})
    later = _stored("copy", "same words", published="2026-10-03")
    earlier = _stored("orig", "same words", published="2026-10-01")
    counts = store.load_pages(con, run, [later, earlier])
    assert counts["stored"] == 1 and counts["duplicate"] == 1 and counts["mentions"] == 1
    assert con.execute("SELECT duplicate_of FROM articles WHERE article_id = 'copy'").fetchone()[0] == "orig"
    league = con.execute("SELECT district, federal_charge, articles FROM district_league").fetchall()
    assert league == [("usao-mn", 1, 1)]


def test_failed_urls_are_retried_until_their_limit(con):
    run = store.start_run(con, "ingest", {})
    store.load_pages(con, run, [_skipped("f1", "failed", "timeout"), _skipped("s1")])
    candidates = [Candidate(f"https://news.example.com/{h}", h, "demo", None, None) for h in ("f1", "s1", "n1")]
    assert [c.url_hash for c in store.unseen(con, candidates, max_attempts=3)] == ["f1", "n1"]
    store.load_pages(con, run, [_skipped("f1", "failed", "timeout"), _skipped("f1", "failed", "timeout")])
    assert [c.url_hash for c in store.unseen(con, candidates, max_attempts=3)] == ["n1"]


def test_batches_of_a_run_add_to_its_source_row_and_a_retried_url_keeps_one_log_row(con):
    run = store.start_run(con, "ingest", {})
    store.load_pages(con, run, [_stored("a1", "text one"), _skipped("f1", "failed", "timeout")])
    store.load_pages(con, run, [_stored("a2", "text two"), _skipped("f1", "failed", "timeout"), _skipped("s1")])
    assert con.execute("SELECT source, fetched, stored, skipped, failed FROM source_runs WHERE run_id = ?",
                       [run]).fetchall() == [("demo", 2, 2, 1, 2)]
    assert con.execute("SELECT count(*), sum(attempts) FROM fetch_log WHERE url_hash = 'f1'").fetchone() == (1, 2)
    assert con.execute("SELECT count(*) FROM mentions").fetchone()[0] == 2


def test_source_state_round_trips_and_its_validators_wait_for_save_validators(con):
    state = SourceState(etag='"abc"', last_modified="Mon, 02 Nov 2026 10:00:00 GMT", body_hash="h", consecutive_failures=2)
    report = SourceReport("rss", "feed", "https://news.example.com/rss", 200, 12, False, None, state)
    run = store.start_run(con, "ingest", {})
    store.record_sources(con, [report], {"rss": 5}, run_id=run)
    assert store.source_states(con) == {"rss": SourceState(consecutive_failures=2)}
    assert con.execute("SELECT last_items, last_new_items FROM sources").fetchone() == (12, 5)
    store.save_validators(con, run, [report])
    assert store.source_states(con) == {"rss": state}


def test_a_source_with_a_failed_page_or_a_discovery_error_keeps_its_old_validators(con):
    old = {name: SourceState(etag=f'"{name}-1"', body_hash=f"{name}-1") for name in ("demo", "other", "broken")}
    reports = [SourceReport(name, "feed", f"https://{name}.example.com/rss", 200, 1, False, None, state)
               for name, state in old.items()]
    first = store.start_run(con, "ingest", {})
    store.record_sources(con, reports, {}, run_id=first)
    store.save_validators(con, first, reports)
    run = store.start_run(con, "ingest", {})
    newer = [SourceReport(r.source, r.kind, r.url, 200, 1, False, "HTTP 503" if r.source == "broken" else None,
                          SourceState(etag=f'"{r.source}-2"', body_hash=f"{r.source}-2")) for r in reports]
    store.record_sources(con, newer, {}, run_id=run)
    store.load_pages(con, run, [_skipped("f1", "failed", "timeout")])  # source "demo"
    store.save_validators(con, run, newer)
    states = store.source_states(con)
    assert {name: (state.etag, state.body_hash) for name, state in states.items()} == {
        "demo": ('"demo-1"', "demo-1"), "other": ('"other-2"', "other-2"), "broken": ('"broken-1"', "broken-1")}


def test_a_killed_ingest_or_reclassify_is_marked_interrupted_by_the_next_but_a_backfill_between_windows_is_not(con):
    killed = [store.start_run(con, flow, {}) for flow in ("ingest", "reclassify", "backfill")]
    finished = store.start_run(con, "ingest", {})
    store.finish_run(con, finished, {}, "completed")
    store.start_run(con, "reclassify", {})
    statuses = dict(con.execute("SELECT run_id, status FROM runs").fetchall())
    assert [statuses[run] for run in (*killed, finished)] == ["interrupted", "interrupted", "running", "completed"]


def test_run_is_closed_with_counts(con):
    run = store.start_run(con, "ingest", {"since": "2026-10-01"})
    store.finish_run(con, run, {"stored": 3}, "completed")
    status, counts = con.execute("SELECT status, counts FROM runs WHERE run_id = ?", [run]).fetchone()
    assert status == "completed" and '"stored": 3' in counts


def test_read_only_open_of_a_missing_file_says_what_to_do(tmp_path):
    with pytest.raises(FileNotFoundError, match="hotspots demo"):
        with store.open_warehouse(tmp_path / "missing.duckdb", read_only=True):
            pass


def test_warehouse_connections_draw_no_progress_bar(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    with store.open_warehouse(db) as con:
        assert con.execute("SELECT current_setting('enable_progress_bar')").fetchone() == (False,)
    with store.open_warehouse(db, read_only=True) as con:
        assert con.execute("SELECT current_setting('enable_progress_bar')").fetchone() == (False,)
