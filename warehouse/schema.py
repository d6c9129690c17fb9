"""Warehouse schema, created and migrated by code.

Each entry of `MIGRATIONS` moves the database from version N-1 to N; `migrate()` applies the missing ones in one
transaction each, so a database made by any earlier release upgrades in place.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Union

import duckdb

from warehouse import summaries
from warehouse.comments import apply_comments
from warehouse.reference import DISTRICTS_CSV, EVENT_TYPES

# An article row's day: the date it was published, else the day it was fetched. The coverage view, clustering, the
# near-duplicate index and reclassify's --since all read this one day, so they spell it alike.
ARTICLE_DAY = "coalesce(published_at, fetched_at::DATE)"

_V1 = """
CREATE TABLE schema_version (
    version INTEGER PRIMARY KEY,
    applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);
CREATE TABLE sources (
    name VARCHAR PRIMARY KEY,
    kind VARCHAR NOT NULL,
    url VARCHAR NOT NULL,
    etag VARCHAR,
    last_modified VARCHAR,
    body_hash VARCHAR,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    disabled BOOLEAN NOT NULL DEFAULT false,
    last_fetch_at TIMESTAMP,
    last_http_status INTEGER,
    last_items INTEGER,
    last_new_items INTEGER,
    last_error VARCHAR
);
CREATE TABLE runs (
    run_id VARCHAR PRIMARY KEY,
    flow VARCHAR NOT NULL,
    started_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    parameters JSON,
    counts JSON,
    status VARCHAR NOT NULL
);
CREATE TABLE fetch_log (
    url_hash VARCHAR PRIMARY KEY,
    url VARCHAR NOT NULL,
    source VARCHAR NOT NULL,
    first_run_id VARCHAR NOT NULL,
    last_run_id VARCHAR NOT NULL,
    http_status INTEGER,
    state VARCHAR NOT NULL CHECK (state IN ('stored', 'duplicate', 'skipped', 'failed')),
    reason VARCHAR,
    attempts INTEGER NOT NULL DEFAULT 0,
    updated_at TIMESTAMP NOT NULL
);
CREATE TABLE articles (
    article_id VARCHAR PRIMARY KEY,
    url VARCHAR NOT NULL UNIQUE,
    source VARCHAR NOT NULL,
    run_id VARCHAR NOT NULL,
    title VARCHAR,
    published_at DATE,
    feed_published_at TIMESTAMP,
    fetched_at TIMESTAMP NOT NULL,
    site_name VARCHAR,
    authors VARCHAR[],
    language VARCHAR,
    text VARCHAR NOT NULL,
    content_hash VARCHAR NOT NULL,
    relevance DOUBLE,
    duplicate_of VARCHAR,
    status VARCHAR NOT NULL
);
CREATE TABLE mentions (
    mention_id VARCHAR PRIMARY KEY,
    article_id VARCHAR NOT NULL,
    event_type VARCHAR NOT NULL,
    state VARCHAR,
    district VARCHAR,
    place VARCHAR,
    precision VARCHAR,
    event_date DATE,
    date_source VARCHAR,
    confidence DOUBLE NOT NULL,
    evidence VARCHAR NOT NULL,
    classifier_version VARCHAR NOT NULL
);
CREATE TABLE backfill_windows (
    sources_key VARCHAR NOT NULL,
    window_start DATE NOT NULL,
    window_end DATE NOT NULL,
    run_id VARCHAR NOT NULL,
    status VARCHAR NOT NULL,
    counts JSON,
    completed_at TIMESTAMP,
    PRIMARY KEY (sources_key, window_start)
);
CREATE INDEX mentions_article ON mentions (article_id);
CREATE INDEX articles_content_hash ON articles (content_hash);
"""

_V1_VIEWS = """
CREATE OR REPLACE VIEW counted_mentions AS
    SELECT m.*, a.url, a.source, a.published_at,
           date_trunc('week', coalesce(m.event_date, a.published_at))::DATE AS week
    FROM mentions m JOIN articles a USING (article_id)
    WHERE a.duplicate_of IS NULL;

CREATE OR REPLACE VIEW district_weekly AS
    SELECT district, week, event_type,
           count(*) AS mentions,
           count(DISTINCT article_id) AS articles
    FROM counted_mentions
    WHERE district IS NOT NULL
    GROUP BY ALL;

