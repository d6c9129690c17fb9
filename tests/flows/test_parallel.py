"""The process pool: pages come back in order, with the same outcomes as in-process work, workers are measurable, and
a pool that lost a worker is replaced at the next call."""

from __future__ import annotations

import gc
import os
import signal
from collections.abc import Iterator
from concurrent.futures.process import BrokenProcessPool

import pytest

from extractors import language, page, vocabulary
from extractors.article import extract_article
from extractors.fingerprint import fingerprint
from flows import parallel

ARTICLE = (
    "<html><head><title>Agents detain {n} workers</title></head><body><article><h1>Agents detain {n} workers"
    "</h1><p>Federal immigration agents detained {n} workers at a warehouse in Aurora, Colorado, on Tuesday morning, "
    "according to a statement from the company and witnesses who gathered outside the loading docks.</p><p>The "
    "workers were taken to the ICE processing center in Aurora, their lawyers said on Wednesday afternoon.</p>"
    "</article></body></html>"
)


@pytest.fixture
def pool(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("HOTSPOTS_WORKERS", "2")
    yield
    parallel.shutdown()


def test_stored_texts_are_classified_on_the_pool_in_order(pool: None) -> None:
    texts = [(extract_article(ARTICLE.format(n=n).encode()).text, f"Agents detain {n} workers", None, None)
             for n in range(2, 14)]
    pooled = parallel.classify_texts(texts)
    assert len(parallel.worker_peak_rss_mb()) == 2  # it did go to the workers
    assert pooled == parallel.classify_texts_here(texts)
    assert all(verdict.relevant and verdict.states == ("CO",) for verdict in pooled)


def test_pool_keeps_order_and_outcomes_and_reports_worker_memory(pool: None) -> None:
    pages = [(ARTICLE.format(n=n).encode(), f"https://news.example/{n}", None) for n in range(2, 14)]
    pooled = parallel.process_pages(pages)
    here = parallel.process_pages_here(pages)
    assert [o.article.title for o in pooled] == [f"Agents detain {n} workers" for n in range(2, 14)]
    assert pooled == here
    # The near-duplicate fingerprint is computed in the workers, so the warehouse writer need not.
    assert all(o.state == "stored" and o.fingerprint == fingerprint(o.article.text) for o in pooled)
    peaks = parallel.worker_peak_rss_mb()
    assert len(peaks) == 2 and all(peak > 20 for peak in peaks)
    parallel.shutdown()
    assert parallel.worker_peak_rss_mb() == []


def test_a_pool_that_lost_a_worker_is_replaced_at_the_next_call(pool: None) -> None:
    pages = [(ARTICLE.format(n=n).encode(), f"https://news.example/{n}", None) for n in range(2, 14)]
    parallel.process_pages(pages)
    lost = parallel._POOL.pids()
    os.kill(lost[0], signal.SIGKILL)
    with pytest.raises(BrokenProcessPool):
        parallel.process_pages(pages)
    assert [o.state for o in parallel.process_pages(pages)] == ["stored"] * len(pages)
    assert not set(parallel._POOL.pids()) & set(lost)


def test_the_warm_up_page_goes_through_every_step_without_the_language_model() -> None:
    # What the forkserver builds once for every worker: extraction and the classifier (a stored page, with its events
    # and fingerprint); not py3langid's model (half a second to load), which a clearly English page never needs.
    [outcome] = page.process_batch([(page._WARM_UP_PAGE, None, None)])
    assert outcome.state == "stored" and outcome.classification and outcome.classification.events
    assert outcome.fingerprint is not None
    assert outcome.article and language._clearly_english(outcome.article.text)


def _started_warm() -> tuple[bool, int]:
    return vocabulary._vocabulary.cache_info().currsize == 1, gc.get_freeze_count()


def test_workers_start_with_the_classifier_vocabulary_built_and_frozen_out_of_the_collector(pool: None) -> None:
    built, frozen = parallel._POOL.call(_started_warm)
    assert built and frozen > 10_000
