"""Title, date, authors and site name of a parsed page, from trafilatura's metadata parts and htmldate.

`trafilatura.bare_extraction(with_metadata=True)` also collects categories, tags and a licence by scanning every
link of the page (nav menus and footers have hundreds); on news pages that doubled the extraction time. We call only
the parts we keep, on the tree that extraction then reuses, so the page is still parsed once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from htmldate import find_date
from lxml.html import HtmlElement
from trafilatura.metadata import examine_meta, extract_author, extract_meta_json, extract_sitename, extract_title


@dataclass(frozen=True)
class PageMetadata:
    """Raw metadata strings as the page states them; sanity checks are the caller's."""

    title: str | None
    date: str | None
    author: str | None
    site_name: str | None


def page_metadata(tree: HtmlElement, url: str | None = None) -> PageMetadata:
    """Metadata in trafilatura's order of trust: meta tags, then JSON-LD, then the markup."""
    meta = examine_meta(tree)
    if meta.author and " " not in meta.author:  # a lone handle or "admin" is not a byline
        meta.author = None
    try:
        meta = extract_meta_json(tree, meta)
    except Exception:  # noqa: BLE001 - trafilatura's JSON-LD parser raises on malformed blobs of any kind
        pass
    # Up to tomorrow: a page dated "today" in a timezone ahead of ours is fine; our own sanity check decides.
    tomorrow = (datetime.now().astimezone() + timedelta(days=1)).strftime("%Y-%m-%d")
    found = find_date(tree, extensive_search=False, original_date=True, url=url or meta.url, max_date=tomorrow)
    site = meta.sitename or extract_sitename(tree)
    return PageMetadata(
        title=meta.title or extract_title(tree),
        date=found,
        author=meta.author or extract_author(tree),
        site_name=site.lstrip("@") if site else None,
    )
