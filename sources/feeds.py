"""`feed` sources: RSS 0.9x/1.0/2.0 and Atom via feedparser, fetched conditionally and guarded against entity bombs."""

from __future__ import annotations

import calendar
import time
from datetime import datetime, timezone

import feedparser

from sources.adapters import Discovery, SourceError, fetch_document
from sources.config import SourceConfig
from sources.http import PoliteSession
from sources.models import Candidate, SourceState, new_candidate
from sources.window import Window
from sources.xmlsafety import refuse_unsafe_xml


async def discover_feed(session: PoliteSession, config: SourceConfig, state: SourceState, window: Window) -> Discovery:
    """Entries of one feed inside the window; a 304 or an unchanged body yields none."""
    document = await fetch_document(session, config, state=state)
    if document.not_modified:
        return document.unchanged()
    candidates = parse_feed(document.body or b"", config.url, config.name, window)
    return Discovery(candidates, document.status, False, document.etag, document.last_modified, document.body_hash)


def parse_feed(body: bytes, base_url: str, source: str, window: Window) -> list[Candidate]:
    """Candidates from a feed body; SourceError when it is unsafe or not a feed at all."""
    refuse_unsafe_xml(body)
    parsed = feedparser.parse(body)
    if not parsed.entries and (parsed.bozo or not parsed.version):
        problem = parsed.get("bozo_exception") or "no feed elements"
        raise SourceError(f"malformed feed: {' '.join(str(problem).split())[:200]}")
    candidates = []
    for entry in parsed.entries:
        link = entry.get("link") or entry.get("id")  # an Atom id is often a tag: URI, not a page
        if not isinstance(link, str) or not link.strip().lower().startswith(("http://", "https://", "/")):
            continue
        published = _entry_time(entry)
        if window.contains(published):
            candidates.append(new_candidate(link, source, entry.get("title"), published, base=base_url))
    return candidates


def _entry_time(entry: feedparser.FeedParserDict) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value: time.struct_time | None = entry.get(key)
        if value:
            return datetime.fromtimestamp(calendar.timegm(value), tz=timezone.utc)
    return None
