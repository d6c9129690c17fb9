"""Upgrading a warehouse file from DuckDB 2.0's storage format: same data, keys still enforced, original kept."""

from __future__ import annotations

import hashlib
import stat
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.duckdb_files import storage_tag
from warehouse import storage_format, store
from warehouse.publish import publish_snapshot

TABLES = "SELECT table_name FROM duckdb_tables() ORDER BY table_name"
LEAGUE = "SELECT district, federal_charge, incidents, mentions FROM district_league ORDER BY district"


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _state(path) -> tuple:
    with duckdb.connect(str(path), read_only=True) as con:
        tables = [name for (name,) in con.execute(TABLES).fetchall()]
        counts = {name: con.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in tables}
        return counts, con.execute(LEAGUE).fetchall()


def test_an_old_format_warehouse_is_rewritten_with_the_same_rows_and_its_original_kept(old_format_db, tmp_path):
    old_format_db.chmod(0o640)  # as a service's files often are: the copy must keep it
    before, original = _state(old_format_db), _digest(old_format_db)
    upgraded = storage_format.upgrade(old_format_db)
    assert upgraded is not None and upgraded.previous_version == "v2.0.0"
    assert upgraded.backup == old_format_db.with_name("older.duckdb.v2.0.0.bak")
    assert _digest(upgraded.backup) == original  # untouched, only renamed
    assert storage_tag(old_format_db) == "v1.5.0+"
    assert stat.S_IMODE(old_format_db.stat().st_mode) == 0o640
    assert _state(old_format_db) == before
    assert upgraded.rows == sum(before[0].values())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["older.duckdb", "older.duckdb.v2.0.0.bak"]
    # It is still the warehouse: its keys hold, and the store opens and writes it as before.
    with store.open_warehouse(old_format_db) as con:
        article_id = con.execute("SELECT article_id FROM articles LIMIT 1").fetchone()[0]
        copy = "INSERT INTO articles SELECT * REPLACE ({}) FROM articles WHERE article_id = ?"
        with pytest.raises(duckdb.ConstraintException, match="primary key"):
            con.execute(copy.format("url || '?again' AS url"), [article_id])
        with pytest.raises(duckdb.ConstraintException, match="unique"):
            con.execute(copy.format("article_id || 'x' AS article_id"), [article_id])
    # A publish is now a copy of the file, and a second upgrade has nothing to do.
    snapshot = publish_snapshot(old_format_db, tmp_path / "snapshots" / "analyst.duckdb")
    assert snapshot.read_bytes() == old_format_db.read_bytes()
    assert storage_format.upgrade(old_format_db) is None


def test_a_warehouse_already_in_the_new_format_is_left_alone(tmp_path):
    db = tmp_path / "w.duckdb"
    with store.open_warehouse(db):
        pass
    original = _digest(db)
    assert storage_format.upgrade(db) is None
    assert _digest(db) == original and [p.name for p in tmp_path.iterdir()] == ["w.duckdb"]


def test_an_existing_backup_is_never_overwritten(old_format_db):
    backup = old_format_db.with_name("older.duckdb.v2.0.0.bak")
    backup.write_bytes(b"an earlier upgrade's original")
    original = _digest(old_format_db)
    with pytest.raises(FileExistsError, match="move it away"):
        storage_format.upgrade(old_format_db)
    assert backup.read_bytes() == b"an earlier upgrade's original"
    assert _digest(old_format_db) == original and storage_tag(old_format_db) == "v2.0.0+"


def test_a_copy_that_lost_rows_is_discarded_and_the_warehouse_left_as_it_was(old_format_db, monkeypatch):
    copy_database = storage_format.copy_database

    def lossy_copy(con, target):
        copy_database(con, target)
        con.execute(f"ATTACH '{target}' AS damaged")
        con.execute("DELETE FROM damaged.mentions WHERE rowid % 7 = 0")
        con.execute("DETACH damaged")

    monkeypatch.setattr(storage_format, "copy_database", lossy_copy)
    original = _digest(old_format_db)
    with pytest.raises(RuntimeError, match="mentions"):
        storage_format.upgrade(old_format_db)
    assert _digest(old_format_db) == original
    assert [p.name for p in old_format_db.parent.iterdir()] == ["older.duckdb"]


def test_a_failed_rename_leaves_the_warehouse_at_its_path_and_no_backup(old_format_db, monkeypatch):
    original = _digest(old_format_db)

    def no_rename(source, target):
        raise OSError(f"cannot rename {source} to {target}")

    monkeypatch.setattr(storage_format.os, "replace", no_rename)
    with pytest.raises(OSError, match="cannot rename"):
        storage_format.upgrade(old_format_db)
    assert _digest(old_format_db) == original and storage_tag(old_format_db) == "v2.0.0+"
    assert [p.name for p in old_format_db.parent.iterdir()] == ["older.duckdb"]


def test_changes_left_in_the_log_of_a_killed_writer_reach_the_converted_file(old_format_db):
    killed_writer = (
        "import duckdb, os, sys\n"
        "con = duckdb.connect(sys.argv[1])\n"
        "con.execute(\"INSERT INTO runs (run_id, flow, started_at, status) VALUES ('killed', 'ingest', now(), 'running')\")\n"
        "os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", killed_writer, str(old_format_db)], check=True)
    assert old_format_db.with_name("older.duckdb.wal").exists()
    assert storage_format.upgrade(old_format_db) is not None
    with duckdb.connect(str(old_format_db), read_only=True) as con:
        assert con.execute("SELECT status FROM runs WHERE run_id = 'killed'").fetchall() == [("running",)]
    assert sorted(p.name for p in old_format_db.parent.iterdir()) == ["older.duckdb", "older.duckdb.v2.0.0.bak"]


def test_scratch_files_of_a_killed_upgrade_are_removed_by_the_next(old_format_db):
    stale = old_format_db.with_name(".older.duckdb.k1ll3d.upgrade")
    stale.write_bytes(b"half a copy")
    Path(f"{stale}.wal").write_bytes(b"its log")
    storage_format.upgrade(old_format_db)
    assert sorted(p.name for p in old_format_db.parent.iterdir()) == ["older.duckdb", "older.duckdb.v2.0.0.bak"]


def test_another_user_s_warehouse_is_refused_before_anything_is_written(old_format_db, monkeypatch):
    owner = old_format_db.stat().st_uid
    monkeypatch.setattr(storage_format.os, "geteuid", lambda: owner + 1000)  # neither root nor the owner
    original = _digest(old_format_db)
    with pytest.raises(PermissionError, match="run the upgrade as that user"):
        storage_format.upgrade(old_format_db)
    assert _digest(old_format_db) == original
    assert [p.name for p in old_format_db.parent.iterdir()] == ["older.duckdb"]
