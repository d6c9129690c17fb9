"""The new-hotspot webhook: one JSON POST to a receiver on 127.0.0.1, nothing when there is nothing to say."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import httpx
import pytest

from flows.notify import WEBHOOK_ENV, notify_new_hotspots, webhook_url
from tests.deploy.receiver import Receiver, webhook_receiver

FLAGS = [
    {"district": "usao-or", "week": date(2026, 11, 16), "rule": "ears_c2", "value": 4.25},
    {"district": "usao-mn", "week": "2026-11-16", "rule": "ears_c3", "value": 3.5},
]


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with webhook_receiver() as running:
        yield running


def test_new_hotspots_are_posted_as_json(receiver):
    assert notify_new_hotspots(FLAGS, receiver.url + "/hooks/hotspots") == 204
    [(path, body)] = receiver.posts
    assert path == "/hooks/hotspots"
    assert body["event"] == "new_hotspots" and body["count"] == 2
    assert body["hotspots"] == [
        {"district": "usao-or", "week": "2026-11-16", "rule": "ears_c2", "value": 4.25},
        {"district": "usao-mn", "week": "2026-11-16", "rule": "ears_c3", "value": 3.5},
    ]
    assert "usao-or week of 2026-11-16: ears_c2 (4.25)" in body["text"]


def test_nothing_is_sent_without_flags_or_without_a_url(receiver):
    assert notify_new_hotspots([], receiver.url) is None
    assert notify_new_hotspots(FLAGS, None) is None
    assert receiver.posts == []


def test_a_receiver_error_is_raised_for_the_caller_to_log(receiver):
    receiver.status = 500
    with pytest.raises(httpx.HTTPStatusError):
        notify_new_hotspots(FLAGS, receiver.url)
    assert len(receiver.posts) == 1


def test_the_url_comes_from_the_setting_else_the_environment(monkeypatch):
    monkeypatch.delenv(WEBHOOK_ENV, raising=False)
    assert webhook_url(None) is None
    monkeypatch.setenv(WEBHOOK_ENV, "http://127.0.0.1:9/env")
    assert webhook_url(None) == "http://127.0.0.1:9/env"
    assert webhook_url("http://127.0.0.1:9/param") == "http://127.0.0.1:9/param"