CREATE OR REPLACE VIEW district_league AS
    SELECT district,
           any_value(state) AS state,
           count(*) FILTER (event_type = 'federal_charge') AS federal_charge,
           count(*) FILTER (event_type = 'federal_declination') AS federal_declination,
           count(*) FILTER (event_type = 'case_resolution') AS case_resolution,
           count(*) FILTER (event_type = 'state_action_against_agents') AS state_action_against_agents,
           count(*) FILTER (event_type = 'court_ruling') AS court_ruling,
           count(*) FILTER (event_type = 'legislation_policy') AS legislation_policy,
           count(*) FILTER (event_type = 'use_of_force') AS use_of_force,
           count(*) FILTER (event_type = 'enforcement_operation') AS enforcement_operation,
           count(*) FILTER (event_type = 'protest') AS protest,
           count(*) FILTER (event_type = 'threat_of_prosecution') AS threat_of_prosecution,
           count(*) FILTER (event_type = 'resignation') AS resignation,
           count(*) FILTER (event_type = 'civil_lawsuit') AS civil_lawsuit,
           count(*) AS mentions,
           count(DISTINCT article_id) AS articles
    FROM counted_mentions
    WHERE district IS NOT NULL
    GROUP BY district
    ORDER BY federal_charge + federal_declination DESC, federal_charge DESC, mentions DESC, district;
