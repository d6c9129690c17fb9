"""Feed discovery over RSS 2.0, RSS 1.0 and Atom fixtures: parsing, windows, conditional GET, broken feeds."""

from __future__ import annotations

import hashlib
from datetime import date, datetime, timezone

import httpx

from sources.discovery import discover
from sources.models import SourceState

RSS = "https://news.example.com/feeds/immigration.rss"


def test_rss2_items_are_canonical_and_dated(no_robots, settings, fixture_bytes, make_source, resolver):
    no_robots.get(RSS).respond(200, content=fixture_bytes("rss2.xml"), headers={"Content-Type": "application/rss+xml"})
    candidates, reports = discover([make_source("ledger", "feed", RSS)], {}, None, None, settings, resolver=resolver)
    urls = [c.url for c in candidates]
    assert urls == [
        "https://news.example.com/2025/03/04/lake-street-impeding-charge",
        "https://news.example.com/2025/03/02/hennepin-board-jail-cooperation",
        "https://news.example.com/2025/02/20/whipple-vigil",
    ]
    assert candidates[0].published == datetime(2025, 3, 4, 20, 20, tzinfo=timezone.utc)
    assert candidates[0].title.startswith("Federal prosecutors charge Minneapolis man")
    assert reports[0].items == 3 and reports[0].error is None and reports[0].http_status == 200


def test_rss1_and_atom(no_robots, settings, fixture_bytes, make_source, resolver):
    no_robots.get("https://desert.example.org/rss").respond(200, content=fixture_bytes("rss1.rdf"))
    no_robots.get("https://lakeshore.example.net/atom.xml").respond(200, content=fixture_bytes("atom.xml"))
    sources = [make_source("desert", "feed", "https://desert.example.org/rss"),
               make_source("lakeshore", "feed", "https://lakeshore.example.net/atom.xml")]
    candidates, reports = discover(sources, {}, None, None, settings, resolver=resolver)
    by_source = {r.source: r.items for r in reports}
    assert by_source == {"desert": 2, "lakeshore": 2}
    atom = {c.url: c for c in candidates if c.source == "lakeshore"}
    relative = atom["https://lakeshore.example.net/2025/03/05/broadview-protest-arrests"]  # resolved against the feed
    assert relative.published == datetime(2025, 3, 5, 11, 10, tzinfo=timezone.utc)
    updated_only = atom["https://lakeshore.example.net/2025/02/27/cook-county-welcoming-review"]
    assert updated_only.published == datetime(2025, 2, 27, 16, 0, tzinfo=timezone.utc)
    rdf = [c for c in candidates if c.source == "desert"]
    assert rdf[0].published == datetime(2025, 3, 4, 0, 30, tzinfo=timezone.utc)


def test_window_keeps_only_items_inside(no_robots, settings, fixture_bytes, make_source, resolver):
    no_robots.get(RSS).respond(200, content=fixture_bytes("rss2.xml"))
    candidates, _ = discover([make_source("ledger", "feed", RSS)], {}, date(2025, 3, 1), date(2025, 3, 3),
                             settings, resolver=resolver)
    assert [c.url.rsplit("/", 1)[1] for c in candidates] == ["hennepin-board-jail-cooperation"]


def test_etag_sent_and_304_costs_nothing(no_robots, settings, fixture_bytes, make_source, resolver):
    route = no_robots.get(RSS)
    route.side_effect = [
        httpx.Response(200, content=fixture_bytes("rss2.xml"), headers={"ETag": '"v1"', "Last-Modified": "Tue, 04 Mar 2025 20:30:00 GMT"}),
        httpx.Response(304, headers={"ETag": '"v1"'}),
    ]
    feed = [make_source("ledger", "feed", RSS)]
    _, first = discover(feed, {}, None, None, settings, resolver=resolver)
    state = first[0].state
    assert state.etag == '"v1"' and state.body_hash == hashlib.sha256(fixture_bytes("rss2.xml")).hexdigest()
    candidates, second = discover(feed, {"ledger": state}, None, None, settings, resolver=resolver)
    request = route.calls.last.request
    assert request.headers["If-None-Match"] == '"v1"' and "If-Modified-Since" not in request.headers
    assert candidates == [] and second[0].not_modified and second[0].items == 0 and second[0].http_status == 304
    assert second[0].state.body_hash == state.body_hash and second[0].state.etag == '"v1"'


def test_last_modified_used_without_etag_and_unchanged_body_is_not_modified(no_robots, settings, fixture_bytes, make_source, resolver):
    body = fixture_bytes("rss2.xml")
    route = no_robots.get(RSS).respond(200, content=body)
    state = SourceState(last_modified="Tue, 04 Mar 2025 20:30:00 GMT", body_hash=hashlib.sha256(body).hexdigest())
    candidates, reports = discover([make_source("ledger", "feed", RSS)], {"ledger": state}, None, None, settings,
                                   resolver=resolver)
    assert route.calls.last.request.headers["If-Modified-Since"] == "Tue, 04 Mar 2025 20:30:00 GMT"
    assert candidates == [] and reports[0].not_modified and reports[0].http_status == 200


def test_broken_feeds_are_source_errors_and_others_still_deliver(no_robots, settings, fixture_bytes, make_source, resolver):
    no_robots.get("https://bomb.example.com/rss").respond(200, content=fixture_bytes("entity_bomb.xml"))
    no_robots.get("https://moved.example.com/rss").respond(200, content=fixture_bytes("malformed_feed.xml"))
    no_robots.get("https://gone.example.com/rss").respond(410)
    no_robots.get(RSS).respond(200, content=fixture_bytes("rss2.xml"))
    sources = [make_source("bomb", "feed", "https://bomb.example.com/rss"),
               make_source("moved", "feed", "https://moved.example.com/rss"),
               make_source("gone", "feed", "https://gone.example.com/rss"),
               make_source("ledger", "feed", RSS)]
    states = {"gone": SourceState(consecutive_failures=2)}
    candidates, reports = discover(sources, states, None, None, settings, resolver=resolver)
    by_name = {r.source: r for r in reports}
    assert "unsafe xml" in by_name["bomb"].error and "EntitiesForbidden" in by_name["bomb"].error
    assert by_name["moved"].error.startswith("malformed feed")
    assert by_name["gone"].error == "http 410" and by_name["gone"].http_status == 410
    assert by_name["gone"].state.consecutive_failures == 3 and by_name["bomb"].state.consecutive_failures == 1
    assert by_name["ledger"].error is None and len(candidates) == 3 == by_name["ledger"].items


def test_source_disabled_after_repeated_failures_is_not_polled(no_robots, settings, make_source, resolver):
    route = no_robots.get(RSS).respond(500)
    feed = [make_source("ledger", "feed", RSS)]
    failing = SourceState(consecutive_failures=settings.disable_after - 1)
    _, reports = discover(feed, {"ledger": failing}, None, None, settings, resolver=resolver)
    assert reports[0].state.disabled and reports[0].state.consecutive_failures == settings.disable_after
    calls = route.call_count
    _, again = discover(feed, {"ledger": reports[0].state}, None, None, settings, resolver=resolver)
    assert route.call_count == calls and again[0].error.startswith("disabled")
