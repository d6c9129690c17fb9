"""The `backfill` Prefect flow: ingest a date range one day window at a time, with a checkpoint per window.

Each window is the nightly `ingest` flow run as a subflow with since = until = that day and conditional GET off (a
feed the nightly run saw unchanged still holds that day's items). A window is checkpointed in `backfill_windows` only
after its last batch is committed, so a re-run after a crash or a kill skips the completed days and redoes the rest;
redoing a half-done window adds nothing twice, because the ingest drops every URL already in `fetch_log`.

Progress goes to a Prefect progress artifact (the UI) and to any local listener (the CLI's rich progress bar).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, suppress
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID

import duckdb
from prefect import flow, get_run_logger
from prefect.artifacts import create_progress_artifact, update_progress_artifact
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from flows.ingest import DEFAULT_SOURCES, WRITER_WAIT_SECONDS, ingest
from flows.notify import flag_key, send_notification
from flows.pipeline import BATCH_SIZE
from sources.config import load_sources
from warehouse import checkpoints, hotspots, store
from warehouse.lock import WriterBusy, writer_lock
from warehouse.publish import publish_snapshot

INTERRUPTED_WAIT_SECONDS = 10  # how long an interrupted backfill waits for the lock to mark its window failed

_COUNT_KEYS = ("discovered", "new", "stored", "duplicate", "skipped", "failed", "articles", "mentions")


@dataclass(frozen=True)
class BackfillProgress:
    """Where a backfill stands: `done` of `total` windows, the window just finished, counts added so far."""

    done: int
    total: int
    day: date | None
    counts: dict[str, int]

    @property
    def percent(self) -> float:
        return 100.0 * self.done / self.total if self.total else 100.0


_listeners: list[Callable[[BackfillProgress], None]] = []


@contextmanager
def progress_listener(callback: Callable[[BackfillProgress], None]) -> Iterator[None]:
    """Call `callback` with every BackfillProgress of backfills run in this process while the block lasts."""
    _listeners.append(callback)
    try:
        yield
    finally:
        _listeners.remove(callback)


class IncompleteBackfill(RuntimeError):
    """Some windows ended with a failed source: they stay unchecked and the next backfill redoes them."""


def day_windows(since: date, until: date) -> list[date]:
    """Every day of the inclusive range, oldest first."""
    if until < since:
        raise ValueError(f"until ({until}) is before since ({since})")
    return [since + timedelta(days=offset) for offset in range((until - since).days + 1)]


@contextmanager
def _writing(db: str | None, timeout: float = WRITER_WAIT_SECONDS) -> Iterator[duckdb.DuckDBPyConnection]:
    """The warehouse under its writer lock, for the backfill's own small writes between window ingests.

    Never held while a window's ingest runs: the ingest takes the same lock itself, and a nightly run may write in
    between two windows (it waits at most WRITER_WAIT_SECONDS for the backfill, and the backfill for it).
    """
    with _locked(db, timeout), store.open_warehouse(db) as con:
        yield con


def _locked(db: str | None, timeout: float = WRITER_WAIT_SECONDS) -> AbstractContextManager[None]:
    """The backfill's hold on the writer lock (`_writing` without the connection)."""
    return writer_lock(store.resolve_db_path(db), timeout=timeout, holder="backfill")


def _report(progress: BackfillProgress, artifact_id: UUID | None) -> None:
    """Update the Prefect progress artifact (when given) and every local listener."""
    if artifact_id is not None:
        description = f"{progress.done}/{progress.total} day windows, last {progress.day}; " + ", ".join(
            f"{key} {progress.counts.get(key, 0)}" for key in ("stored", "articles", "mentions"))
        update_progress_artifact(artifact_id, progress.percent, description=description)
    for callback in list(_listeners):
        callback(progress)


