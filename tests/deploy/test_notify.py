"""The new-hotspot webhook: one JSON POST to a receiver on 127.0.0.1, nothing when there is nothing to say."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from flows.notify import WEBHOOK_ENV, notify_new_hotspots, webhook_url

FLAGS = [
    {"district": "usao-or", "week": date(2026, 11, 16), "rule": "ears_c2", "value": 4.25},
    {"district": "usao-mn", "week": "2026-11-16", "rule": "ears_c3", "value": 3.5},
]


@pytest.fixture
def receiver() -> Iterator[tuple[str, list[dict[str, object]], list[int]]]:
    """A local webhook receiver; yields its URL, the JSON bodies it got, and a one-item list with its reply status."""
    received: list[dict[str, object]] = []
    reply = [204]

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (http.server naming)
            assert self.headers["Content-Type"] == "application/json"
            received.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(reply[0])
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            """Quiet."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/hooks/hotspots", received, reply
    finally:
        server.shutdown()
        server.server_close()


def test_new_hotspots_are_posted_as_json(receiver):
    url, received, _ = receiver
    assert notify_new_hotspots(FLAGS, url) == 204
    [body] = received
    assert body["event"] == "new_hotspots" and body["count"] == 2
    assert body["hotspots"] == [
        {"district": "usao-or", "week": "2026-11-16", "rule": "ears_c2", "value": 4.25},
        {"district": "usao-mn", "week": "2026-11-16", "rule": "ears_c3", "value": 3.5},
    ]
    assert "usao-or week of 2026-11-16: ears_c2 (4.25)" in body["text"]


def test_nothing_is_sent_without_flags_or_without_a_url(receiver):
    url, received, _ = receiver
    assert notify_new_hotspots([], url) is None
    assert notify_new_hotspots(FLAGS, None) is None
    assert received == []


def test_a_receiver_error_is_raised_for_the_caller_to_log(receiver):
    url, received, reply = receiver
    reply[0] = 500
    with pytest.raises(httpx.HTTPStatusError):
        notify_new_hotspots(FLAGS, url)
    assert len(received) == 1


def test_the_url_comes_from_the_setting_else_the_environment(monkeypatch):
    monkeypatch.delenv(WEBHOOK_ENV, raising=False)
    assert webhook_url(None) is None
    monkeypatch.setenv(WEBHOOK_ENV, "http://127.0.0.1:9/env")
    assert webhook_url(None) == "http://127.0.0.1:9/env"
    assert webhook_url("http://127.0.0.1:9/param") == "http://127.0.0.1:9/param"
