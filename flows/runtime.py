"""Process-wide Prefect settings applied before Prefect is imported (quiet, local, no telemetry), and the release of
what a failed run's exception holds."""

from __future__ import annotations

import os
import traceback

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


def release_frames(error: BaseException | None) -> None:
    """Clear the local variables of the finished frames an exception's traceback holds, and its causes'. Prefect keeps
    a failed run's exception to the end of the process, and with it the DuckDB connections left in those frames,
    which DuckDB's bindings then report at exit, some 40 lines of "leaked" under the one-line error."""
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        traceback.clear_frames(error.__traceback__)
        error = error.__cause__ or error.__context__
