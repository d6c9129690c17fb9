"""`hotspots demo` end to end: the bundled site served on 127.0.0.1, the production flow, DuckDB, the report.

Runs the real CLI twice on one database and checks the spine's promises against the site's answer key
(`demo/expected.json`): traps are recorded with their reasons and kept out of `articles`, no boilerplate survives,
and the second run adds nothing.
"""

from __future__ import annotations

import json
import socket
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from flows.cli import app
from sources.canonical import canonicalize

DEMO = Path(__file__).resolve().parents[2] / "demo"
EXPECTED = json.loads((DEMO / "expected.json").read_text(encoding="utf-8"))["pages"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("demo") / "hotspots.duckdb"
    # Both runs must see the site at the same address (as two demos on one machine do), whatever else holds 47474.
    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.setenv("HOTSPOTS_DEMO_PORT", str(_free_port()))
    runner = CliRunner()
    first = runner.invoke(app, ["demo", "--db", str(db)])
    assert first.exit_code == 0, first.output
    with duckdb.connect(str(db), read_only=True) as con:
        before = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("articles", "mentions")}
    second = runner.invoke(app, ["demo", "--db", str(db)])
    monkeypatch.undo()
    assert second.exit_code == 0, second.output
    return db, first.output, second.output, before


def _state_by_path(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, str | None]]:
    rows = con.execute("SELECT url, state, reason FROM fetch_log").fetchall()
    return {"/" + url.split("/", 3)[3]: (state, reason) for url, state, reason in rows}


def test_first_run_stores_the_relevant_articles_and_prints_the_report(demo_db):
    db, output, _, before = demo_db
    assert before["articles"] >= 35
    assert "District league" in output and "Busiest districts" in output
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM district_league").fetchone()[0] >= 8


def test_traps_are_absent_from_articles_and_logged_with_their_reason(demo_db):
    db, *_ = demo_db
    expected_reason = {"off_topic": "off-topic", "non_english": "not English", "missing_404": "404",
                       "robots_disallowed": "robots"}
    with duckdb.connect(str(db), read_only=True) as con:
        states = _state_by_path(con)
        stored_paths = {"/" + u.split("/", 3)[3] for (u,) in con.execute("SELECT url FROM articles").fetchall()}
    traps = [page for page in EXPECTED if page["kind"] in expected_reason]
    assert {page["kind"] for page in traps} == set(expected_reason)
    for page in traps:
        path = "/" + canonicalize("http://h" + page["path"]).split("/", 3)[3]
        state, reason = states[path]
        assert path not in stored_paths
        assert state in ("skipped", "failed") and expected_reason[page["kind"]] in (reason or ""), (path, reason)


def test_slow_page_and_syndicated_copy_are_handled(demo_db):
    db, *_ = demo_db
    with duckdb.connect(str(db), read_only=True) as con:
        states = _state_by_path(con)
    kinds = {page["kind"]: page for page in EXPECTED}
    by_id = {page["id"]: page for page in EXPECTED}
    assert states[kinds["slow"]["path"]][0] == "stored"
    copy = kinds["syndicated_copy"]
    original = by_id[copy["duplicate_of"]]
    assert sorted([states[copy["path"]][0], states[original["path"]][0]]) == ["duplicate", "stored"]


def test_no_stored_text_contains_template_boilerplate(demo_db):
    db, *_ = demo_db
    phrases = [line for line in (DEMO / "boilerplate.txt").read_text(encoding="utf-8").splitlines() if line.strip()]
    with duckdb.connect(str(db), read_only=True) as con:
        texts = con.execute("SELECT url, text FROM articles").fetchall()
    leaks = [(url, phrase) for url, text in texts for phrase in phrases if phrase in text]
    assert leaks == []


def test_second_run_adds_nothing_and_both_runs_are_recorded(demo_db):
    db, _, second_output, before = demo_db
    with duckdb.connect(str(db), read_only=True) as con:
        after = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("articles", "mentions")}
        runs = con.execute("SELECT status, counts FROM runs ORDER BY started_at").fetchall()
    assert after == before
    assert [status for status, _ in runs] == ["completed", "completed"]
    assert json.loads(runs[1][1])["articles"] == 0 and json.loads(runs[1][1])["mentions"] == 0
    assert "0 articles and 0 mentions added" in " ".join(second_output.split())
