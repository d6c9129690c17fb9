"""A process pool started on first use and kept for the process's life: the page workers and the warehouse writer.

Workers are forked by a forkserver (the parent runs threads, Prefect's and the HTTP server's, which fork() must not
copy) that has imported and warmed the page processor once (`flows.pool_start`), so each worker starts with it. A pool
that broke (a worker killed, out of memory) is dropped after the call that met it, so the next call starts a fresh
one. Workers exit on their own when the process that made the pool is gone: a flow killed outright (SIGKILL, a
cancelled run) never tells its pool to stop, and a worker waiting on its task queue would otherwise wait for ever,
with the forkserver kept alive beside it.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from threading import Lock, Thread
from typing import Any, TypeVar

_FOLLOW_SECONDS = 1.0
T = TypeVar("T")


class LazyPool:
    """`size()` worker processes, started at the first call."""

    def __init__(self, size: Callable[[], int]) -> None:
        self._size = size
        self._executor: ProcessPoolExecutor | None = None
        self._lock = Lock()

    def map(self, fn: Callable[..., T], items: Iterable[Any]) -> list[T]:
        """`fn` over `items` in the workers, results in order."""
        with self._using() as executor:
            return list(executor.map(fn, items))

    def call(self, fn: Callable[..., T], *args: Any) -> T:
        """`fn(*args)` in a worker; its exception is raised here."""
        with self._using() as executor:
            return executor.submit(fn, *args).result()

    def pids(self) -> list[int]:
        """The live workers' process ids (none before the first call or after `shutdown`)."""
        with self._lock:
            return list(getattr(self._executor, "_processes", None) or {})

    def shutdown(self) -> None:
        """Stop the workers; the next call starts new ones."""
        with self._lock:
            if self._executor is not None:
                self._executor.shutdown(cancel_futures=True)
                self._executor = None

    @contextmanager
    def _using(self) -> Iterator[ProcessPoolExecutor]:
        with self._lock:
            if self._executor is None:
                context = multiprocessing.get_context("forkserver")
                context.set_forkserver_preload(["flows.pool_start"])
                self._executor = ProcessPoolExecutor(
                    max_workers=self._size(), mp_context=context, initializer=_follow, initargs=(os.getpid(),)
                )
            executor = self._executor
        try:
            yield executor
        except BrokenProcessPool:
            with self._lock:
                if self._executor is executor:
                    self._executor = None
            raise


def _follow(parent: int) -> None:
    """Exit when `parent` does (see the module's docstring)."""

    def watch() -> None:
        while True:
            time.sleep(_FOLLOW_SECONDS)
            try:
                os.kill(parent, 0)
            except (ProcessLookupError, PermissionError):  # gone (or its id now belongs to another user's process)
                os._exit(0)

    Thread(target=watch, name="follow-parent", daemon=True).start()


def peak_rss_mb(pid: int) -> float | None:
    """Peak resident memory of process `pid` in MB (Linux /proc VmHWM); None when it cannot be read."""
    return _status_mb(pid, "VmHWM:")


def rss_mb(pid: int) -> float | None:
    """Resident memory of process `pid` now, in MB (Linux /proc VmRSS); None when it cannot be read."""
    return _status_mb(pid, "VmRSS:")


def _status_mb(pid: int, field: str) -> float | None:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            return next((int(line.split()[1]) / 1024 for line in status if line.startswith(field)), None)
    except OSError:
        return None
