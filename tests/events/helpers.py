"""Shared helper: the event types detected in a text, as the lead's classifier would see them."""

from __future__ import annotations

from datetime import date

from extractors.events import EventHit, detect_events
from extractors.sentences import split_sentences

PUBLISHED = date(2025, 10, 15)  # a Wednesday


def hits(text: str, published: date = PUBLISHED) -> list[EventHit]:
    return detect_events(split_sentences(text), published=published)


def types(text: str, published: date = PUBLISHED) -> set[str]:
    return {hit.type for hit in hits(text, published)}
