"""Politeness against a real local server: 30 pages on one host, never more than 2 in flight, starts spaced."""

from __future__ import annotations

import threading
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from sources import http
from sources.fetcher import fetch_pages
from sources.models import new_candidate

INTERVAL = 0.15  # wide enough that scheduling jitter on a busy machine stays well inside the 20% margin
SERVICE_TIME = 0.35  # longer than the interval, so requests would overlap without the concurrency cap


class _Recorder:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.starts: list[float] = []


class _Admissions:
    """When the client let each request go, and how many it had under way at most."""

    def __init__(self) -> None:
        self.granted: list[float] = []
        self.in_flight = 0
        self.max_in_flight = 0


@pytest.fixture
def server() -> Iterator[tuple[str, _Recorder]]:
    recorder = _Recorder()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server naming)
            with recorder.lock:
                recorder.starts.append(time.monotonic())
            time.sleep(SERVICE_TIME)
            if self.path == "/robots.txt":
                self.send_response(404)
                self.end_headers()
                return
            body = f"<html><body><p>{self.path}</p></body></html>".encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", recorder
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def admissions(monkeypatch: pytest.MonkeyPatch) -> _Admissions:
    """Requests as the client lets them go and ends them, read inside its host gate: a busy server's threads may start
    two handlers closer together than the requests were sent, or end one after the client has sent the next, so
    spacing and concurrency are judged where the client schedules them."""
    seen = _Admissions()
    real_slot = http._HostGate.slot

    @asynccontextmanager
    async def recording(gate: http._HostGate) -> AsyncIterator[None]:
        async with real_slot(gate):
            seen.granted.append(time.monotonic())
            seen.in_flight += 1
            seen.max_in_flight = max(seen.max_in_flight, seen.in_flight)
            try:
                yield
            finally:
                seen.in_flight -= 1

    monkeypatch.setattr(http._HostGate, "slot", recording)
    return seen


def test_thirty_pages_on_one_host(server, settings, make_source, admissions):
    base, recorder = server
    config = make_source("lab", "feed", f"{base}/rss", allow_private=True)
    candidates = [new_candidate(f"{base}/story/{i}", "lab") for i in range(30)]
    results = fetch_pages(candidates, {"lab": config}, replace(settings, min_host_interval=INTERVAL))
    assert len(results) == 30 and all(r.outcome == "fetched" for r in results)
    assert len(recorder.starts) == 31  # robots.txt once, then every page once
    assert admissions.max_in_flight == 2  # the cap is reached (so it is what limits), never exceeded
    assert len(admissions.granted) == 31
    gaps = [b - a for a, b in zip(admissions.granted, admissions.granted[1:])]
    assert min(gaps) >= INTERVAL * 0.95, f"closest starts {min(gaps):.3f} s apart"
