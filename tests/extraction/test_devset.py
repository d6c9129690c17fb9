"""The labelled dev set: our extractor beats plain trafilatura and leaves no boilerplate marker behind.

Timing is left to `bench/extraction_eval.py --max-slowdown` (a ratio on a busy CI machine is not a unit test).
"""

from __future__ import annotations

import trafilatura

from bench.extraction_eval import DEVSET, leftovers, load_pages, token_score
from extractors.article import extract_article


def test_dev_set_quality_and_metadata() -> None:
    pages = load_pages(DEVSET)
    assert len(pages) >= 40 and len({p.template for p in pages}) >= 8
    ours = [extract_article(p.html, url=p.url) for p in pages]
    plain = [trafilatura.extract(p.html, url=p.url) or "" for p in pages]
    our_f1 = sum(token_score(a.text, p.expected).f1 for a, p in zip(ours, pages, strict=True)) / len(pages)
    plain_f1 = sum(token_score(t, p.expected).f1 for t, p in zip(plain, pages, strict=True)) / len(pages)
    assert our_f1 >= plain_f1 + 0.03
    assert {p.name: leftovers(a.text, p) for a, p in zip(ours, pages, strict=True) if leftovers(a.text, p)} == {}
    for article, p in zip(ours, pages, strict=True):
        assert (article.title, str(article.published), article.language) == (
            p.meta["title"], p.meta["published"], p.meta["language"]), p.name
