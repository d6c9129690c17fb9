"""Reading while writing: an analyst on the published snapshot sees the old or the new state, never a partial one."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from ast import literal_eval
from datetime import date

import duckdb

from demo.server import render_sources, serve_site
from tests.duckdb_files import storage_tag
from warehouse.publish import NOT_EXPORTED, export_parquet, publish_snapshot

STATE = (
    "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM mentions), (SELECT count(*) FROM incidents), "
    "(SELECT count(*) FROM mentions WHERE incident_id IS NULL), "
    "(SELECT max(run_id) FROM runs WHERE status = 'completed')"
)
# Analysts are other processes (in one process DuckDB would hand every connection the same cached instance).
HOLDER = f"""
import sys, duckdb
con = duckdb.connect(sys.argv[1], read_only=True)
print(tuple(con.execute({STATE!r}).fetchone()), flush=True)
sys.stdin.readline()
print(tuple(con.execute({STATE!r}).fetchone()), flush=True)
"""
POLLER = f"""
import os, sys, time, duckdb
while not os.path.exists(sys.argv[2]):
    with duckdb.connect(sys.argv[1], read_only=True) as con:
        print(tuple(con.execute({STATE!r}).fetchone()), flush=True)
    time.sleep(0.05)
"""


def _state(path) -> tuple:
    with duckdb.connect(str(path), read_only=True) as con:
        return tuple(con.execute(STATE).fetchone())


def _analyst(script: str, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", script, *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            text=True)


def test_analyst_on_the_snapshot_sees_old_or_new_state_during_a_full_run(prefect_harness, tmp_path):
    from flows.ingest import ingest

    db, stop_file = tmp_path / "hotspots.duckdb", tmp_path / "stop"
    with serve_site() as base_url:
        sources = str(render_sources(base_url, tmp_path / "sources.toml"))
        first = ingest(sources=sources, db=str(db), until=date(2026, 10, 20), host_interval=0.01)
        snapshot = publish_snapshot(db)
        old = _state(db)
        holder = _analyst(HOLDER, str(snapshot))
        held_before = holder.stdout.readline()
        poller = _analyst(POLLER, str(snapshot), str(stop_file))
        summary = ingest(sources=sources, db=str(db), host_interval=0.01, conditional=False)
        publish_snapshot(db)
        new = _state(db)
        time.sleep(0.5)  # let the poller read the new snapshot too
        stop_file.touch()
        seen = {literal_eval(line) for line in poller.communicate(timeout=60)[0].splitlines()}
        held_after = holder.communicate("\n", timeout=60)[0].strip()
    assert first["status"] == summary["status"] == "completed" and summary["articles"] > 0
    assert old[0] < new[0] and old[3] == new[3] == 0
    assert literal_eval(held_before) == literal_eval(held_after) == old  # the open session keeps its snapshot
    assert seen <= {old, new} and old in seen and new in seen
    assert _state(snapshot) == new


def test_snapshot_and_parquet_open_in_other_readers(demo_db, tmp_path):
    snapshot = publish_snapshot(demo_db, tmp_path / "analyst.duckdb")
    league = "SELECT district, federal_charge, incidents FROM district_league ORDER BY district"
    with duckdb.connect(str(demo_db), read_only=True) as con:
        expected = con.execute(league).fetchall()
    with duckdb.connect(str(snapshot), read_only=True) as con:
        assert con.execute(league).fetchall() == expected
    out = export_parquet(demo_db, tmp_path / "parquet")
    with duckdb.connect() as con:
        incidents = con.execute(
            f"SELECT count(*) FROM read_parquet('{out}/incidents/**/*.parquet', hive_partitioning = true)").fetchone()
        league_rows = con.execute(f"SELECT count(*) FROM '{out}/district_league/data.parquet'").fetchone()
    assert incidents[0] > 0 and league_rows[0] == len(expected)
    cli = shutil.which("duckdb")
    if cli:  # the PyPI `duckdb-cli` analysts use, when installed
        result = subprocess.run([cli, "-readonly", "-csv", str(snapshot), "-c", league], capture_output=True,
                                text=True, timeout=60)
        assert result.returncode == 0, result.stderr
        assert len(result.stdout.strip().splitlines()) == len(expected) + 1


def test_a_warehouse_in_the_snapshot_format_is_published_as_a_copy_of_its_file(demo_db, tmp_path):
    assert storage_tag(demo_db) == "v1.5.0+"  # created by the store in the format the analysts' CLI reads
    snapshot = publish_snapshot(demo_db, tmp_path / "analyst.duckdb")
    assert snapshot.read_bytes() == demo_db.read_bytes()
    assert not (tmp_path / "analyst.duckdb.wal").exists()


def test_a_warehouse_in_duckdb_s_own_format_is_converted_table_by_table(demo_db, old_format_db, tmp_path, caplog):
    league = "SELECT district, federal_charge, incidents, mentions FROM district_league ORDER BY district"
    with duckdb.connect(str(demo_db), read_only=True) as con:
        expected = con.execute(league).fetchall()
    assert storage_tag(old_format_db) != "v1.5.0+"
    snapshot = publish_snapshot(old_format_db, tmp_path / "analyst.duckdb")
    assert storage_tag(snapshot) == "v1.5.0+"
    assert "hotspots upgrade-storage" in caplog.text  # the operator's log says how to stop paying for the conversion
    with duckdb.connect(str(snapshot), read_only=True) as con:
        assert con.execute(league).fetchall() == expected


def test_a_killed_publish_s_scratch_file_is_removed_by_the_next(demo_db, tmp_path):
    stale = tmp_path / ".analyst.duckdb.k1ll3d.tmp"
    stale.write_bytes(b"half a snapshot")
    publish_snapshot(demo_db, tmp_path / "analyst.duckdb")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["analyst.duckdb"]


def test_export_writes_every_analyst_relation_from_the_read_only_snapshot_to_any_folder_name(demo_db, tmp_path):
    snapshot = publish_snapshot(demo_db, tmp_path / "analyst.duckdb")  # mode 0444, as analysts get it
    out = export_parquet(snapshot, tmp_path / "it's parquet")
    with duckdb.connect(str(demo_db), read_only=True) as con:
        relations = {name for (name,) in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()}
        counts = {name: con.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
                  for name in ("articles", "mentions", "counted_mentions", "fetch_log", "runs")}
    assert {path.name for path in out.iterdir()} == relations - set(NOT_EXPORTED)
    folder = str(out).replace("'", "''")
    with duckdb.connect() as con:
        exported = {name: con.execute(f"SELECT count(*) FROM read_parquet('{folder}/{name}/**/*.parquet', "
                                      "hive_partitioning = true)").fetchone()[0] for name in counts}
    assert exported == counts and counts["articles"] > 0


def test_export_of_an_empty_warehouse_can_be_read_back_with_the_documented_query(tmp_path):
    from warehouse import store

    with store.open_warehouse(tmp_path / "w.duckdb"):
        pass
    out = export_parquet(tmp_path / "w.duckdb", tmp_path / "parquet")
    with duckdb.connect() as con:
        for name in ("articles", "incidents", "district_league"):
            query = f"SELECT count(*) FROM read_parquet('{out}/{name}/**/*.parquet', hive_partitioning = true)"
            assert con.execute(query).fetchone() == (0,), name