@flow(name="backfill")
def backfill(
    since: date,
    until: date,
    sources: str | None = None,
    db: str | None = None,
    host_interval: float | None = None,
    batch_size: int = BATCH_SIZE,
    webhook_url: str | None = None,
) -> dict[str, Any]:
    """Ingest [since, until] day by day; days already checkpointed for this set of sources are skipped.

    A window whose ingest raises is marked failed and ends the backfill (re-run to resume there). A window where
    some source failed discovery is committed but left unchecked ("partial"), so the next backfill retries it.
    At the end, hotspots flagged now but not when the backfill started are POSTed to the webhook (`webhook_url`,
    else $HOTSPOTS_WEBHOOK_URL), once for the whole range.
    """
    logger = get_run_logger()
    configs = load_sources(Path(sources) if sources else DEFAULT_SOURCES)
    key = checkpoints.sources_key((config.name, config.kind, config.url) for config in configs)
    days = day_windows(since, until)
    parameters = {"since": since, "until": until, "sources": sources, "db": db, "host_interval": host_interval,
                  "sources_key": key}
    with _writing(db) as con:
        done = checkpoints.completed_days(con, key, since, until)
        run_id = store.start_run(con, "backfill", parameters)
        flagged_before = {flag_key(flag) for flag in hotspots.current_flags(con)}
    todo = [day for day in days if day not in done]
    logger.info("backfill %s..%s (%s): %d windows, %d already done", since, until, key, len(days), len(done))
    totals: Counter[str] = Counter(dict.fromkeys(_COUNT_KEYS, 0))
    totals.update(windows=len(days), windows_skipped=len(done), windows_partial=0)
    artifact_id = create_progress_artifact(
        100.0 * len(done) / len(days), key="backfill-progress",
        description=f"{len(done)}/{len(days)} day windows of {since}..{until} already done",
    )
    _report(BackfillProgress(len(done), len(days), None, dict(totals)), None)
    status = "failed"
    try:
        for number, day in enumerate(todo, start=len(done) + 1):
            with _writing(db) as con:
                checkpoints.record(con, key, day, day, run_id, checkpoints.RUNNING)
            try:
                summary = ingest(sources=sources, db=db, since=day, until=day, host_interval=host_interval,
                                 batch_size=batch_size, conditional=False, publish=False, notify_hotspots=False)
            except BaseException:  # Ctrl-C too: the window must not stay "running"
                # Not for hours behind a nightly run: a window left "running" is redone by the next backfill anyway.
                with suppress(WriterBusy), _writing(db, timeout=INTERRUPTED_WAIT_SECONDS) as con:
                    checkpoints.record(con, key, day, day, run_id, checkpoints.FAILED)
                raise
            totals.update({name: summary.get(name, 0) for name in _COUNT_KEYS})
            partial = bool(summary.get("sources_failed"))
            totals["windows_partial"] += partial
            with _writing(db) as con:
                checkpoints.record(con, key, day, day, run_id,
                                   checkpoints.PARTIAL if partial else checkpoints.COMPLETED, summary)
            _report(BackfillProgress(number, len(days), day, dict(totals)), artifact_id)
        with _writing(db) as con:
            new_flags = [flag for flag in hotspots.refresh(con, run_id) if flag_key(flag) not in flagged_before]
        totals["new_hotspots"] = len(new_flags)
        status = "failed" if totals["windows_partial"] else "completed"
    finally:
        with _locked(db):
            with store.open_warehouse(db) as con:
                store.finish_run(con, run_id, totals, status)
            if status == "completed" or totals["windows_partial"]:  # every window ran
                # Under the writer lock, and after the run is closed, so analysts see it finished, with its counts.
                publish_snapshot(store.resolve_db_path(db))
    send_notification(new_flags, webhook_url)
    logger.info("backfill %s: %s", status, dict(totals))
    if totals["windows_partial"]:
        raise IncompleteBackfill(
            f"{totals['windows_partial']} window(s) had a failed source: run the backfill again to retry them")
    return {"run_id": run_id, "status": status, "sources_key": key, **totals}


def backfill_command(
    since: date, until: date, sources: Path | None, db: Path | None, host_interval: float | None, console: Console,
) -> dict[str, Any]:
    """`hotspots backfill`: run the flow in this process with a rich progress bar of its day windows."""
    columns = (TextColumn("[bold]backfill[/bold] {task.description}"), BarColumn(), MofNCompleteColumn(),
               TextColumn("windows"), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=False) as bar:
        task_id = bar.add_task(f"{since}..{until}", total=len(day_windows(since, until)))

        def show(progress: BackfillProgress) -> None:
            stored = progress.counts.get("articles", 0)
            last = f", last {progress.day}" if progress.day else ""
            bar.update(task_id, completed=progress.done,
                       description=f"{since}..{until}{last}: {stored} articles added")

        with progress_listener(show):
            return backfill(since=since, until=until, sources=str(sources) if sources else None,
                            db=str(db) if db else None, host_interval=host_interval)
