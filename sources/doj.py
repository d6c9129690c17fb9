"""`doj` sources: the justice.gov press-release API, newest first, kept only when about immigration enforcement.

API shape (https://www.justice.gov/developer/api-documentation/api_v1): `?pagesize=50&page=N&sort=date&direction=DESC`
(page is zero-based, pagesize at most 50) answers `{"metadata": {"responseInfo": {"status"}, "resultset": {"count",
"pagesize", "page"}}, "results": [{"uuid", "title", "url", "date" (epoch seconds as a string), "component":
[{"uuid", "name"}], "topic" (HTML links), "body" (HTML), ...}]}`.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urlencode

from sources.adapters import Discovery, SourceError, fetch_document
from sources.config import SourceConfig
from sources.districts import district_for_component, district_from_url
from sources.http import PoliteSession
from sources.models import Candidate, SourceState, new_candidate
from sources.window import Window

PAGE_SIZE = 50
NIGHTLY_PAGES = 6  # ~300 newest releases: a few days of the whole department
BACKFILL_PAGES = 500
FIELDS = "uuid,title,url,date,component,topic,body"

_AGENCY_EXACT = re.compile(r"\b(?:ICE|ERO|CBP|HSI|DHS|USBP)\b")
_AGENCY_PHRASE = re.compile(
    r"immigration and customs enforcement|enforcement and removal operations|border patrol|customs and border"
    r" protection|homeland security investigations|department of homeland security|immigration (?:officer|agent|"
    r"enforcement|official|authorit)|deportation officer|federal immigration",
    re.IGNORECASE,
)
_INTERFERENCE = re.compile(
    r"\b(?:assault\w*|imped\w*|obstruct\w*|interfer\w*|resist\w*|threat\w*|dox\w*|harbor\w*|conceal\w*|shield\w*|"
    r"riot\w*|protest\w*|attack\w*|forcibl\w*|ramm\w*|tamper\w*|retaliat\w*|damag\w*|vandal\w*|destr\w*)\b"
    r"|18 U\.?S\.?C\.?\s*(?:§+\s*)?(?:111|1361|1505|372|1071)\b",
    re.IGNORECASE,
)
_TAGS = re.compile(r"<[^>]+>")


def is_immigration_enforcement(*texts: str) -> bool:
    """Keyword prefilter: an immigration-enforcement agency or role AND an act of interference or resistance.

    Deliberately loose (the classifier decides); it only keeps the department's other thousands of releases
    (drugs, fraud, routine reentry pleas) out of the fetch queue.
    """
    text = " ".join(texts)
    has_agency = bool(_AGENCY_EXACT.search(text) or _AGENCY_PHRASE.search(text))
    return has_agency and bool(_INTERFERENCE.search(text))


def plain_text(markup: str | None) -> str:
    """HTML fragment -> text, for keyword matching."""
    return " ".join(html.unescape(_TAGS.sub(" ", markup or "")).split())


async def discover_doj(session: PoliteSession, config: SourceConfig, state: SourceState, window: Window) -> Discovery:
    """Page through releases newest first until the window's start (or the nightly page budget) is passed."""
    page_limit = int(config.options.get("max_pages", NIGHTLY_PAGES if window.since is None else BACKFILL_PAGES))
    candidates: list[Candidate] = []
    status = None
    for page in range(page_limit):
        query = {"pagesize": PAGE_SIZE, "page": page, "sort": "date", "direction": "DESC", "fields": FIELDS}
        document = await fetch_document(session, config, url=f"{config.url}?{urlencode(query)}")
        status = document.status
        releases, total, page_size = parse_page(document.body or b"")
        oldest = None
        for release in releases:
            published = release_date(release)
            oldest = published if oldest is None or (published and published < oldest) else oldest
            candidate = release_candidate(release, config.name, published)
            if candidate is not None and window.contains(published):
                candidates.append(candidate)
        if not releases or (page + 1) * page_size >= total or window.starts_after(oldest):
            break
    return Discovery(candidates, status)


def parse_page(body: bytes) -> tuple[list[Mapping[str, Any]], int, int]:
    """(results, total count, page size) of one API page; SourceError when the body is not the API's envelope."""
    try:
        data = json.loads(body)
        results = data["results"]
        resultset = data["metadata"]["resultset"]
        total, page_size = int(resultset["count"]), int(resultset.get("pagesize") or PAGE_SIZE)
    except (ValueError, KeyError, TypeError) as error:
        raise SourceError(f"unexpected DOJ API answer ({type(error).__name__}: {error})") from None
    if not isinstance(results, list):
        raise SourceError("unexpected DOJ API answer (results is not a list)")
    return [r for r in results if isinstance(r, Mapping)], total, page_size


def release_date(release: Mapping[str, Any]) -> datetime | None:
    """`date` is epoch seconds (sent as a string)."""
    try:
        return datetime.fromtimestamp(int(str(release.get("date", "")).strip()), tz=timezone.utc)
    except ValueError:
        return None


def release_district(release: Mapping[str, Any]) -> str | None:
    """The U.S. Attorney's Office district of a release: from its URL, else from its components."""
    from_url = district_from_url(str(release.get("url") or ""))
    if from_url:
        return from_url
    components = release.get("component") or []
    names = [c.get("name", "") for c in components if isinstance(c, Mapping)]
    return next((slug for slug in map(district_for_component, names) if slug), None)


def release_candidate(release: Mapping[str, Any], source: str, published: datetime | None) -> Candidate | None:
    """A Candidate for a release about immigration enforcement, else None."""
    url = release.get("url")
    title = html.unescape(str(release.get("title") or "")).strip()
    if not isinstance(url, str) or not url.startswith("http"):
        return None
    if not is_immigration_enforcement(title, plain_text(release.get("body")), plain_text(release.get("topic"))):
        return None
    return new_candidate(url, source, title or None, published, release_district(release))