"""

# EARS-style weekly rules behind the `hotspots` view; recorded with every flag in `hotspot_flags.parameters`.
HOTSPOT_RULES: dict[str, float] = {
    "baseline_weeks": 7,  # weeks t-9 .. t-3 (EARS C2 baseline)
    "guard_weeks": 2,  # weeks t-1, t-2 left out so a rising outbreak does not hide itself
    "min_sigma": 1.0,  # incidents/week: a quiet district's sd of 0 must not turn one incident into a spike
    "min_baseline_weeks": 3,  # covered baseline weeks needed before a district-week is scored
    "min_incidents": 3,  # a hotspot week has at least this many incidents
    "c2_threshold": 3.0,
    "c3_threshold": 2.0,
    "min_ratio": 2.0,  # observed / expected, expected scaled by the national (other districts') surge
    "min_expected": 0.5,
}

_V2 = """
CREATE TABLE districts (
    district VARCHAR PRIMARY KEY,
    state VARCHAR NOT NULL,
    state_name VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    short_name VARCHAR NOT NULL
);
CREATE TABLE event_types (
    event_type VARCHAR PRIMARY KEY,
    ordinal INTEGER NOT NULL
);
CREATE TABLE source_runs (
    run_id VARCHAR NOT NULL,
    source VARCHAR NOT NULL,
    day DATE NOT NULL,
    discovered INTEGER NOT NULL DEFAULT 0,
    new INTEGER NOT NULL DEFAULT 0,
    fetched INTEGER NOT NULL DEFAULT 0,
    stored INTEGER NOT NULL DEFAULT 0,
    duplicate INTEGER NOT NULL DEFAULT 0,
    skipped INTEGER NOT NULL DEFAULT 0,
    failed INTEGER NOT NULL DEFAULT 0,
    error VARCHAR,
    PRIMARY KEY (run_id, source)
);
CREATE TABLE incidents (
    incident_id VARCHAR PRIMARY KEY,
    event_type VARCHAR NOT NULL,
    state VARCHAR,
    district VARCHAR,
    first_event_date DATE NOT NULL,
    last_event_date DATE NOT NULL,
    first_seen TIMESTAMP,
    last_seen TIMESTAMP,
    n_mentions INTEGER NOT NULL DEFAULT 0,
    n_articles INTEGER NOT NULL DEFAULT 0,
    n_sources INTEGER NOT NULL DEFAULT 0,
    lead_article_id VARCHAR NOT NULL,
    names VARCHAR[] NOT NULL,
    merge_reasons VARCHAR[] NOT NULL,
    created_run_id VARCHAR,
    updated_run_id VARCHAR
);
CREATE TABLE article_lsh (
    article_id VARCHAR NOT NULL,
    band SMALLINT NOT NULL,
    bucket BIGINT NOT NULL,
    day DATE NOT NULL
);
CREATE TABLE hotspot_flags (
    run_id VARCHAR NOT NULL,
    district VARCHAR NOT NULL,
    week DATE NOT NULL,
    rule VARCHAR NOT NULL,
    value DOUBLE NOT NULL,
    observed INTEGER NOT NULL,
    expected DOUBLE,
    ratio DOUBLE,
    parameters JSON NOT NULL,
    flagged_at TIMESTAMP NOT NULL,
    PRIMARY KEY (run_id, district, week, rule)
);
ALTER TABLE mentions ADD COLUMN incident_id VARCHAR;
ALTER TABLE articles ADD COLUMN duplicate_reason VARCHAR;
CREATE INDEX incidents_key ON incidents (event_type, district);
"""

# The EARS scoring of the `hotspots` view, over its `weekly` (district, week, covered, observed, ...) relation.
_HOTSPOT_SCORES = """
    national AS (
        SELECT *, (sum(observed) OVER (PARTITION BY week) - observed)::INTEGER AS elsewhere FROM weekly
    ),
    baseline AS (
        SELECT *,
               count(*) FILTER (covered) OVER base AS baseline_weeks,
               avg(observed) FILTER (covered) OVER base AS baseline_mean,
               coalesce(stddev_samp(observed) FILTER (covered) OVER base, 0) AS baseline_sd,
               avg(elsewhere) FILTER (covered) OVER base AS elsewhere_mean
        FROM national
        WINDOW base AS (PARTITION BY district ORDER BY week
                        RANGE BETWEEN INTERVAL {first_day} DAY PRECEDING AND INTERVAL {last_day} DAY PRECEDING)
    ),
    scored AS (
        SELECT *,
               (observed - baseline_mean) / greatest(baseline_sd, {min_sigma}) AS c2,
               baseline_mean * greatest(CASE WHEN elsewhere_mean > 0 THEN elsewhere / elsewhere_mean END, 1)
                   AS expected
        FROM baseline
    ),
    accumulated AS (
        SELECT *,
               sum(greatest(coalesce(c2, 0) - 1, 0)) OVER (PARTITION BY district ORDER BY week
                                                         ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS c3,
               observed / greatest(coalesce(expected, 0), {min_expected}) AS ratio,
               covered AND baseline_weeks >= {min_baseline_weeks} AND observed >= {min_incidents} AS scorable
        FROM scored
    )
    SELECT district, state, week, covered, observed, incidents, articles, baseline_weeks, baseline_mean, baseline_sd,
           elsewhere, elsewhere_mean, expected, ratio, c2, c3,
           scorable AND c2 >= {c2_threshold} AND ratio >= {min_ratio} AS flag_c2,
           scorable AND c3 >= {c3_threshold} AND ratio >= {min_ratio} AS flag_c3
    FROM accumulated;
"""

_V2_VIEWS = """
CREATE OR REPLACE VIEW counted_mentions AS
    SELECT m.*, a.url, a.source, a.site_name, a.published_at,
           date_trunc('week', coalesce(m.event_date, a.published_at))::DATE AS week
    FROM mentions m JOIN articles a USING (article_id)
    WHERE a.duplicate_of IS NULL;

CREATE OR REPLACE VIEW covered_weeks AS
    SELECT week, sum(articles)::INTEGER AS articles, bool_or(run) AS polled
    FROM (
        SELECT date_trunc('week', {article_day})::DATE AS week, 1 AS articles, false AS run
        FROM articles
        UNION ALL
        SELECT date_trunc('week', started_at)::DATE, 0, true FROM runs WHERE status = 'completed'
        UNION ALL
        SELECT unnest(generate_series(date_trunc('week', window_start), window_end, INTERVAL 7 DAY))::DATE, 0, true
        FROM backfill_windows WHERE status = 'completed'
    )
    GROUP BY week;

CREATE OR REPLACE VIEW weeks AS
    SELECT unnest(generate_series(min(week), max(week), INTERVAL 7 DAY))::DATE AS week
    FROM covered_weeks;

CREATE OR REPLACE VIEW district_weekly AS
    WITH counted AS (
        SELECT district, date_trunc('week', first_event_date)::DATE AS week, event_type,
               count(*) AS incidents, sum(n_mentions) AS mentions, sum(n_articles) AS articles
        FROM incidents WHERE district IS NOT NULL
        GROUP BY ALL
    )
    SELECT d.district, d.state, w.week, t.event_type,
           coalesce(c.incidents, 0)::INTEGER AS incidents,
           coalesce(c.mentions, 0)::INTEGER AS mentions,
           coalesce(c.articles, 0)::INTEGER AS articles,
           cw.week IS NOT NULL AS covered
    FROM districts d CROSS JOIN weeks w CROSS JOIN event_types t
    LEFT JOIN counted c ON c.district = d.district AND c.week = w.week AND c.event_type = t.event_type
    LEFT JOIN covered_weeks cw ON cw.week = w.week;

CREATE OR REPLACE VIEW hotspots AS
    WITH counted AS (
        SELECT district, date_trunc('week', first_event_date)::DATE AS week, count(*) AS incidents,
               count(DISTINCT lead_article_id) AS stories, sum(n_articles) AS articles
        FROM incidents WHERE district IS NOT NULL GROUP BY ALL
    ),
    weekly AS (
        SELECT d.district, d.state, w.week, cw.week IS NOT NULL AS covered,
               coalesce(c.stories, 0)::INTEGER AS observed, coalesce(c.incidents, 0)::INTEGER AS incidents,
               coalesce(c.articles, 0)::INTEGER AS articles
        FROM districts d CROSS JOIN weeks w
        LEFT JOIN counted c ON c.district = d.district AND c.week = w.week
        LEFT JOIN covered_weeks cw ON cw.week = w.week
    ),
""" + _HOTSPOT_SCORES + """
CREATE OR REPLACE VIEW district_league AS
    WITH located AS (
        SELECT district, count(*) AS mentions, count(DISTINCT article_id) AS articles
        FROM counted_mentions WHERE district IS NOT NULL GROUP BY district
    )
    SELECT i.district,
           coalesce(any_value(d.state), any_value(i.state)) AS state,
           {type_counts},
           count(*) AS incidents,
           any_value(l.mentions) AS mentions,
           any_value(l.articles) AS articles,
           sum(i.n_articles)::BIGINT AS reports
    FROM incidents i
    LEFT JOIN districts d USING (district)
    LEFT JOIN located l USING (district)
    WHERE i.district IS NOT NULL
    GROUP BY i.district
    ORDER BY federal_charge + federal_declination DESC, federal_charge DESC, incidents DESC, i.district;

CREATE OR REPLACE VIEW coverage AS
    WITH per_day AS (
        SELECT source, day, count(*) AS runs, sum(discovered) AS discovered, sum(new) AS new,
               sum(fetched) AS fetched, sum(stored) AS stored, sum(duplicate) AS duplicate,
               sum(skipped) AS skipped, sum(failed) AS failed, string_agg(DISTINCT error, '; ') AS errors
        FROM source_runs GROUP BY source, day
    ),
    days AS (
        SELECT unnest(generate_series(min(day), max(day), INTERVAL 1 DAY))::DATE AS day FROM source_runs
    )
    SELECT s.source, days.day, p.runs IS NOT NULL AS polled, coalesce(p.runs, 0) AS runs, p.discovered, p.new,
           p.fetched, p.stored, p.duplicate, p.skipped, p.failed, p.errors
    FROM (SELECT DISTINCT source FROM source_runs) s CROSS JOIN days
    LEFT JOIN per_day p ON p.source = s.source AND p.day = days.day;

CREATE OR REPLACE VIEW evidence AS
    SELECT m.district, m.state, m.event_type, m.incident_id,
           coalesce(m.event_date, a.published_at) AS event_date,
           date_trunc('week', coalesce(m.event_date, a.published_at))::DATE AS week,
           a.url, a.title, coalesce(a.site_name, a.source) AS outlet, a.published_at, m.evidence, m.confidence,
           (SELECT list(c.url ORDER BY c.url) FROM articles c WHERE c.duplicate_of = a.article_id) AS copies,
           m.mention_id, m.classifier_version
    FROM mentions m JOIN articles a USING (article_id);
"""


def _view_sql_values() -> dict[str, object]:
    """What the views' SQL is formatted with: the hotspot rules and the day of an article."""
    last_day = 7 * (HOTSPOT_RULES["guard_weeks"] + 1)
    first_day = last_day + 7 * (HOTSPOT_RULES["baseline_weeks"] - 1)
    type_counts = ",\n           ".join(
        f"count(*) FILTER (i.event_type = '{name}') AS {name}" for name in EVENT_TYPES
    )
    type_sums = ",\n           ".join(
        f"coalesce(sum(i.incidents) FILTER (i.event_type = '{name}'), 0)::BIGINT AS {name}" for name in EVENT_TYPES
    )
    return {**HOTSPOT_RULES, "first_day": int(first_day), "last_day": int(last_day), "type_counts": type_counts,
            "type_sums": type_sums, "article_day": ARTICLE_DAY}


def _v2(con: duckdb.DuckDBPyConnection) -> None:
    """Reference tables, incidents, near-duplicate index (filled by v4), coverage, hotspot history and the analyst
    views."""
    con.execute(_V2)
    con.execute(
        "INSERT INTO districts SELECT usao_id, state, state_name, name, short FROM read_csv(?, all_varchar = true)",
        [str(DISTRICTS_CSV)],
    )
    con.executemany("INSERT INTO event_types VALUES (?, ?)", [[name, i] for i, name in enumerate(EVENT_TYPES)])
    con.execute(_V2_VIEWS.format(**_view_sql_values()))


# v3: the weekly grid, hotspots and league read small summary tables (kept by every writer through
# `summaries.maintained`) instead of aggregating incidents and mentions at every query; same columns, same rows.
_V3_VIEWS = """
CREATE OR REPLACE VIEW district_weekly AS
    SELECT d.district, d.state, w.week, t.event_type,
           coalesce(c.incidents, 0)::INTEGER AS incidents,
           coalesce(c.mentions, 0)::INTEGER AS mentions,
           coalesce(c.articles, 0)::INTEGER AS articles,
           cw.week IS NOT NULL AS covered
    FROM districts d CROSS JOIN weeks w CROSS JOIN event_types t
    LEFT JOIN weekly_incidents c ON c.district = d.district AND c.week = w.week AND c.event_type = t.event_type
    LEFT JOIN covered_weeks cw ON cw.week = w.week;

CREATE OR REPLACE VIEW hotspots AS
    WITH weekly AS (
        SELECT d.district, d.state, w.week, cw.week IS NOT NULL AS covered,
               coalesce(c.stories, 0)::INTEGER AS observed, coalesce(c.incidents, 0)::INTEGER AS incidents,
               coalesce(c.articles, 0)::INTEGER AS articles
        FROM districts d CROSS JOIN weeks w
        LEFT JOIN weekly_stories c ON c.district = d.district AND c.week = w.week
        LEFT JOIN covered_weeks cw ON cw.week = w.week
    ),
""" + _HOTSPOT_SCORES + """
CREATE OR REPLACE VIEW district_league AS
    SELECT i.district,
           coalesce(any_value(d.state), any_value(i.state)) AS state,
           {type_sums},
           sum(i.incidents)::BIGINT AS incidents,
           any_value(l.mentions)::BIGINT AS mentions,
           any_value(l.articles)::BIGINT AS articles,
           sum(i.articles)::BIGINT AS reports
    FROM weekly_incidents i
    LEFT JOIN districts d USING (district)
    LEFT JOIN district_mentions l USING (district)
    GROUP BY i.district
    ORDER BY federal_charge + federal_declination DESC, federal_charge DESC, incidents DESC, i.district;
"""


def _v3(con: duckdb.DuckDBPyConnection) -> None:
    """Summary tables behind the analyst views, filled from the rows already there."""
    con.execute(summaries.TABLES)
    summaries.rebuild(con)
    con.execute(_V3_VIEWS.format(**_view_sql_values()))


def _v4(con: duckdb.DuckDBPyConnection) -> None:
    """Each original's MinHash signature, so that the copy lookup compares few candidates exactly; the originals
    already stored are indexed (and banded into `article_lsh` when they are not yet)."""
    con.execute("""
        CREATE TABLE article_signatures (
            article_id VARCHAR NOT NULL,
            day DATE NOT NULL,
            signature BLOB NOT NULL
        )""")
    from warehouse.neardup import index_existing_articles

    index_existing_articles(con)


Migration = Union[str, Callable[[duckdb.DuckDBPyConnection], None]]
MIGRATIONS: tuple[Migration, ...] = (_V1 + _V1_VIEWS, _v2, _v3, _v4)
SCHEMA_VERSION = len(MIGRATIONS)


def current_version(con: duckdb.DuckDBPyConnection) -> int:
    """The schema version of an open database; 0 for an empty one."""
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
    ).fetchone()
    if not exists or exists[0] == 0:
        return 0
    row = con.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0] or 0) if row else 0


def migrate(con: duckdb.DuckDBPyConnection) -> int:
    """Apply every missing migration; returns the resulting version."""
    version = current_version(con)
    if version > SCHEMA_VERSION:
        raise RuntimeError(
            f"database schema v{version} is newer than this code (v{SCHEMA_VERSION}): upgrade ice-hotspots"
        )
    for number in range(version + 1, SCHEMA_VERSION + 1):
        con.execute("BEGIN TRANSACTION")
        try:
            step = MIGRATIONS[number - 1]
            if isinstance(step, str):
                con.execute(step)
            else:
                step(con)
            con.execute("INSERT INTO schema_version (version) VALUES (?)", [number])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
    if version < SCHEMA_VERSION:
        apply_comments(con)
    return SCHEMA_VERSION
