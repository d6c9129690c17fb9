"""What every source adapter shares: its result type, its error type and the conditional document fetch."""

from __future__ import annotations

import hashlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from sources.config import SourceConfig
from sources.http import PoliteSession
from sources.models import Candidate, SourceState
from sources.window import Window


class SourceError(Exception):
    """A source could not be read; the message is the one-line reason stored on the source."""

    def __init__(self, message: str, http_status: int | None = None) -> None:
        super().__init__(message)
        self.http_status = http_status


@dataclass(frozen=True)
class Discovery:
    """What one adapter found, plus the validators to remember for the next conditional GET."""

    candidates: list[Candidate]
    http_status: int | None
    not_modified: bool = False
    etag: str | None = None
    last_modified: str | None = None
    body_hash: str | None = None


@dataclass(frozen=True)
class Document:
    """A source document (feed, sitemap, API page) as fetched."""

    status: int | None
    body: bytes | None
    etag: str | None = None
    last_modified: str | None = None
    body_hash: str | None = None
    not_modified: bool = False

    def unchanged(self) -> Discovery:
        """The Discovery for a 304 or an identical body: nothing to do, validators kept."""
        return Discovery([], self.status, True, self.etag, self.last_modified, self.body_hash)


Adapter = Callable[[PoliteSession, SourceConfig, SourceState, Window], Awaitable[Discovery]]


async def fetch_document(
    session: PoliteSession, config: SourceConfig, url: str | None = None, state: SourceState | None = None
) -> Document:
    """GET a source document; with `state`, conditionally (If-None-Match, else If-Modified-Since; body hash)."""
    headers: dict[str, str] = {}
    if state is not None and state.etag:
        headers["If-None-Match"] = state.etag
    elif state is not None and state.last_modified:
        headers["If-Modified-Since"] = state.last_modified
    result = await session.get(url or config.url, allow_private=config.allow_private, respect_robots=False, headers=headers)
    if result.outcome != "ok":
        raise SourceError(result.reason or "request failed", result.status)
    etag = result.headers.get("etag") or (state.etag if state else None)
    last_modified = result.headers.get("last-modified") or (state.last_modified if state else None)
    if result.status == 304:
        previous = state.body_hash if state else None
        return Document(304, None, etag, last_modified, previous, not_modified=True)
    body = result.body or b""
    body_hash = hashlib.sha256(body).hexdigest()
    unchanged = state is not None and state.body_hash == body_hash
    return Document(result.status, body, etag, last_modified, body_hash, not_modified=unchanged)
