"""What the flow hands the warehouse for one discovered URL: its terminal state and, if stored, its content."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from extractors.fingerprint import Fingerprint
from extractors.models import Article, Classification


@dataclass(frozen=True)
class PageRecord:
    """One discovered URL at the end of its path. `state` is stored, skipped or failed (duplicate is decided on load)."""

    url_hash: str
    url: str
    source: str
    state: str
    reason: str | None
    http_status: int | None
    attempts: int
    fetched_at: datetime
    feed_published: datetime | None = None
    article: Article | None = None
    classification: Classification | None = None
    content_hash: str | None = None
    fingerprint: Fingerprint | None = None  # of the article's text; computed on load when absent
