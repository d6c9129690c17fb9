"""Local folders (saved HTML and WARC archives) end to end, and the source health probe."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from sources.config import load_sources
from sources.discovery import discover
from sources.fetcher import fetch_pages
from sources.health import check_sources
from sources.models import SourceState

SAVED = b"""<html><head><title>Raid at Omaha plant</title>
<link rel="canonical" href="https://plains.example.com/2025/03/omaha-plant-raid?utm_source=share"></head>
<body><p>Agents detained workers at a meatpacking plant in Omaha.</p></body></html>"""


def _warc(path: Path, pages: list[tuple[str, str, str, bytes]]) -> None:
    """Write response records the way crawlers (and CC-NEWS) do."""
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for url, content_type, warc_date, body in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers,
                                               warc_headers_dict={"WARC-Date": warc_date})
            writer.write_record(record)


def test_local_folder_pages_come_back_with_their_bodies(tmp_path, settings):
    (tmp_path / "saved.html").write_bytes(SAVED)
    (tmp_path / "notes.txt").write_text("not a page")
    _warc(tmp_path / "CC-NEWS-20250304.warc.gz", [
        ("https://river.example.org/news/dubuque-vigil", "text/html; charset=utf-8", "2025-03-04T10:00:00Z",
         b"<html><body><p>Vigil in Dubuque.</p></body></html>"),
        ("https://river.example.org/logo.png", "image/png", "2025-03-04T10:00:01Z", b"\x89PNG"),
        ("https://river.example.org/news/old-story", "text/html", "2025-01-10T10:00:00Z", b"<html>old</html>"),
    ])
    (tmp_path / "sources.toml").write_text('[[sources]]\nname = "archive"\nkind = "local"\npath = "."\n')
    [config] = load_sources(tmp_path / "sources.toml")
    candidates, reports = discover([config], {}, date(2025, 3, 1), None, settings)
    urls = sorted(c.url for c in candidates)
    assert urls == ["https://plains.example.com/2025/03/omaha-plant-raid", "https://river.example.org/news/dubuque-vigil"]
    assert reports[0].items == 2 and reports[0].error is None
    results = {r.url: r for r in fetch_pages(candidates, {"archive": config}, settings)}
    saved = results["https://plains.example.com/2025/03/omaha-plant-raid"]
    warc = results["https://river.example.org/news/dubuque-vigil"]
    assert (saved.outcome, saved.body, saved.final_url) == ("fetched", SAVED, (tmp_path / "saved.html").as_uri())
    assert (warc.outcome, warc.body, warc.http_status) == ("fetched", b"<html><body><p>Vigil in Dubuque.</p></body></html>", 200)


def test_local_page_over_the_cap_is_skipped(tmp_path, settings, make_source):
    (tmp_path / "big.html").write_bytes(b"<html>" + b"x" * 4096 + b"</html>")
    config = make_source("archive", "local", tmp_path.as_uri(), path=str(tmp_path))
    candidates, _ = discover([config], {}, None, None, settings)
    [result] = fetch_pages(candidates, {"archive": config}, replace(settings, max_bytes=1024))
    assert (result.outcome, result.reason) == ("skipped", "too large")


def test_check_sources_probes_unconditionally(no_robots, settings, fixture_bytes, make_source, resolver):
    route = no_robots.get("https://news.example.com/rss").respond(200, content=fixture_bytes("rss2.xml"))
    no_robots.get("https://gone.example.com/rss").respond(404)
    sources = [make_source("ledger", "feed", "https://news.example.com/rss"),
               make_source("gone", "feed", "https://gone.example.com/rss")]
    states = {"ledger": SourceState(etag='"v1"', body_hash="whatever", disabled=True, consecutive_failures=4),
              "gone": SourceState(consecutive_failures=1)}
    rows = {row.name: row for row in check_sources(sources, states, settings, resolver=resolver)}
    assert "If-None-Match" not in route.calls.last.request.headers
    assert (rows["ledger"].http_status, rows["ledger"].items, rows["ledger"].error) == (200, 3, None)
    assert (rows["ledger"].consecutive_failures, rows["ledger"].disabled) == (0, False)
    assert (rows["gone"].http_status, rows["gone"].error, rows["gone"].consecutive_failures) == (404, "http 404", 2)
