"""What tests ask of a DuckDB file itself, not of its tables."""

from __future__ import annotations

from pathlib import Path

import duckdb


def storage_tag(path: Path) -> str:
    """The storage format DuckDB says the file at `path` was written in ("v1.5.0+", "v2.0.0+")."""
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(
            "SELECT tags['storage_version'] FROM duckdb_databases() WHERE database_name = current_database()"
        ).fetchone()[0]
