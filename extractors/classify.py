"""The classification contract used downstream: one article in, jurisdictions and events with evidence out.

It composes the event detector (what happened, in which sentence) with the place resolver (where that sentence's event
happened), so each event carries the jurisdiction of its own evidence rather than every place the article names.
"""

from __future__ import annotations

from datetime import date

from extractors import events, places, vocabulary
from extractors.models import Classification, Event
from extractors.sentences import split_sentences

CLASSIFIER_VERSION = "2026.11.1"


def classify(
    text: str, title: str | None = None, url: str | None = None, published: date | None = None
) -> Classification:
    """Label an article's text by relevance, event type and jurisdiction (see shared taxonomy)."""
    sentences = split_sentences(text)
    lowercase = vocabulary.lower_sentences(text, sentences)
    scanned = vocabulary.scan(lowercase, vocabulary.lower(title) if title else None)
    score = vocabulary.article_relevance(text, title, scanned, [sentence.start for sentence in sentences])
    if score < events.RELEVANCE_THRESHOLD:
        return Classification(relevant=False, relevance=score, version=CLASSIFIER_VERSION)
    context = places.build_context(sentences, title=title, url=url, scanned=scanned)
    found: dict[tuple[str, str | None, str | None], Event] = {}
    hits = events.detect_events(sentences, title=title, published=published, lowercase=lowercase, vocabulary=scanned)
    for hit in hits:
        for where in places.attach_all(context, hit.sentence, hit.type):
            _keep_strongest(found, Event(
                type=hit.type,
                state=where.state,
                district=where.district,
                confidence=round(hit.confidence, 3),
                evidence=hit.evidence,
                place=where.place,
                precision=where.precision,
                event_date=hit.event_date,
                date_source=hit.date_source,
            ))
    states, districts = places.article_jurisdictions(context)
    return Classification(
        relevant=True,
        relevance=score,
        states=states,
        districts=districts,
        events=tuple(found.values()),
        version=CLASSIFIER_VERSION,
    )


def _keep_strongest(found: dict[tuple[str, str | None, str | None], Event], event: Event) -> None:
    """One event per (type, state, district) in an article: the most confident evidence wins."""
    key = (event.type, event.state, event.district)
    if key not in found or found[key].confidence < event.confidence:
        found[key] = event
