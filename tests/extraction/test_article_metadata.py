"""Our guarded copy of trafilatura's author search finds what trafilatura's own finds, on every page we have."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml.etree import XPath
from trafilatura.metadata import extract_author
from trafilatura.utils import load_html

from extractors.article_metadata import attribute_guarded, markup_author

ROOT = Path(__file__).resolve().parents[2]
DEV_PAGES = sorted((ROOT / "dev" / "extraction" / "pages").glob("*.html"))
PAGES = [*DEV_PAGES, *sorted((ROOT / "demo" / "site").rglob("*.html"))]

# Bylines in the shapes each of trafilatura's expressions looks for, inside and outside what it discards.
BYLINE_SHAPES = [
    '<div class="author-name">Rosa Delgado</div>',
    '<span class="AuthorName">Rosa Delgado and Tom Reyes</span>',
    '<p class="byline">By Rosa Delgado</p>',
    '<a rel="author" href="/staff/rd">Rosa Delgado</a>',
    '<span id="article-author">Rosa Delgado</span>',
    '<div class="story-meta"><span class="posted-by">Tom Reyes</span></div>',
    '<span itemprop="author"><span itemprop="name">Tom Reyes</span></span>',
    '<section class="writer-box">Tom Reyes, Staff Writer</section>',
    '<div data-component="Byline">Tom Reyes</div>',
    '<div class="comments"><span class="author">commenter99</span></div><p class="byline">By Rosa Delgado</p>',
    '<figure><figcaption class="author">Photo: Tom Reyes</figcaption></figure>',
    '<div class="sidebar"><span class="author">Sidebar Person</span></div>',
    '<div class="author-name">X</div><div class="author-name">Rosa Delgado</div>',
    '<p>No byline on this page at all.</p>',
]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_same_author_as_trafilatura_on_every_dev_and_demo_page(page: Path) -> None:
    tree = load_html(page.read_bytes())
    assert markup_author(tree) == extract_author(tree)


@pytest.mark.parametrize("shape", BYLINE_SHAPES)
def test_same_author_as_trafilatura_for_each_byline_shape(shape: str) -> None:
    body = f"<article>{shape}<p>{'Agents came to the laundromat. ' * 20}</p></article>"
    html = f"<html><head><title>Raid in Cicero</title></head><body>{body}</body></html>"
    tree = load_html(html)
    assert markup_author(tree) == extract_author(tree)


def test_guard_wraps_attribute_tests_and_keeps_patterns_that_match_the_empty_string() -> None:
    ns = {"re": "http://exslt.org/regular-expressions"}
    path = attribute_guarded(XPath("//*[re:test(@class, 'byline') or re:test(@id, 'x*')]", namespaces=ns)).path
    assert path == "//*[(@class and re:test(@class, 'byline')) or re:test(@id, 'x*')]"
