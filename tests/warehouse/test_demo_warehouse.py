"""The analyst's promises checked on the demo database (`demo/expected.json` is the answer key)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import duckdb
import pytest

from warehouse import hotspots

ROOT = Path(__file__).resolve().parents[2]
EXPECTED = json.loads((ROOT / "demo" / "expected.json").read_text(encoding="utf-8"))["pages"]
SPIKE = ("usao-or", {"2026-11-09", "2026-11-16"})
SQL_BLOCK = re.compile(r"```sql\n(.*?)```", re.S)


@pytest.fixture(scope="module")
def refreshed(demo_db):
    """The demo database after the post-run step the flow calls: flags recorded for its run."""
    with duckdb.connect(str(demo_db)) as con:
        run_id = con.execute("SELECT run_id FROM runs ORDER BY started_at DESC LIMIT 1").fetchone()[0]
        flags = hotspots.refresh(con, run_id)
    return demo_db, run_id, flags


def test_only_the_spiking_district_is_flagged_and_in_its_spike_weeks(refreshed):
    db, run_id, flags = refreshed
    district, weeks = SPIKE
    assert {(f.district, str(f.week)) for f in flags} == {(district, week) for week in weeks}
    with duckdb.connect(str(db), read_only=True) as con:
        recorded = con.execute("SELECT DISTINCT district, week::VARCHAR FROM hotspot_flags WHERE run_id = ?",
                               [run_id]).fetchall()
        others = con.execute("SELECT count(*) FROM hotspots WHERE (flag_c2 OR flag_c3) AND district <> ?",
                             [district]).fetchone()[0]
    assert set(recorded) == {(district, week) for week in weeks} and others == 0


def test_syndicated_copy_counts_once_in_the_league(refreshed):
    db, *_ = refreshed
    copy = next(page for page in EXPECTED if page["kind"] == "syndicated_copy")
    original = next(page for page in EXPECTED if page["id"] == copy["duplicate_of"])
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute(
            "SELECT url, duplicate_of IS NOT NULL, article_id FROM articles WHERE url LIKE ? OR url LIKE ?",
            [f"%{copy['path']}", f"%{original['path']}"]).fetchall()
        assert sorted(flag for _, flag, _ in rows) == [False, True]
        original_id = next(article_id for _, flag, article_id in rows if not flag)
        lawsuit = con.execute(
            "SELECT i.n_articles, i.n_sources FROM incidents i JOIN mentions m USING (incident_id) "
            "WHERE m.article_id = ? AND i.event_type = 'civil_lawsuit'", [original_id]).fetchone()
        league = con.execute("SELECT civil_lawsuit, articles FROM district_league WHERE district = 'usao-cdca'"
                             ).fetchone()
        cdca_originals = con.execute(
            "SELECT count(DISTINCT article_id) FROM counted_mentions WHERE district = 'usao-cdca'").fetchone()[0]
    assert lawsuit == (2, 2)  # one incident, reported by both outlets
    assert league == (1, cdca_originals)
    assert cdca_originals == sum(1 for p in EXPECTED if p["kind"] == "article"
                                 and any(e["district"] == "usao-cdca" for e in p["events"]))


def test_coverage_and_evidence_trace_every_count(refreshed):
    db, *_ = refreshed
    with duckdb.connect(str(db), read_only=True) as con:
        loaded = con.execute("SELECT sum(stored) + sum(duplicate) FROM coverage WHERE polled").fetchone()[0]
        articles = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        untraced = con.execute(
            "SELECT count(*) FROM incidents i WHERE NOT EXISTS "
            "(SELECT 1 FROM evidence e WHERE e.incident_id = i.incident_id AND e.evidence <> '')").fetchone()[0]
        grid = con.execute("SELECT count(*), count(DISTINCT district), count(DISTINCT event_type) FROM district_weekly"
                           ).fetchone()
    assert loaded == articles
    assert untraced == 0
    assert grid[1] == 94 and grid[2] == 12 and grid[0] % (94 * 12) == 0


def _examples() -> list[tuple[str, str]]:
    found = []
    for doc in (ROOT / "README.md", ROOT / "docs" / "warehouse.md"):
        if doc.exists():
            found += [(f"{doc.name}#{i}", block) for i, block in enumerate(SQL_BLOCK.findall(doc.read_text()), 1)]
    return found


def test_docs_have_sql_examples():
    assert len([name for name, _ in _examples() if name.startswith("warehouse.md")]) >= 6


@pytest.mark.parametrize(("name", "sql"), _examples(), ids=[name for name, _ in _examples()])
def test_every_documented_sql_example_runs_on_the_demo_database(refreshed, name, sql):
    db, *_ = refreshed
    with duckdb.connect(str(db), read_only=True) as con:
        rows = [con.execute(statement).fetchall() for statement in sql.split(";") if statement.strip()]
    assert rows and rows[-1], f"{name} returns no rows on the demo database"
