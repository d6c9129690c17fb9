"""The deployments on a real Prefect server: `prefect server start` (SQLite), the `hotspots` process pool,
`prefect --no-prompt deploy --all`, then the `backfill` deployment over three days of the demo site, run by
`prefect worker start --run-once`.

The server, deploy and worker are subprocesses with the operator's commands; the demo site is served from this test
process on 127.0.0.1. This is the test that notices a server that starts but cannot answer filter queries (as with
fastapi 0.151-0.154, which Prefect's in-process test harness does not notice), because the worker, the artifact and
deployment checks all go through `/filter` endpoints.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from datetime import date, datetime, timezone
from pathlib import Path

import duckdb
import httpx
import pytest

from demo.server import render_sources, serve_site
from sources.canonical import canonicalize
from tests.deploy.prefect_server import REPO, prefect, shared_server, stop

EXPECTED = json.loads((REPO / "demo" / "expected.json").read_text(encoding="utf-8"))["pages"]
TRAPS = {"off_topic", "non_english", "missing_404", "robots_disallowed"}
SINCE, UNTIL = date(2026, 10, 1), date(2026, 10, 3)
WORKER_SECONDS = 180


@pytest.fixture
def server(request, tmp_path_factory) -> tuple[str, dict[str, str]]:
    return shared_server(request.config, tmp_path_factory.mktemp("prefect-home"))


def _post(api_url: str, path: str, body: dict[str, object]) -> list[dict[str, object]]:
    response = httpx.post(f"{api_url}/{path}", json=body, timeout=10)
    response.raise_for_status()
    return response.json()


def _utc_day(published: str) -> date:
    return datetime.fromisoformat(published).astimezone(timezone.utc).date()


def test_backfill_deployment_runs_on_a_worker_and_fills_the_warehouse(server, tmp_path):
    api_url, env = server
    started = time.monotonic()
    prefect(env, "work-pool", "create", "hotspots", "--type", "process")
    prefect(env, "--no-prompt", "deploy", "--all")
    deployed = time.monotonic()

    deployments = {d["name"]: d for d in _post(api_url, "deployments/filter", {})}
    assert set(deployments) == {"nightly", "backfill"}
    nightly_schedule = deployments["nightly"]["schedules"][0]["schedule"]
    assert (nightly_schedule["cron"], nightly_schedule["timezone"]) == ("0 3 * * *", "America/New_York")
    for deployment in deployments.values():
        assert deployment["work_pool_name"] == "hotspots"
        step = deployment["pull_steps"][0]["prefect.deployments.steps.set_working_directory"]
        assert Path(step["directory"]) == REPO

    db = tmp_path / "hotspots.duckdb"
    with serve_site() as base_url:
        sources = render_sources(base_url, tmp_path / "sources.toml")
        output = prefect(env, "deployment", "run", "backfill/backfill", "--param", f"since={SINCE}",
                          "--param", f"until={UNTIL}", "--param", f"sources={sources}", "--param", f"db={db}")
        flow_run_id = re.search(r"UUID:\s*([0-9a-f-]{36})", output).group(1)
        worker = subprocess.Popen(
            [sys.executable, "-m", "prefect", "worker", "start", "--pool", "hotspots", "--run-once"],
            cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            start_new_session=True,
        )
        try:
            worker_output, _ = worker.communicate(timeout=WORKER_SECONDS)
        except subprocess.TimeoutExpired:
            stop(worker)
            worker_output = worker.stdout.read() if worker.stdout else ""
    finished = time.monotonic()

    flow_run = httpx.get(f"{api_url}/flow_runs/{flow_run_id}", timeout=10).json()
    assert flow_run["state"]["type"] == "COMPLETED", worker_output
    artifacts = _post(api_url, "artifacts/filter", {"artifacts": {
        "key": {"any_": ["backfill-progress"]}, "flow_run_id": {"any_": [flow_run_id]}}})
    assert [artifact["data"] for artifact in artifacts] == [100.0]

    expected = {
        canonicalize(base_url + page["path"])
        for page in EXPECTED
        if page["kind"] not in TRAPS and SINCE <= _utc_day(page["published"]) <= UNTIL
    }
    with duckdb.connect(str(db), read_only=True) as con:
        stored = {url for (url,) in con.execute("SELECT url FROM articles").fetchall()}
        windows = con.execute("SELECT window_start, status FROM backfill_windows ORDER BY 1").fetchall()
    assert len(expected) >= 4 and stored == expected
    assert windows == [(date(2026, 10, day), "completed") for day in (1, 2, 3)]
    print(f"deploy {deployed - started:.1f}s, deployment run through worker {finished - deployed:.1f}s")
