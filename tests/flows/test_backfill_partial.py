"""A backfill in which a source fails: its window is committed but left to retry, the run is closed before the
snapshot is published (analysts see it ended, with its counts), and the caller hears that it is incomplete."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from demo.server import render_sources, serve_site
from flows.backfill import IncompleteBackfill, backfill
from flows.runtime import release_frames
from tests.ports import free_port
from warehouse.store import snapshot_path


def test_a_backfill_with_a_failed_source_is_closed_then_published_and_raises(tmp_path):
    db = tmp_path / "w.duckdb"
    with serve_site() as base_url:
        sources = render_sources(base_url, tmp_path / "sources.toml")
        sources.write_text(sources.read_text(encoding="utf-8") + f"""
[[sources]]
name = "down"
kind = "feed"
url = "http://127.0.0.1:{free_port()}/rss.xml"
allow_private = true
""", encoding="utf-8")
        with pytest.raises(IncompleteBackfill, match="run the backfill again") as caught:
            backfill(since=date(2026, 11, 13), until=date(2026, 11, 13), sources=str(sources), db=str(db),
                     host_interval=0.0)
        release_frames(caught.value)  # Prefect keeps the exception, and its frames' connections, to the end
    runs, windows, articles = _published(db)
    assert runs == [("failed", 1)] and windows == [("partial",)] and articles > 0


def _published(db: Path) -> tuple[list[tuple], list[tuple], int]:
    """The backfill runs, windows and article count of the snapshot (a connection in a frame of its own: the test's
    frame stays referenced from the exception Prefect keeps)."""
    with duckdb.connect(str(snapshot_path(db)), read_only=True) as con:
        runs = con.execute("SELECT status, json_extract(counts, '$.windows_partial')::INT FROM runs"
                           " WHERE flow = 'backfill'").fetchall()
        windows = con.execute("SELECT status FROM backfill_windows").fetchall()
        return runs, windows, con.execute("SELECT count(*) FROM articles").fetchone()[0]
