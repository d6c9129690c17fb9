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

# Already canonical: lowercase http(s) scheme and host (no userinfo, no IPv6 brackets), an optional port without a
# leading zero, then a path of non-empty segments made only of characters courlan's quoting keeps as they are
# (no "//", no ";" params, no "&" entities), not starting with "/..", and no query or fragment.
_PLAIN = re.compile(
    r"(https?)://([a-z0-9.-]+)(?::([1-9][0-9]{0,4}))?"  # scheme, host, port
    r"(?!/\.\.)/(?:[A-Za-z0-9._~!=:,%-]+/)*[A-Za-z0-9._~!=:,%-]*"  # path
)
_DEFAULT_PORTS = {"http": "80", "https": "443"}


def _already_canonical(url: str) -> bool:
    """True when canonicalize (and urljoin onto any base) would return `url` unchanged."""
    match = _PLAIN.fullmatch(url)
    if match is None:
        return False
    scheme, host, port = match.groups()
    if "xn--" in host:  # courlan decodes punycode hosts
        return False
    return port is None or (int(port) <= 65535 and port != _DEFAULT_PORTS[scheme])


def canonicalize(url: str) -> str:
    """Lowercase scheme and host, drop default ports, fragments and tracking parameters, sort the query."""
    if _already_canonical(url):
        return url
    return _canonicalize_fully(url)


def _canonicalize_fully(url: str) -> str:
    stripped = url.strip()
    try:
        parts = urlsplit(normalize_url(stripped))
    except (ValueError, TypeError):  # unparseable (e.g. "https://[::1/x"): keep it as given, the fetch records why
        return stripped
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k.lower() not in _EXTRA_TRACKERS]
    path = parts.path or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, urlencode(sorted(query)), ""))


def absolute(base: str, url: str) -> str:
    """`url` resolved against `base`; an already canonical URL is absolute and urljoin would return it unchanged."""
    return url if _already_canonical(url) else urljoin(base, url)


def url_hash(url: str) -> str:
    """A stable 16-hex-digit key for an (already canonical) URL."""
    return hashlib.sha1(url.encode("utf-8")).hexdigest()[:16]
