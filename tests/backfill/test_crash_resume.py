"""Kill a backfill with SIGKILL after its first checkpoint, run it again: the warehouse ends exactly as after one
uninterrupted run over the same days (same articles, duplicates, mentions and fetch_log states).

The range 2026-11-13..18 of the demo site holds a syndicated copy, a 404 and a robots-disallowed page, so the
comparison covers every terminal state. Backfills run in subprocesses against a real Prefect server; a batch size
of 2 makes the kill land inside a window's batches as well as between windows.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from demo.server import render_sources, serve_site
from tests.deploy.prefect_server import REPO, shared_server
from warehouse.store import snapshot_path

SINCE, UNTIL, WINDOWS = "2026-11-13", "2026-11-18", 6
RUN_SECONDS = 240
BACKFILL = """
import sys
from datetime import date
from flows.backfill import backfill, progress_listener

def show(progress):
    if progress.day is not None:
        print(f"window {progress.done}/{progress.total} {progress.day}", flush=True)

since, until, sources, db = sys.argv[1:]
with progress_listener(show):
    backfill(since=date.fromisoformat(since), until=date.fromisoformat(until), sources=sources, db=db,
             host_interval=0.0, batch_size=2)
"""


@pytest.fixture
def setting(request, tmp_path_factory, tmp_path) -> Iterator[tuple[dict[str, str], Path]]:
    """The session's Prefect server for the subprocesses, and the demo site with its sources file."""
    _, env = shared_server(request.config, tmp_path_factory.mktemp("prefect-home"))
    with serve_site() as base_url:
        yield env, render_sources(base_url, tmp_path / "sources.toml")


def _start(env: dict[str, str], sources: Path, db: Path, log: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", BACKFILL, SINCE, UNTIL, str(sources), str(db)], cwd=REPO, env=env,
        stdout=subprocess.PIPE, stderr=log.open("w"), text=True, start_new_session=True,
    )


def _run(env: dict[str, str], sources: Path, db: Path, log: Path) -> str:
    process = _start(env, sources, db, log)
    output, _ = process.communicate(timeout=RUN_SECONDS)
    assert process.returncode == 0, log.read_text()
    return output


def _state(db: Path) -> dict[str, object]:
    """Everything a backfill writes that must not depend on how many times it was started."""
    with duckdb.connect(str(db), read_only=True) as con:
        def rows(sql: str) -> list[tuple]:
            return sorted(con.execute(sql).fetchall())

        return {
            "articles": rows("SELECT url, duplicate_of IS NOT NULL, status, content_hash FROM articles"),
            "mentions": Counter(con.execute(
                "SELECT a.url, m.event_type, m.district, m.event_date FROM mentions m JOIN articles a USING "
                "(article_id)").fetchall()),
            "fetch_log": rows("SELECT url, state, reason FROM fetch_log"),
            "windows": rows("SELECT window_start, status FROM backfill_windows"),
        }


def test_a_killed_backfill_resumes_and_ends_as_an_uninterrupted_one(setting, tmp_path):
    env, sources = setting
    reference_db, crashed_db = tmp_path / "reference.duckdb", tmp_path / "crashed.duckdb"
    _run(env, sources, reference_db, tmp_path / "reference.log")

    victim = _start(env, sources, crashed_db, tmp_path / "killed.log")
    try:
        first = victim.stdout.readline() if victim.stdout else ""
        assert first.startswith(f"window 1/{WINDOWS}"), (first, (tmp_path / "killed.log").read_text())
    finally:
        if victim.poll() is None:
            os.killpg(victim.pid, signal.SIGKILL)
        victim.wait(timeout=30)
    assert victim.returncode == -signal.SIGKILL
    with duckdb.connect(str(crashed_db), read_only=True) as con:
        done_before = con.execute("SELECT count(*) FROM backfill_windows WHERE status = 'completed'").fetchone()[0]
        killed_run = con.execute("SELECT status FROM runs WHERE flow = 'backfill'").fetchall()
    assert 1 <= done_before < WINDOWS
    assert killed_run == [("running",)]

    resumed = _run(env, sources, crashed_db, tmp_path / "resumed.log").splitlines()
    assert len(resumed) == WINDOWS - done_before and resumed[0].startswith(f"window {done_before + 1}/")

    reference, crashed = _state(reference_db), _state(crashed_db)
    assert reference["windows"] == [(day, "completed") for day, _ in reference["windows"]]
    assert len(reference["windows"]) == WINDOWS
    assert {state for _, state, _ in reference["fetch_log"]} == {"stored", "duplicate", "skipped", "failed"}
    assert crashed == reference
    with duckdb.connect(str(snapshot_path(reference_db)), read_only=True) as con:  # what analysts read
        assert con.execute("SELECT status, counts IS NOT NULL FROM runs WHERE flow = 'backfill'").fetchall() == [
            ("completed", True)]
    print(f"killed after {done_before}/{WINDOWS} windows; {len(reference['articles'])} articles, "
          f"{sum(reference['mentions'].values())} mentions, {len(reference['fetch_log'])} URLs in both")
