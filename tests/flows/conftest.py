"""Every flow test runs inside the session's Prefect test harness."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _prefect(prefect_harness):
    yield
