"""A real Prefect server for tests that run the operator's commands in subprocesses.

`prefect server start` on a free 127.0.0.1 port, SQLite in its own PREFECT_HOME, analytics, UI and scheduler off
(nothing must start a nightly run during a test). Subprocesses get the returned environment, which points them at it.
Starting one takes 10-60 s (it creates its database), so the test session shares a single one: `shared_server`.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import httpx
import pytest

from tests.ports import free_port

REPO = Path(__file__).resolve().parents[2]
START_SECONDS = 120
COMMAND_SECONDS = 120


def stop(process: subprocess.Popen, timeout: float = 20) -> None:
    """SIGINT to the process group we started (Prefect workers ignore SIGTERM), then SIGKILL if it lingers."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGINT)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


@contextmanager
def prefect_server(home: Path) -> Iterator[tuple[str, dict[str, str]]]:
    """Run a server for the block; yields its API URL and an environment for subprocesses that use it."""
    port = free_port()
    api_url = f"http://127.0.0.1:{port}/api"
    env = {key: value for key, value in os.environ.items() if not key.startswith("PREFECT_")}
    env.update(
        PREFECT_HOME=str(home), PREFECT_API_URL=api_url, PREFECT_SERVER_ANALYTICS_ENABLED="false",
        PREFECT_LOGGING_LEVEL="INFO", PWD=str(REPO), PYTHONUNBUFFERED="1",
    )
    log_path = home / "server.log"
    with log_path.open("wb") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port),
             "--no-ui", "--no-scheduler", "--analytics-off"],
            cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
        try:
            _wait_healthy(server, api_url, log_path)
            yield api_url, env
        finally:
            stop(server)


_shared: list[tuple[str, dict[str, str]]] = []


def shared_server(config: pytest.Config, home: Path) -> tuple[str, dict[str, str]]:
    """The session's server, started on first use (with `home` as its PREFECT_HOME) and stopped when pytest ends."""
    if not _shared:
        stack = ExitStack()
        config.add_cleanup(stack.close)
        _shared.append(stack.enter_context(prefect_server(home)))
    return _shared[0]


def _wait_healthy(server: subprocess.Popen, api_url: str, log_path: Path) -> None:
    deadline = time.monotonic() + START_SECONDS
    while True:
        assert server.poll() is None, log_path.read_text(errors="replace")
        try:
            if httpx.get(f"{api_url}/health", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        assert time.monotonic() < deadline, f"prefect server not healthy after {START_SECONDS}s"
        time.sleep(0.5)


def prefect(env: dict[str, str], *args: str, timeout: float = COMMAND_SECONDS) -> str:
    """Run a `prefect` CLI command from the checkout; returns its stdout, fails the test on a non-zero exit."""
    done = subprocess.run([sys.executable, "-m", "prefect", *args], cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=timeout)
    assert done.returncode == 0, f"prefect {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout
