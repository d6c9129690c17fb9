"""The summary tables the views read always equal a from-scratch count of incidents and mentions."""

from __future__ import annotations

import shutil
from datetime import date

import duckdb

from extractors.models import Classification
from tests.warehouse.records import event, page
from tests.warehouse.stories import INDEPENDENT, ORIGINAL, OTHER_ARREST, REWORDED
from warehouse import store
from warehouse.reclassify import swap_mentions

OR = ("usao-or", "OR")
WAW = ("usao-wawd", "WA")

# The definitions the views used before the summaries existed, straight from the base tables.
FROM_SCRATCH = {
    "weekly_incidents": """
        SELECT district, date_trunc('week', first_event_date)::DATE, event_type, state, count(*), sum(n_mentions),
               sum(n_articles)
        FROM incidents WHERE district IS NOT NULL GROUP BY ALL""",
    "weekly_stories": """
        SELECT district, date_trunc('week', first_event_date)::DATE, count(*), count(DISTINCT lead_article_id),
               sum(n_articles)
        FROM incidents WHERE district IS NOT NULL GROUP BY ALL""",
    "district_mentions": """
        SELECT district, count(*), count(DISTINCT article_id)
        FROM counted_mentions WHERE district IS NOT NULL GROUP BY district""",
}


def _mismatches(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[list[tuple], list[tuple]]]:
    """Per summary table: (rows only in the table, rows only in the recomputation); empty when they agree."""
    found = {}
    for table, sql in FROM_SCRATCH.items():
        kept = sorted(con.execute(f"SELECT * FROM {table}").fetchall())
        fresh = sorted(con.execute(sql).fetchall())
        if kept != fresh:
            found[table] = ([r for r in kept if r not in fresh], [r for r in fresh if r not in kept])
    return found


def _first_sentence(text: str) -> str:
    return text.split(". ")[0] + "."


def test_summaries_match_a_recount_after_loads_copies_and_reclassify(con):
    run = store.start_run(con, "ingest", {})
    charge = event("federal_charge", *OR, _first_sentence(ORIGINAL), date(2026, 10, 6))
    protest = event("protest", *OR, _first_sentence(ORIGINAL), date(2026, 10, 6))
    store.load_pages(con, run, [
        page("orig", ORIGINAL, events=(charge, protest)),
        page("other", OTHER_ARREST, events=(event("federal_charge", *WAW, _first_sentence(OTHER_ARREST),
                                                  date(2026, 9, 22)),), site="NewsCenter 9"),
    ])
    assert _mismatches(con) == {}
    # An earlier report of the same charge moves the incident into the week before; a reworded copy adds a report.
    store.load_pages(con, run, [
        page("indep", INDEPENDENT, events=(event("federal_charge", *OR, _first_sentence(INDEPENDENT),
                                                 date(2026, 10, 2)),), site="NewsCenter 9", published=date(2026, 10, 3)),
        page("copy", REWORDED, site="NewsPulse Wire", published=date(2026, 10, 7)),
    ])
    charges = con.execute("SELECT week, incidents, mentions, articles FROM weekly_incidents "
                          "WHERE district = 'usao-or' AND event_type = 'federal_charge'").fetchall()
    assert charges == [(date(2026, 9, 28), 1, 2, 3)]
    assert _mismatches(con) == {}
    with store.transaction(con):
        swap_mentions(con, "re-1", {
            "orig": Classification(True, 0.9, ("OR",), ("usao-or",), (charge,), "test-2"),
            "other": Classification(True, 0.9, ("WA",), ("usao-wawd",),
                                    (event("protest", *WAW, _first_sentence(OTHER_ARREST), date(2026, 10, 13)),),
                                    "test-2"),
            "indep": Classification(False, 0.1, (), (), (), "test-2"),
        })
    assert con.execute("SELECT event_type FROM weekly_incidents WHERE district = 'usao-wawd'").fetchall() == [
        ("protest",)]
    assert con.execute("SELECT mentions, articles FROM district_mentions WHERE district = 'usao-or'").fetchone() == (
        1, 1)
    assert _mismatches(con) == {}


def test_summaries_of_the_demo_warehouse_match_a_recount(demo_db, tmp_path):
    copy = tmp_path / "demo.duckdb"
    shutil.copy(demo_db, copy)
    with duckdb.connect(str(copy), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM weekly_stories").fetchone()[0] > 0
        assert _mismatches(con) == {}
