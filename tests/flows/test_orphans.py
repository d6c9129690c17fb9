"""A flow process killed outright (SIGKILL) leaves no pool worker, writer or forkserver behind: they exit on their own
within seconds instead of waiting for ever on their task queues."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.deploy.prefect_server import REPO

RUN = """
import os, sys, time
from multiprocessing import forkserver
from flows import parallel, writer
from tests.flows.test_parallel import ARTICLE
from tests.warehouse.records import page
from warehouse import store

db = sys.argv[1]
with store.open_warehouse(db) as con:
    run_id = store.start_run(con, "ingest", {})
parallel.process_pages([(ARTICLE.format(n=n).encode(), None, None) for n in range(2, 14)])
writer.load(db, run_id, [page("p1", "Agents detained a man outside a courthouse in Portland, Oregon, on Tuesday.")])
pids = [*parallel._POOL.pids(), writer.pid(), forkserver._forkserver._forkserver_pid]
print(" ".join(map(str, pids)), flush=True)
time.sleep(120)
"""


def _running(pid: int) -> bool:
    """Alive and not a zombie (an exited child nobody has reaped yet counts as gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"


def test_workers_writer_and_forkserver_exit_when_the_flow_is_killed(tmp_path: Path) -> None:
    env = {**os.environ, "HOTSPOTS_WORKERS": "2"}
    flow = subprocess.Popen([sys.executable, "-c", RUN, str(tmp_path / "w.duckdb")], cwd=REPO, env=env,
                            stdout=subprocess.PIPE, text=True)
    try:
        pids = [int(pid) for pid in (flow.stdout.readline() if flow.stdout else "").split()]
        assert len(pids) == 4 and all(_running(pid) for pid in pids)
    finally:
        flow.send_signal(signal.SIGKILL)
        flow.wait()
    deadline = time.monotonic() + 15
    while any(map(_running, pids)) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert [pid for pid in pids if _running(pid)] == []
