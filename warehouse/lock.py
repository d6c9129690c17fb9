"""One writer at a time: an advisory lock file beside the database, shared by nightly ingest and backfill.

`fcntl.flock` is released by the kernel when the holder dies, so a crashed run never leaves a stale lock.
"""

from __future__ import annotations

import fcntl
import logging
import os
import time
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import IO, Iterator

POLL_SECONDS = 0.2
_log = logging.getLogger(__name__)


class WriterBusy(RuntimeError):
    """Another process is writing this warehouse."""


def lock_path(db_path: str | os.PathLike[str]) -> Path:
    """The lock file for a database: `<db>.lock`."""
    return Path(f"{db_path}.lock")


@contextmanager
def writer_lock(db_path: str | os.PathLike[str], timeout: float = 0.0, holder: str = "") -> Iterator[None]:
    """Hold the warehouse's writer lock; wait up to `timeout` seconds (saying once, in the log, who it waits for),
    then raise WriterBusy saying who holds it."""
    path = lock_path(db_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = open(path, "a+", encoding="utf-8")
    try:
        deadline = time.monotonic() + timeout
        waiting = False
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise WriterBusy(
                        f"{db_path} is being written by {_owner(handle)}; waited {timeout:g}s, try again when it "
                        "finishes"
                    ) from None
                if not waiting:
                    _log.warning("%s is being written by %s: %s waits up to %s (h:mm:ss) for it to finish", db_path,
                                 _owner(handle), holder or "this writer", timedelta(seconds=round(timeout)))
                    waiting = True
                time.sleep(POLL_SECONDS)
        handle.seek(0)
        handle.truncate()
        started = datetime.now(timezone.utc).isoformat(timespec="seconds")
        handle.write(f"pid {os.getpid()} ({holder or 'writer'}) since {started}")
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
    finally:
        handle.close()


def _owner(handle: IO[str]) -> str:
    """Who holds the lock, as the holder wrote it into the lock file."""
    handle.seek(0)
    return handle.read().strip() or "another process"
