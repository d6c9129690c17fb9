"""Backfill checkpoints: one row per (sources set, day window) in `backfill_windows`.

A window is marked `running` before its ingest starts and `completed` only after the ingest has committed its last
batch, so after a crash the next backfill knows exactly which days are done and which to redo (redoing one is safe:
the ingest's seen-check makes it add nothing twice). `run_id` is the backfill's own row in `runs`; the `counts` column
holds the window's ingest summary, whose `run_id` is the ingest run that loaded the window.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import duckdb

from warehouse.store import utc_now

# running: started, not finished (what a killed backfill leaves); completed: every batch committed, every source
# answered; partial: committed, but a source failed, so the window is redone; failed: the window's ingest raised.
RUNNING, COMPLETED, PARTIAL, FAILED = "running", "completed", "partial", "failed"
STATUSES = (RUNNING, COMPLETED, PARTIAL, FAILED)


@dataclass(frozen=True)
class Checkpoint:
    """One window's recorded state."""

    window_start: date
    window_end: date
    run_id: str
    status: str
    summary: dict[str, Any]
    completed_at: datetime | None


def sources_key(sources: Iterable[tuple[str, str, str]]) -> str:
    """A stable key for a set of (name, kind, url) sources: adding a source starts a fresh set of checkpoints."""
    canonical = json.dumps(sorted(sources))
    return "sources:" + hashlib.sha1(canonical.encode()).hexdigest()[:16]



def record(
    con: duckdb.DuckDBPyConnection, key: str, start: date, end: date, run_id: str, status: str,
    summary: Mapping[str, Any] | None = None,
) -> None:
    """Set a window's state; `summary` is its ingest run's summary (counts and ingest run id) once it has one."""
    if status not in STATUSES:
        raise ValueError(f"unknown checkpoint status {status!r}")
    committed_at = utc_now() if status in (COMPLETED, PARTIAL) else None
    con.execute(
        """
        INSERT INTO backfill_windows VALUES (?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (sources_key, window_start) DO UPDATE SET
            window_end = excluded.window_end, run_id = excluded.run_id, status = excluded.status,
            counts = excluded.counts, completed_at = excluded.completed_at
        """,
        [key, start, end, run_id, status, json.dumps(dict(summary), default=str) if summary is not None else None,
         committed_at],
    )


def windows(con: duckdb.DuckDBPyConnection, key: str, since: date, until: date) -> dict[date, Checkpoint]:
    """Every recorded window of `key` that starts in [since, until], by start day."""
    rows = con.execute(
        """
        SELECT window_start, window_end, run_id, status, counts, completed_at FROM backfill_windows
        WHERE sources_key = ? AND window_start BETWEEN ? AND ?
        """,
        [key, since, until],
    ).fetchall()
    return {
        start: Checkpoint(start, end, run_id, status, json.loads(counts) if counts else {}, completed_at)
        for start, end, run_id, status, counts, completed_at in rows
    }


def completed_days(con: duckdb.DuckDBPyConnection, key: str, since: date, until: date) -> set[date]:
    """Start days of the windows in [since, until] that are fully committed."""
    return {day for day, point in windows(con, key, since, until).items() if point.status == COMPLETED}
