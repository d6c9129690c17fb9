"""Re-label stored articles with a new classifier version without refetching anything.

`swap_mentions` compares each article's stored labels (type, state, district) with the new verdict: unchanged labels
keep their row (and incident) and only take the new version; dropped labels are deleted; new labels are inserted and
clustered. Incidents left without mentions are deleted, and the counts of every touched incident and the summary
tables are recomputed, so the league and hotspot views stay consistent. The caller runs it inside one transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import duckdb

from extractors.models import Classification
from warehouse import incidents, summaries
from warehouse.bulk import TEXT, insert_rows, with_rows
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


def stored_articles(con: duckdb.DuckDBPyConnection, since: date | None = None) -> list[StoredArticle]:
    """Originals (not copies) published on or after `since` (all when None), oldest first."""
    rows = con.execute(
        """
        SELECT article_id, text, title, url, published_at FROM articles
        WHERE duplicate_of IS NULL AND (?::DATE IS NULL OR coalesce(published_at, fetched_at::DATE) >= ?::DATE)
        ORDER BY coalesce(published_at, fetched_at::DATE), article_id
        """,
        [since, since],
    ).fetchall()
    return [StoredArticle(*row) for row in rows]


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
