"""URL canonicalisation and the stable hash used as every URL's key in the warehouse."""

from __future__ import annotations

import hashlib
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from courlan import normalize_url

# Tracking parameters courlan keeps (its own list already drops utm_*, fbclid, gclid, mc_*, ref, source...).
_EXTRA_TRACKERS = frozenset({"cmpid", "ocid", "smid", "smtyp", "taid", "mbid", "cid", "sh", "_hsenc", "_hsmi", "s_cid"})


def canonicalize(url: str) -> str:
    """Lowercase scheme and host, drop default ports, fragments and tracking parameters, sort the query."""
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
