"""Warehouse tests: small hand-made warehouses, and the demo database built once per session by the real CLI.

`prefect_harness` starts Prefect's throw-away API only for tests that run flows (not autouse).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from prefect.testing.utilities import prefect_test_harness
from typer.testing import CliRunner

from warehouse import store


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
