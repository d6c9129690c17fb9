"""Analyst query speed over a large synthetic warehouse (default 1M mentions).

Builds the real schema (migrations included), fills it with SQL-generated articles, mentions and incidents spread over
94 districts, twelve event types and two years, builds the summary tables the loader would have kept, then times the
analysts' main views (best of several runs) and what keeping the summaries adds to one load batch.

    python bench/query_bench.py --mentions 1000000
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from warehouse import store, summaries  # noqa: E402

QUERIES = {
    "district_league (all rows)": "SELECT * FROM district_league",
    "hotspots, latest week": "SELECT * FROM hotspots WHERE week = (SELECT max(week) FROM weeks)",
    "hotspots, flagged anywhere": "SELECT district, week, c2, c3 FROM hotspots WHERE flag_c2 OR flag_c3",
    "district_weekly, one district": "SELECT week, sum(incidents) FROM district_weekly "
                                     "WHERE district = 'usao-ndil' GROUP BY week",
}


def fill(con, mentions: int) -> None:
    """SQL-generated rows: 4 mentions per article, about 1.5 mentions per incident, over 104 weeks."""
    articles = mentions // 4
    con.execute("INSERT INTO runs SELECT 'bench', 'ingest', DATE '2025-01-06', DATE '2025-01-06', '{}', '{}', "
                "'completed'")
    con.execute(
        """
        INSERT INTO articles (article_id, url, source, run_id, title, published_at, fetched_at, text, content_hash,
                              relevance, status)
        SELECT 'a' || i, 'https://news.example/' || i, 'src' || (i % 40), 'bench', 'title',
               DATE '2025-01-06' + (i % 728)::INTEGER, TIMESTAMP '2025-01-06', 'text', 'h' || i, 0.9, 'stored'
        FROM range(?) t(i);
        """,
        [articles],
    )
    con.execute("CREATE TEMP TABLE d AS SELECT row_number() OVER () - 1 AS n, district, state FROM districts")
    con.execute("CREATE TEMP TABLE e AS SELECT row_number() OVER () - 1 AS n, event_type FROM event_types")
    con.execute(
        """
        INSERT INTO incidents (incident_id, event_type, state, district, first_event_date, last_event_date,
                               n_mentions, n_articles, n_sources, lead_article_id, names, merge_reasons)
        SELECT 'i' || i, e.event_type, d.state, d.district, DATE '2025-01-06' + (hash(i) % 728)::INTEGER,
               DATE '2025-01-06' + (hash(i) % 728)::INTEGER, 1, 1, 1, 'a' || (i % ?), [], []
        FROM range(?) t(i) JOIN d ON d.n = hash(i * 7) % 94 JOIN e ON e.n = hash(i * 13) % 12
        """,
        [articles, mentions * 2 // 3],
    )
    con.execute(
        """
        INSERT INTO mentions (mention_id, article_id, event_type, state, district, event_date, confidence, evidence,
                              classifier_version, incident_id)
        SELECT 'm' || i, 'a' || (i % ?), i2.event_type, i2.state, i2.district, i2.first_event_date, 0.8,
               'evidence', 'bench', i2.incident_id
        FROM range(?) t(i) JOIN incidents i2 ON i2.incident_id = 'i' || (i * 2 // 3)
        """,
        [articles, mentions],
    )


BATCH_ARTICLES = 60


def upkeep_ms(con, repeat: int) -> float:
    """Best time `summaries.maintained` adds around a change to one batch's articles and their incidents."""
    article_ids = [f"a{i}" for i in range(BATCH_ARTICLES)]
    incident_ids = [row[0] for row in con.execute(
        "SELECT DISTINCT incident_id FROM mentions WHERE article_id IN (SELECT unnest(?::VARCHAR[]))", [article_ids]
    ).fetchall()]
    timings = []
    for _ in range(repeat):
        begin = time.perf_counter()
        with store.transaction(con), summaries.maintained(con, incident_ids, article_ids):
            pass
        timings.append((time.perf_counter() - begin) * 1000)
    return min(timings)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mentions", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--max-ms", type=float, help="exit 1 if any query's best time is above this")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch, store.open_warehouse(Path(scratch) / "bench.duckdb") as con:
        started = time.perf_counter()
        fill(con, args.mentions)
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("articles", "mentions", "incidents")}
        print(f"filled in {time.perf_counter() - started:.1f} s: " + ", ".join(f"{v:,} {k}" for k, v in counts.items()))
        started = time.perf_counter()
        summaries.rebuild(con)
        print(f"summaries built from scratch in {(time.perf_counter() - started) * 1000:.0f} ms")
        print(f"{'summary upkeep, one batch':34} best {upkeep_ms(con, args.repeat):8.1f} ms   "
              f"({BATCH_ARTICLES} articles' mentions and incidents)")
        worst = 0.0
        for name, sql in QUERIES.items():
            timings = []
            for _ in range(args.repeat):
                begin = time.perf_counter()
                rows = con.execute(sql).fetchall()
                timings.append((time.perf_counter() - begin) * 1000)
            worst = max(worst, min(timings))
            print(f"{name:34} best {min(timings):8.1f} ms   median {sorted(timings)[len(timings) // 2]:8.1f} ms"
                  f"   {len(rows)} rows")
    return 1 if args.max_ms is not None and worst > args.max_ms else 0


if __name__ == "__main__":
    raise SystemExit(main())
