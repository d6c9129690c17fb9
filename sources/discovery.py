"""Poll every source concurrently through one polite session; a broken source only marks its own report."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import replace
from datetime import date

from sources.adapters import Adapter, Discovery, SourceError
from sources.aio import run_sync
from sources.config import SourceConfig
from sources.doj import discover_doj
from sources.feeds import discover_feed
from sources.gdelt import discover_gdelt
from sources.http import FetchSettings, PoliteSession
from sources.local import discover_local
from sources.models import Candidate, SourceReport, SourceState
from sources.netguard import Resolver
from sources.sitemaps import discover_sitemap
from sources.window import Window

ADAPTERS: dict[str, Adapter] = {
    "feed": discover_feed,
    "sitemap": discover_sitemap,
    "doj": discover_doj,
    "gdelt": discover_gdelt,
    "local": discover_local,
}


def discover(
    sources: list[SourceConfig], states: Mapping[str, SourceState], since: date | None, until: date | None,
    settings: FetchSettings, *, resolver: Resolver | None = None,
) -> tuple[list[Candidate], list[SourceReport]]:
    """All sources concurrently; one broken source never raises: its SourceReport carries the error.

    Candidates come back deduplicated by URL hash (the first source to list a URL keeps it).
    """
    return run_sync(_discover_all(sources, states, Window(since, until), settings, resolver))


async def _discover_all(
    sources: list[SourceConfig], states: Mapping[str, SourceState], window: Window, settings: FetchSettings,
    resolver: Resolver | None,
) -> tuple[list[Candidate], list[SourceReport]]:
    async with PoliteSession(settings, resolver) as session:
        outcomes = await asyncio.gather(
            *(poll_source(session, config, states.get(config.name, SourceState()), window) for config in sources)
        )
    unique: dict[str, Candidate] = {}
    for candidates, _ in outcomes:
        for candidate in candidates:
            unique.setdefault(candidate.url_hash, candidate)
    return list(unique.values()), [report for _, report in outcomes]


async def poll_source(
    session: PoliteSession, config: SourceConfig, state: SourceState, window: Window
) -> tuple[list[Candidate], SourceReport]:
    """Run one adapter and turn its result or its error into a report with the new state."""
    if state.disabled:
        error = f"disabled after {state.consecutive_failures} consecutive failures"
        return [], SourceReport(config.name, config.kind, config.url, None, 0, False, error, state)
    try:
        found: Discovery = await ADAPTERS[config.kind](session, config, state, window)
    except Exception as error:  # any adapter bug or bad input is this source's error, never the run's
        failures = state.consecutive_failures + 1
        new_state = replace(state, consecutive_failures=failures,
                            disabled=failures >= session.settings.disable_after)
        status = error.http_status if isinstance(error, SourceError) else None
        return [], SourceReport(config.name, config.kind, config.url, status, 0, False, one_line(error), new_state)
    new_state = SourceState(found.etag, found.last_modified, found.body_hash, 0, False)
    report = SourceReport(config.name, config.kind, config.url, found.http_status, len(found.candidates),
                          found.not_modified, None, new_state)
    return found.candidates, report


def one_line(error: BaseException) -> str:
    """A short single-line reason for storage and display."""
    text = " ".join(str(error).split())
    if not isinstance(error, SourceError):
        text = f"{type(error).__name__}: {text}" if text else type(error).__name__
    return text[:300]
