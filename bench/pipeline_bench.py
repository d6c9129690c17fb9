"""Per-stage and end-to-end throughput of the pipeline on a synthetic site served on 127.0.0.1.

Prints, per stage (discover and fetch here; then extract, classify, the fingerprints that dedupe and load, one after
the other in a fresh process, the load with the writer's settings) and end to end (extract + classify + load on all
cores, arranged as the flow arranges them with `flows.pipeline.run_overlapped`: the pool processes the next batches
while the writer process loads the oldest, in the flow's batch size): articles per second, CPU seconds, wall
seconds and peak RSS; then the same pages through a bare `trafilatura.extract` loop on one core as the reference
(in a fresh process, as the pool's workers are), the ratio of the two and the classify+load share of extraction time.
A stage's peak RSS is its process's while it ran (Linux's high-water mark, reset as it starts): discover and fetch in
the bench's process, the single-core stages in theirs (holding what the stages before them made, as the pool's
workers hold one batch), the end to end in the largest of its pool workers and writer; beside it, the process's RSS
as the stage began. The end to end and the reference alternate `--repeat` times (3) and the best of each is compared:
this host's speed drifts by up to a quarter from one minute to the next, and a single pair has ranged over
1.35-1.60x. The content hash and MinHash fingerprint of each article are computed in the pool's workers (they are
pure text work) but serve only the load's deduplication, so the share counts them with the load.

    python bench/pipeline_bench.py --pages 1000
    python bench/pipeline_bench.py --pages 10000
    python bench/pipeline_bench.py --pages 1000 --profile dense
    python bench/pipeline_bench.py --pages 1000 --repeat 1        (one pair: quicker, noisier)

The corpus (`bench/synthetic_site.py`) is shaped like real articles by default; the bench prints its words and events
per article and the classifier's cost per word beside the same figures for the project's four real seed articles.
"""

from __future__ import annotations

import argparse
import gc
import multiprocessing
import os
import resource
import sys
import tempfile
import time
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import trafilatura  # noqa: E402

from bench.synthetic_site import PROFILES, REAL_ARTICLES, build_site  # noqa: E402
from demo.server import serve_site  # noqa: E402
from extractors.article import extract_article  # noqa: E402
from extractors.classify import classify  # noqa: E402
from extractors.fingerprint import fingerprint  # noqa: E402
from extractors.page import PageOutcome, content_hash, warm_up  # noqa: E402
from flows import parallel, writer  # noqa: E402
from flows.pipeline import BATCH_SIZE, IN_FLIGHT, run_overlapped  # noqa: E402
from flows.process_pool import peak_rss_mb, rss_mb  # noqa: E402
from sources.config import SourceConfig  # noqa: E402
from sources.discovery import discover  # noqa: E402
from sources.fetcher import FetchSettings, fetch_pages  # noqa: E402
from sources.models import FetchResult  # noqa: E402
from warehouse import store  # noqa: E402
from warehouse.records import PageRecord  # noqa: E402

@dataclass
class Stage:
    """One measured stage."""

    name: str
    items: int
    wall: float
    cpu: float
    peak_mb: float | None = None  # peak RSS of the process doing the stage, while it did it
    held_mb: float | None = None  # and its RSS as the stage started: what earlier stages left it holding

    @property
    def rate(self) -> float:
        return self.items / self.wall if self.wall else float("inf")


class Clock:
    """Wall and CPU time (this process and finished children) of a block, and this process's peak RSS during it; pool
    workers, children of the forkserver, are not counted, so the end-to-end row's CPU is the main process's share."""

    def __enter__(self) -> Clock:
        _reset_peak_rss()
        self.held_mb = rss_mb(os.getpid())
        self.wall0, self.cpu0 = time.perf_counter(), _cpu()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall, self.cpu = time.perf_counter() - self.wall0, _cpu() - self.cpu0
        self.peak_mb = peak_rss_mb(os.getpid())

    def stage(self, name: str, items: int) -> Stage:
        """This block's figures as the stage `name` over `items` items."""
        return Stage(name, items, self.wall, self.cpu, self.peak_mb, self.held_mb)


