"""fetch_pages: retries, timeouts, redirects, size caps, content types, robots and address checks."""

from __future__ import annotations

import gzip
import time
import tracemalloc
import zlib
from dataclasses import replace

import httpx
import pytest

from sources.fetcher import fetch_pages
from sources.models import new_candidate

HTML = {"Content-Type": "text/html; charset=utf-8"}
PAGE = b"<html><head><title>t</title></head><body><p>Agents in Minneapolis.</p></body></html>"


@pytest.fixture
def fetch(settings, make_source, resolver):
    """fetch_pages for URLs of one public source `news` (and a private-allowed `lab`)."""
    sources = {"news": make_source("news", "feed", "https://news.example.com/rss"),
               "lab": make_source("lab", "feed", "http://127.0.0.1/rss", allow_private=True)}

    def run(*urls: str, source: str = "news", **overrides):
        candidates = [new_candidate(url, source) for url in urls]
        return fetch_pages(candidates, sources, replace(settings, **overrides), resolver=resolver)

    return run


def test_html_page_fetched(no_robots, fetch):
    no_robots.get("https://news.example.com/a").respond(200, content=PAGE, headers=HTML)
    [result] = fetch("https://news.example.com/a?utm_source=x")
    assert (result.outcome, result.reason, result.http_status, result.attempts) == ("fetched", None, 200, 1)
    assert result.body == PAGE and result.content_type == "text/html" and result.url == "https://news.example.com/a"


def test_429_retry_after_is_honoured(no_robots, fetch):
    route = no_robots.get("https://news.example.com/busy")
    route.side_effect = [httpx.Response(429, headers={"Retry-After": "1"}), httpx.Response(200, content=PAGE, headers=HTML)]
    started = time.monotonic()
    [result] = fetch("https://news.example.com/busy")
    assert time.monotonic() - started >= 1.0  # backoff_base is 0.01 s: only Retry-After explains the wait
    assert (result.outcome, result.attempts, route.call_count) == ("fetched", 2, 2)


def test_retry_after_is_capped(no_robots, fetch):
    route = no_robots.get("https://news.example.com/busy")
    route.side_effect = [httpx.Response(503, headers={"Retry-After": "3600"}), httpx.Response(200, content=PAGE, headers=HTML)]
    started = time.monotonic()
    [result] = fetch("https://news.example.com/busy", retry_after_cap=0.2)
    assert 0.2 <= time.monotonic() - started < 5 and result.outcome == "fetched"


def test_503_then_success(no_robots, fetch):
    route = no_robots.get("https://news.example.com/flaky")
    route.side_effect = [httpx.Response(503), httpx.Response(200, content=PAGE, headers=HTML)]
    [result] = fetch("https://news.example.com/flaky")
    assert (result.outcome, result.http_status, result.attempts) == ("fetched", 200, 2)


def test_persistent_503_fails_after_max_attempts(no_robots, fetch):
    route = no_robots.get("https://news.example.com/down").respond(503)
    [result] = fetch("https://news.example.com/down")
    assert (result.outcome, result.reason, result.attempts, route.call_count) == ("failed", "http 503", 3, 3)


def test_run_retry_budget_bounds_retries(no_robots, fetch):
    route = no_robots.get(url__regex=r"https://news\.example\.com/down/\d").respond(503)
    results = fetch(*(f"https://news.example.com/down/{i}" for i in range(4)), run_attempt_budget=2)
    assert route.call_count == 4 + 2 and all(r.outcome == "failed" for r in results)


def test_404_not_retried(no_robots, fetch):
    route = no_robots.get("https://news.example.com/missing").respond(404)
    [result] = fetch("https://news.example.com/missing")
    assert (result.outcome, result.reason, result.attempts, route.call_count) == ("failed", "http 404", 1, 1)


def test_read_timeout(no_robots, fetch):
    no_robots.get("https://news.example.com/slow").mock(side_effect=httpx.ReadTimeout("read timed out"))
    [result] = fetch("https://news.example.com/slow")
    assert (result.outcome, result.reason) == ("failed", "timeout")


def test_connection_errors_retried_then_recorded(no_robots, fetch):
    route = no_robots.get("https://news.example.com/reset").mock(side_effect=httpx.ConnectError("refused"))
    [result] = fetch("https://news.example.com/reset")
    assert (result.outcome, result.reason, result.attempts, route.call_count) == ("failed", "connection error", 3, 3)


def test_redirect_followed_and_loop_detected(no_robots, fetch):
    no_robots.get("https://news.example.com/old").respond(301, headers={"Location": "/new"})
    no_robots.get("https://news.example.com/new").respond(200, content=PAGE, headers=HTML)
    no_robots.get("https://news.example.com/loop-a").respond(302, headers={"Location": "https://news.example.com/loop-b"})
    no_robots.get("https://news.example.com/loop-b").respond(302, headers={"Location": "/loop-a"})
    moved, looped = fetch("https://news.example.com/old", "https://news.example.com/loop-a")
    assert (moved.outcome, moved.final_url) == ("fetched", "https://news.example.com/new")
    assert (looped.outcome, looped.reason) == ("failed", "redirect loop")


