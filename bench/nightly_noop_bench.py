"""How long a nightly run takes when nothing is new: a sitemap of N URLs, all already in a warehouse of N seen URLs.

Prefect's own start-up (its ephemeral API) is paid first by a trivial flow, so the figure printed is the ingest run
alone: discovery, the seen-check over N candidates, the run's bookkeeping, hotspot refresh and snapshot publish.
The warehouse holds what N stored pages leave behind, not only their URLs: an article each (13 paragraphs of
`bench/background.jsonl`, about 910 words), its 32 LSH rows and MinHash signature, and five mentions with their
incidents, since the snapshot the run publishes copies all of it. Before each timed run the sitemap index is
rewritten, as a site's is every night, so the run reads all N URLs again rather than stopping at an unchanged index.

    python bench/nightly_noop_bench.py --seen 100000
    python bench/nightly_noop_bench.py --seen 100000 --old-format

`--old-format` seeds the warehouse in DuckDB 2.0's storage format, as the store wrote files before it chose 1.5's,
times the run, converts the file with `hotspots upgrade-storage`'s function and times the run again.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BACKGROUND = ROOT / "bench" / "background.jsonl"
sys.path.insert(0, str(ROOT))
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

import duckdb  # noqa: E402
from prefect import flow  # noqa: E402

from demo.server import serve_site  # noqa: E402
from flows.ingest import ingest  # noqa: E402
from sources.canonical import canonicalize, url_hash  # noqa: E402
from warehouse import storage_format, store, summaries  # noqa: E402
from warehouse.bulk import INT, MOMENT, TEXT, insert_rows  # noqa: E402


@flow
def _warm_up() -> None:
    """Start Prefect's API before timing."""


def _site(root: Path, urls: int, per_file: int = 5000) -> None:
    """A sitemap index over child sitemaps of `per_file` URLs (real sites split theirs the same way)."""
    for number, start in enumerate(range(0, urls, per_file)):
        entries = "\n".join(f"<url><loc>{{{{BASE}}}}/news/{i}.html</loc></url>"
                            for i in range(start, min(start + per_file, urls)))
        (root / f"sitemap-{number}.xml").write_text(
            f'<?xml version="1.0"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{entries}\n'
            "</urlset>\n", encoding="utf-8")


def _new_night(root: Path, night: int) -> None:
    """Rewrite the sitemap index as a site does every night, so the run reads it and every child again: an index
    unchanged since the last run is a 304 or an identical body, and the run skips all its URLs without a look."""
    children = sorted(root.glob("sitemap-*.xml"), key=lambda path: int(path.stem.split("-")[1]))
    entries = "\n".join(f"<sitemap><loc>{{{{BASE}}}}/{child.name}</loc></sitemap>" for child in children)
    (root / "sitemap.xml").write_text(
        f'<?xml version="1.0"?>\n<!-- night {night} -->\n'
        f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{entries}\n</sitemapindex>\n',
        encoding="utf-8")


def _seen(db: Path, base: str, urls: int, old_format: bool) -> None:
    """Mark every sitemap URL as already stored (as earlier nights would have), with the rows storing it left."""
    if old_format:
        duckdb.connect(str(db)).close()  # created without the store's STORAGE_VERSION: DuckDB's own format
    with store.open_warehouse(db) as con:
        rows = []
        for i in range(urls):
            url = canonicalize(f"{base}/news/{i}.html")
            rows.append((url_hash(url), url, "bench", "old", "old", 200, "stored", None, 1, None))
        columns = {"url_hash": TEXT, "url": TEXT, "source": TEXT, "first_run_id": TEXT, "last_run_id": TEXT,
                   "http_status": INT, "state": TEXT, "reason": TEXT, "attempts": INT, "updated_at": MOMENT}
        insert_rows(con, "fetch_log", columns, [(*r[:-1], store.utc_now()) for r in rows])
        _stored(con)


