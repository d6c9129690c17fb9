"""CPU-bound page processing (extract + classify), and classification of stored text, spread over the machine's cores.

One process pool lives for the whole run and is reused by every batch, so workers pay their import cost once.
Pages travel to workers in chunks to amortise pickling; small batches stay in-process where a pool would cost more
than it saves.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from datetime import date
from typing import TypeVar

from extractors.classify import classify
from extractors.models import Classification
from extractors.page import PageInput, PageOutcome, process_batch
from flows.process_pool import LazyPool, peak_rss_mb

_MIN_PARALLEL = 8
StoredText = tuple[str, str | None, str | None, date | None]  # text, title, url, published
In = TypeVar("In")
Out = TypeVar("Out")


def workers() -> int:
    """Worker processes to use: $HOTSPOTS_WORKERS, else one per core."""
    return max(1, int(os.environ.get("HOTSPOTS_WORKERS", os.cpu_count() or 1)))


_POOL = LazyPool(workers)


def process_pages_here(pages: Sequence[PageInput]) -> list[PageOutcome]:
    """Process pages in this process (a distributed worker, or too few pages to be worth a pool)."""
    return process_batch(pages)


def process_pages(pages: Sequence[PageInput]) -> list[PageOutcome]:
    """Process pages in order, in parallel when there are enough of them and more than one worker."""
    return _spread(process_batch, pages)


def classify_texts_here(texts: Sequence[StoredText]) -> list[Classification]:
    """Classify stored texts in this process."""
    return [classify(text, title=title, url=url, published=published) for text, title, url, published in texts]


def classify_texts(texts: Sequence[StoredText]) -> list[Classification]:
    """Classify stored texts (a reclassification) in order, in parallel when there are enough of them."""
    return _spread(classify_texts_here, texts)


def _spread(work: Callable[[Sequence[In]], list[Out]], items: Sequence[In]) -> list[Out]:
    """`work` over `items`, in order: here when there are few of them or one worker, else in chunks on the pool (four a
    worker, so a slow chunk does not leave a core idle at the end)."""
    count = workers()
    if count == 1 or len(items) < _MIN_PARALLEL:
        return work(items)
    size = max(1, -(-len(items) // (count * 4)))
    chunks = [items[i : i + size] for i in range(0, len(items), size)]
    return [result for chunk in _POOL.map(work, chunks) for result in chunk]


def worker_peak_rss_mb() -> list[float]:
    """Peak resident memory of each live pool worker (Linux /proc VmHWM; empty elsewhere or without a pool).

    Workers are children of the forkserver, not of this process, so `RUSAGE_CHILDREN` never counts them."""
    return [peak for peak in map(peak_rss_mb, _POOL.pids()) if peak is not None]


def shutdown() -> None:
    """Stop the pool (end of a run, or tests)."""
    _POOL.shutdown()
