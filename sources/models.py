"""Plain value types that cross the boundary between `sources/` and the rest of the pipeline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sources.canonical import canonicalize, url_hash


@dataclass(frozen=True)
class Candidate:
    """One discovered URL, already canonical, with whatever the source said about it."""

    url: str
    url_hash: str
    source: str
    title: str | None
    published: datetime | None
    district: str | None = None  # set only when the source itself names it (a U.S. Attorney's Office release)


def new_candidate(
    url: str, source: str, title: str | None = None, published: datetime | None = None, district: str | None = None,
    *, base: str | None = None,
) -> Candidate:
    """Build a Candidate from a raw URL (relative to `base` when given) so every adapter canonicalises the same way."""
    canonical = canonicalize(url, base)
    clean_title = " ".join(title.split()) if title else None
    return Candidate(canonical, url_hash(canonical), source, clean_title or None, published, district)


@dataclass(frozen=True)
class SourceState:
    """What we remember about a source between runs (persisted by the warehouse)."""

    etag: str | None = None
    last_modified: str | None = None
    body_hash: str | None = None
    consecutive_failures: int = 0
    disabled: bool = False


@dataclass(frozen=True)
class SourceReport:
    """The outcome of polling one source once; `state` is the new state to persist."""

    source: str
    kind: str
    url: str
    http_status: int | None
    items: int
    not_modified: bool
    error: str | None
    state: SourceState


@dataclass(frozen=True)
class FetchResult:
    """The terminal outcome of fetching one candidate page: fetched, skipped (with reason) or failed (with reason)."""

    url: str
    url_hash: str
    source: str
    final_url: str | None
    http_status: int | None
    content_type: str | None
    body: bytes | None
    outcome: str
    reason: str | None
    attempts: int
