"""Incidents, not articles: a reworded copy links to its original, reports of one charge form one incident."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from tests.warehouse.records import event, page
from tests.warehouse.stories import INDEPENDENT, ORIGINAL, OTHER_ARREST, REWORDED
from warehouse import incidents, neardup, store

OR = ("usao-or", "OR")


@pytest.fixture
def shingled(monkeypatch) -> list[str]:
    """The texts the copy lookup shingles from here on, with an empty cache of shingles to start from."""
    texts: list[str] = []
    real = neardup.shingles
    monkeypatch.setattr(neardup, "shingles", lambda text: texts.append(text) or real(text))
    monkeypatch.setattr(neardup, "_RECENT", type(neardup._RECENT)())
    return texts


def _charge(text: str, day: date):
    return (event("federal_charge", *OR, text.split(". ")[0] + ".", day),)


def test_reworded_copy_links_to_the_original_and_adds_no_mentions(con):
    run = store.start_run(con, "ingest", {})
    store.load_pages(con, run, [page("orig", ORIGINAL, events=_charge(ORIGINAL, date(2026, 10, 6)))])
    counts = store.load_pages(con, run, [
        page("copy", REWORDED, events=_charge(REWORDED, date(2026, 10, 6)), site="NewsPulse Wire",
             published=date(2026, 10, 7)),
    ])
    assert counts["duplicate"] == 1 and counts["mentions"] == 0
    duplicate_of, reason = con.execute(
        "SELECT duplicate_of, duplicate_reason FROM articles WHERE article_id = 'copy'").fetchone()
    assert duplicate_of == "orig" and reason.startswith("reworded copy of orig (similarity 0.")
    assert con.execute("SELECT state, reason FROM fetch_log WHERE url_hash = 'copy'").fetchone()[0] == "duplicate"
    n_articles, n_sources = con.execute("SELECT n_articles, n_sources FROM incidents").fetchone()
    assert (n_articles, n_sources) == (2, 2)
    assert con.execute("SELECT federal_charge, articles, reports FROM district_league").fetchone() == (1, 1, 2)


def test_unrelated_story_and_copies_outside_the_window_stay_originals(con):
    run = store.start_run(con, "ingest", {})
    store.load_pages(con, run, [page("orig", ORIGINAL, published=date(2026, 6, 1))])
    counts = store.load_pages(con, run, [
        page("other", OTHER_ARREST, published=date(2026, 6, 2)),
        page("late", REWORDED, published=date(2026, 9, 1)),
    ])
    assert counts["duplicate"] == 0 and counts["stored"] == 2
    assert con.execute("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL").fetchone()[0] == 0


def test_candidate_originals_are_shingled_once_not_batch_after_batch(con, shingled):
    run = store.start_run(con, "ingest", {})
    # Stored before it, so the original's text is read back from a row that is not the table's first.
    store.load_pages(con, run, [page("other", OTHER_ARREST, published=date(2026, 10, 4))])
    store.load_pages(con, run, [page("orig", ORIGINAL, published=date(2026, 10, 5))])
    store.load_pages(con, run, [page("copy1", REWORDED, published=date(2026, 10, 6))])
    assert shingled == []  # remembered when it was stored
    neardup._RECENT.clear()  # as in a new process: the original is read back from the warehouse, once
    store.load_pages(con, run, [page("copy2", REWORDED + " Updated.", published=date(2026, 10, 7))])
    store.load_pages(con, run, [page("copy3", "Updated: " + REWORDED, published=date(2026, 10, 8))])
    assert shingled == [ORIGINAL]
    assert con.execute("SELECT count(*) FROM articles WHERE duplicate_of = 'orig'").fetchone()[0] == 3


def test_a_batch_spanning_months_shingles_only_originals_within_some_page_s_window(con, shingled):
    run = store.start_run(con, "ingest", {})
    store.load_pages(con, run, [page("orig", ORIGINAL, published=date(2026, 6, 1))])
    neardup._RECENT.clear()
    # The batch's days span June to September, so its bucket lookup reads the June original; only the September
    # rewrite shares its buckets, and June is outside that page's window: nothing needs reading back and shingling.
    counts = store.load_pages(con, run, [
        page("other", OTHER_ARREST, published=date(2026, 6, 2)),
        page("late", REWORDED, published=date(2026, 9, 1)),
    ])
    assert counts["duplicate"] == 0 and shingled == []


def test_a_candidate_whose_signature_is_unlike_is_not_read_back(con, shingled):
    run = store.start_run(con, "ingest", {})
    store.load_pages(con, run, [page("orig", ORIGINAL, published=date(2026, 10, 5))])
    neardup._RECENT.clear()
    # A page that shares every band of the original (as an unlucky unrelated story shares one) but whose signature
    # is the other story's: the lookup finds the original, its signature rules it out, its text is never read.
    other = neardup.fingerprint(OTHER_ARREST)
    forged = replace(other, buckets=neardup.fingerprint(ORIGINAL).buckets)
    counts = store.load_pages(con, run, [replace(page("other", OTHER_ARREST, published=date(2026, 10, 6)),
                                                 fingerprint=forged)])
    assert counts["duplicate"] == 0 and shingled == []
    assert neardup.estimated_jaccard(other.signature, neardup.fingerprint(ORIGINAL).signature) < neardup.LIKELY


def test_fingerprint_separates_rewrites_from_other_stories():
    original = neardup.fingerprint(ORIGINAL)
    assert neardup.jaccard(original.shingles, neardup.fingerprint(REWORDED).shingles) >= neardup.THRESHOLD
    assert neardup.jaccard(original.shingles, neardup.fingerprint(OTHER_ARREST).shingles) < 0.1
    shared_bands = set(original.buckets) & set(neardup.fingerprint(REWORDED).buckets)
    assert shared_bands, "a close rewrite must share at least one LSH band"


def test_independent_report_naming_the_same_defendant_joins_the_incident(con):
    run = store.start_run(con, "ingest", {})
    store.load_pages(con, run, [page("orig", ORIGINAL, events=_charge(ORIGINAL, date(2026, 10, 6)))])
    store.load_pages(con, run, [
        page("indep", INDEPENDENT, events=_charge(INDEPENDENT, date(2026, 10, 8)), site="NewsCenter 9",
             published=date(2026, 10, 9)),
        page("other", OTHER_ARREST, events=_charge(OTHER_ARREST, date(2026, 10, 6)), site="NewsCenter 9",
             published=date(2026, 10, 7)),
    ])
    rows = con.execute(
        "SELECT n_mentions, n_articles, n_sources, names, merge_reasons, first_event_date, last_event_date "
        "FROM incidents ORDER BY n_mentions DESC"
    ).fetchall()
    assert len(rows) == 2
    merged, alone = rows
    assert merged[:3] == (2, 2, 2) and "renwick" in merged[3]
    assert "shared names: renwick" in merged[4][1] and "2 days apart" in merged[4][1]
    assert (merged[5], merged[6]) == (date(2026, 10, 6), date(2026, 10, 8))
    assert alone[:3] == (1, 1, 1) and alone[3] == ["okonkwo-hart"]
    assert con.execute("SELECT federal_charge, incidents, mentions FROM district_league").fetchone() == (2, 2, 3)


def test_same_defendant_weeks_apart_is_a_new_incident(con):
    run = store.start_run(con, "ingest", {})
    store.load_pages(con, run, [
        page("orig", ORIGINAL, events=_charge(ORIGINAL, date(2026, 10, 6))),
        page("indep", INDEPENDENT, events=_charge(INDEPENDENT, date(2026, 11, 20)), published=date(2026, 11, 21)),
    ])
    assert con.execute("SELECT count(*) FROM incidents").fetchone()[0] == 2
    assert con.execute("SELECT count(*) FROM mentions WHERE incident_id IS NULL").fetchone()[0] == 0


def test_a_name_in_the_news_week_after_week_does_not_chain_events_into_one_incident(con):
    # Each report is within a week of the one before, but the fourth is 18 days after the first: a later event.
    run = store.start_run(con, "ingest", {})
    days = (date(2026, 10, 1), date(2026, 10, 7), date(2026, 10, 13), date(2026, 10, 19))
    reports = (
        "Tobias Renwick was charged with shoving a guard at the Portland immigration office.",
        "Prosecutors filed a second count against Tobias Renwick after reviewing video from the gate.",
        "A grand jury indicted Tobias Renwick on a new charge of impeding officers during a protest.",
        "Tobias Renwick faces another complaint, accused of blocking a transport van with his car.",
    )
    store.load_pages(con, run, [
        page(f"r{number}", text, events=_charge(text, day), published=day)
        for number, (text, day) in enumerate(zip(reports, days))
    ])
    spans = con.execute(
        "SELECT first_event_date, last_event_date, n_mentions FROM incidents ORDER BY first_event_date"
    ).fetchall()
    assert spans == [(days[0], days[2], 3), (days[3], days[3], 1)]
    assert all((last - first).days <= incidents.MAX_SPAN_DAYS for first, last, _ in spans)


def test_coverage_counts_discovery_and_outcomes_per_source_and_day(con):
    from sources.models import SourceReport, SourceState

    run = store.start_run(con, "ingest", {})
    reports = [SourceReport("test-feed", "feed", "https://news.example.com/rss", 200, 7, False, None, SourceState()),
               SourceReport("broken", "feed", "https://down.example.com/rss", 503, 0, False, "HTTP 503", SourceState())]
    store.record_sources(con, reports, {"test-feed": 3}, run_id=run)
    store.load_pages(con, run, [page("orig", ORIGINAL), page("copy", ORIGINAL, published=date(2026, 10, 2))])
    rows = con.execute("SELECT source, polled, discovered, new, fetched, stored, duplicate, failed, errors "
                       "FROM coverage ORDER BY source").fetchall()
    assert rows == [("broken", True, 0, 0, 0, 0, 0, 0, "HTTP 503"), ("test-feed", True, 7, 3, 2, 1, 1, 0, None)]
