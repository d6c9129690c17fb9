"""Tell someone when a new hotspot appears: one plain JSON POST to a webhook (Slack-style, ntfy, a custom receiver).

The URL comes from the flow parameter, else `$HOTSPOTS_WEBHOOK_URL`; with neither, nothing is sent. Flows call it
through `notify_task` (retried with backoff) after the run's data is committed, and log a failure instead of failing
the run: the hotspots are in the warehouse either way.
"""

from __future__ import annotations

import os
from dataclasses import asdict
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

import httpx
from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from warehouse.hotspots import HotspotFlag

WEBHOOK_ENV = "HOTSPOTS_WEBHOOK_URL"
TIMEOUT_SECONDS = 10.0


def webhook_url(explicit: str | None = None) -> str | None:
    """The webhook to use: the explicit setting, else the environment, else none."""
    return explicit or os.environ.get(WEBHOOK_ENV) or None


def _flag(flag: Mapping[str, Any]) -> dict[str, Any]:
    week = flag["week"]
    return {
        "district": flag["district"],
        "week": week.isoformat() if isinstance(week, date) else str(week),
        "rule": flag["rule"],
        "value": flag["value"],
    }


def _text(flags: Sequence[dict[str, Any]]) -> str:
    lines = [f"{f['district']} week of {f['week']}: {f['rule']} ({f['value']})" for f in flags]
    return f"ice-hotspots: {len(flags)} new hotspot(s)\n" + "\n".join(lines)


def notify_new_hotspots(flags: Sequence[Mapping[str, Any]], url: str | None) -> int | None:
    """POST the newly flagged hotspots (dicts with district, week, rule, value) as JSON; returns the HTTP status.

    Nothing is sent (and None returned) when there are no flags or no URL. The body carries both the structured
    flags and a `text` line per flag, which chat webhooks display as is. Raises httpx.HTTPError when the receiver
    cannot be reached or answers with an error status.
    """
    if not flags or not url:
        return None
    payload = [_flag(flag) for flag in flags]
    body = {"event": "new_hotspots", "count": len(payload), "hotspots": payload, "text": _text(payload)}
    response = httpx.post(url, json=body, timeout=TIMEOUT_SECONDS)
    response.raise_for_status()
    return response.status_code


notify_task = task(name="notify-new-hotspots", retries=2, retry_delay_seconds=[2, 10], cache_policy=NO_CACHE)(
    notify_new_hotspots
)


def flag_key(flag: HotspotFlag) -> tuple[str, date, str]:
    """What makes a flag the same flag across runs: district, week, rule."""
    return (flag.district, flag.week, flag.rule)


def send_notification(flags: Sequence[HotspotFlag], explicit_url: str | None) -> None:
    """POST new hotspots when a webhook is set; a failing receiver is logged, the data is committed either way."""
    url = webhook_url(explicit_url)
    if not flags or not url:
        return
    try:
        notify_task([asdict(flag) for flag in flags], url)
    except Exception as error:  # noqa: BLE001 (a notification must never fail a committed run)
        get_run_logger().warning("webhook for %d new hotspot(s) failed: %s", len(flags), error)
