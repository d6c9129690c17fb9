"""Re-label stored articles with a new classifier version without refetching anything.

`swap_mentions` compares each article's stored labels (type, state, district) with the new verdict: unchanged labels
keep their row (and incident) and only take the new version; dropped labels are deleted; new labels are inserted and
clustered. Incidents left without mentions are deleted, and the counts of every touched incident and the summary
tables are recomputed, so the league and hotspot views stay consistent. The caller runs it inside one transaction.
`recluster` rebuilds the incidents themselves, for when the clustering rules change rather than the labels.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

import duckdb

from extractors.models import Classification
from warehouse import incidents, summaries
from warehouse.bulk import TEXT, insert_rows, with_rows
from warehouse.schema import ARTICLE_DAY
from warehouse.store import MENTION_COLUMNS, mention_rows_for

Label = tuple[str, str | None, str | None]


@dataclass(frozen=True)
class StoredArticle:
    """What the classifier needs of a stored original."""

    article_id: str
    text: str
    title: str | None
    url: str
    published: date | None


# The articles a reclassification reads: originals (not copies) published on or after a day (every one for NULL).
_ORIGINALS_SINCE = f"duplicate_of IS NULL AND (?::DATE IS NULL OR {ARTICLE_DAY} >= ?::DATE)"


def stored_batches(
    con: duckdb.DuckDBPyConnection, since: date | None = None, rows: int = 2_000
) -> Iterator[list[StoredArticle]]:
    """Originals (not copies) published on or after `since` (all when None), `rows` rows of the table at a time in
    storage order (about publication order: backfills load by date). Each batch reads only its span of rowids, so a
    year of text is never in memory at once. Run it in the transaction that swaps their mentions: that changes no
    article, so the rowids hold still."""
    (end,) = con.execute("SELECT coalesce(max(rowid) + 1, 0) FROM articles").fetchone() or (0,)
    for start in range(0, end, rows):
        found = con.execute(
            f"""
            SELECT article_id, text, title, url, published_at FROM articles
            WHERE rowid >= ? AND rowid < ? AND {_ORIGINALS_SINCE}
            ORDER BY rowid
            """,
            [start, start + rows, since, since],
        ).fetchall()
        if found:
            yield [StoredArticle(*row) for row in found]


def count_stored(con: duckdb.DuckDBPyConnection, since: date | None = None) -> int:
    """How many articles `stored_batches` will yield."""
    row = con.execute(f"SELECT count(*) FROM articles WHERE {_ORIGINALS_SINCE}", [since, since]).fetchone()
    return row[0] if row else 0


def swap_mentions(
    con: duckdb.DuckDBPyConnection, run_id: str, verdicts: Mapping[str, Classification]
) -> dict[str, int]:
    """Replace the mentions of these articles by their new verdicts' events; returns kept/added/removed counts."""
    article_ids = list(verdicts)
    old: dict[str, dict[Label, tuple[str, str | None]]] = {}
    for mention_id, article_id, kind, state, district, incident_id in con.execute(
        """
        SELECT mention_id, article_id, event_type, state, district, incident_id FROM mentions
        WHERE article_id IN (SELECT unnest(?::VARCHAR[]))
        """,
        [article_ids],
    ).fetchall():
        old.setdefault(article_id, {})[(kind, state, district)] = (mention_id, incident_id)
    kept: list[tuple[object, ...]] = []
    removed: list[str] = []
    added: list[tuple[object, ...]] = []
    touched: set[str] = set()
    for article_id, verdict in verdicts.items():
        before = old.get(article_id, {})
        events = verdict.events if verdict.relevant else ()
        after = {(e.type, e.state, e.district) for e in events}
        for label, (mention_id, incident_id) in before.items():
            if label in after:
                kept.append((mention_id, verdict.version))
            else:
                removed.append(mention_id)
                if incident_id:
                    touched.add(incident_id)
        fresh = [e for e in events if (e.type, e.state, e.district) not in before]
        added += mention_rows_for(article_id, fresh, verdict.version)
    with summaries.maintained(con, article_ids=article_ids):
        with_rows(con, {"mention_id": TEXT, "classifier_version": TEXT}, kept,
                  "UPDATE mentions SET classifier_version = b.classifier_version FROM {batch} b "
                  "WHERE mentions.mention_id = b.mention_id")
        if removed:
            con.execute("DELETE FROM mentions WHERE mention_id IN (SELECT unnest(?::VARCHAR[]))", [removed])
        insert_rows(con, "mentions", MENTION_COLUMNS, added, "ON CONFLICT DO NOTHING")
    incidents.assign_incidents(con, run_id)
    touched |= set(incidents.incidents_of_articles(con, article_ids))
    with summaries.maintained(con, incident_ids=sorted(touched)):
        incidents.update_counts(con, sorted(touched))
        con.execute(
            """
            DELETE FROM incidents WHERE incident_id IN (SELECT unnest(?::VARCHAR[]))
              AND incident_id NOT IN (SELECT incident_id FROM mentions WHERE incident_id IS NOT NULL)
            """,
            [sorted(touched)],
        )
    return {"articles": len(verdicts), "kept": len(kept), "added": len(added), "removed": len(removed)}


def recluster(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    since: date | None = None,
    progress: Callable[[date, int], None] | None = None,
) -> dict[str, int]:
    """Dissolve the incidents whose first event date is on or after `since` (every one when None) and cluster their
    mentions again under the current rules of `warehouse.incidents`, so a change to those rules reaches the incidents
    already stored. Mentions are taken a month of their articles' publication at a time, in order, so a year's ledes
    are never all in memory; `progress` hears each month done and the mentions it assigned. The caller runs it inside
    one transaction; the summary tables are rebuilt from the result. Returns incidents dissolved and formed."""
    first = since or date.min
    dissolved = con.execute("SELECT count(*) FROM incidents WHERE first_event_date >= ?", [first]).fetchone()
    con.execute(
        "UPDATE mentions SET incident_id = NULL"
        " WHERE incident_id IN (SELECT incident_id FROM incidents WHERE first_event_date >= ?)",
        [first],
    )
    con.execute("DELETE FROM incidents WHERE first_event_date >= ?", [first])
    months = con.execute(
        f"""
        SELECT DISTINCT date_trunc('month', {ARTICLE_DAY})::DATE AS month FROM articles
        WHERE article_id IN (SELECT article_id FROM mentions WHERE incident_id IS NULL) ORDER BY month
        """
    ).fetchall()
    for (month,) in months:
        following = (month + timedelta(days=32)).replace(day=1)
        assigned = incidents.assign_incidents(con, run_id, published_before=following)
        if progress:
            progress(month, assigned)
    summaries.rebuild(con)
    formed = con.execute("SELECT count(*) FROM incidents WHERE first_event_date >= ?", [first]).fetchone()
    return {"dissolved": dissolved[0] if dissolved else 0, "formed": formed[0] if formed else 0}
