"""`sitemap` sources: sitemap indexes, sitemaps and Google News sitemaps, filtered to the run's date window.

Children of an index whose own `lastmod` is before the window are not fetched: nothing in them can be newer.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import NamedTuple
from urllib.parse import urljoin
from xml.etree.ElementTree import Element, ParseError, fromstring

from sources.adapters import Discovery, SourceError, fetch_document
from sources.bodies import TooLarge, inflate_capped
from sources.config import SourceConfig
from sources.http import PoliteSession
from sources.models import SourceState, new_candidate
from sources.window import Window
from sources.xmlsafety import refuse_unsafe_xml

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
MAX_CHILD_SITEMAPS = 50


class SitemapEntry(NamedTuple):
    """One <url> of a sitemap (a tuple: a sitemap has up to 50,000 of them, and a frozen dataclass costs 5x more)."""

    loc: str
    title: str | None
    published: datetime | None


async def discover_sitemap(
    session: PoliteSession, config: SourceConfig, state: SourceState, window: Window
) -> Discovery:
    """URLs of a sitemap (or of an index's children, one level deep) inside the window."""
    document = await fetch_document(session, config, state=state)
    if document.not_modified:
        return document.unchanged()
    with collector_paused():
        children, entries = read_sitemap(document.body or b"", session.settings.max_bytes)
    children = [(urljoin(config.url, loc), lastmod) for loc, lastmod in children]
    children = [(loc, lastmod) for loc, lastmod in children if not window.starts_after(lastmod)]
    for loc, _ in children[:MAX_CHILD_SITEMAPS]:
        child = await fetch_document(session, config, url=loc)
        with collector_paused():
            entries.extend(read_sitemap(child.body or b"", session.settings.max_bytes)[1])
    with collector_paused():
        candidates = [
            new_candidate(e.loc, config.name, e.title, e.published, base=config.url)
            for e in entries if window.contains(e.published)
        ]
    return Discovery(candidates, document.status, False, document.etag, document.last_modified, document.body_hash)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a sitemap's elements, entries and candidates are built.

    They form no reference cycles (reference counting frees them), but their number (three objects per URL) keeps
    triggering full collections that rescan the whole heap: inside a Prefect run, four of them took 1.5 s of a
    100k-URL sitemap's 3 s. Only synchronous work is wrapped, never an await, so no other task runs meanwhile.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read_sitemap(body: bytes, max_bytes: int) -> tuple[list[tuple[str, datetime | None]], list[SitemapEntry]]:
    """(children, entries) of a sitemap document: an index has only children, a urlset only entries."""
    root = parse_xml(body, max_bytes)
    if root.tag == f"{SM}sitemapindex":
        return index_children(root), []
    return [], url_entries(root)


def parse_xml(body: bytes, max_bytes: int) -> Element:
    """The root element of a (possibly gzipped) sitemap, parsed with entity expansion forbidden."""
    if body[:2] == b"\x1f\x8b":
        try:
            body = inflate_capped(body, max_bytes)
        except TooLarge:
            raise SourceError("sitemap too large after decompression") from None
    refuse_unsafe_xml(body)
    try:
        root = fromstring(body)  # safe once refuse_unsafe_xml passed: nothing left to expand
    except ParseError as error:
        raise SourceError(f"malformed sitemap: {error}") from None
    if root.tag not in (f"{SM}sitemapindex", f"{SM}urlset"):
        raise SourceError(f"not a sitemap: root element {root.tag}")
    return root


def index_children(root: Element) -> list[tuple[str, datetime | None]]:
    """(loc, lastmod) of each <sitemap> of an index."""
    children = []
    for node in root.iter(f"{SM}sitemap"):
        loc = (node.findtext(f"{SM}loc") or "").strip()
        if loc:
            children.append((loc, parse_w3c_datetime(node.findtext(f"{SM}lastmod"))))
    return children


def url_entries(root: Element) -> list[SitemapEntry]:
    """Each <url>: its news publication date when present, else its lastmod."""
    entries = []
    for node in root.iter(f"{SM}url"):
        loc = (node.findtext(f"{SM}loc") or "").strip()
        if not loc:
            continue
        news = node.find(f"{NEWS}news")
        published, title = None, None
        if news is not None:
            published = parse_w3c_datetime(news.findtext(f"{NEWS}publication_date"))
            title = (news.findtext(f"{NEWS}title") or "").strip() or None
        entries.append(SitemapEntry(loc, title, published or parse_w3c_datetime(node.findtext(f"{SM}lastmod"))))
    return entries


def parse_w3c_datetime(text: str | None) -> datetime | None:
    """W3C datetime as used by sitemaps (YYYY-MM-DD, or with time and zone); None when absent or unreadable."""
    if not text or not text.strip():
        return None
    value = text.strip().replace("Z", "+00:00")
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None
