"""`run_overlapped`: every batch finished once, in order, with at most `depth` others under way."""

from __future__ import annotations

import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor

import pytest

from flows.pipeline import run_overlapped


def _slow_square(n: int) -> int:
    time.sleep(0.001 * (7 - n % 7))  # later batches often end first: order must come from the pipeline
    return n * n


@pytest.mark.parametrize("depth", [0, 1, 2, 5])
def test_all_batches_finish_once_in_order_with_bounded_overlap(depth: int) -> None:
    events: list[tuple[str, int]] = []
    running = 0
    most = 0
    lock = threading.Lock()

    def work(n: int) -> int:
        nonlocal running, most
        with lock:
            running += 1
            most = max(most, running)
        try:
            return _slow_square(n)
        finally:
            with lock:
                running -= 1

    with ThreadPoolExecutor(max_workers=8) as pool:

        def start(n: int) -> Future[int]:
            events.append(("start", n))
            return pool.submit(work, n)

        finished = run_overlapped(range(12), start, lambda r: events.append(("finish", r)), depth)

    assert finished == 12
    assert [value for kind, value in events if kind == "finish"] == [n * n for n in range(12)]
    # When batch n finishes, batches n+1 .. n+depth have started and no later one has.
    for n in range(12):
        started_before = {v for kind, v in events[: events.index(("finish", n * n))] if kind == "start"}
        assert started_before == set(range(min(12, n + depth + 1)))
    assert most <= depth + 1


def test_a_failing_finish_stops_starting_batches() -> None:
    started: list[int] = []

    def start(n: int) -> Future[int]:
        started.append(n)
        done: Future[int] = Future()
        done.set_result(n)
        return done

    def finish(n: int) -> None:
        if n == 3:
            raise RuntimeError("the warehouse is gone")

    with pytest.raises(RuntimeError, match="warehouse is gone"):
        run_overlapped(range(10), start, finish, depth=2)
    assert started == [0, 1, 2, 3, 4, 5]