def _reset_peak_rss() -> None:
    """Start this process's high-water mark of resident memory afresh from what it holds now (Linux: "5" written to
    /proc/self/clear_refs), so the next reading is one stage's peak, not the largest of every stage so far."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as clear_refs:
            clear_refs.write("5")
    except OSError:
        pass  # not Linux, or not allowed: the peak reads as the process's so far


def _cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def page_records(results: list[FetchResult], outcomes: list[PageOutcome]) -> list[PageRecord]:
    """What the flow hands the writer for these fetched pages and their outcomes."""
    now = datetime.now()
    return [
        PageRecord(r.url_hash, r.url, r.source, o.state, o.reason, r.http_status, r.attempts, now,
                   article=o.article, classification=o.classification, content_hash=o.content_hash,
                   fingerprint=o.fingerprint)
        for r, o in zip(results, outcomes)
    ]


def _load(db: Path, records: list[PageRecord], batch_size: int) -> None:
    """As the writer loads a run: with its settings, batch after batch through one `store.RunLoader`, clustered at
    the end."""
    with store.open_warehouse(db) as con:
        writer.configure(con)
        loader = store.RunLoader(con, store.start_run(con, "bench", {}))
        for start in range(0, len(records), batch_size):
            loader.load(records[start : start + batch_size])
        loader.cluster()


def _process(batch: list[FetchResult]) -> list[PageRecord]:
    return page_records(batch, parallel.process_pages([(r.body or b"", r.url, None) for r in batch]))


def _end_to_end(db: Path, fetched: list[FetchResult], batch_size: int) -> Stage:
    """As the flow does (`flows.pipeline.run_overlapped`): the pool processes the next batches while the writer process
    loads the oldest. A new pool and writer are started before the clock, as they are once per run (workers that had
    processed these pages in an earlier repeat would find their lines in the boilerplate pass's caches), and stopped
    after it, their peak memory recorded."""
    with store.open_warehouse(db) as con:
        run_id = store.start_run(con, "bench", {})
    parallel.process_pages([(b"<html></html>", None, None)] * parallel.workers() * 8)
    writer.load(str(db), run_id, [])
    batches = [fetched[start : start + batch_size] for start in range(0, len(fetched), batch_size)]
    with Clock() as clock, ThreadPoolExecutor(max_workers=IN_FLIGHT + 1) as threads:

        def start(batch: list[FetchResult]) -> Future[list[PageRecord]]:
            return threads.submit(_process, batch)

        run_overlapped(batches, start, lambda records: writer.load(str(db), run_id, records))
        writer.release()
    peaks = [*parallel.worker_peak_rss_mb(), peak_rss_mb(writer.pid() or 0)]  # no process 0: None if never started
    parallel.shutdown()
    writer.shutdown()
    return Stage(f"end to end: extract+classify+load, {parallel.workers()} workers + writer", len(fetched), clock.wall,
                 clock.cpu, max((peak for peak in peaks if peak is not None), default=None))


def _served(site: Path, url: str) -> bytes:
    """The file of the site directory that the local server sent for `url`."""
    return (site / urlsplit(url).path.lstrip("/")).read_bytes()


def _bare_trafilatura(site: Path, urls: list[str]) -> Stage:
    """A bare `trafilatura.extract` loop over the served files of these URLs."""
    bodies = [(_served(site, url), url) for url in urls]
    trafilatura.extract(*bodies[0])  # what a first call sets up is not a per-page cost
    with Clock() as clock:
        for body, url in bodies:
            trafilatura.extract(body, url=url)
    return clock.stage("reference: bare trafilatura.extract, 1 core", len(bodies))


def _reference(site: Path, urls: list[str]) -> Stage:
    """The reference loop in a fresh process, as fresh as the pool's workers: in this one, which holds every fetched
    page, the same loop ran 1.6 times slower at 10,000 pages (a larger, fragmented heap), which flattered the ratio."""
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as child:
        return child.submit(_bare_trafilatura, site, urls).result()


def _single_core_stages(
    workdir: Path, site: Path, fetched: list[FetchResult], batch_size: int
) -> tuple[list[Stage], dict[str, float]]:
    """Extract, classify, fingerprint and load, each on its own, in a fresh process reading the served files. In this
    one, which holds every fetched page, extraction measured 4.55 ms/page at 10,000 pages, against 4.30 in a fresh one
    (one run each): the larger extraction time flattered the share.

    Each stage starts with what earlier stages left frozen out of the garbage collector (`gc.freeze`), as the pool's
    workers and the writer start with their modules frozen and hold one batch: otherwise each collection walks every
    article and record the bench holds. Loading 10,000 news pages with all their records live cost 1.36 ms/page,
    1.08 with them frozen (one run each)."""
    without_bodies = [replace(result, body=None) for result in fetched]
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as child:
        return child.submit(_stages_here, workdir, site, without_bodies, batch_size).result()


def _stage_clock() -> Clock:
    """A clock for one single-core stage, started with what earlier stages left frozen (see `_single_core_stages`)."""
    gc.freeze()
    return Clock()


def _stages_here(
    workdir: Path, site: Path, results: list[FetchResult], batch_size: int
) -> tuple[list[Stage], dict[str, float]]:
    """`_single_core_stages` in this process."""
    bodies = [(_served(site, r.url), r.url) for r in results]
    warm_up()  # as the pool's forkserver does: what first calls set up is not a per-page cost
    stages: list[Stage] = []
    with _stage_clock() as clock:
        articles = [extract_article(body, url=url) for body, url in bodies]
    stages.append(clock.stage("extract (1 core)", len(articles)))
    with _stage_clock() as clock:
        verdicts = [classify(a.text, title=a.title, published=a.published) for a in articles]
    stages.append(clock.stage("classify (1 core)", len(verdicts)))
    words = sum(len(a.text.split()) for a in articles)
    corpus = {"words per article": words / len(articles),
              "events per article": sum(len(v.events) for v in verdicts) / len(verdicts),
              "classify us per word": stages[-1].cpu / words * 1e6}
    with _stage_clock() as clock:
        prints = [(content_hash(a.text), fingerprint(a.text)) for a in articles]
    stages.append(clock.stage("fingerprint for dedupe (1 core)", len(prints)))
    outcomes = [PageOutcome("stored" if v.relevant else "skipped", None, a, v, *p)
                for a, v, p in zip(articles, verdicts, prints)]
    records = page_records(results, outcomes)
    with _stage_clock() as clock:
        _load(workdir / "stages.duckdb", records, batch_size)
    stages.append(clock.stage("load", len(outcomes)))
    # Frozen objects are never collected, not even at exit, where DuckDB's bindings then report every object of theirs
    # still alive as leaked: some 60 lines of noise on stderr.
    gc.unfreeze()
    return stages, corpus


def run(
    pages: int, workdir: Path, profile: str, batch_size: int, repeat: int = 1
) -> tuple[list[Stage], dict[str, float], list[tuple[Stage, Stage]]]:
    """Build, serve and push `pages` synthetic pages through every stage; returns the measurements (the best end to end
    and reference of `repeat` runs each), the corpus's figures comparable with `REAL_ARTICLES`, and every (end to end,
    reference) pair in the order run."""
    site = workdir / "site"
    build_site(site, pages, profile=profile)
    stages: list[Stage] = []
    with serve_site(root=site, slow_seconds=0) as base:
        config = SourceConfig(name="bench", kind="sitemap", url=f"{base}/sitemap.xml", allow_private=True)
        settings = FetchSettings(min_host_interval=0.0, per_host_concurrency=2)
        with Clock() as clock:
            candidates, _ = discover([config], {}, None, None, settings)
        stages.append(clock.stage("discover", len(candidates)))
        with Clock() as clock:
            results = fetch_pages(candidates, {"bench": config}, settings)
        stages.append(clock.stage("fetch", len(results)))
    fetched = [r for r in results if r.body]
    single_core, corpus = _single_core_stages(workdir, site, fetched, batch_size)
    stages += single_core
    # The host's speed drifts from one minute to the next (by up to a quarter here), so the end-to-end run and the
    # reference alternate, `repeat` times each, and the best of each is compared.
    pairs = [(_end_to_end(workdir / f"e2e-{attempt}.duckdb", fetched, batch_size),
              _reference(site, [r.url for r in fetched])) for attempt in range(repeat)]
    stages += [min((pair[0] for pair in pairs), key=lambda stage: stage.wall),
               min((pair[1] for pair in pairs), key=lambda stage: stage.wall)]
    return stages, corpus, pairs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--profile", choices=PROFILES, default=PROFILES[0], help="corpus shape (default: %(default)s)")
    parser.add_argument("--batch-size", type=int, default=BATCH_SIZE,
                        help="pages per processed and loaded batch, as the flow's batch_size (default: %(default)s)")
    parser.add_argument("--repeat", type=int, default=3,
                        help="end-to-end and reference runs, alternating; the best of each is compared (default: "
                             "%(default)s)")
    args = parser.parse_args()
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    with tempfile.TemporaryDirectory() as scratch:
        stages, corpus, pairs = run(args.pages, Path(scratch), args.profile, args.batch_size, args.repeat)
    by_name = {s.name.split(" ")[0]: s for s in stages}
    print(f"{args.pages} synthetic pages ({args.profile} profile) on {os.cpu_count()} cores, "
          f"{args.batch_size}-page batches")
    for figure, value in corpus.items():
        print(f"  {figure}: {value:.2f} (the four real seed articles: {REAL_ARTICLES[figure]:.2f})")
    print(f"{'stage':55} {'items':>7} {'items/s':>9} {'wall s':>8} {'cpu s':>8} {'peak MB':>8} {'held MB':>8}")
    for stage in stages:
        peak, held = (f"{mb:8.0f}" if mb is not None else f"{'-':>8}" for mb in (stage.peak_mb, stage.held_mb))
        print(f"{stage.name:55} {stage.items:7d} {stage.rate:9.1f} {stage.wall:8.2f} {stage.cpu:8.2f} {peak} {held}")
    e2e, reference = by_name["end"], by_name["reference:"]
    extract, classify_, prints, load = by_name["extract"], by_name["classify"], by_name["fingerprint"], by_name["load"]
    print("runs in order, end to end / reference, pages/s: "
          + ", ".join(f"{e2e_run.rate:.1f} / {reference_run.rate:.1f}" for e2e_run, reference_run in pairs))
    print(f"end-to-end throughput / bare trafilatura (1 core), best of {len(pairs)} each: "
          f"{e2e.rate / reference.rate:.2f}x")
    print(f"classify + load time / extract time: {(classify_.cpu + prints.cpu + load.cpu) / extract.cpu:.1%}"
          " (load with the fingerprints it dedupes by)")
    print("peak MB: the peak RSS of the process doing the stage, while it did: this one for discover and fetch, a "
          "fresh one for the single-core stages and the reference, the largest pool worker or the writer end to end. "
          "held MB: that process's RSS as the stage began. The bench's processes hold every page at once (and the "
          "single-core stages what each stage made of them), as a flow, a batch at a time, does not: a flow's own "
          "processes are measured by bench/flow_memory_bench.py")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
