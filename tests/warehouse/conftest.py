"""Warehouse tests: small hand-made warehouses (the demo database comes from the session fixture `demo_db`)."""

from __future__ import annotations

import pytest

from warehouse import store


@pytest.fixture()
def con(tmp_path):
    with store.open_warehouse(tmp_path / "w.duckdb") as connection:
        yield connection
