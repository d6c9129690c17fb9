"""How long a nightly run takes when nothing is new: a sitemap of N URLs, all already in a warehouse of N seen URLs.

Prefect's own start-up (its ephemeral API) is paid first by a trivial flow, so the figure printed is the ingest run
alone: discovery, the seen-check over N candidates, the run's bookkeeping, hotspot refresh and snapshot publish.

    python bench/nightly_noop_bench.py --seen 100000
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

from prefect import flow  # noqa: E402

from demo.server import serve_site  # noqa: E402
from flows.ingest import ingest  # noqa: E402
from sources.canonical import canonicalize, url_hash  # noqa: E402
from warehouse import store  # noqa: E402
from warehouse.bulk import INT, MOMENT, TEXT, insert_rows  # noqa: E402


@flow
def _warm_up() -> None:
    """Start Prefect's API before timing."""


def _site(root: Path, urls: int, per_file: int = 5000) -> None:
    """A sitemap index over child sitemaps of `per_file` URLs (real sites split theirs the same way)."""
    children = []
    for number, start in enumerate(range(0, urls, per_file)):
        entries = "\n".join(f"<url><loc>{{{{BASE}}}}/news/{i}.html</loc></url>"
                            for i in range(start, min(start + per_file, urls)))
        (root / f"sitemap-{number}.xml").write_text(
            f'<?xml version="1.0"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{entries}\n'
            "</urlset>\n", encoding="utf-8")
        children.append(f"<sitemap><loc>{{{{BASE}}}}/sitemap-{number}.xml</loc></sitemap>")
    (root / "sitemap.xml").write_text(
        '<?xml version="1.0"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        + "\n".join(children) + "\n</sitemapindex>\n", encoding="utf-8")


def _seen(db: Path, base: str, urls: int) -> None:
    """Mark every sitemap URL as already stored (as earlier nights would have)."""
    with store.open_warehouse(db) as con:
        rows = []
        for i in range(urls):
            url = canonicalize(f"{base}/news/{i}.html")
            rows.append((url_hash(url), url, "bench", "old", "old", 200, "stored", None, 1, None))
        columns = {"url_hash": TEXT, "url": TEXT, "source": TEXT, "first_run_id": TEXT, "last_run_id": TEXT,
                   "http_status": INT, "state": TEXT, "reason": TEXT, "attempts": INT, "updated_at": MOMENT}
        insert_rows(con, "fetch_log", columns, [(*r[:-1], store.utc_now()) for r in rows])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seen", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        root, db = Path(scratch) / "site", Path(scratch) / "hotspots.duckdb"
        root.mkdir()
        _site(root, args.seen)
        with serve_site(root=root, slow_seconds=0) as base:
            _seen(db, base, args.seen)
            sources = Path(scratch) / "sources.toml"
            sources.write_text(f'[[sources]]\nname = "bench"\nkind = "sitemap"\nurl = "{base}/sitemap.xml"\n'
                               "allow_private = true\n", encoding="utf-8")
            started = time.perf_counter()
            _warm_up()
            warm = time.perf_counter() - started
            started = time.perf_counter()
            summary = ingest(sources=str(sources), db=str(db), host_interval=0.0)
            elapsed = time.perf_counter() - started
    print(f"Prefect start-up (trivial flow): {warm:.1f} s")
    print(f"nightly run over {args.seen:,} seen URLs: {elapsed:.2f} s; discovered {summary['discovered']:,}, "
          f"new {summary['new']}, status {summary['status']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
