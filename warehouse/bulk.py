"""Set-based writes: a batch of rows goes to DuckDB as one Arrow table and one statement, never row by row.

DuckDB pays a large fixed cost per statement (and more per `executemany` row); one INSERT ... SELECT over an Arrow
batch costs about the same for one row as for a thousand.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager

import duckdb
import pyarrow as pa

_names = itertools.count()

TEXT = pa.string()
TEXTS = pa.list_(pa.string())
INT = pa.int64()
REAL = pa.float64()
DAY = pa.date32()
MOMENT = pa.timestamp("us")
BYTES = pa.binary()


_SQL_TYPES = {TEXT: "VARCHAR", TEXTS: "VARCHAR[]", INT: "BIGINT", REAL: "DOUBLE", DAY: "DATE", MOMENT: "TIMESTAMP",
              BYTES: "BLOB"}


def unnested(columns: Mapping[str, pa.DataType]) -> str:
    """A relation of parameters, one list per column unnested side by side (bind `column_lists`): for the few rows of
    a change, cheaper than registering an Arrow batch (~1 ms of fixed cost on the connection each)."""
    return "(SELECT " + ", ".join(f"unnest(?::{_SQL_TYPES[kind]}[]) AS {name}" for name, kind in columns.items()) + ")"


def column_lists(columns: Mapping[str, pa.DataType], rows: Sequence[Sequence[object]]) -> list[list[object]]:
    """The parameters of `unnested(columns)` for these rows."""
    return [[row[i] for row in rows] for i in range(len(columns))]


def arrow_batch(columns: Mapping[str, pa.DataType], rows: Sequence[Sequence[object]]) -> pa.Table:
    """Rows (tuples in `columns` order) as an Arrow table with exactly these column types."""
    schema = pa.schema(list(columns.items()))
    return pa.Table.from_arrays(
        [pa.array([row[i] for row in rows], type=kind) for i, kind in enumerate(columns.values())], schema=schema
    )


@contextmanager
def registered(
    con: duckdb.DuckDBPyConnection, columns: Mapping[str, pa.DataType], rows: Sequence[Sequence[object]]
) -> Iterator[str]:
    """The rows registered on the connection under a fresh name for the duration of the block."""
    view = f"_batch_{next(_names)}"
    con.register(view, arrow_batch(columns, rows))
    try:
        yield view
    finally:
        con.unregister(view)


def insert_rows(
    con: duckdb.DuckDBPyConnection,
    table: str,
    columns: Mapping[str, pa.DataType],
    rows: Sequence[Sequence[object]],
    tail: str = "",
) -> None:
    """`INSERT INTO table (columns) SELECT columns FROM <batch> <tail>` in one statement (`tail`: ON CONFLICT)."""
    if not rows:
        return
    names = ", ".join(columns)
    with registered(con, columns, rows) as view:
        con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM {view} {tail}")


def with_rows(
    con: duckdb.DuckDBPyConnection, columns: Mapping[str, pa.DataType], rows: Sequence[Sequence[object]], sql: str
) -> None:
    """Run `sql` with the batch available as the relation named `{batch}` (for UPDATE ... FROM {batch})."""
    if not rows:
        return
    with registered(con, columns, rows) as view:
        con.execute(sql.replace("{batch}", view))
