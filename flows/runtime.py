"""Process-wide Prefect settings applied before Prefect is imported: quiet, local, no telemetry."""

from __future__ import annotations

import os

_DEFAULTS = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_LOGGING_LEVEL": "WARNING",
    "PREFECT_SERVER_LOGGING_LEVEL": "WARNING",
    # The first start of the ephemeral API creates its SQLite schema; on a busy 2-core machine that can pass 20 s.
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
}


def configure() -> None:
    """Apply defaults the operator has not set themselves."""
    for key, value in _DEFAULTS.items():
        os.environ.setdefault(key, value)
