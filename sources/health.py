"""`hotspots sources check`: probe every source (discovery only, no page fetch) and return plain rows."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sources.config import SourceConfig
from sources.discovery import discover
from sources.http import FetchSettings
from sources.models import SourceState
from sources.netguard import Resolver


@dataclass(frozen=True)
class SourceHealth:
    """One row of the health table; `consecutive_failures`/`disabled` as they would be after this probe."""

    name: str
    kind: str
    url: str
    http_status: int | None
    items: int
    error: str | None
    consecutive_failures: int
    disabled: bool


def check_sources(
    sources: list[SourceConfig], states: Mapping[str, SourceState], settings: FetchSettings,
    *, resolver: Resolver | None = None,
) -> list[SourceHealth]:
    """Probe each source unconditionally (no ETag, even when disabled) so the row shows what it serves now."""
    fresh = {name: SourceState(consecutive_failures=state.consecutive_failures) for name, state in states.items()}
    _, reports = discover(sources, fresh, None, None, settings, resolver=resolver)
    rows = []
    for report in reports:
        was_disabled = states.get(report.source, SourceState()).disabled
        rows.append(SourceHealth(report.source, report.kind, report.url, report.http_status, report.items,
                                 report.error, report.state.consecutive_failures,
                                 report.state.disabled or (was_disabled and report.error is not None)))
    return rows
