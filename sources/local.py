"""`local` sources: a folder of saved .html pages or .warc / .warc.gz archives (e.g. Common Crawl's CC-NEWS).

Discovery indexes the folder (URL hash -> file and WARC record offset); `read_local` serves a page from that index,
so local pages come back from `fetch_pages` as ordinary FetchResults with the body already present.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from sources.adapters import Discovery, SourceError
from sources.config import SourceConfig
from sources.http import PoliteSession
from sources.models import Candidate, FetchResult, SourceState, new_candidate
from sources.window import Window

HTML_SUFFIXES = (".html", ".htm")
WARC_SUFFIXES = (".warc", ".warc.gz")
_CANONICAL = re.compile(
    rb"<link[^>]+rel=[\"']canonical[\"'][^>]*href=[\"']([^\"']+)|<meta[^>]+property=[\"']og:url[\"'][^>]*content=[\"']([^\"']+)",
    re.IGNORECASE,
)
_TITLE = re.compile(rb"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class LocalPage:
    """Where one discovered page lives: a file, and for WARCs the record's byte offset."""

    path: Path
    offset: int | None
    content_type: str
    http_status: int | None


# folder -> url_hash -> page; filled by discovery, read by read_local (rebuilt when missing).
_INDEX: dict[str, dict[str, LocalPage]] = {}


async def discover_local(
    session: PoliteSession, config: SourceConfig, state: SourceState, window: Window
) -> Discovery:
    """Every HTML page in the folder (WARC responses filtered to the window by their crawl date)."""
    candidates, index = await asyncio.to_thread(scan_folder, config, window)
    _INDEX[config.options["path"]] = index
    return Discovery(candidates, None)


def scan_folder(config: SourceConfig, window: Window) -> tuple[list[Candidate], dict[str, LocalPage]]:
    """Candidates and the index for one folder."""
    folder = Path(config.options["path"])
    if not folder.is_dir():
        raise SourceError(f"local folder {folder} does not exist")
    candidates: list[Candidate] = []
    index: dict[str, LocalPage] = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        name = path.name.lower()
        if name.endswith(HTML_SUFFIXES):
            found = [_html_file(path, config.name)]
        elif name.endswith(WARC_SUFFIXES):
            found = list(_warc_responses(path, config.name, window))
        else:
            continue
        for candidate, page in found:
            if candidate.url_hash not in index:
                index[candidate.url_hash] = page
                candidates.append(candidate)
    return candidates, index


def _html_file(path: Path, source: str) -> tuple[Candidate, LocalPage]:
    """A saved page is known by its canonical link when it has one, else by its file URI."""
    head = path.read_bytes()[: 256 * 1024]
    match = _CANONICAL.search(head)
    url = (match.group(1) or match.group(2)).decode("utf-8", errors="replace") if match else path.as_uri()
    title = _TITLE.search(head)
    text = title.group(1).decode("utf-8", errors="replace").strip() if title else None
    return new_candidate(url, source, text), LocalPage(path, None, "text/html", None)


def _warc_responses(path: Path, source: str, window: Window) -> Iterator[tuple[Candidate, LocalPage]]:
    with path.open("rb") as stream:
        records = ArchiveIterator(stream)
        for record in records:
            if record.rec_type != "response" or record.http_headers is None:
                continue
            content_type = (record.http_headers.get_header("Content-Type") or "").split(";", 1)[0].strip().lower()
            status = int(record.http_headers.get_statuscode() or 0)
            url = record.rec_headers.get_header("WARC-Target-URI")
            crawled = _warc_date(record.rec_headers.get_header("WARC-Date"))
            if status != 200 or not url or not content_type.endswith("html") or not window.contains(crawled):
                continue
            page = LocalPage(path, records.get_record_offset(), content_type, status)
            yield new_candidate(url, source), page


def _warc_date(value: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")) if value else None
    except ValueError:
        return None


def read_local(candidate: Candidate, config: SourceConfig, max_bytes: int) -> FetchResult:
    """The page body for a local candidate, from the folder index (built on first use in this process)."""
    folder = config.options["path"]
    if folder not in _INDEX:
        _INDEX[folder] = scan_folder(config, Window())[1]
    page = _INDEX[folder].get(candidate.url_hash)

    def result(outcome: str, reason: str | None, body: bytes | None = None) -> FetchResult:
        location = page.path.as_uri() if page else None
        return FetchResult(candidate.url, candidate.url_hash, candidate.source, location,
                           page.http_status if page else None, page.content_type if page else None, body, outcome,
                           reason, 1)

    if page is None:
        return result("failed", "not in local folder")
    try:
        body = _read_page(page, max_bytes)
    except OSError as error:
        return result("failed", f"unreadable: {error}"[:300])
    if body is None:
        return result("skipped", "too large")
    return result("fetched", None, body)


def _read_page(page: LocalPage, max_bytes: int) -> bytes | None:
    with page.path.open("rb") as stream:
        if page.offset is None:
            body = stream.read(max_bytes + 1)
        else:
            stream.seek(page.offset)
            record = next(iter(ArchiveIterator(stream)))
            body = record.content_stream().read(max_bytes + 1)
    return None if len(body) > max_bytes else body
