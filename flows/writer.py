"""The warehouse writer: a run's batch loads happen one at a time in a long-lived process of their own.

DuckDB's working memory during a load (the primary-key indexes it checks, the table blocks its statements read, the
buffers of its updates) grows with the warehouse. Run in the flow's process it would stack on top of Prefect's engine
and of everything the run holds; in its own process it stays within bounds, and the flow keeps fetching and
orchestrating while a batch commits. There is still one writer: the flow waits for each load before it submits the
next, and only while it holds the warehouse's writer lock.

The writer keeps the warehouse open from one load to the next. Closing it after every load cost a checkpoint each time
(DuckDB writes its whole primary-key indexes at every checkpoint, so the cost grows with the warehouse) and a reopen:
together a third of a 100-page load's CPU. While it is open no other process can open the file, so the flow calls
`release` when its loads are done, before it reads or writes the warehouse itself. The connection is also closed after
a failed load (the next one starts clean) and whenever the writer has grown past `REOPEN_ABOVE_MB`, which hands
DuckDB's caches back. The loads' mentions are clustered into incidents every few loads and before the warehouse is
closed (`store.RunLoader`).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from flows.process_pool import LazyPool, rss_mb
from warehouse import store
from warehouse.records import PageRecord

# One DuckDB thread: the writer shares the machine with one pool worker per core, and a 100-page load gains little
# from parallel operators, whose per-thread state is what it costs. Freed memory goes back at once rather than being
# kept for reuse (DuckDB keeps up to 128 MB by default), so the writer's footprint between loads stays small.
# No DICT_FSST compression: building it for every string column at each checkpoint cost more than the rest of the
# commits together (loading 3,000 news pages, the two automatic checkpoints took 0.58 s of 3.4 s of CPU; without it,
# one took 0.09 s). Text is then stored as ZSTD and short strings (ids, URLs, evidence) uncompressed: loading 10,000
# news pages cost 1.52 ms/page instead of 1.86, for a file of 104 MB instead of 81.
# An automatic checkpoint once 256 MB of log have been written, not DuckDB's 16 MB (every ~1,600 news pages): each
# rewrites the primary-key indexes, so its cost grows with the warehouse. Loading 10,000 news pages, the last 2,000
# cost 1.18 ms/page instead of 1.37, of which commits 0.07 instead of 0.19 (one run each), and the file is 76 MB
# instead of 104; the writer peaked about 35 MB higher (`REOPEN_ABOVE_MB` still bounds it), and its close takes about
# 0.1 s longer. A killed writer leaves up to that much log, replayed when the warehouse is next opened.
SETTINGS = (
    "SET threads = 1",
    "SET allocator_flush_threshold = '1MB'",
    "SET allocator_bulk_deallocation_flush_threshold = '1MB'",
    "SET disabled_compression_methods = 'dict_fsst'",
    "SET checkpoint_threshold = '256MB'",
)
REOPEN_ABOVE_MB = 400.0


@dataclass
class _Kept:
    """The warehouse this process keeps open between loads (in the writer process only)."""

    path: Path | None = None
    connection: duckdb.DuckDBPyConnection | None = None
    closer: ExitStack = field(default_factory=ExitStack)
    loader: store.RunLoader | None = None  # the current run's loads over `connection`


_KEPT = _Kept()


def _connection(db: str | None) -> duckdb.DuckDBPyConnection:
    path = store.resolve_db_path(db).resolve()
    if _KEPT.connection is None or _KEPT.path != path:
        _close_here()
        _KEPT.connection = _KEPT.closer.enter_context(store.open_warehouse(path))
        _KEPT.path = path
        configure(_KEPT.connection)
    return _KEPT.connection


def configure(con: duckdb.DuckDBPyConnection) -> None:
    """Apply the writer's `SETTINGS` to a connection: its own, and the one the pipeline bench times loads on."""
    for setting in SETTINGS:
        con.execute(setting)


def _loader(db: str | None, run_id: str) -> store.RunLoader:
    """The run's loader over the kept connection; a loader of another run clusters what it loaded first."""
    con = _connection(db)
    if _KEPT.loader is None or _KEPT.loader.run_id != run_id:
        if _KEPT.loader is not None:
            _KEPT.loader.cluster()
        _KEPT.loader = store.RunLoader(con, run_id)
    return _KEPT.loader


def _close_here(cluster: bool = True) -> None:
    """Close the kept connection (DuckDB checkpoints as it closes), clustering the loads' unclustered mentions first
    unless told not to (after a failed load, whose connection may be broken: `hotspots.refresh` clusters them)."""
    loader, _KEPT.loader = _KEPT.loader, None
    try:
        if loader is not None and cluster:
            loader.cluster()
    finally:
        _KEPT.closer.close()
        _KEPT.connection = _KEPT.path = None


def _load_here(db: str | None, run_id: str, records: Sequence[PageRecord]) -> dict[str, int]:
    try:
        return _loader(db, run_id).load(records)
    except BaseException:
        _close_here(cluster=False)
        raise
    finally:
        if (rss_mb(os.getpid()) or 0.0) > REOPEN_ABOVE_MB:
            _close_here()


_WRITER = LazyPool(lambda: 1)


def load(db: str | None, run_id: str, records: Sequence[PageRecord]) -> dict[str, int]:
    """Commit one batch in the writer process (one transaction; its error is raised here, so the task retries).

    The warehouse stays open in the writer afterwards: call `release` before anything else opens it. A writer that
    died (killed, out of memory) is replaced at the next call: its batch was rolled back, and a retry gets a fresh
    process."""
    return _WRITER.call(_load_here, db, run_id, list(records))


def release() -> None:
    """Close the warehouse the writer keeps open, so that other connections can open it (a no-op without a writer).

    Called where a run ends, failed or not, so it never raises: a writer that cannot close (its checkpoint failed) is
    stopped instead, which frees the file just the same (what it committed is in DuckDB's log, replayed at the next
    open)."""
    if not _WRITER.pids():
        return
    try:
        _WRITER.call(_close_here)
    except Exception as error:  # noqa: BLE001 - the run's own outcome must still be recorded
        logging.getLogger(__name__).warning("the writer could not close the warehouse (%s): stopping it", error)
        _WRITER.shutdown()


def pid() -> int | None:
    """The writer process's id, once it has started; None before its first load or after `shutdown`."""
    return next(iter(_WRITER.pids()), None)


def shutdown() -> None:
    """Stop the writer process (tests, benches); the next load starts a new one. Its open warehouse is closed first,
    so the file is checkpointed rather than left with a write-ahead log to replay."""
    release()
    _WRITER.shutdown()
