"""Warehouse schema, created and migrated by code.

Each entry of `MIGRATIONS` moves the database from version N-1 to N; `migrate()` applies the missing ones in one
transaction each, so a database made by any earlier release upgrades in place.
"""

from __future__ import annotations

import duckdb

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

MIGRATIONS: tuple[str, ...] = (_V1 + _V1_VIEWS,)
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
            con.execute(MIGRATIONS[number - 1])
            con.execute("INSERT INTO schema_version (version) VALUES (?)", [number])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
    return SCHEMA_VERSION
