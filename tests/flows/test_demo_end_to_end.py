"""`hotspots demo` end to end: the bundled site served on 127.0.0.1, the production flow, DuckDB, the report.

Runs the real CLI twice on one database and checks the spine's promises against the site's answer key
(`demo/expected.json`): traps are recorded with their reasons and kept out of `articles`, no boilerplate survives,
and the second run adds nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from sources.canonical import canonicalize

DEMO = Path(__file__).resolve().parents[2] / "demo"
EXPECTED = json.loads((DEMO / "expected.json").read_text(encoding="utf-8"))["pages"]


@pytest.fixture(scope="module")
def demo(demo_runs):
    return demo_runs.db, demo_runs.first_output, demo_runs.second_output, demo_runs.counts_after_first


def _state_by_path(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, str | None]]:
    rows = con.execute("SELECT url, state, reason FROM fetch_log").fetchall()
    return {"/" + url.split("/", 3)[3]: (state, reason) for url, state, reason in rows}


def test_first_run_stores_the_relevant_articles_and_prints_the_report(demo):
    db, output, _, before = demo
    assert before["articles"] >= 35
    assert "District league" in output and "Busiest districts" in output
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM district_league").fetchone()[0] >= 8


def test_traps_are_absent_from_articles_and_logged_with_their_reason(demo):
    db, *_ = demo
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


def test_slow_page_and_syndicated_copy_are_handled(demo):
    db, *_ = demo
    with duckdb.connect(str(db), read_only=True) as con:
        states = _state_by_path(con)
    kinds = {page["kind"]: page for page in EXPECTED}
    by_id = {page["id"]: page for page in EXPECTED}
    assert states[kinds["slow"]["path"]][0] == "stored"
    copy = kinds["syndicated_copy"]
    original = by_id[copy["duplicate_of"]]
    assert sorted([states[copy["path"]][0], states[original["path"]][0]]) == ["duplicate", "stored"]


def test_no_stored_text_contains_template_boilerplate(demo):
    db, *_ = demo
    phrases = [line for line in (DEMO / "boilerplate.txt").read_text(encoding="utf-8").splitlines() if line.strip()]
    with duckdb.connect(str(db), read_only=True) as con:
        texts = con.execute("SELECT url, text FROM articles").fetchall()
    leaks = [(url, phrase) for url, text in texts for phrase in phrases if phrase in text]
    assert leaks == []


def test_second_run_adds_nothing_and_both_runs_are_recorded(demo):
    db, _, second_output, before = demo
    with duckdb.connect(str(db), read_only=True) as con:
        after = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("articles", "mentions")}
        runs = con.execute("SELECT status, counts FROM runs ORDER BY started_at").fetchall()
    assert after == before
    assert [status for status, _ in runs] == ["completed", "completed"]
    assert json.loads(runs[1][1])["articles"] == 0 and json.loads(runs[1][1])["mentions"] == 0
    assert "0 articles and 0 mentions added" in " ".join(second_output.split())
