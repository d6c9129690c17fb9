"""CPU-bound page processing (extract + classify) spread over the machine's cores.

One process pool lives for the whole run and is reused by every batch, so workers pay their import cost once.
Pages travel to workers in chunks to amortise pickling; small batches stay in-process where a pool would cost more
than it saves.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from datetime import date
from threading import Lock, Thread

from extractors.page import PageOutcome, process_page

PageInput = tuple[bytes, str | None, date | None]
_MIN_PARALLEL = 8
_pool: ProcessPoolExecutor | None = None
_pool_lock = Lock()
_FOLLOW_SECONDS = 1.0


def workers() -> int:
    """Worker processes to use: $HOTSPOTS_WORKERS, else one per core."""
    return max(1, int(os.environ.get("HOTSPOTS_WORKERS", os.cpu_count() or 1)))


def new_pool(max_workers: int) -> ProcessPoolExecutor:
    """A pool of `max_workers` processes forked by a forkserver: the parent runs threads (Prefect, HTTP server), which
    fork() must not copy. The page processor is imported once in the server, so each worker starts with it. Workers
    exit on their own when the process that made the pool is gone."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["extractors.page"])
    return ProcessPoolExecutor(
        max_workers=max_workers, mp_context=context, initializer=_follow, initargs=(os.getpid(),)
    )


def _follow(parent: int) -> None:
    """Exit when `parent` does. A flow killed outright (SIGKILL, a cancelled run) never tells its pool to stop, and a
    worker waiting on its task queue would otherwise wait for ever, with the forkserver kept alive beside it."""

    def watch() -> None:
        while True:
            time.sleep(_FOLLOW_SECONDS)
            try:
                os.kill(parent, 0)
            except (ProcessLookupError, PermissionError):  # gone (or its id now belongs to another user's process)
                os._exit(0)

    Thread(target=watch, name="follow-parent", daemon=True).start()


def _shared_pool() -> Executor:
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = new_pool(workers())
        return _pool


def _process_one(body: bytes, url: str | None, published: date | None) -> PageOutcome:
    try:
        return process_page(body, url, published)
    except Exception as error:  # a bad page must never end the run: record why and go on
        return PageOutcome("failed", f"processing error: {type(error).__name__}: {error}"[:300])


def _process_chunk(chunk: Sequence[PageInput]) -> list[PageOutcome]:
    return [_process_one(body, url, published) for body, url, published in chunk]


def process_pages_here(pages: Sequence[PageInput]) -> list[PageOutcome]:
    """Process pages in this process (a distributed worker, or too few pages to be worth a pool)."""
    return _process_chunk(pages)


def process_pages(pages: Sequence[PageInput]) -> list[PageOutcome]:
    """Process pages in order, in parallel when there are enough of them and more than one worker."""
    count = workers()
    if count == 1 or len(pages) < _MIN_PARALLEL:
        return process_pages_here(pages)
    size = max(1, -(-len(pages) // (count * 4)))
    chunks = [pages[i : i + size] for i in range(0, len(pages), size)]
    results: list[PageOutcome] = []
    for outcome in _shared_pool().map(_process_chunk, chunks):
        results.extend(outcome)
    return results


def worker_peak_rss_mb() -> list[float]:
    """Peak resident memory of each live pool worker (Linux /proc VmHWM; empty elsewhere or without a pool).

    Workers are children of the forkserver, not of this process, so `RUSAGE_CHILDREN` never counts them."""
    with _pool_lock:
        pids = list(getattr(_pool, "_processes", None) or {})
    return [peak for peak in map(peak_rss_mb, pids) if peak is not None]


def peak_rss_mb(pid: int) -> float | None:
    """Peak resident memory of process `pid` in MB (Linux /proc VmHWM); None when it cannot be read."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            return next((int(line.split()[1]) / 1024 for line in status if line.startswith("VmHWM:")), None)
    except OSError:
        return None


def shutdown() -> None:
    """Stop the pool (end of a run, or tests)."""
    global _pool
    with _pool_lock:
        if _pool is not None:
            _pool.shutdown(cancel_futures=True)
            _pool = None
