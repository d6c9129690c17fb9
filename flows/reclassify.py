"""The `reclassify` Prefect flow: re-label stored articles with the current classifier, without refetching.

Runs under the warehouse's writer lock and swaps every article's mentions in one transaction, so analysts (on the
snapshot) see the old labels or the new, never a mix (the stored text is read, classified on the process pool and
swapped a batch at a time within it); with `recluster`, the same transaction also rebuilds the incidents under the
current clustering rules.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.utilities.annotations import quote

from extractors.classify import CLASSIFIER_VERSION
from extractors.models import Classification
from flows import parallel
from flows.ingest import WRITER_WAIT_SECONDS
from flows.pipeline import run_overlapped
from warehouse import hotspots, store
from warehouse.lock import writer_lock
from warehouse.publish import publish_snapshot
from warehouse.reclassify import StoredArticle, count_stored, stored_batches, swap_mentions
from warehouse.reclassify import recluster as recluster_incidents


@task(name="classify-stored", cache_policy=NO_CACHE)
def classify_task(articles: list[StoredArticle]) -> dict[str, Classification]:
    """The current classifier's verdict for each stored article, on the process pool."""
    verdicts = parallel.classify_texts([(a.text, a.title, a.url, a.published) for a in articles])
    return {article.article_id: verdict for article, verdict in zip(articles, verdicts)}


@flow(name="reclassify")
def reclassify(
    since: date | None = None, db: str | None = None, publish: bool = True, recluster: bool = False
) -> dict[str, Any]:
    """Re-run classification over stored text published since `since` (all when None) and swap the mentions; with
    `recluster`, then dissolve the incidents first dated on or after `since` and cluster their mentions again.

    Articles are read, classified and swapped a batch at a time inside the one transaction, so memory holds two
    batches of text, not the warehouse's."""
    logger = get_run_logger()
    db_path = store.resolve_db_path(db)
    with writer_lock(db_path, timeout=WRITER_WAIT_SECONDS, holder="reclassify"):
        with store.open_warehouse(db) as con:
            run_id = store.start_run(
                con, "reclassify", {"since": since, "db": db, "version": CLASSIFIER_VERSION, "recluster": recluster}
            )
            total = count_stored(con, since)
        status, counts = "failed", {"articles": 0, "kept": 0, "added": 0, "removed": 0}
        try:
            with store.open_warehouse(db) as con, store.transaction(con):
                def swap(verdicts: dict[str, Classification]) -> None:
                    for key, value in swap_mentions(con, run_id, verdicts).items():
                        counts[key] += value
                    logger.info("reclassified %d of %d articles", counts["articles"], total)

                # Each batch is classified on the pool while the one before it is swapped here (quote(): Prefect
                # would otherwise walk every article looking for futures).
                run_overlapped(stored_batches(con, since), lambda batch: classify_task.submit(quote(batch)), swap,
                               depth=1)
                if recluster:
                    rebuilt = recluster_incidents(con, run_id, since, progress=lambda month, assigned: logger.info(
                        "re-clustered the mentions of articles published in %s: %d", f"{month:%Y-%m}", assigned))
                    counts |= {"incidents_dissolved": rebuilt["dissolved"], "incidents_formed": rebuilt["formed"]}
            status = "completed"
        finally:
            with store.open_warehouse(db) as con:
                store.finish_run(con, run_id, counts, status)
                hotspots.refresh(con, run_id)
                markdown = hotspots.hotspots_markdown(con)
        if publish:
            publish_snapshot(db_path)
    create_markdown_artifact(markdown, key="hotspots", description="Districts flagged after reclassification")
    logger.info("reclassified %d articles: %s", counts["articles"], counts)
    return {"run_id": run_id, "status": status, "version": CLASSIFIER_VERSION, **counts}
