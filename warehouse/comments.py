"""`COMMENT ON` text for every table, view and column, so `duckdb_columns()` and `DESCRIBE` explain the warehouse.

Views are re-created by migrations (which drops their comments), so `apply_comments` runs after every migration.
"""

from __future__ import annotations

import duckdb

from warehouse.reference import EVENT_TYPES
from warehouse.sql import literal

_RUN = "id of the run (runs.run_id)"
_DISTRICT = "U.S. Attorney district slug, e.g. usao-ndil (districts.district); NULL when only the state is known"
_STATE = "USPS state code, e.g. IL"
_TYPE = "event type from the taxonomy (event_types.event_type)"
_WEEK = "Monday of the ISO week"

COMMENTS: dict[str, tuple[str, dict[str, str]]] = {
    "schema_version": ("One row per applied migration.", {
        "version": "schema version reached by the migration", "applied_at": "when it was applied (UTC)"}),
    "sources": ("What we poll, with its fetch state.", {
        "name": "source name from the sources TOML", "kind": "feed | sitemap | doj | gdelt | local",
        "url": "address polled",
        "etag": "ETag as of the last completed run over all dates, sent back as If-None-Match",
        "last_modified": "Last-Modified as of the last completed run over all dates, sent back as If-Modified-Since",
        "body_hash": "hash of the body as of the last completed run over all dates, to skip an unchanged feed",
        "consecutive_failures": "failed polls in a row", "disabled": "true once the source is switched off",
        "last_fetch_at": "when it was last polled (UTC)", "last_http_status": "HTTP status of the last poll",
        "last_items": "candidate URLs found by the last poll", "last_new_items": "of those, not seen before",
        "last_error": "one-line reason of the last failure"}),
    "runs": ("One row per flow run (nightly ingest, backfill window).", {
        "run_id": "12-hex id", "flow": "flow name: ingest | backfill | ...", "started_at": "start (UTC)",
        "finished_at": "end (UTC); NULL while running or after a crash", "parameters": "flow parameters (JSON)",
        "counts": "per-stage counts (JSON): discovered, new, stored, duplicate, skipped, failed, ...",
        "status": "running | completed | failed | interrupted (an ingest or reclassify killed before its end, found "
                  "by the next one)"}),
    "fetch_log": ("Every discovered URL and its one terminal state.", {
        "url_hash": "hash of the canonical URL (also articles.article_id)", "url": "canonical URL",
        "source": "source that found it", "first_run_id": "run that first saw it", "last_run_id": "run that last tried it",
        "http_status": "HTTP status of the last attempt", "state": "stored | duplicate | skipped | failed",
        "reason": "one-line reason for duplicate, skipped and failed", "attempts": "fetch attempts so far",
        "updated_at": "last change (UTC)"}),
    "articles": ("One row per canonical URL that passed extraction and the relevance gate.", {
        "article_id": "hash of the canonical URL", "url": "canonical URL", "source": "source that found it",
        "run_id": _RUN, "title": "headline", "published_at": "publication date from the page",
        "feed_published_at": "publication time from the feed or sitemap", "fetched_at": "when it was fetched (UTC)",
        "site_name": "outlet name from the page; counts as one source in incidents.n_sources",
        "authors": "bylines", "language": "ISO 639-1 code", "text": "extracted main text",
        "content_hash": "hash of the normalised text (verbatim copies share it)",
        "relevance": "relevance score of the classifier", "duplicate_of": "article_id of the original when this is "
        "a verbatim or reworded copy; copies carry no mentions and are counted once", "status": "stored | duplicate",
        "duplicate_reason": "why it is a copy: same text, or reworded copy with its shingle Jaccard similarity"}),
    "mentions": ("One row per (article, event): what the classifier found, with the sentence that says it.", {
        "mention_id": "hash of article, type, state, district and classifier version", "article_id": "articles.article_id",
        "event_type": _TYPE, "state": _STATE, "district": _DISTRICT, "place": "place name the event is attached to",
        "precision": "how precisely the place was resolved", "event_date": "when the event happened (best estimate)",
        "date_source": "where event_date came from", "confidence": "classifier confidence 0..1",
        "evidence": "sentence(s) supporting the event", "classifier_version": "version of the classifier",
        "incident_id": "incidents.incident_id this mention was clustered into"}),
    "backfill_windows": ("Date windows already backfilled, so a backfill resumes where it stopped.", {
        "sources_key": "hash of the sources list", "window_start": "first day", "window_end": "last day",
        "run_id": _RUN, "status": "running | completed | partial (a source failed: the next backfill redoes it) | "
                                  "failed", "counts": "per-stage counts (JSON)",
        "completed_at": "when it completed (UTC)"}),
    "districts": ("The 94 U.S. Attorney districts (from extractors/gazetteer/districts.csv).", {
        "district": "slug, e.g. usao-ndil", "state": _STATE, "state_name": "state name",
        "name": "e.g. Northern District of Illinois", "short_name": "e.g. N.D. Ill."}),
    "event_types": ("The twelve event types of the taxonomy, in league order.", {
        "event_type": "type name", "ordinal": "position in the taxonomy"}),
    "source_runs": ("Per run per source: what was discovered and what became of it (feeds `coverage`).", {
        "run_id": _RUN, "source": "source name", "day": "day the run started (UTC)",
        "discovered": "candidate URLs the source listed", "new": "of those, not seen before",
        "fetched": "pages that answered 2xx", "stored": "new articles", "duplicate": "copies of earlier articles",
        "skipped": "pages dropped with a reason (off-topic, not English, robots, ...)",
        "failed": "pages that could not be fetched or processed", "error": "discovery error of the source, if any"}),
    "incidents": ("Mentions of one real event clustered: same type and district, dates close, shared names.", {
        "incident_id": "hash of its first mention", "event_type": _TYPE, "state": _STATE, "district": _DISTRICT,
        "first_event_date": "earliest event date of its mentions (its week in district_weekly)",
        "last_event_date": "latest event date of its mentions", "first_seen": "first report (feed or page date)",
        "last_seen": "latest report", "n_mentions": "mentions clustered",
        "n_articles": "articles reporting it, copies included", "n_sources": "distinct outlets reporting it",
        "lead_article_id": "article of its first mention; incidents sharing it are one story in `hotspots`",
        "names": "surnames of the people named in its evidence sentences and article ledes",
        "merge_reasons": "one line per mention: why it started or joined this incident",
        "created_run_id": "run that created it", "updated_run_id": "run that last added a mention"}),
    "article_lsh": ("MinHash LSH buckets of original articles, to find reworded copies in O(new articles).", {
        "article_id": "articles.article_id", "band": "LSH band number", "bucket": "hash of the band's MinHash rows",
        "day": "publication (else fetch) day; candidates are looked up within a window around it"}),
    "article_signatures": ("MinHash signature of each original article: candidates of the LSH lookup that it shows "
                           "too unlike a new article are not compared exactly.", {
        "article_id": "articles.article_id", "day": "as in article_lsh",
        "signature": "96 MinHash values, little-endian uint32"}),
    "hotspot_flags": ("Which district-weeks each run flagged as hotspots, and by which rule.", {
        "run_id": _RUN, "district": "districts.district", "week": _WEEK, "rule": "ears_c2 | ears_c3",
        "value": "the rule's statistic (C2 or C3)", "observed": "incidents that week",
        "expected": "baseline mean scaled by the national surge", "ratio": "observed / expected",
        "parameters": "rule parameters in force (JSON)", "flagged_at": "when the run flagged it (UTC)"}),
    "weekly_incidents": ("Summary of incidents per district, week and type, kept by the loader and reclassify "
                         "(read by district_weekly and district_league).", {
        "district": "districts.district", "week": "week of the incidents' first event date", "event_type": _TYPE,
        "state": _STATE, "incidents": "incidents of that district, week and type", "mentions": "their mentions",
        "articles": "articles reporting them, copies included"}),
    "weekly_stories": ("Summary of incidents per district and week, all types, kept by the loader and reclassify "
                       "(read by hotspots).", {
        "district": "districts.district", "week": "week of the incidents' first event date",
        "incidents": "incidents of all types", "stories": "distinct lead articles of those incidents",
        "articles": "articles reporting them, copies included"}),
    "district_mentions": ("Summary of mentions of original articles per district, kept by the loader and reclassify "
                          "(read by district_league).", {
        "district": "districts.district", "mentions": "mentions in original articles",
        "articles": "original articles with at least one mention there"}),
    "counted_mentions": ("Mentions of original articles (copies excluded) with their article's URL and week.", {
        "url": "article URL", "source": "source that found the article", "site_name": "outlet",
        "published_at": "article publication date", "week": "week of the event date, else of publication"}),
    "covered_weeks": ("Weeks the warehouse has news for (articles published, runs or backfill windows completed).", {
        "week": _WEEK, "articles": "articles published that week", "polled": "a run or backfill window covered it"}),
    "weeks": ("Every week from the first to the last covered week.", {"week": _WEEK}),
    "district_weekly": ("Zero-filled grid district x week x event type of incidents; covered=false marks a gap.", {
        "district": "districts.district", "state": _STATE, "week": _WEEK, "event_type": _TYPE,
        "incidents": "incidents whose first event date falls in the week", "mentions": "their mentions",
        "articles": "articles reporting them, copies included",
        "covered": "false when the warehouse has no news that week: a zero there means unknown, not none"}),
    "hotspots": ("Per district-week EARS C2/C3 scores on stories (incidents, one article's counted once), with an "
                 "observed/expected ratio that discounts national surges.", {
        "district": "districts.district", "state": _STATE, "week": _WEEK, "covered": "the week has news coverage",
        "observed": "stories that week: its incidents, those first reported by the same article counted once",
        "incidents": "incidents that week (all types)", "articles": "articles reporting them",
        "baseline_weeks": "covered weeks in the baseline (t-9 .. t-3)", "baseline_mean": "mean incidents in baseline",
        "baseline_sd": "sample sd in baseline (0 when undefined)", "elsewhere": "incidents in all other districts",
        "elsewhere_mean": "their baseline mean", "expected": "baseline_mean x max(1, elsewhere / elsewhere_mean)",
        "ratio": "observed / max(expected, min_expected)", "c2": "(observed - baseline_mean) / max(sd, min_sigma)",
        "c3": "sum of max(0, c2 - 1) over this and the two previous weeks",
        "flag_c2": "scorable and c2 >= threshold and ratio >= min_ratio",
        "flag_c3": "scorable and c3 >= threshold and ratio >= min_ratio"}),
    "district_league": ("The seed question: districts ranked by federal charges and declinations, in incidents.", {
        "district": "districts.district", "state": _STATE,
        **{name: f"incidents of type {name}" for name in EVENT_TYPES},
        "incidents": "incidents of all types", "mentions": "mentions in original articles",
        "articles": "original articles (copies counted once)", "reports": "articles reporting, copies included"}),
    "coverage": ("Per source per day: discovered, fetched, new, failed; days without a run have polled=false.", {
        "source": "source name", "day": "day", "polled": "false on a gap (no run): counts are NULL, not 0",
        "runs": "runs that polled it that day", "discovered": "candidate URLs listed", "new": "not seen before",
        "fetched": "pages that answered 2xx", "stored": "new articles", "duplicate": "copies",
        "skipped": "dropped with a reason", "failed": "could not be fetched or processed",
        "errors": "discovery errors"}),
    "evidence": ("Every mention with its sentence and URL, so each count can be checked.", {
        "district": _DISTRICT, "state": _STATE, "event_type": _TYPE, "incident_id": "incidents.incident_id",
        "event_date": "event date, else publication date", "week": _WEEK, "url": "article URL", "title": "headline",
        "outlet": "outlet name", "published_at": "publication date", "evidence": "the supporting sentence(s)",
        "confidence": "classifier confidence", "copies": "URLs of verbatim or reworded copies of the article",
        "mention_id": "mentions.mention_id", "classifier_version": "classifier version"}),
}


def apply_comments(con: duckdb.DuckDBPyConnection) -> None:
    """Comment every existing table, view and column; a view column that repeats a table column reuses its text."""
    kinds = dict(con.execute(
        "SELECT table_name, table_type FROM information_schema.tables WHERE table_schema = 'main'"
    ).fetchall())
    fallback = {column: text for _, columns in COMMENTS.values() for column, text in columns.items()}
    for name, kind in kinds.items():
        table_comment, columns = COMMENTS.get(name, ("", {}))
        if table_comment:
            keyword = "VIEW" if kind == "VIEW" else "TABLE"
            con.execute(f"COMMENT ON {keyword} {name} IS {literal(table_comment)}")
        for (column,) in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = 'main' AND table_name = ?", [name]
        ).fetchall():
            text = columns.get(column) or COMMENTS["mentions"][1].get(column) or fallback.get(column)
            if text:
                con.execute(f"COMMENT ON COLUMN {name}.{column} IS {literal(text)}")