def test_too_many_redirects(no_robots, fetch):
    no_robots.get(url__regex=r"https://news\.example\.com/hop/\d+").mock(
        side_effect=lambda request: httpx.Response(
            302, headers={"Location": f"/hop/{int(request.url.path.rsplit('/', 1)[1]) + 1}"}))
    [result] = fetch("https://news.example.com/hop/0", max_redirects=3)
    assert (result.outcome, result.reason) == ("failed", "too many redirects")


def test_20mb_body_refused_declared_and_streamed(no_robots, fetch):
    big = b"x" * (20 * 2**20)
    no_robots.get("https://news.example.com/declared").respond(200, content=big, headers=HTML)

    no_robots.get("https://news.example.com/streamed").respond(200, headers=HTML, stream=_Chunked(big))
    declared, streamed = fetch("https://news.example.com/declared", "https://news.example.com/streamed")
    assert (declared.outcome, declared.reason, declared.body) == ("skipped", "too large", None)
    assert (streamed.outcome, streamed.reason) == ("skipped", "too large")


class _Chunked(httpx.AsyncByteStream):
    """A body served in 64 KB chunks, as a real server streams it (respx would pre-decode a plain `content=`)."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    async def __aiter__(self):
        for start in range(0, len(self.data), 2**16):
            yield self.data[start : start + 2**16]


def _gzip_bomb(megabytes: int) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = bytes(2**20)
    return b"".join(packer.compress(block) for _ in range(megabytes)) + packer.flush()


def test_gzip_bomb_refused_with_bounded_memory(no_robots, fetch):
    bomb = _gzip_bomb(256)  # 256 MB of zeros in ~250 KB on the wire
    no_robots.get("https://news.example.com/bomb").respond(
        200, stream=_Chunked(bomb), headers={**HTML, "Content-Encoding": "gzip"})
    tracemalloc.start()
    try:
        [result] = fetch("https://news.example.com/bomb", max_bytes=2**20)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert (result.outcome, result.reason) == ("skipped", "too large")
    assert peak < 8 * 2**20, f"peak {peak / 2**20:.1f} MB"


def test_gzip_page_decoded(no_robots, fetch):
    no_robots.get("https://news.example.com/gz").respond(
        200, content=gzip.compress(PAGE), headers={**HTML, "Content-Encoding": "gzip"})
    [result] = fetch("https://news.example.com/gz")
    assert result.outcome == "fetched" and result.body == PAGE


def test_non_html_skipped(no_robots, fetch):
    no_robots.get("https://news.example.com/filing.pdf").respond(200, content=b"%PDF-1.7", headers={"Content-Type": "application/pdf"})
    [result] = fetch("https://news.example.com/filing.pdf")
    assert (result.outcome, result.reason, result.content_type, result.body) == ("skipped", "not html", "application/pdf", None)


def test_robots_disallow_and_cache(router, fetch):
    robots = router.get("https://news.example.com/robots.txt").respond(
        200, text="User-agent: *\nDisallow: /private/\n", headers={"Content-Type": "text/plain"})
    router.get("https://news.example.com/public/a").respond(200, content=PAGE, headers=HTML)
    private = router.get("https://news.example.com/private/b").respond(200, content=PAGE, headers=HTML)
    public, blocked = fetch("https://news.example.com/public/a", "https://news.example.com/private/b")
    assert public.outcome == "fetched" and (blocked.outcome, blocked.reason) == ("skipped", "robots")
    assert robots.call_count == 1 and not private.called


def test_robots_server_error_disallows_for_the_run(router, fetch):
    router.get("https://news.example.com/robots.txt").respond(503)
    page = router.get("https://news.example.com/a").respond(200, content=PAGE, headers=HTML)
    [result] = fetch("https://news.example.com/a")
    assert (result.outcome, result.reason) == ("skipped", "robots") and not page.called


def test_redirect_to_private_address_refused(no_robots, fetch):
    no_robots.get("https://news.example.com/to-metadata").respond(302, headers={"Location": "http://169.254.169.254/latest/meta-data/"})
    no_robots.get("https://news.example.com/to-internal").respond(302, headers={"Location": "https://cms.internal/draft"})
    to_metadata, to_internal = fetch("https://news.example.com/to-metadata", "https://news.example.com/to-internal")
    assert (to_metadata.outcome, to_metadata.reason, to_metadata.final_url) == (
        "skipped", "private address", "http://169.254.169.254/latest/meta-data/")
    assert (to_internal.outcome, to_internal.reason) == ("skipped", "private address")


def test_private_addresses_only_for_sources_that_allow_them(no_robots, fetch):
    no_robots.get("http://127.0.0.1/page").respond(200, content=PAGE, headers=HTML)
    [refused] = fetch("http://127.0.0.1/page")
    [allowed] = fetch("http://127.0.0.1/page", source="lab")
    assert (refused.outcome, refused.reason) == ("skipped", "private address") and allowed.outcome == "fetched"


def test_every_candidate_gets_exactly_one_result(no_robots, fetch):
    no_robots.get("https://news.example.com/ok").respond(200, content=PAGE, headers=HTML)
    results = fetch("https://news.example.com/ok", "ftp://news.example.com/file", "https://[::1/bad",
                    "https://news.example.com/ok#again")
    results += fetch("https://news.example.com/ok", source="nobody")
    assert sorted((r.outcome, r.reason or "") for r in results) == [
        ("failed", "unknown source 'nobody'"), ("fetched", ""), ("fetched", ""),
        ("skipped", "invalid url"), ("skipped", "not http(s)"),
    ]
