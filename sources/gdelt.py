"""`gdelt` sources: the GDELT DOC 2.0 API in ArtList mode for a query and a date window.

The API returns at most 250 articles per call, so a window whose answer hits the cap is halved until each slice is
under it (down to 15 minutes, GDELT's own resolution). GDELT asks for at most one call per 5 seconds.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime, timedelta, timezone
from typing import Any
from urllib.parse import urlencode, urlsplit

from sources.adapters import Discovery, SourceError, fetch_document
from sources.config import SourceConfig
from sources.http import PoliteSession
from sources.models import Candidate, SourceState, new_candidate
from sources.window import Window

MAX_RECORDS = 250
MIN_SLICE = timedelta(minutes=15)
DEFAULT_SPAN = timedelta(days=1)
MIN_CALL_INTERVAL = 5.0


async def discover_gdelt(session: PoliteSession, config: SourceConfig, state: SourceState, window: Window) -> Discovery:
    """Articles matching the source's query in the window (the last day when the window is open)."""
    session.space_host(urlsplit(config.url).netloc.lower(), float(config.options.get("min_interval", MIN_CALL_INTERVAL)))
    start, end = window.bounds(DEFAULT_SPAN, datetime.now(timezone.utc))
    articles: list[Mapping[str, Any]] = []
    status = await _collect(session, config, start, end, articles)
    candidates: list[Candidate] = []
    for article in articles:
        url = article.get("url")
        published = seen_date(article.get("seendate"))
        if isinstance(url, str) and url.startswith("http") and window.contains(published):
            candidates.append(new_candidate(url, config.name, article.get("title"), published))
    return Discovery(candidates, status)


async def _collect(
    session: PoliteSession, config: SourceConfig, start: datetime, end: datetime, into: list[Mapping[str, Any]]
) -> int | None:
    """Fetch [start, end); split it in halves while an answer reaches the cap."""
    document = await fetch_document(session, config, url=artlist_url(config, start, end))
    rows = parse_artlist(document.body or b"")
    if len(rows) >= MAX_RECORDS and end - start > MIN_SLICE:
        middle = start + (end - start) / 2
        await _collect(session, config, start, middle, into)
        return await _collect(session, config, middle, end, into)
    into.extend(rows)
    return document.status


def artlist_url(config: SourceConfig, start: datetime, end: datetime) -> str:
    """The ArtList JSON request for one slice."""
    params = {
        "query": config.options["query"], "mode": "ArtList", "format": "json", "maxrecords": MAX_RECORDS,
        "sort": "DateDesc", "startdatetime": start.strftime("%Y%m%d%H%M%S"), "enddatetime": end.strftime("%Y%m%d%H%M%S"),
    }
    return f"{config.url}?{urlencode(params)}"


def parse_artlist(body: bytes) -> list[Mapping[str, Any]]:
    """Rows of an ArtList answer; `{}` means no matches; plain text is GDELT explaining a bad query."""
    try:
        data = json.loads(body) if body.strip() else {}
    except ValueError:
        message = " ".join(body.decode("utf-8", errors="replace").split())[:160]
        raise SourceError(f"gdelt refused the query: {message}") from None
    if not isinstance(data, Mapping):
        raise SourceError("unexpected gdelt answer (not a JSON object)")
    articles = data.get("articles", [])
    return [a for a in articles if isinstance(a, Mapping)] if isinstance(articles, list) else []


def seen_date(value: object) -> datetime | None:
    """GDELT's `seendate` ("20250304T201500Z") as an aware UTC datetime."""
    try:
        return datetime.strptime(str(value), "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc)
    except ValueError:
        return None
