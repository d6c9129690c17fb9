"""Upgrading in place: a database made by every earlier schema version keeps its rows and gains the new model."""

from __future__ import annotations

from datetime import date

import duckdb
import pytest

from tests.warehouse.records import page
from tests.warehouse.stories import ORIGINAL, OTHER_ARREST, REWORDED
from warehouse import hotspots, neardup, schema, store


def _v1_database(path) -> duckdb.DuckDBPyConnection:
    """A v1 warehouse with a run, fetch states, two articles (one a verbatim copy) and three mentions."""
    con = duckdb.connect(str(path))
    con.execute(schema.MIGRATIONS[0])
    con.execute("INSERT INTO schema_version (version) VALUES (1)")
    con.execute("INSERT INTO runs VALUES ('r1', 'ingest', '2026-10-08 02:00', '2026-10-08 02:05', '{}', '{}', "
                "'completed')")
    for hash_, state in (("a1", "stored"), ("a2", "stored"), ("a3", "duplicate"), ("s1", "skipped")):
        con.execute("INSERT INTO fetch_log VALUES (?, ?, 'feed', 'r1', 'r1', 200, ?, NULL, 1, '2026-10-08')",
                    [hash_, f"https://news.example.com/{hash_}", state])
    articles = (("a1", ORIGINAL, "h1", None), ("a2", OTHER_ARREST, "h2", None), ("a3", ORIGINAL, "h1", "a1"))
    for article_id, text, content_hash, duplicate_of in articles:
        con.execute(
            "INSERT INTO articles VALUES (?, ?, 'feed', 'r1', 'T', '2026-10-07', NULL, '2026-10-08', 'Ledger', [], "
            "'en', ?, ?, 0.9, ?, ?)",
            [article_id, f"https://news.example.com/{article_id}", text, content_hash, duplicate_of,
             "duplicate" if duplicate_of else "stored"])
    for mention_id, article_id, kind in (("m1", "a1", "federal_charge"), ("m2", "a1", "protest"),
                                         ("m3", "a2", "federal_charge")):
        con.execute("INSERT INTO mentions VALUES (?, ?, ?, 'OR', 'usao-or', 'Portland', 'place', '2026-10-06', "
                    "'text', 0.9, 'Evidence.', 'v1')", [mention_id, article_id, kind])
    return con


def _v3_database(path) -> duckdb.DuckDBPyConnection:
    """The v1 warehouse upgraded to v3 as that release did: its originals banded into `article_lsh`, no signatures."""
    con = _v1_database(path)
    for number in (2, 3):
        schema.MIGRATIONS[number - 1](con)
        con.execute("INSERT INTO schema_version (version) VALUES (?)", [number])
    for article_id, text in con.execute("SELECT article_id, text FROM articles WHERE duplicate_of IS NULL").fetchall():
        con.executemany("INSERT INTO article_lsh VALUES (?, ?, ?, ?)",
                        neardup.bucket_rows(article_id, neardup.fingerprint(text), date(2026, 10, 7)))
    return con


BUILDERS = {1: _v1_database, 3: _v3_database}


@pytest.mark.parametrize("version", sorted(BUILDERS))
def test_every_earlier_version_upgrades_keeping_its_rows(tmp_path, version):
    con = BUILDERS[version](tmp_path / f"v{version}.duckdb")
    before = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("runs", "fetch_log", "articles", "mentions")}
    assert schema.migrate(con) == schema.SCHEMA_VERSION
    after = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in before}
    assert after == before
    assert con.execute("SELECT count(*) FROM districts").fetchone()[0] == 94
    assert con.execute("SELECT count(DISTINCT article_id) FROM article_lsh").fetchone()[0] == 2  # originals only
    assert con.execute("SELECT count(*) FROM article_lsh").fetchone()[0] == 2 * 32  # each banded once
    assert con.execute("SELECT count(*) FROM article_signatures").fetchone()[0] == 2
    hotspots.refresh(con, "r2")
    assert con.execute("SELECT count(*) FROM mentions WHERE incident_id IS NULL").fetchone()[0] == 0
    league = con.execute("SELECT district, federal_charge, protest, incidents, mentions, articles, reports "
                         "FROM district_league").fetchall()
    # reports: a1 and its verbatim copy a3 report both of a1's incidents (2 + 2), a2 reports its own (1)
    assert league == [("usao-or", 2, 1, 3, 3, 2, 5)]
    store.load_pages(con, "r2", [page("copy", REWORDED, published=date(2026, 10, 9))])  # found through the new index
    assert con.execute("SELECT duplicate_of FROM articles WHERE article_id = 'copy'").fetchone() == ("a1",)


def test_event_types_match_the_classifier_rules():
    from extractors.event_rules import RULES

    assert set(schema.EVENT_TYPES) == {rule.type for rule in RULES}


def test_every_table_view_and_column_is_commented(tmp_path):
    with store.open_warehouse(tmp_path / "c.duckdb") as con:
        missing = con.execute(
            """
            SELECT table_name || '.' || column_name FROM duckdb_columns()
            WHERE database_name = current_database() AND schema_name = 'main' AND comment IS NULL
            UNION ALL
            SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() AND comment IS NULL
            UNION ALL
            SELECT view_name FROM duckdb_views()
            WHERE database_name = current_database() AND NOT internal AND comment IS NULL
            """
        ).fetchall()
    assert missing == []


def test_a_newer_database_is_refused(tmp_path):
    con = duckdb.connect(str(tmp_path / "new.duckdb"))
    schema.migrate(con)
    con.execute("INSERT INTO schema_version (version) VALUES (?)", [schema.SCHEMA_VERSION + 1])
    with pytest.raises(RuntimeError, match="newer than this code"):
        schema.migrate(con)
