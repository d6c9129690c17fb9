"""Does loading slow down as the warehouse grows? The writer's cost per page, block by block, over a long backfill.

Builds `--pages` synthetic news pages (`bench/synthetic_site.py`, in memory, no site on disk), processes them on the
flow's process pool, then loads them batch by batch as the writer does (one process, the writer's settings, one
`store.RunLoader`, the flow's batch size unless `--batch-size` says otherwise) into a fresh warehouse, and prints the
CPU milliseconds per page of each block of about `--block` pages. A year of backfill is hundreds of thousands of
pages: a load whose cost grew with the warehouse would end up slower than extraction.

`--order published` loads the pages sorted by publication day, as a backfill over successive date ranges meets them;
the default keeps the site's order, whose days are random over 300 days, so every batch spans the year and the copy
lookup's 30-day window prunes nothing (the worst case).

    python bench/load_growth_bench.py --pages 40000
    python bench/load_growth_bench.py --pages 40000 --order published
"""

from __future__ import annotations

import argparse
import gc
import resource
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.pipeline_bench import page_records  # noqa: E402
from bench.synthetic_site import generate_pages  # noqa: E402
from flows import parallel, writer  # noqa: E402
from flows.pipeline import BATCH_SIZE  # noqa: E402
from sources.canonical import url_hash  # noqa: E402
from sources.models import FetchResult  # noqa: E402
from warehouse import store  # noqa: E402
from warehouse.records import PageRecord  # noqa: E402

PROCESS_CHUNK = 1_000  # pages held as HTML at once while the corpus is processed


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def build_records(pages: int) -> list[PageRecord]:
    """The writer's input for `pages` synthetic news pages, processed on the pool a chunk at a time."""
    records: list[PageRecord] = []
    chunk: list[FetchResult] = []
    for number, (path, page, _) in enumerate(generate_pages(pages), start=1):
        url = f"http://127.0.0.1/{path.lstrip('/')}"
        chunk.append(FetchResult(url, url_hash(url), "bench", url, 200, "text/html", page.encode(), "fetched", None, 1))
        if len(chunk) == PROCESS_CHUNK or number == pages:
            records += page_records(chunk, parallel.process_pages([(r.body or b"", r.url, None) for r in chunk]))
            chunk = []
            print(f"\rprocessed {number:,} of {pages:,} pages", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    parallel.shutdown()
    return records


def _day(record: PageRecord) -> date:
    return record.article.published if record.article and record.article.published else date.min


def load_in_blocks(
    records: list[PageRecord], block: int, db: Path, batch_size: int = BATCH_SIZE
) -> list[tuple[int, float, float]]:
    """Load the records `batch_size` at a time; per block of at least `block` pages: pages loaded so far, CPU and wall
    milliseconds per page."""
    figures: list[tuple[int, float, float]] = []
    gc.freeze()  # as the writer starts: what is already held is not walked by every collection
    with store.open_warehouse(db) as con:
        writer.configure(con)
        loader = store.RunLoader(con, store.start_run(con, "bench", {}))
        cpu0, wall0, since = _cpu(), time.perf_counter(), 0
        for start in range(0, len(records), batch_size):
            loader.load(records[start : start + batch_size])
            done = min(start + batch_size, len(records))
            if done - since >= block or done == len(records):
                cpu1, wall1 = _cpu(), time.perf_counter()
                figures.append((done, 1000 * (cpu1 - cpu0) / (done - since), 1000 * (wall1 - wall0) / (done - since)))
                print(f"{done:>9,} {figures[-1][1]:>12.2f} {figures[-1][2]:>13.2f}", flush=True)
                cpu0, wall0, since = cpu1, wall1, done
        loader.cluster()
    gc.unfreeze()
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=40_000)
    parser.add_argument("--block", type=int, default=5_000, help="pages per printed figure (default: %(default)s)")
    parser.add_argument("--order", choices=("site", "published"), default="site",
                        help="load order: the site's (random days) or by publication day (default: %(default)s)")
    parser.add_argument("--batch-size", type=int, default=BATCH_SIZE,
                        help="pages per load, as the flow's batch_size (default: %(default)s)")
    args = parser.parse_args()
    if args.pages < 1 or args.batch_size < 1 or args.block < args.batch_size:
        parser.error("--pages and --batch-size must be at least 1, and --block at least the batch size")
    records = build_records(args.pages)
    if args.order == "published":
        records.sort(key=_day)
    print(f"{'pages':>9} {'cpu ms/page':>12} {'wall ms/page':>13}   (each block's pages, loaded in {args.order} order)")
    with tempfile.TemporaryDirectory() as workdir:
        figures = load_in_blocks(records, args.block, Path(workdir) / "growth.duckdb", args.batch_size)
    first, last = figures[0][1], figures[-1][1]
    print(f"last block / first block, CPU per page: {last / first:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
