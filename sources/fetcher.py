"""Fetch candidate article pages politely; every candidate ends with exactly one FetchResult."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping

from sources.aio import run_sync
from sources.config import SourceConfig
from sources.http import FetchSettings, PoliteSession
from sources.local import read_local
from sources.models import Candidate, FetchResult
from sources.netguard import Resolver

__all__ = ["FetchSettings", "fetch_pages", "HTML_TYPES"]

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


def fetch_pages(
    candidates: list[Candidate], sources: Mapping[str, SourceConfig], settings: FetchSettings,
    *, resolver: Resolver | None = None,
) -> list[FetchResult]:
    """Exactly one FetchResult per candidate, in any order; never raises for a bad URL."""
    return run_sync(_fetch_all(candidates, sources, settings, resolver))


async def _fetch_all(
    candidates: list[Candidate], sources: Mapping[str, SourceConfig], settings: FetchSettings,
    resolver: Resolver | None,
) -> list[FetchResult]:
    async with PoliteSession(settings, resolver) as session:
        return list(await asyncio.gather(*(_fetch_one(session, c, sources.get(c.source)) for c in candidates)))


async def _fetch_one(session: PoliteSession, candidate: Candidate, config: SourceConfig | None) -> FetchResult:
    if config is None:
        return _result(candidate, "failed", f"unknown source {candidate.source!r}")
    try:
        if config.kind == "local":
            return await asyncio.to_thread(read_local, candidate, config, session.settings.max_bytes)
        result = await session.get(candidate.url, allow_private=config.allow_private, respect_robots=True)
    except Exception as error:  # a bug on one URL must not cost the others their results
        return _result(candidate, "failed", f"error: {type(error).__name__}: {error}"[:300])
    if result.outcome != "ok":
        return FetchResult(candidate.url, candidate.url_hash, candidate.source, result.final_url, result.status,
                           result.content_type, None, result.outcome, result.reason, result.attempts)
    if result.content_type not in HTML_TYPES:
        return FetchResult(candidate.url, candidate.url_hash, candidate.source, result.final_url, result.status,
                           result.content_type, None, "skipped", "not html", result.attempts)
    return FetchResult(candidate.url, candidate.url_hash, candidate.source, result.final_url, result.status,
                       result.content_type, result.body, "fetched", None, result.attempts)


def _result(candidate: Candidate, outcome: str, reason: str) -> FetchResult:
    return FetchResult(candidate.url, candidate.url_hash, candidate.source, None, None, None, None, outcome, reason, 0)
