"""URL canonicalisation: the seen-check key must not change with tracking noise, and must change with content."""

from __future__ import annotations

import pytest

from sources.canonical import canonicalize, url_hash


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
