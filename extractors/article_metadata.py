"""Title, date, authors and site name of a parsed page, from trafilatura's metadata parts and htmldate.

`trafilatura.bare_extraction(with_metadata=True)` also collects categories, tags and a licence by scanning every
link of the page (nav menus and footers have hundreds); on news pages that doubled the extraction time. We call only
the parts we keep, on the tree that extraction then reuses, so the page is still parsed once.
"""

from __future__ import annotations

import re
from copy import deepcopy
from dataclasses import dataclass
from datetime import datetime, timedelta

from htmldate import find_date
from lxml.etree import XPath
from lxml.html import HtmlElement
from trafilatura.htmlprocessing import prune_unwanted_nodes
from trafilatura.json_metadata import normalize_authors
from trafilatura.metadata import examine_meta, extract_meta_json, extract_metainfo, extract_sitename, extract_title
from trafilatura.xpaths import AUTHOR_DISCARD_XPATHS, AUTHOR_XPATHS

_REGEXP_NS = "http://exslt.org/regular-expressions"
_RE_TEST = re.compile(r"re:test\((@[\w-]+), '([^']*)'\)")


@dataclass(frozen=True)
class PageMetadata:
    """Raw metadata strings as the page states them; sanity checks are the caller's."""

    title: str | None
    date: str | None
    author: str | None
    site_name: str | None


def attribute_guarded(expression: XPath) -> XPath:
    """`expression` with each `re:test(@name, 'pattern')` tried only on elements that have the attribute.

    lxml runs re:test as a Python callback on every element a path visits, and on one without the attribute it tests
    the pattern against "": for a pattern that cannot match "" the guard changes no result, only skips the callback
    (others are left as they are).
    """

    def guard(test: re.Match[str]) -> str:
        attribute, pattern = test.groups()
        return test.group(0) if re.search(pattern, "") else f"({attribute} and {test.group(0)})"

    return XPath(_RE_TEST.sub(guard, expression.path), namespaces={"re": _REGEXP_NS})


_AUTHOR_DISCARD = [attribute_guarded(x) for x in AUTHOR_DISCARD_XPATHS]
_AUTHOR = [attribute_guarded(x) for x in AUTHOR_XPATHS]


def markup_author(tree: HtmlElement) -> str | None:
    """trafilatura's `extract_author` (a byline in the markup, outside comments, dates and figures) with its
    expressions guarded: a regular-expression callback per element made it the dearest part of the metadata."""
    author = extract_metainfo(prune_unwanted_nodes(deepcopy(tree), _AUTHOR_DISCARD), _AUTHOR, len_limit=120)
    return normalize_authors(None, author) if author else None


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
        author=meta.author or markup_author(tree),
        site_name=site.lstrip("@") if site else None,
    )
