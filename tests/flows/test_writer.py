"""The writer process: batches commit there, one long-lived process that keeps the warehouse open until released,
errors come back to the caller, and a writer that died is replaced."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from datetime import date
from pathlib import Path

import duckdb
import pytest

from flows import writer
from tests.warehouse.records import event, page
from warehouse import store

STORIES = [
    "Federal prosecutors in Minneapolis charged a man with assaulting an ICE officer during an arrest on Lake Street.",
    "A St. Paul woman was indicted on Friday on a count of impeding federal agents outside the Whipple building.",
    "The U.S. Attorney's office in Minnesota filed a complaint against two men who blocked an ICE van in Bloomington.",
    "A grand jury in Duluth returned charges against a driver accused of ramming a Border Patrol vehicle last month.",
]


@pytest.fixture
def warehouse(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    db = tmp_path / "w.duckdb"
    with store.open_warehouse(db) as con:
        run_id = store.start_run(con, "ingest", {})
    writer.shutdown()  # a flow test before this one may have left its writer running
    yield db, run_id
    writer.shutdown()


def _page(n: int):
    charge = event("federal_charge", "usao-mn", "MN", STORIES[n], date(2026, 10, 1))
    return page(f"p{n}", STORIES[n], events=(charge,))


def test_batches_commit_in_one_long_lived_process_of_their_own(warehouse: tuple[Path, str]) -> None:
    db, run_id = warehouse
    assert writer.pid() is None
    first = writer.load(str(db), run_id, [_page(1)])
    process = writer.pid()
    assert process is not None and process != os.getpid()
    second = writer.load(str(db), run_id, [_page(2), _page(1)])
    assert writer.pid() == process
    assert (first["stored"], first["mentions"], second["stored"]) == (1, 1, 2)
    writer.release()
    with store.open_warehouse(db, read_only=True) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone() == (2,)
        assert con.execute("SELECT count(*) FROM mentions").fetchone() == (2,)


def test_the_loads_mentions_are_clustered_before_the_warehouse_is_released(warehouse: tuple[Path, str]) -> None:
    db, run_id = warehouse
    writer.load(str(db), run_id, [_page(1)])
    writer.load(str(db), run_id, [_page(2)])  # two pages: far fewer than a clustering pass waits for
    writer.release()
    with store.open_warehouse(db, read_only=True) as con:
        unclustered = con.execute("SELECT count(*) FILTER (WHERE incident_id IS NULL), count(*) FROM mentions")
        assert unclustered.fetchone() == (0, 2)
        assert con.execute("SELECT count(*) FROM incidents").fetchone() == (2,)


def test_a_failed_load_raises_in_the_caller_and_the_writer_goes_on(warehouse: tuple[Path, str], tmp_path: Path) -> None:
    db, run_id = warehouse
    writer.load(str(db), run_id, [_page(1)])
    process = writer.pid()
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    with pytest.raises((FileExistsError, NotADirectoryError)):
        writer.load(str(blocker / "w.duckdb"), run_id, [_page(2)])
    assert writer.load(str(db), run_id, [_page(3)])["stored"] == 1
    assert writer.pid() == process


def test_a_writer_that_died_is_replaced_at_the_next_load(warehouse: tuple[Path, str]) -> None:
    db, run_id = warehouse
    writer.load(str(db), run_id, [_page(1)])
    dead = writer.pid()
    assert dead is not None
    os.kill(dead, signal.SIGKILL)
    with pytest.raises(BrokenProcessPool):
        writer.load(str(db), run_id, [_page(2)])
    assert writer.load(str(db), run_id, [_page(2)])["stored"] == 1
    assert writer.pid() not in (None, dead)


def test_the_warehouse_stays_open_between_loads_until_released(warehouse: tuple[Path, str]) -> None:
    db, run_id = warehouse
    writer.load(str(db), run_id, [_page(1)])
    with pytest.raises(duckdb.IOException, match="lock"):  # the writer holds the file, as between a run's loads
        duckdb.connect(str(db), read_only=True)
    writer.load(str(db), run_id, [_page(2)])
    writer.release()
    with store.open_warehouse(db, read_only=True) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone() == (2,)
    assert writer.load(str(db), run_id, [_page(3)])["stored"] == 1  # and reopens it at the next load
    writer.shutdown()
    with store.open_warehouse(db, read_only=True) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone() == (3,)


def test_the_connection_is_dropped_after_a_failed_load_and_above_the_memory_bound(
    warehouse: tuple[Path, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db, run_id = warehouse
    monkeypatch.setattr(writer, "REOPEN_ABOVE_MB", float("inf"))  # whatever this test process has grown to
    try:
        writer._load_here(str(db), run_id, [_page(1)])  # in this process, to look at what it keeps
        assert writer._KEPT.path == db.resolve()
        with pytest.raises(AssertionError):  # a stored page without its classification
            writer._load_here(str(db), run_id, [replace(_page(2), classification=None)])
        assert writer._KEPT.connection is None
        monkeypatch.setattr(writer, "REOPEN_ABOVE_MB", 0.0)
        assert writer._load_here(str(db), run_id, [_page(2)])["stored"] == 1
        assert writer._KEPT.connection is None
    finally:
        writer._close_here()


def test_the_kept_connection_runs_with_the_writers_settings(
    warehouse: tuple[Path, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db, run_id = warehouse
    monkeypatch.setattr(writer, "REOPEN_ABOVE_MB", float("inf"))
    try:
        writer._load_here(str(db), run_id, [_page(1)])
        con = writer._KEPT.connection
        assert con is not None
        assert con.execute("SELECT current_setting('threads')").fetchone() == (1,)
        assert con.execute("SELECT lower(current_setting('disabled_compression_methods'))").fetchone() == ("dict_fsst",)
        assert con.execute("SELECT current_setting('checkpoint_threshold')").fetchone() == ("244.1 MiB",)  # 256 MB
    finally:
        writer._close_here()


def test_release_never_raises_and_stops_a_writer_that_cannot_close(monkeypatch: pytest.MonkeyPatch) -> None:
    stopped: list[bool] = []

    class Failing:
        def pids(self) -> list[int]:
            return [12345]

        def call(self, fn: object, *args: object) -> None:
            raise duckdb.IOException("checkpoint failed: no space left on device")

        def shutdown(self) -> None:
            stopped.append(True)

    monkeypatch.setattr(writer, "_WRITER", Failing())
    writer.release()
    assert stopped == [True]
