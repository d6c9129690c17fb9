"""One web page to an `Article`: main text, title, dates, authors, site and language, or the reason there is none.

Metadata comes from the parsed tree (`article_metadata`; parsed as trafilatura parses a page, at less cost:
`html_tree`), the main text from trafilatura on the same tree without its menus, asides and footers (comments off; when
that pass finds too little, the page is parsed again and read whole, its fallback extractors included), then our
boilerplate pass cleans what trafilatura lets through. Hostile input is refused by cheap checks before parsing (size,
NUL bytes, no markup, control characters), and libxml2 caps nesting depth, so a bad page costs milliseconds and ends as
a one-line `reason`, never a crash or a hang.
"""

from __future__ import annotations

import re
from copy import copy
from datetime import date, datetime, timedelta

import trafilatura
from lxml.html import HtmlElement
from trafilatura.settings import DEFAULT_CONFIG, MANUALLY_CLEANED, Document, Extractor

from extractors.article_metadata import page_metadata
from extractors.boilerplate import strip_boilerplate
from extractors.encoding import clean_text, decode_html, repair_mojibake
from extractors.html_tree import parse_html
from extractors.language import detect_language
from extractors.models import Article

MAX_BYTES = 8_000_000
# Fewer words than this is a menu, a teaser or an error page, not an article the classifier can use.
MIN_WORDS = 15
# A first pass that finds less text than trafilatura's own "too little" size may have missed the article: then the
# fallback extractors get a try.
FALLBACK_BELOW_CHARS = DEFAULT_CONFIG.getint("DEFAULT", "MIN_EXTRACTED_SIZE")
_EARLIEST = date(1995, 1, 1)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_MARKUP = re.compile(r"<\s*(?:html|head|body|div|p|article|main|section|span|h[1-6]|title|meta|table|br)\b", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_AUTHOR_SPLIT = re.compile(r"\s*(?:;|\band\b|&)\s*|\s*,\s*(?=[A-Z])")
# Page furniture that the tree cleaning of trafilatura's main pass deletes unread, by tag. The basic cleaning behind
# its baseline rescue and its page-length measure deletes aside and footer too, but reads nav menus: the rescue runs
# only on short extractions (then both passes run again on the whole page, see `_main_text`), and the measure only
# decides whether an extraction of 250-3,000 characters covering under a fifth of the page gets a recall-mode retry.
# Menus are never article text, and are most of a news page's elements: dropping them halves trafilatura's work.
_FURNITURE = ("aside", "footer", "nav")
# What trafilatura reads on the raw tree before that cleaning: its raw-tree pruning keeps a container holding an h1;
# JSON-LD marks a forum thread and feeds the baseline rescue, as does a Discourse preload.
_READ_BEFORE_CLEANING = (".//h1", './/script[@type="application/ld+json"]', './/div[@id="data-preloaded"]')
# bare_extraction's options for our two passes, built once: an Extractor reads its sizes from the configuration on
# every construction, which cost more than a copy per page.
_FAST_PASS = Extractor(output_format="python", fast=True, comments=False)
_FULL_PASS = Extractor(output_format="python", comments=False)


def _refuse(html: str | bytes) -> str | None:
    """Why the input cannot be a page, judged on raw bytes/characters before parsing."""
    if len(html) > MAX_BYTES:
        return "too large"
    head = html[:4096]
    if isinstance(head, bytes):
        if not head.strip():
            return "empty page"
        if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
            return "not html"
    elif not head.strip():
        return "empty page"
    return None


def sane_date(found: date | None, feed_published: date | None, today: date | None = None) -> date | None:
    """The page date unless it is missing, before 1995 or more than a day ahead; then the feed's date."""
    today = today or datetime.now().astimezone().date()
    if found is not None and _EARLIEST <= found <= today + timedelta(days=1):
        return found
    return feed_published


def _parse_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _authors(value: str | None) -> tuple[str, ...]:
    if not value:
        return ()
    names = (clean_text(n).strip(" ,.") for n in _AUTHOR_SPLIT.split(value))
    return tuple(dict.fromkeys(n for n in names if n))


def _for_page(options: Extractor, url: str | None) -> Extractor:
    """`options` for this page's URL, which trafilatura takes from its options (jusText, log lines), not from its
    `url` argument; `source` is normalised as the Extractor constructor does."""
    page_options = copy(options)
    page_options.url = url
    page_options.source = url and url.encode("utf-8", "replace").decode("utf-8")
    return page_options


def _nests(element: HtmlElement) -> bool:
    """Whether an element trafilatura's cleaning deletes holds another of its own tag: lxml's iteration then stops
    inside the deleted one, so later elements of that tag survive the cleaning."""
    return element.find(f".//{element.tag}") is not None


def _drop_furniture(tree: HtmlElement) -> bool:
    """Delete the aside, footer and nav subtrees that trafilatura's main pass would delete unread (`_FURNITURE`),
    keeping their tails as its cleaning does: its XPath passes over the raw tree, its three copies of it and its
    cleaning then walk a smaller tree. Kept are subtrees holding what it reads first (`_READ_BEFORE_CLEANING`) or a
    nested cleaned tag, and all of a tag that nests anywhere on the page, since those decide what its cleaning leaves.
    Returns whether anything was deleted."""
    dropped = False
    for tag in _FURNITURE:
        found = list(tree.iter(tag))
        if any(map(_nests, found)):
            continue
        for element in found:
            if not any(element.find(path) is not None for path in _READ_BEFORE_CLEANING) and not any(
                map(_nests, element.iterdescendants(MANUALLY_CLEANED))
            ):
                element.drop_tree()
                dropped = True
    return dropped


def _too_little(doc: Document | None) -> bool:
    """Less text than a short article: see `_main_text`."""
    return doc is None or len(doc.text or "") < FALLBACK_BELOW_CHARS


def _main_text(page: str, tree: HtmlElement, url: str | None) -> Document | None:
    """trafilatura's own pass first, on the tree without furniture; its fallback extractors (readability, jusText) cost
    more than that pass and on ordinary article pages change nothing, so they run only when the first pass finds less
    than a short article. Too little text also sends trafilatura's own pass to rescue stages that read more of the raw
    tree, so then both passes run on the whole page, parsed again (`page_metadata` leaves the tree as parsed)."""
    trimmed = _drop_furniture(tree)
    doc = trafilatura.bare_extraction(tree, options=_for_page(_FAST_PASS, url))
    if _too_little(doc):
        if trimmed:
            tree = parse_html(page)
            doc = trafilatura.bare_extraction(tree, options=_for_page(_FAST_PASS, url))
        if _too_little(doc):
            doc = trafilatura.bare_extraction(tree, options=_for_page(_FULL_PASS, url)) or doc
    return doc


def extract_article(
    html: str | bytes, url: str | None = None, feed_published: date | None = None
) -> Article:
    """Main text and metadata of a news page; empty text with a short `reason` when there is nothing to keep."""
    reason = _refuse(html)
    if reason:
        return Article(text="", published=feed_published, reason=reason)
    page = decode_html(html) if isinstance(html, bytes) else html
    page = _XML_DECL.sub("", page, count=1)
    sample = page[:200_000]
    if not _MARKUP.search(sample):
        return Article(text="", published=feed_published, reason="not html")
    if len(_CONTROL.findall(sample, 0, 4096)) > 64:
        return Article(text="", published=feed_published, reason="not html")
    try:
        tree = parse_html(page)
        if tree is None:
            return Article(text="", published=feed_published, reason="not html")
        meta = page_metadata(tree, url)
        doc = _main_text(page, tree, url)
    except Exception as err:  # noqa: BLE001 - a hostile page must end as a reason, never crash the batch
        return Article(text="", published=feed_published, reason=f"extraction error ({type(err).__name__})")
    if doc is None:
        return Article(text="", published=feed_published, reason="no main text")

    title = clean_text(repair_mojibake(meta.title)).strip() if meta.title else None
    text = strip_boilerplate(clean_text(repair_mojibake(doc.text or "")), title)
    published = sane_date(_parse_date(meta.date), feed_published)
    common = {
        "title": title or None,
        "published": published,
        "authors": _authors(meta.author),
        "site_name": clean_text(meta.site_name).strip() if meta.site_name else None,
    }
    if not text:
        return Article(text="", reason="no main text", **common)
    if len(text.split()) < MIN_WORDS:
        return Article(text="", reason="too short", **common)
    return Article(text=text, language=detect_language(text), **common)
