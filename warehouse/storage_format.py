"""Which DuckDB storage format a warehouse file is in, and rewriting one into the format the store now writes.

Files the store created before it chose DuckDB 1.5's format (`store.STORAGE_VERSION`) are in DuckDB 2.0's, which the
analysts' CLI cannot open, so every publish has to convert them table by table (8.1 s at 100,000 articles, where a
file in the 1.5 format is copied in 0.17 s). `upgrade` converts such a file once, keeping the original beside it.
"""

from __future__ import annotations

import glob
import os
import pwd
import stat
import tempfile
from pathlib import Path
from typing import NamedTuple

import duckdb

from warehouse.sql import literal
from warehouse.store import STORAGE_VERSION

# How a table-by-table copy is written. Article text compressed with DICT_FSST (DuckDB's choice for it) made the copy
# of a 40,000-article warehouse take 11.8 s; with ZSTD it takes 2.0 s for a file 7% larger (228 MB, not 213). The
# memory limit bounds the copy however large the warehouse: without it the process peaked at 1 GB on that warehouse;
# with 512 MB it peaked at 570 MB and took 2.1 s (256 MB: 330 MB, 3.5 s).
COPY_SETTINGS = ("SET disabled_compression_methods = 'dict_fsst'", "SET memory_limit = '512MB'")


class Upgraded(NamedTuple):
    """What `upgrade` did: the format it converted from, where the original now is, and the rows it copied."""

    previous_version: str
    backup: Path
    rows: int


def storage_version(con: duckdb.DuckDBPyConnection) -> str | None:
    """The storage format the open file was created in ("v1.5.0" for DuckDB 1.5's; DuckDB tags it "v1.5.0+")."""
    row = con.execute("SELECT tags['storage_version'] FROM duckdb_databases() WHERE database_name = current_database()"
                      ).fetchone()
    return row[0].rstrip("+") if row and row[0] else None


def scratch_path(beside: Path, suffix: str) -> Path:
    """A fresh hidden path in `beside`'s folder (so the finished file can be renamed over `beside` atomically), with
    no file at it: DuckDB creates its files itself. Earlier scratch files of the same kind, left there by a run that
    was killed, are removed first: callers hold the writer lock, so no live run is writing one."""
    for stale in beside.parent.glob(f".{glob.escape(beside.name)}.*{suffix}"):
        discard(stale)
    fd, name = tempfile.mkstemp(prefix=f".{beside.name}.", suffix=suffix, dir=beside.parent)
    os.close(fd)
    os.unlink(name)
    return Path(name)


def discard(path: Path) -> None:
    """Remove a DuckDB file and its write-ahead log, whichever exist."""
    for leftover in (path, Path(f"{path}.wal")):
        leftover.unlink(missing_ok=True)


def copy_database(con: duckdb.DuckDBPyConnection, target: str | os.PathLike[str]) -> None:
    """Copy every table (with its keys and indexes), view and comment of the open database into a new file at
    `target`, in `STORAGE_VERSION`'s format."""
    for setting in COPY_SETTINGS:
        con.execute(setting)
    source = con.execute("SELECT current_database()").fetchone()[0]
    # The DuckDB CLI analysts install (`pip install duckdb-cli`, 1.5.x) must be able to open the copy.
    con.execute(f"ATTACH {literal(target)} AS converted (STORAGE_VERSION '{STORAGE_VERSION}')")
    try:
        con.execute(f'COPY FROM DATABASE "{source}" TO converted')
    finally:
        con.execute("DETACH converted")


def upgrade(db_path: str | os.PathLike[str]) -> Upgraded | None:
    """Rewrite the warehouse at `db_path` in `STORAGE_VERSION`'s format; None when it already is in it.

    The copy is written beside the file and checked table by table (same row counts) before it takes the file's
    name. The original keeps a second name, `<name>.<its format>.bak`, given before the copy takes the first, so the
    path never lacks a warehouse, whenever the process is killed. Call it holding the writer lock, as the file's
    owner (or root), so the converted file is the worker's as the original was."""
    path = Path(db_path)
    _refuse_other_users_file(path)
    scratch = scratch_path(path, ".upgrade")
    try:
        with duckdb.connect(str(path)) as con:
            version = storage_version(con) or "unknown"
            if version == STORAGE_VERSION:
                return None
            backup = path.with_name(f"{path.name}.{version}.bak")
            in_the_way = FileExistsError(f"{backup} already exists: move it away, then run the upgrade again")
            if backup.exists():  # checked before the copy, which takes seconds a gigabyte; `os.link` checks again
                raise in_the_way
            copy_database(con, scratch)
            rows = _checked_copy(con, scratch)
        # Closing the connection checkpointed the file: every committed change is in it, none in a log beside it.
        _same_owner_and_mode(path, scratch)
        try:
            os.link(path, backup)
        except FileExistsError:
            raise in_the_way from None
        try:
            os.replace(scratch, path)
        except BaseException:
            backup.unlink()
            raise
        _sync_folder(path.parent)
        return Upgraded(version, backup, rows)
    finally:
        discard(scratch)


def _refuse_other_users_file(path: Path) -> None:
    """Raise PermissionError unless this process may give a copy of `path` its owner (root, or the owner itself):
    converted by another user, the warehouse would become theirs, and the worker's service user could not write it."""
    owner = path.stat().st_uid
    if os.geteuid() not in (0, owner):
        try:
            name = pwd.getpwuid(owner).pw_name
        except KeyError:
            name = str(owner)
        raise PermissionError(f"{path} belongs to {name}: run the upgrade as that user "
                              f"(sudo -u {name} hotspots upgrade-storage), so the converted file stays theirs")


def _same_owner_and_mode(original: Path, copy: Path) -> None:
    """Give the copy the original's permissions, owner and (where this user may) group."""
    status = original.stat()
    os.chmod(copy, stat.S_IMODE(status.st_mode))
    try:
        os.chown(copy, status.st_uid if os.geteuid() == 0 else -1, status.st_gid)
    except PermissionError:
        pass  # the owner, not in the file's group: the copy keeps the owner's, and the owner can still write it


def _sync_folder(folder: Path) -> None:
    """Make the folder's renames durable: after a power cut the path names the converted file, the backup the old."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _checked_copy(con: duckdb.DuckDBPyConnection, copy: Path) -> int:
    """Every table's row count in the open database and in `copy`; raises if any differ. Returns the total rows."""
    source = con.execute("SELECT current_database()").fetchone()[0]
    con.execute(f"ATTACH {literal(copy)} AS converted (READ_ONLY)")
    try:
        tables = con.execute(
            "SELECT schema_name, table_name FROM duckdb_tables() WHERE database_name = ? ORDER BY ALL", [source]
        ).fetchall()
        total = 0
        for schema, table in tables:
            before, after = con.execute(
                f'SELECT (SELECT count(*) FROM "{source}"."{schema}"."{table}"), '
                f'(SELECT count(*) FROM converted."{schema}"."{table}")'
            ).fetchone()
            if before != after:
                raise RuntimeError(f"the converted copy of {schema}.{table} has {after} rows, the warehouse {before}: "
                                   "the warehouse is left as it was")
            total += before
        return total
    finally:
        con.execute("DETACH converted")
