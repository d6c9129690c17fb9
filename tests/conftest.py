"""Session-wide test fixtures: Prefect's throw-away API, and the demo warehouse built once by the real CLI."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from tests.ports import free_port

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")


@pytest.fixture(scope="session")
def prefect_harness():
    """Prefect's test harness (a local API on a temporary database), started at most once per session."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@dataclass(frozen=True)
class DemoRuns:
    """The demo database after `hotspots demo` ran twice on it, and what each run printed."""

    db: Path
    first_output: str
    second_output: str
    counts_after_first: dict[str, int]


@pytest.fixture(scope="session")
def demo_runs(prefect_harness, tmp_path_factory) -> DemoRuns:
    """`hotspots demo` twice on one database, as an operator would run it on two nights."""
    from typer.testing import CliRunner

    from flows.cli import app

    db = tmp_path_factory.mktemp("demo") / "hotspots.duckdb"
    # Both runs must see the site at the same address (as two demos on one machine do), whatever else holds 47474.
    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.setenv("HOTSPOTS_DEMO_PORT", str(free_port()))
    try:
        runner = CliRunner()
        first = runner.invoke(app, ["demo", "--db", str(db)])
        assert first.exit_code == 0, first.output
        with duckdb.connect(str(db), read_only=True) as con:
            counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("articles", "mentions")}
        second = runner.invoke(app, ["demo", "--db", str(db)])
        assert second.exit_code == 0, second.output
    finally:
        monkeypatch.undo()
    return DemoRuns(db, first.output, second.output, counts)


@pytest.fixture(scope="session")
def demo_db(demo_runs: DemoRuns) -> Path:
    """The demo site ingested by `hotspots demo`, as analysts get it."""
    return demo_runs.db


@pytest.fixture()
def old_format_db(demo_db: Path, tmp_path: Path) -> Path:
    """A copy of the demo warehouse in DuckDB's own (2.0) storage format, as the store wrote every file before it
    chose DuckDB 1.5's."""
    older = tmp_path / "older.duckdb"
    with duckdb.connect() as con:
        con.execute(f"ATTACH '{demo_db}' AS demo (READ_ONLY)")
        con.execute(f"ATTACH '{older}' AS older")  # no STORAGE_VERSION: DuckDB's default format
        con.execute("COPY FROM DATABASE demo TO older")
    return older

