"""SQL text built from values that DuckDB cannot take as parameters (paths in COPY and ATTACH, comment text)."""

from __future__ import annotations

import os


def literal(text: str | os.PathLike[str]) -> str:
    """A single-quoted SQL string literal: a path or text with a quote in it stays one string."""
    return "'" + os.fspath(text).replace("'", "''") + "'"
