"""Warehouse tests: small hand-made warehouses, and the demo database built once per session by the real CLI.

`prefect_harness` starts Prefect's throw-away API only for tests that run flows (not autouse).
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from prefect.testing.utilities import prefect_test_harness
from typer.testing import CliRunner

from extractors.models import Article, Classification, Event
from warehouse import store
from warehouse.records import PageRecord


@pytest.fixture(scope="session")
def prefect_harness():
    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture(scope="session")
def demo_db(prefect_harness, tmp_path_factory) -> Path:
    """The demo site ingested by `hotspots demo` (the lead's CLI), as analysts would get it."""
    from flows.cli import app

    db = tmp_path_factory.mktemp("demo-warehouse") / "hotspots.duckdb"
    result = CliRunner().invoke(app, ["demo", "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture()
def con(tmp_path):
    with store.open_warehouse(tmp_path / "w.duckdb") as connection:
        yield connection


def page(
    url_hash: str, text: str, *, events: tuple[Event, ...] = (), site: str = "The Daily Ledger",
    published: date = date(2026, 10, 1), title: str = "Title",
) -> PageRecord:
    """A stored page as the flow hands it to the warehouse."""
    return PageRecord(
        url_hash=url_hash, url=f"https://news.example.com/{url_hash}", source="test-feed", state="stored",
        reason=None, http_status=200, attempts=1, fetched_at=datetime.combine(published, datetime.min.time()),
        feed_published=datetime.combine(published, datetime.min.time()),
        article=Article(text=text, title=title, published=published, language="en", site_name=site),
        classification=Classification(True, 0.9, tuple({e.state for e in events}), tuple({e.district for e in events}),
                                      events, "test-1"),
        content_hash=f"hash-{hash(text)}",
    )


def event(kind: str, district: str, state: str, evidence: str, day: date) -> Event:
    return Event(kind, state, district, 0.9, evidence, event_date=day)
