"""A batch of pages goes through extraction, the gates, classification and fingerprints a stage at a time: each page
ends as it would alone, in order, and one page's error fails only that page."""

from __future__ import annotations

import pytest

from extractors import page
from extractors.fingerprint import fingerprint

STORED = (
    "<html><head><title>Agents detain {n} workers in Aurora</title></head><body><article><p>Federal immigration agents "
    "detained {n} workers at a warehouse in Aurora, Colorado, on Tuesday morning, according to a statement from the "
    "company and witnesses who gathered outside the loading docks.</p><p>The workers were taken to the ICE processing "
    "center in Aurora, their lawyers said on Wednesday afternoon.</p></article></body></html>"
)
OFF_TOPIC = (
    "<html><head><title>Library extends its weekend hours</title></head><body><article><p>The public library on Main "
    "Street will stay open until eight on Saturdays and Sundays from next month, the city's library board decided on "
    "Monday evening after a survey of readers asked for longer hours.</p></article></body></html>"
)
GERMAN = (
    "<html><head><title>Bibliothek verlängert Öffnungszeiten</title></head><body><article><p>Die Stadtbibliothek in "
    "der Hauptstraße bleibt ab dem nächsten Monat samstags und sonntags bis acht Uhr geöffnet, wie der Vorstand am "
    "Montagabend nach einer Umfrage unter den Lesern beschlossen hat.</p></article></body></html>"
)
EMPTY = "<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a></nav></body></html>"


def _pages() -> list[page.PageInput]:
    bodies = [STORED.format(n=2), OFF_TOPIC, STORED.format(n=3), GERMAN, EMPTY, STORED.format(n=4)]
    return [(body.encode(), f"https://news.example/{i}", None) for i, body in enumerate(bodies)]


def test_each_page_ends_in_order_as_it_would_alone() -> None:
    pages = _pages()
    batch = page.process_batch(pages)
    assert batch == [page.process_batch([one])[0] for one in pages]
    assert [outcome.state for outcome in batch] == ["stored", "skipped", "stored", "skipped", "skipped", "stored"]
    assert batch[1].reason.startswith("off-topic") and batch[1].classification is not None
    assert batch[3].reason.startswith("not English") and batch[3].classification is None
    assert batch[4].reason and batch[4].classification is None
    assert [outcome.article.title for outcome in batch[::2] if outcome.state == "stored"] == [
        "Agents detain 2 workers in Aurora", "Agents detain 3 workers in Aurora"]
    for outcome in batch:
        if outcome.state == "stored":
            assert outcome.classification.relevant and outcome.classification.events
            assert outcome.fingerprint == fingerprint(outcome.article.text) and outcome.content_hash


@pytest.mark.parametrize("stage", ["extract_article", "classify", "fingerprint"])
def test_an_error_in_any_stage_fails_only_its_page(monkeypatch: pytest.MonkeyPatch, stage: str) -> None:
    real = getattr(page, stage)

    def flaky(text: object, *args: object, **kwargs: object) -> object:
        if "3 workers" in (text.decode() if isinstance(text, bytes) else str(text)):
            raise ValueError("bad page")
        return real(text, *args, **kwargs)

    monkeypatch.setattr(page, stage, flaky)
    batch = page.process_batch(_pages())
    assert [outcome.state for outcome in batch] == ["stored", "skipped", "failed", "skipped", "skipped", "stored"]
    assert batch[2].reason == "processing error: ValueError: bad page" and batch[2].article is None
