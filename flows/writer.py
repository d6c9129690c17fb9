"""The warehouse writer: a run's batch loads happen one at a time in a long-lived process of their own.

DuckDB's working memory during a load (the primary-key indexes it checks, the table blocks its statements read, the
buffers of its updates) grows with the warehouse, and is given back when the load's connection closes. Run in the
flow's process it would stack on top of Prefect's engine and of everything the run holds; in its own process each
stays within bounds, and the flow keeps fetching and orchestrating while a batch commits. There is still one writer:
the flow waits for each load before it submits the next, and only while it holds the warehouse's writer lock.
"""

from __future__ import annotations

from collections.abc import Sequence

from flows.process_pool import LazyPool
from warehouse import store
from warehouse.records import PageRecord

# One DuckDB thread: the writer shares the machine with one pool worker per core, and a 100-page load gains little
# from parallel operators, whose per-thread state is what it costs. Freed memory goes back at once rather than being
# kept for reuse (DuckDB keeps up to 128 MB by default), so the writer's footprint between loads stays small.
_SETTINGS = (
    "SET threads = 1",
    "SET allocator_flush_threshold = '1MB'",
    "SET allocator_bulk_deallocation_flush_threshold = '1MB'",
)


def _load_here(db: str | None, run_id: str, records: Sequence[PageRecord]) -> dict[str, int]:
    with store.open_warehouse(db) as con:
        for setting in _SETTINGS:
            con.execute(setting)
        return store.load_pages(con, run_id, records)


_WRITER = LazyPool(lambda: 1)


def load(db: str | None, run_id: str, records: Sequence[PageRecord]) -> dict[str, int]:
    """Commit one batch in the writer process (one transaction; its error is raised here, so the task retries).

    A writer that died (killed, out of memory) is replaced at the next call: its batch was rolled back, and a retry
    gets a fresh process."""
    return _WRITER.call(_load_here, db, run_id, list(records))


def pid() -> int | None:
    """The writer process's id, once it has started; None before its first load or after `shutdown`."""
    return next(iter(_WRITER.pids()), None)


def shutdown() -> None:
    """Stop the writer process (tests, benches); the next load starts a new one."""
    _WRITER.shutdown()
