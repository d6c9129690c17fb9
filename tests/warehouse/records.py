"""Stored pages as the flow hands them to the warehouse, for tests that build small warehouses by hand."""

from __future__ import annotations

from datetime import date, datetime

from extractors.models import Article, Classification, Event
from warehouse.records import PageRecord


def page(
    url_hash: str, text: str, *, events: tuple[Event, ...] = (), site: str = "The Daily Ledger",
    published: date = date(2026, 10, 1), title: str = "Title",
) -> PageRecord:
    """A stored page as the flow hands it to the warehouse."""
    return PageRecord(
        url_hash=url_hash, url=f"https://news.example.com/{url_hash}", source="test-feed", state="stored",
        reason=None, http_status=200, attempts=1, fetched_at=datetime.combine(published, datetime.min.time()),
        feed_published=datetime.combine(published, datetime.min.time()),
        article=Article(text=text, title=title, published=published, language="en", site_name=site),
        classification=Classification(True, 0.9, tuple({e.state for e in events}), tuple({e.district for e in events}),
                                      events, "test-1"),
        content_hash=f"hash-{hash(text)}",
    )


def event(kind: str, district: str, state: str, evidence: str, day: date) -> Event:
    """A located event with its evidence sentence and date."""
    return Event(kind, state, district, 0.9, evidence, event_date=day)
