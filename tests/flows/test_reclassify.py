"""`hotspots reclassify`: stored text is re-labelled without refetching; only changed labels change."""

from __future__ import annotations

import shutil
from dataclasses import replace

import duckdb
import pytest
from typer.testing import CliRunner

from flows import parallel
from flows.cli import app


@pytest.fixture()
def db(demo_db, tmp_path):
    copy = tmp_path / "hotspots.duckdb"
    shutil.copy(demo_db, copy)
    return copy


def _state(db) -> tuple[set[tuple[str, str, str | None, str | None]], int, int, int]:
    with duckdb.connect(str(db), read_only=True) as con:
        labels = set(con.execute("SELECT article_id, event_type, state, district FROM mentions").fetchall())
        league = con.execute("SELECT sum(incidents) FROM district_league").fetchone()[0]
        incidents = con.execute("SELECT count(*) FROM incidents").fetchone()[0]
        orphans = con.execute(
            "SELECT count(*) FROM incidents WHERE incident_id NOT IN "
            "(SELECT incident_id FROM mentions WHERE incident_id IS NOT NULL)"
        ).fetchone()[0]
    return labels, league, incidents, orphans


def test_same_classifier_changes_nothing(db):
    before = _state(db)
    result = CliRunner().invoke(app, ["reclassify", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "added 0, removed 0" in " ".join(result.output.split())
    assert _state(db) == before


def test_only_changed_labels_change_and_counts_stay_consistent(db, monkeypatch):
    labels_before, league_before, incidents_before, _ = _state(db)
    real = parallel.classify

    def without_protests(*args, **kwargs):
        verdict = real(*args, **kwargs)
        return replace(verdict, events=tuple(e for e in verdict.events if e.type != "protest"), version="test-2")

    monkeypatch.setenv("HOTSPOTS_WORKERS", "1")  # classified here, where the patch holds
    monkeypatch.setattr(parallel, "classify", without_protests)
    result = CliRunner().invoke(app, ["reclassify", "--db", str(db)])
    assert result.exit_code == 0, result.output
    labels_after, league_after, incidents_after, orphans = _state(db)
    protests = {label for label in labels_before if label[1] == "protest"}
    assert protests and labels_after == labels_before - protests
    assert orphans == 0
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM district_league WHERE protest > 0").fetchone()[0] == 0
        assert {v for (v,) in con.execute("SELECT DISTINCT classifier_version FROM mentions").fetchall()} == {"test-2"}
        protest_incidents = con.execute("SELECT count(*) FROM incidents WHERE event_type = 'protest'").fetchone()[0]
    assert protest_incidents == 0 and incidents_after < incidents_before and league_after < league_before


def _clustering(db) -> tuple[dict[str, str | None], list[tuple], list[tuple]]:
    """Each mention's incident, every incident row, and the summary rows the league and hotspots read."""
    with duckdb.connect(str(db), read_only=True) as con:
        assigned = dict(con.execute("SELECT mention_id, incident_id FROM mentions").fetchall())
        rows = con.execute(
            "SELECT incident_id, event_type, state, district, first_event_date, last_event_date, n_mentions,"
            " n_articles, n_sources FROM incidents ORDER BY incident_id"
        ).fetchall()
        weekly = con.execute("SELECT * FROM weekly_incidents ORDER BY ALL").fetchall()
        weekly += con.execute("SELECT * FROM weekly_stories ORDER BY ALL").fetchall()
    return assigned, rows, weekly


def _merge_first_two_incidents_of_a_place(db) -> list[str]:
    """What an older clustering rule could have stored: two incidents of one type and place as one (summaries kept
    true to it). Returns the two incident ids, the kept one first."""
    from warehouse import summaries

    with duckdb.connect(str(db)) as con:
        first, second = con.execute(
            """
            SELECT incident_id FROM incidents WHERE (event_type, state, district) IN (
                SELECT (event_type, state, district) FROM incidents GROUP BY ALL HAVING count(*) >= 2 LIMIT 1)
            ORDER BY first_event_date, incident_id LIMIT 2
            """
        ).fetchall()
        con.execute("UPDATE mentions SET incident_id = ? WHERE incident_id = ?", [first[0], second[0]])
        con.execute(
            "UPDATE incidents SET last_event_date = greatest(last_event_date, (SELECT last_event_date FROM incidents"
            " WHERE incident_id = ?)) WHERE incident_id = ?", [second[0], first[0]],
        )
        con.execute("DELETE FROM incidents WHERE incident_id = ?", [second[0]])
        summaries.rebuild(con)
    return [first[0], second[0]]


def test_recluster_under_the_same_rules_rebuilds_the_same_incidents(db):
    before = _clustering(db)
    result = CliRunner().invoke(app, ["reclassify", "--recluster", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert f"incidents dissolved {len(before[1])}, formed {len(before[1])}" in " ".join(result.output.split())
    assert _clustering(db) == before


def test_recluster_splits_incidents_an_older_rule_merged(db):
    before = _clustering(db)
    kept, merged = _merge_first_two_incidents_of_a_place(db)
    assert _clustering(db) != before and merged not in {row[0] for row in _clustering(db)[1]}
    result = CliRunner().invoke(app, ["reclassify", "--recluster", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert _clustering(db) == before
    assert _state(db)[3] == 0  # no incident without mentions


def test_recluster_since_leaves_older_incidents_alone(db):
    kept, _ = _merge_first_two_incidents_of_a_place(db)
    with duckdb.connect(str(db), read_only=True) as con:
        last = con.execute("SELECT max(first_event_date) FROM incidents").fetchone()[0]
    merged = _clustering(db)
    result = CliRunner().invoke(app, ["reclassify", "--recluster", "--since", f"{last:%Y-%m-%d}", "--db", str(db)])
    assert result.exit_code == 0, result.output
    after = _clustering(db)
    assert after == merged and kept in {row[0] for row in after[1]}
