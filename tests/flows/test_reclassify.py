"""`hotspots reclassify`: stored text is re-labelled without refetching; only changed labels change."""

from __future__ import annotations

import shutil
from dataclasses import replace

import duckdb
import pytest
from typer.testing import CliRunner

import flows.reclassify as reclassify_module
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
    real = reclassify_module.classify

    def without_protests(*args, **kwargs):
        verdict = real(*args, **kwargs)
        return replace(verdict, events=tuple(e for e in verdict.events if e.type != "protest"), version="test-2")

    monkeypatch.setattr(reclassify_module, "classify", without_protests)
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
