"""Shared fixtures for the sources tests: tiny politeness settings, a fake resolver, fixture files, robots mocks."""

from __future__ import annotations

from pathlib import Path

import pytest
import respx

from sources.config import SourceConfig
from sources.fetcher import FetchSettings

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "sources"


def fake_resolver(host: str) -> list[str]:
    """No DNS in tests: `*.internal` names resolve to a private address, everything else to a public one."""
    return ["10.20.30.40"] if host.endswith(".internal") else ["93.184.216.34"]


@pytest.fixture
def resolver():
    return fake_resolver


@pytest.fixture
def settings() -> FetchSettings:
    return FetchSettings(
        user_agent="ice-hotspots-tests/0.1 (+https://example.org/contact)", min_host_interval=0.0,
        connect_timeout=1.0, read_timeout=1.0, backoff_base=0.01, retry_after_cap=2.0, max_attempts=3,
    )


@pytest.fixture
def fixture_bytes():
    return lambda name: (FIXTURES / name).read_bytes()


@pytest.fixture
def router():
    """A respx router; unrouted requests fail the test (nothing reaches the network)."""
    with respx.mock(assert_all_called=False) as mock:
        yield mock


@pytest.fixture
def no_robots(router):
    """The router, with every host's robots.txt missing (which means: allow all)."""
    router.get(url__regex=r"^https?://[^/]+/robots\.txt$", name="robots").respond(404)
    return router


@pytest.fixture
def make_source():
    def build(name: str, kind: str, url: str, allow_private: bool = False, **options) -> SourceConfig:
        return SourceConfig(name, kind, url, allow_private, options)

    return build
