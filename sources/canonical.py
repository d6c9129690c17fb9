"""URL canonicalisation and the stable hash used as every URL's key in the warehouse.

Most discovered URLs are already canonical (a sitemap of 100k plain article links is typical), and the full path
through courlan and urllib costs tens of microseconds each, so such URLs are recognised by one regular expression and
returned as they are. Every step of the full path leaves those URLs unchanged (tests compare both paths).
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from courlan import normalize_url

# Tracking parameters courlan keeps (its own list already drops utm_*, fbclid, gclid, mc_*, ref, source...).
_EXTRA_TRACKERS = frozenset({"cmpid", "ocid", "smid", "smtyp", "taid", "mbid", "cid", "sh", "_hsenc", "_hsmi", "s_cid"})

# Already canonical: a lowercase http(s) scheme and host (no userinfo, IPv6 brackets or punycode), an optional port in
# 1-65535 without a leading zero and not the scheme's default, then a path not starting with "/.." of non-empty
# segments made only of characters courlan's quoting keeps as they are (so no "//", ";" params or "&" entities), and no
# query or fragment.
_HOST = r"(?![^/]*xn--)[a-z0-9.-]+"
_PORT = r"(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])"
_SEGMENT = r"[A-Za-z0-9._~!=:,%-]"
_PLAIN = re.compile(
    rf"(?:http://{_HOST}(?::(?!80/){_PORT})?|https://{_HOST}(?::(?!443/){_PORT})?)"
    rf"(?!/\.\.)/(?:{_SEGMENT}+/)*{_SEGMENT}*"
)


def canonicalize(url: str, base: str | None = None) -> str:
    """Lowercase scheme and host, drop default ports, fragments and tracking parameters, sort the query.

    With `base`, a relative `url` is first resolved against it (urljoin); an already canonical URL is absolute, and
    urljoin would return it unchanged.
    """
    if _PLAIN.fullmatch(url):
        return url
    return _canonicalize_fully(urljoin(base, url) if base else url)


def _canonicalize_fully(url: str) -> str:
    stripped = url.strip()
    try:
        parts = urlsplit(normalize_url(stripped))
    except (ValueError, TypeError):  # unparseable (e.g. "https://[::1/x"): keep it as given, the fetch records why
        return stripped
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k.lower() not in _EXTRA_TRACKERS]
    path = parts.path or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, urlencode(sorted(query)), ""))


def url_hash(url: str) -> str:
    """A stable 16-hex-digit key for an (already canonical) URL."""
    return hashlib.sha1(url.encode("utf-8")).hexdigest()[:16]