def _stored(con: duckdb.DuckDBPyConnection) -> None:
    """An article per stored URL (text of 13 background paragraphs picked by hash, so no two are alike), its LSH
    rows and signature, five mentions and an incident for each, over 300 days; generated in SQL, in seconds."""
    paragraphs = [json.loads(line)["text"] for line in BACKGROUND.read_text(encoding="utf-8").splitlines()]
    con.execute(
        """
        INSERT INTO articles (article_id, url, source, run_id, title, published_at, fetched_at, site_name, language,
                              text, content_hash, relevance, status)
        SELECT f.url_hash, f.url, 'bench', 'old', 'Story ' || f.url_hash,
               DATE '2026-01-05' + CAST(hash(f.url_hash) % 300 AS INTEGER), TIMESTAMP '2026-11-01', 'Bench Courier',
               'en', array_to_string(list_transform(
                   range(13), lambda i: $1[1 + CAST(hash(f.url_hash, i) % len($1) AS INTEGER)]), chr(10) || chr(10)),
               md5(f.url_hash), 0.9, 'stored'
        FROM fetch_log f
        """,
        [paragraphs],
    )
    con.execute(
        """
        INSERT INTO article_lsh SELECT article_id, band, CAST(hash(article_id, band) // 2 AS BIGINT), published_at
        FROM articles, range(32) AS b(band)
        """
    )
    con.execute("INSERT INTO article_signatures SELECT article_id, published_at, unhex(repeat(md5(article_id), 12))"
                " FROM articles")
    con.execute(
        """
        INSERT INTO mentions (mention_id, article_id, event_type, state, district, event_date, confidence, evidence,
                              classifier_version)
        SELECT md5(article_id || n), article_id, 'ice_arrest', 'TX', 'usao-txw', published_at, 0.8,
               split_part(text, '. ', n + 1) || '.', 'bench'
        FROM articles, range(5) AS m(n)
        """
    )
    # Each mention its own incident, as the loader leaves them clustered (a run clusters only mentions without one).
    con.execute(
        """
        INSERT INTO incidents (incident_id, event_type, state, district, first_event_date, last_event_date, first_seen,
                               last_seen, n_mentions, n_articles, n_sources, lead_article_id, names, merge_reasons,
                               created_run_id, updated_run_id)
        SELECT mention_id, event_type, state, district, event_date, event_date, TIMESTAMP '2026-11-01',
               TIMESTAMP '2026-11-01', 1, 1, 1, article_id, [], [mention_id || ': first report'], 'old', 'old'
        FROM mentions
        """
    )
    con.execute("UPDATE mentions SET incident_id = mention_id")
    summaries.rebuild(con)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seen", type=int, default=100_000)
    parser.add_argument("--old-format", action="store_true", help="seed in DuckDB 2.0's format; upgrade; run again")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        root, db = Path(scratch) / "site", Path(scratch) / "hotspots.duckdb"
        root.mkdir()
        _site(root, args.seen)
        with serve_site(root=root, slow_seconds=0) as base:
            _seen(db, base, args.seen, args.old_format)
            sources = Path(scratch) / "sources.toml"
            sources.write_text(f'[[sources]]\nname = "bench"\nkind = "sitemap"\nurl = "{base}/sitemap.xml"\n'
                               "allow_private = true\n", encoding="utf-8")
            started = time.perf_counter()
            _warm_up()
            warm = time.perf_counter() - started
            _new_night(root, 1)
            started = time.perf_counter()
            summary = ingest(sources=str(sources), db=str(db), host_interval=0.0)
            elapsed = time.perf_counter() - started
            if args.old_format:
                started = time.perf_counter()
                upgraded = storage_format.upgrade(db)
                upgrade_seconds = time.perf_counter() - started
                upgraded.backup.unlink()
                _new_night(root, 2)
                started = time.perf_counter()
                ingest(sources=str(sources), db=str(db), host_interval=0.0)
                after_upgrade = time.perf_counter() - started
            with duckdb.connect(str(db), read_only=True) as con:
                articles, mentions = con.execute(
                    "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM mentions)").fetchone()
            sizes = db.stat().st_size / 1e6, store.snapshot_path(db).stat().st_size / 1e6
    print(f"Prefect start-up (trivial flow): {warm:.1f} s")
    print(f"warehouse: {articles:,} articles, {mentions:,} mentions, {sizes[0]:.0f} MB; snapshot {sizes[1]:.0f} MB")
    print(f"nightly run over {args.seen:,} seen URLs: {elapsed:.2f} s; discovered {summary['discovered']:,}, "
          f"new {summary['new']}, status {summary['status']}")
    if args.old_format:
        print(f"  the warehouse was in the {upgraded.previous_version} format; upgrade-storage took "
              f"{upgrade_seconds:.2f} s; the same run after it: {after_upgrade:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
