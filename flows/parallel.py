"""CPU-bound page processing (extract + classify) spread over the machine's cores.

One process pool lives for the whole run and is reused by every batch, so workers pay their import cost once.
Pages travel to workers in chunks to amortise pickling; small batches stay in-process where a pool would cost more
than it saves.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from extractors.page import PageInput, PageOutcome, process_batch
from flows.process_pool import LazyPool, peak_rss_mb

_MIN_PARALLEL = 8


def workers() -> int:
    """Worker processes to use: $HOTSPOTS_WORKERS, else one per core."""
    return max(1, int(os.environ.get("HOTSPOTS_WORKERS", os.cpu_count() or 1)))


_POOL = LazyPool(workers)


def process_pages_here(pages: Sequence[PageInput]) -> list[PageOutcome]:
    """Process pages in this process (a distributed worker, or too few pages to be worth a pool)."""
    return process_batch(pages)


def process_pages(pages: Sequence[PageInput]) -> list[PageOutcome]:
    """Process pages in order, in parallel when there are enough of them and more than one worker."""
    count = workers()
    if count == 1 or len(pages) < _MIN_PARALLEL:
        return process_pages_here(pages)
    size = max(1, -(-len(pages) // (count * 4)))
    chunks = [pages[i : i + size] for i in range(0, len(pages), size)]
    return [outcome for chunk in _POOL.map(process_batch, chunks) for outcome in chunk]


def worker_peak_rss_mb() -> list[float]:
    """Peak resident memory of each live pool worker (Linux /proc VmHWM; empty elsewhere or without a pool).

    Workers are children of the forkserver, not of this process, so `RUSAGE_CHILDREN` never counts them."""
    return [peak for peak in map(peak_rss_mb, _POOL.pids()) if peak is not None]


def shutdown() -> None:
    """Stop the pool (end of a run, or tests)."""
    _POOL.shutdown()
