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

BATCH_SIZE = 100  # pages per batch: one Prefect task run (~9 ms) and one warehouse commit per batch
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
