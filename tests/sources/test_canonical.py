"""URL canonicalisation: the seen-check key must not change with tracking noise, and must change with content."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urljoin

import pytest

from sources.canonical import _PLAIN, _canonicalize_fully, canonicalize, url_hash


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("HTTPS://News.Example.COM:443/a/b?utm_source=x&id=3&fbclid=abc&b=2#frag", "https://news.example.com/a/b?b=2&id=3"),
        ("http://example.com/path/?gclid=1", "http://example.com/path/"),
        ("https://example.com/Story?z=2&a=1&utm_campaign=spring&mc_cid=9", "https://example.com/Story?a=1&z=2"),
        ("https://example.com:8443/x", "https://example.com:8443/x"),
        ("https://example.com", "https://example.com/"),
        ("  https://example.com/x?cmpid=rss&ocid=feed  ", "https://example.com/x"),
        ("https://example.com/search?q=ice+raid", "https://example.com/search?q=ice+raid"),
    ],
)
def test_canonicalize(raw: str, expected: str) -> None:
    assert canonicalize(raw) == expected


def test_hash_is_stable_and_discriminating() -> None:
    a = url_hash(canonicalize("https://example.com/a?utm_medium=email"))
    assert a == url_hash(canonicalize("https://EXAMPLE.com/a#top")) == url_hash("https://example.com/a")
    assert a != url_hash(canonicalize("https://example.com/A"))
    assert len(a) == 16 and int(a, 16) >= 0


def test_unparseable_url_is_returned_as_given() -> None:
    assert canonicalize(" https://[::1/bad ") == "https://[::1/bad"


_SCHEMES = ["http", "https", "HTTPS", "ftp"]
_HOSTS = ["example.com", "News.Example.COM", "127.0.0.1", "xn--bcher-kva.example", "a-b.example.org", "[::1]",
          "reader@news.example.com", "kare11.example."]
_PORTS = ["", ":80", ":443", ":8080", ":080", ":65535", ":65536", ":0", ":99999", ":"]
_PATHS = ["", "/", "/news/12.html", "/2025/03/05/broadview-protest-arrests/", "//a", "/a//b", "/..", "/../a",
          "/a/../b", "/./a", "/a;p=1", "/%E2%80%99s-raid", "/a%zz", "/caf\u00e9", "/a b", "/a&amp;b", "/~staff/",
          "/a!b=c,d:e", "/R&D-unit", "/a+b", "/a'b", "/a(b)", "/a*b", "/a@b", "/a$b", "/A/B", "/a/./b/", "/.hidden"]
_TAILS = ["", "?", "?a=1", "?utm_source=x&id=3", "#", "#frag", " ", "\t", "/"]
# The URLs the other source tests rely on, plus the shapes discovery meets in the wild.
_TRICKY = [
    "HTTPS://News.Example.COM:443/a/b?utm_source=x&id=3&fbclid=abc&b=2#frag", "http://example.com/path/?gclid=1",
    "https://example.com:8443/x", "https://example.com", "  https://example.com/x?cmpid=rss&ocid=feed  ",
    " https://[::1/bad ", "https://news.example.com/ok#again", "http://169.254.169.254/latest/meta-data/",
    "https://plains.example.com/2025/03/omaha-plant-raid?utm_source=share", "/relative/path", "relative.html",
    "//cdn.example.com/a", "tag:example.com,2025:story-1", "mailto:desk@example.com", "", "http://", "https:///x",
    "http://h\u00f6st.example/x", "http://example.com:8080", "<![CDATA[https://example.com/a]]>",
]


def _varied_urls() -> list[str]:
    """Every combination of the parts above (about 48k URLs), then the tricky ones."""
    return [s + "://" + h + p + path + t for s in _SCHEMES for h in _HOSTS for p in _PORTS for path in _PATHS
            for t in _TAILS] + _TRICKY


def test_fast_path_gives_what_the_full_path_gives() -> None:
    urls = _varied_urls()
    fast = [url for url in urls if _PLAIN.fullmatch(url)]
    assert 500 < len(fast) < len(urls) // 4  # the fast path is taken, and only for a minority of these shapes
    assert [url for url in urls if canonicalize(url) != _canonicalize_fully(url)] == []
    assert [url for url in fast if _canonicalize_fully(url) != url] == []


@pytest.mark.parametrize("base", ["https://metro.example.com/sitemap_index.xml", "http://127.0.0.1:8000/feeds/rss",
                                  "HTTP://Example.com:80/a/b/", "ftp://files.example.com/x"])
def test_relative_urls_resolve_as_urljoin_then_canonicalize(base: str) -> None:
    def fast(url: str) -> str:
        return canonicalize(url, base)

    def full(url: str) -> str:
        return _canonicalize_fully(urljoin(base, url))

    assert [url for url in _varied_urls() if _outcome(fast, url) != _outcome(full, url)] == []
    assert canonicalize("../2025/raid.html?utm_source=rss", base) == full("../2025/raid.html")


def _outcome(resolve: Callable[[str], str], url: str) -> str:
    """The canonical URL, or the error raised (urljoin refuses unbalanced IPv6 brackets, as the full path did)."""
    try:
        return resolve(url)
    except ValueError as error:
        return f"ValueError: {error}"
