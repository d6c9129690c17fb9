"""One writer at a time, across processes."""

from __future__ import annotations

import logging
import subprocess
import sys
import time

import pytest

from warehouse.lock import WriterBusy, writer_lock

HOLD = """
import sys, time
from warehouse.lock import writer_lock
with writer_lock(sys.argv[1], holder="backfill"):
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def _holder(db, seconds: float) -> subprocess.Popen:
    process = subprocess.Popen([sys.executable, "-c", HOLD, str(db), str(seconds)], stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "locked"
    return process


def test_second_writer_gets_a_one_line_reason_naming_the_holder(tmp_path):
    db = tmp_path / "w.duckdb"
    process = _holder(db, 5)
    try:
        started = time.monotonic()
        with pytest.raises(WriterBusy, match=rf"pid {process.pid} \(backfill\)") as error:
            with writer_lock(db, timeout=0.3):
                pass
        assert 0.3 <= time.monotonic() - started < 2 and "\n" not in str(error.value)
    finally:
        process.kill()
        process.wait()


def test_waiting_writer_says_once_who_it_waits_for_and_gets_the_lock_when_the_holder_exits(tmp_path, caplog):
    db = tmp_path / "w.duckdb"
    process = _holder(db, 0.5)
    with caplog.at_level(logging.WARNING, logger="warehouse.lock"):
        with writer_lock(db, timeout=10, holder="ingest"):
            assert process.poll() is not None
            assert "(ingest)" in (tmp_path / "w.duckdb.lock").read_text()
    process.wait()
    messages = [record.getMessage() for record in caplog.records]
    assert len(messages) == 1  # once, however many times it polled
    assert messages[0].startswith(f"{db} is being written by pid {process.pid} (backfill) since ")
    assert messages[0].endswith(": ingest waits up to 0:00:10 (h:mm:ss) for it to finish")
