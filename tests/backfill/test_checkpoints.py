"""Checkpoint bookkeeping: which windows count as done, and which set of sources they belong to."""

from __future__ import annotations

from datetime import date

import pytest

from flows.backfill import day_windows
from warehouse import checkpoints, store

DEMO = [("demo-rss", "feed", "http://127.0.0.1:1/rss.xml"), ("demo-sitemap", "sitemap", "http://127.0.0.1:1/s.xml")]


def test_sources_key_ignores_order_and_changes_when_a_source_is_added():
    key = checkpoints.sources_key(DEMO)
    assert key == checkpoints.sources_key(list(reversed(DEMO)))
    assert key != checkpoints.sources_key([*DEMO, ("doj", "doj", "https://www.justice.gov/api")])
    assert key != checkpoints.sources_key([DEMO[0]])


def test_only_completed_windows_are_done_and_a_rerun_overwrites_the_state(tmp_path):
    key = checkpoints.sources_key(DEMO)
    days = day_windows(date(2026, 11, 13), date(2026, 11, 17))
    with store.open_warehouse(tmp_path / "w.duckdb") as con:
        for day, status in zip(days, (checkpoints.COMPLETED, checkpoints.RUNNING, checkpoints.PARTIAL,
                                      checkpoints.FAILED, checkpoints.COMPLETED)):
            checkpoints.record(con, key, day, day, "run1", status, {"run_id": "ingest1", "articles": 2})
        checkpoints.record(con, "sources:other", days[1], days[1], "run1", checkpoints.COMPLETED, {})
        assert checkpoints.completed_days(con, key, days[0], days[-1]) == {days[0], days[4]}
        assert checkpoints.completed_days(con, key, days[1], days[3]) == set()

        checkpoints.record(con, key, days[1], days[1], "run2", checkpoints.COMPLETED, {"articles": 1})
        point = checkpoints.windows(con, key, days[1], days[1])[days[1]]
        assert (point.run_id, point.status, point.summary) == ("run2", "completed", {"articles": 1})
        assert point.completed_at is not None
        assert checkpoints.windows(con, key, days[3], days[3])[days[3]].completed_at is None
        assert con.execute("SELECT count(*) FROM backfill_windows").fetchone()[0] == 6


def test_unknown_status_is_refused(tmp_path):
    with store.open_warehouse(tmp_path / "w.duckdb") as con, pytest.raises(ValueError, match="status"):
        checkpoints.record(con, "k", date(2026, 11, 13), date(2026, 11, 13), "r", "done")


def test_day_windows_cover_the_inclusive_range_and_refuse_a_reversed_one():
    assert day_windows(date(2026, 10, 30), date(2026, 11, 2)) == [
        date(2026, 10, 30), date(2026, 10, 31), date(2026, 11, 1), date(2026, 11, 2)]
    assert day_windows(date(2026, 11, 2), date(2026, 11, 2)) == [date(2026, 11, 2)]
    with pytest.raises(ValueError, match="before"):
        day_windows(date(2026, 11, 2), date(2026, 11, 1))
