"""The load-growth bench loads every page it builds, and reports each block of them."""

from __future__ import annotations

from pathlib import Path

import duckdb

from bench.load_growth_bench import build_records, load_in_blocks


def test_every_page_is_processed_loaded_and_reported_by_block(tmp_path: Path) -> None:
    records = build_records(150)
    assert len(records) == 150 and {r.state for r in records} <= {"stored", "skipped"}
    assert sum(r.fingerprint is not None for r in records) == sum(r.state == "stored" for r in records) > 0
    figures = load_in_blocks(records, 100, tmp_path / "growth.duckdb", batch_size=50)
    assert [pages for pages, _, _ in figures] == [100, 150]
    assert all(cpu > 0 and wall > 0 for _, cpu, wall in figures)
    with duckdb.connect(str(tmp_path / "growth.duckdb"), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM fetch_log").fetchone()[0] == 150
        stored = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert stored == sum(r.state == "stored" for r in records)
