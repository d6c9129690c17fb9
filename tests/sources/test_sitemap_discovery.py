"""Sitemap discovery: index -> children, Google News publication dates, lastmod windows, gzipped sitemaps."""

from __future__ import annotations

import gc
import gzip
from datetime import date

import pytest

from sources.adapters import SourceError
from sources.discovery import discover
from sources.sitemaps import collector_paused, read_sitemap

INDEX = "https://metro.example.com/sitemap_index.xml"


def _route_metro(router, fixture_bytes):
    router.get(INDEX).respond(200, content=fixture_bytes("sitemap_index.xml"))
    router.get("https://metro.example.com/sitemaps/news.xml").respond(200, content=fixture_bytes("news_sitemap.xml"))
    router.get("https://metro.example.com/sitemaps/2025-03.xml").respond(200, content=fixture_bytes("sitemap_month.xml"))
    return router.get("https://metro.example.com/sitemaps/2024-11.xml").respond(500)


def test_index_children_filtered_by_window(no_robots, settings, fixture_bytes, make_source, resolver):
    old_child = _route_metro(no_robots, fixture_bytes)
    candidates, reports = discover([make_source("metro", "sitemap", INDEX)], {}, date(2025, 3, 2), date(2025, 3, 5),
                                   settings, resolver=resolver)
    slugs = sorted(c.url.rsplit("/", 1)[1] for c in candidates)
    # news sitemap by publication date (Santa Ana 03-03, LA 03-05), month sitemap by lastmod (Compton 03-04),
    # the undated staff page kept (cannot tell), Pasadena (03-01) and Paramount (02-25) out of the window.
    assert slugs == ["compton-council-vote", "la-federal-building-clash", "santa-ana-raid", "staff"]
    assert not old_child.called  # its lastmod is before the window: nothing in it can be new
    assert reports[0].items == 4 and reports[0].error is None
    titled = {c.url.rsplit("/", 1)[1]: c.title for c in candidates}
    assert titled["santa-ana-raid"].startswith("Santa Ana car wash raid")


def test_without_window_every_child_is_read_and_a_failing_child_is_the_source_error(
    no_robots, settings, fixture_bytes, make_source, resolver
):
    _route_metro(no_robots, fixture_bytes)
    candidates, reports = discover([make_source("metro", "sitemap", INDEX)], {}, None, None, settings,
                                   resolver=resolver)
    assert candidates == [] and reports[0].error == "http 500"


def test_gzipped_news_sitemap(no_robots, settings, fixture_bytes, make_source, resolver):
    url = "https://metro.example.com/news.xml.gz"
    no_robots.get(url).respond(200, content=gzip.compress(fixture_bytes("news_sitemap.xml")),
                               headers={"Content-Type": "application/x-gzip"})
    candidates, _ = discover([make_source("metro", "sitemap", url)], {}, None, None, settings, resolver=resolver)
    assert len(candidates) == 3


def test_not_a_sitemap_is_a_source_error(no_robots, settings, fixture_bytes, make_source, resolver):
    no_robots.get("https://metro.example.com/sitemap.xml").respond(200, content=fixture_bytes("rss2.xml"))
    _, reports = discover([make_source("metro", "sitemap", "https://metro.example.com/sitemap.xml")], {}, None, None,
                          settings, resolver=resolver)
    assert reports[0].error == "not a sitemap: root element rss"


def test_collector_is_paused_only_while_a_sitemap_is_read() -> None:
    assert gc.isenabled()
    with pytest.raises(SourceError), collector_paused():
        assert not gc.isenabled()
        read_sitemap(b"<rss/>", 1000)
    assert gc.isenabled()  # back on after an error too
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # a caller's own pause is left as it was
    finally:
        gc.enable()
