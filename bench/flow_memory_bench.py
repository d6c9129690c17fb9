"""Peak memory of the real ingest flow over N synthetic pages (default 10k): this process and every process it starts.

`bench/pipeline_bench.py` times stages with every page held in memory at once; this runs `flows.ingest.ingest` itself
(discovery, polite fetching, extraction and classification in the process pool, batched loads) over a synthetic site on
127.0.0.1, and samples the peak resident memory (Linux VmHWM) of this process and of its descendants: the forkserver,
the pool workers, the warehouse writer and Prefect's ephemeral API server.

    python bench/flow_memory_bench.py --pages 10000
    python bench/flow_memory_bench.py --pages 10000 --profile dense   (the earlier, event-dense corpus)
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

from bench.synthetic_site import PROFILES, build_site  # noqa: E402
from demo.server import serve_site  # noqa: E402
from flows import writer  # noqa: E402
from flows.ingest import ingest  # noqa: E402
from flows.pipeline import BATCH_SIZE  # noqa: E402
from flows.process_pool import peak_rss_mb  # noqa: E402


class PeakSampler(threading.Thread):
    """Every `interval` seconds, the peak RSS (MB) of this process and each descendant, with its command line."""

    def __init__(self, interval: float = 0.5) -> None:
        super().__init__(daemon=True)
        self.interval = interval
        self.peaks: dict[int, tuple[float, str]] = {}
        self.parents: dict[int, int] = {}
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.wait(self.interval):
            self.sample()

    def stop(self) -> None:
        self._done.set()
        self.join()
        self.sample()

    def sample(self) -> None:
        parents = _parents()
        self.parents.update(parents)
        for pid in [os.getpid(), *_descendants(os.getpid(), parents)]:
            peak = peak_rss_mb(pid)
            if peak is not None and peak >= self.peaks.get(pid, (0.0, ""))[0]:
                self.peaks[pid] = (peak, _cmdline(pid))


def _parents() -> dict[int, int]:
    found: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            found[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    return found


def _descendants(root: int, parents: dict[int, int]) -> list[int]:
    out, frontier = [], [root]
    while frontier:
        children = [pid for pid, parent in parents.items() if parent in frontier]
        out += children
        frontier = children
    return out


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
    except OSError:
        return ""


def _role(pid: int, cmdline: str, parents: dict[int, int]) -> str:
    """Workers are the forkserver's children and share its command line."""
    if pid == os.getpid():
        return "flow (this process)"
    if pid == writer.pid():
        return "warehouse writer"
    if "prefect" in cmdline or "uvicorn" in cmdline:
        return "Prefect API server"
    if "forkserver" in cmdline:
        return "forkserver" if parents.get(pid) == os.getpid() else "pool worker"
    return "other (resource tracker, ...)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--batch-size", type=int, default=BATCH_SIZE,
                        help="the flow's batch_size (default: %(default)s)")
    parser.add_argument("--profile", choices=PROFILES, default=PROFILES[0], help="corpus shape (default: %(default)s)")
    args = parser.parse_args()
    sampler = PeakSampler()
    with tempfile.TemporaryDirectory() as scratch:
        site, db = Path(scratch) / "site", Path(scratch) / "hotspots.duckdb"
        build_site(site, args.pages, profile=args.profile)
        with serve_site(root=site, slow_seconds=0) as base:
            sources = Path(scratch) / "sources.toml"
            sources.write_text(f'[[sources]]\nname = "bench"\nkind = "sitemap"\nurl = "{base}/sitemap.xml"\n'
                               "allow_private = true\n", encoding="utf-8")
            sampler.start()
            started = time.perf_counter()
            summary = ingest(sources=str(sources), db=str(db), host_interval=0.0, batch_size=args.batch_size,
                             publish=False, notify_hotspots=False)
            elapsed = time.perf_counter() - started
            sampler.stop()
    print(f"ingest over {args.pages:,} synthetic pages ({args.profile} profile): {elapsed:.0f} s, status {summary['status']}, "
          f"stored {summary.get('stored', 0):,}, skipped {summary.get('skipped', 0):,}, failed {summary.get('failed', 0):,}")
    by_role: dict[str, list[float]] = {}
    for pid, (peak, cmdline) in sampler.peaks.items():
        by_role.setdefault(_role(pid, cmdline, sampler.parents), []).append(peak)
    for role, peaks in sorted(by_role.items()):
        print(f"peak RSS, {role:30} {max(peaks):6.0f} MB   ({len(peaks)} process{'es' if len(peaks) > 1 else ''})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
