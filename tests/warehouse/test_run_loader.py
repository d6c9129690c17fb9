"""A run's loads cluster their mentions into incidents every `CLUSTER_EVERY_PAGES` pages and when asked, not in every
load; the mentions a stopped run left unclustered are clustered later, never lost."""

from __future__ import annotations

from datetime import date

import duckdb
import pytest

from tests.warehouse.records import event, page
from tests.warehouse.stories import INDEPENDENT, ORIGINAL, OTHER_ARREST
from warehouse import hotspots, store
from warehouse.records import PageRecord

OR = ("usao-or", "OR")


def _report(url_hash: str, text: str, day: date) -> PageRecord:
    charge = event("federal_charge", *OR, text.split(". ")[0] + ".", day)
    return page(url_hash, text, events=(charge,), site=url_hash, published=day)


def _unclustered(con: duckdb.DuckDBPyConnection) -> int:
    return con.execute("SELECT count(*) FROM mentions WHERE incident_id IS NULL").fetchone()[0]


def _incidents(con: duckdb.DuckDBPyConnection) -> list[tuple[int, int]]:
    return con.execute("SELECT n_mentions, n_articles FROM incidents ORDER BY n_mentions DESC").fetchall()


def test_mentions_are_clustered_every_cluster_every_pages_and_when_asked(
    con: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store, "CLUSTER_EVERY_PAGES", 2)
    loader = store.RunLoader(con, store.start_run(con, "ingest", {}))
    loader.load([_report("first", ORIGINAL, date(2026, 10, 6))])
    assert (_unclustered(con), _incidents(con)) == (1, [])
    loader.load([_report("second", INDEPENDENT, date(2026, 10, 8))])
    # Two reports of one charge, loaded in different batches, clustered in one pass: one incident.
    assert (_unclustered(con), _incidents(con)) == (0, [(2, 2)])
    loader.load([_report("other", OTHER_ARREST, date(2026, 10, 7))])
    assert _unclustered(con) == 1
    loader.cluster()
    assert (_unclustered(con), _incidents(con)) == (0, [(2, 2), (1, 1)])
    weekly = con.execute("SELECT sum(incidents), sum(mentions) FROM weekly_incidents WHERE district = 'usao-or'")
    assert weekly.fetchone() == (2, 3)


def test_mentions_a_stopped_run_left_unclustered_are_clustered_by_the_refresh(con: duckdb.DuckDBPyConnection) -> None:
    run_id = store.start_run(con, "ingest", {})
    store.RunLoader(con, run_id).load([_report("first", ORIGINAL, date(2026, 10, 6))])  # stopped before clustering
    assert _unclustered(con) == 1
    hotspots.refresh(con, run_id)  # the end of every run, which reads the lede back from the stored article
    assert (_unclustered(con), _incidents(con)) == (0, [(1, 1)])
    names = con.execute("SELECT names FROM incidents").fetchone()[0]
    assert "renwick" in names
