"""Plain value types that cross room boundaries (sources -> extractors -> warehouse).

They are frozen dataclasses so a batch can be shipped to a worker process and compared in tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Article:
    """Main text and metadata of one web page; `reason` says why `text` is empty."""

    text: str
    title: str | None = None
    published: date | None = None
    authors: tuple[str, ...] = ()
    site_name: str | None = None
    language: str | None = None
    reason: str | None = None


@dataclass(frozen=True)
class Jurisdiction:
    """Where something happened, as precisely as the text allows.

    `precision` ranks the evidence: court (a named federal court or U.S. Attorney's office) >
    facility > city > county > state; `evidence` is the text span that placed it.
    """

    state: str | None
    district: str | None
    place: str | None = None
    precision: str = "none"
    evidence: str = ""


@dataclass(frozen=True)
class Event:
    """One event of the taxonomy, attached to where it happened, with the sentence(s) proving it."""

    type: str
    state: str | None
    district: str | None
    confidence: float
    evidence: str
    place: str | None = None
    precision: str = "none"
    event_date: date | None = None
    date_source: str = "published"


@dataclass(frozen=True)
class Classification:
    """Everything the classifier says about one article."""

    relevant: bool
    relevance: float
    states: tuple[str, ...] = ()
    districts: tuple[str, ...] = ()
    events: tuple[Event, ...] = field(default_factory=tuple)
    version: str = ""
