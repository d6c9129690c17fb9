"""Batches through a parallel step and an ordered step, overlapped: the shape of every ingest run.

While the oldest batch is loaded (the warehouse has one writer, so loads run one at a time and in order), the next
`depth` batches are already being extracted and classified, so the cores never wait for a load and the writer never
waits for a whole run. The flow and `bench/pipeline_bench.py` both run their batches through `run_overlapped`, so the
bench measures the arrangement the flow uses.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from typing import Protocol, TypeVar

B = TypeVar("B")
R = TypeVar("R")
R_co = TypeVar("R_co", covariant=True)

# Pages per batch: one Prefect task run (~9 ms), one pool round and one warehouse commit per batch. A load's fixed cost
# (a few dozen statements) is spread over more pages as batches grow: with 100, 200 and 300 pages, 10,000 news pages
# loaded at 0.76, 0.64 and 0.50 ms/page, and ran end to end at 1.60, 1.65 and 1.69x the bare trafilatura loop
# (`bench/pipeline_bench.py`, best of three each); the flow's peak memory grew from 366 to 396 MB and the writer's
# from 408 to 432 (`bench/flow_memory_bench.py`, one run each).
BATCH_SIZE = 300
IN_FLIGHT = 2  # batches being processed while the oldest is loaded


class Pending(Protocol[R_co]):
    """A result that is being computed: a `concurrent.futures.Future` or a Prefect future."""

    def result(self) -> R_co: ...


def run_overlapped(
    batches: Iterable[B], start: Callable[[B], Pending[R]], finish: Callable[[R], None], depth: int = IN_FLIGHT
) -> int:
    """`start` each batch; once more than `depth` are under way, `finish` the oldest. Every started batch is finished,
    in order, and the count of finished batches is returned. An exception in `start` or `finish` stops the run at once:
    later batches are not started, and earlier finished ones stay finished."""
    under_way: deque[Pending[R]] = deque()
    finished = 0
    for batch in batches:
        under_way.append(start(batch))
        while len(under_way) > depth:
            finish(under_way.popleft().result())
            finished += 1
    while under_way:
        finish(under_way.popleft().result())
        finished += 1
    return finished
