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
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date, datetime, timezone
from pathlib import Path

import duckdb
import httpx
import pytest

from demo.server import render_sources, serve_site
from sources.canonical import canonicalize

REPO = Path(__file__).resolve().parents[2]
EXPECTED = json.loads((REPO / "demo" / "expected.json").read_text(encoding="utf-8"))["pages"]
TRAPS = {"off_topic", "non_english", "missing_404", "robots_disallowed"}
SINCE, UNTIL = date(2026, 10, 1), date(2026, 10, 3)
SERVER_START_SECONDS = 120
COMMAND_SECONDS = 120
WORKER_SECONDS = 180


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _stop(process: subprocess.Popen[bytes], timeout: float = 20) -> None:
    """SIGINT to the process group we started (Prefect workers ignore SIGTERM), then SIGKILL if it lingers."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGINT)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def prefect_server(tmp_path_factory) -> Iterator[tuple[str, dict[str, str]]]:
    """A fresh Prefect server on a free 127.0.0.1 port with its own PREFECT_HOME; yields (api_url, env)."""
    home = tmp_path_factory.mktemp("prefect-home")
    port = _free_port()
    api_url = f"http://127.0.0.1:{port}/api"
    env = {key: value for key, value in os.environ.items() if not key.startswith("PREFECT_")}
    env.update(
        PREFECT_HOME=str(home), PREFECT_API_URL=api_url, PREFECT_SERVER_ANALYTICS_ENABLED="false",
        PREFECT_LOGGING_LEVEL="INFO", PWD=str(REPO), PYTHONUNBUFFERED="1",
    )
    log = (home / "server.log").open("wb")
    server = subprocess.Popen(
        [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port),
         "--no-ui", "--no-scheduler", "--analytics-off"],
        cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    try:
        deadline = time.monotonic() + SERVER_START_SECONDS
        while True:
            assert server.poll() is None, (home / "server.log").read_text(errors="replace")
            try:
                if httpx.get(f"{api_url}/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "prefect server did not become healthy in time"
            time.sleep(0.5)
        yield api_url, env
    finally:
        _stop(server)
        log.close()


def _prefect(env: dict[str, str], *args: str, timeout: float = COMMAND_SECONDS) -> str:
    done = subprocess.run([sys.executable, "-m", "prefect", *args], cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=timeout)
    assert done.returncode == 0, f"prefect {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def _post(api_url: str, path: str, body: dict[str, object]) -> list[dict[str, object]]:
    response = httpx.post(f"{api_url}/{path}", json=body, timeout=10)
    response.raise_for_status()
    return response.json()


def _utc_day(published: str) -> date:
    return datetime.fromisoformat(published).astimezone(timezone.utc).date()


def test_backfill_deployment_runs_on_a_worker_and_fills_the_warehouse(prefect_server, tmp_path):
    api_url, env = prefect_server
    started = time.monotonic()
    _prefect(env, "work-pool", "create", "hotspots", "--type", "process")
    _prefect(env, "--no-prompt", "deploy", "--all")
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
        output = _prefect(env, "deployment", "run", "backfill/backfill", "--param", f"since={SINCE}",
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
            _stop(worker)
            worker_output = worker.stdout.read() if worker.stdout else ""
    finished = time.monotonic()

    flow_run = httpx.get(f"{api_url}/flow_runs/{flow_run_id}", timeout=10).json()
    assert flow_run["state"]["type"] == "COMPLETED", worker_output
    artifacts = _post(api_url, "artifacts/filter", {"artifacts": {"key": {"any_": ["backfill-progress"]}}})
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
