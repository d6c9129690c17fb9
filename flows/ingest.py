"""The `ingest` Prefect flow: discover -> drop already-seen -> fetch -> extract + classify -> load, batch by batch.

Tasks work on whole batches (a Prefect task run costs ~9 ms here), and every batch is committed on its own, so an
interrupted run leaves the warehouse as of its last batch and the next run picks up the rest.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.context import FlowRunContext
from prefect.futures import PrefectFuture
from prefect.task_runners import ThreadPoolTaskRunner
from prefect.tasks import exponential_backoff
from prefect.utilities.annotations import quote

from flows import writer
from flows.notify import flag_key, send_notification
from flows.parallel import process_pages, process_pages_here
from flows.pipeline import BATCH_SIZE, run_overlapped
from sources.config import SourceConfig, load_sources
from sources.discovery import discover
from sources.fetcher import FetchSettings, fetch_pages
from sources.models import Candidate, FetchResult, SourceReport, SourceState
from warehouse import hotspots, store
from warehouse.hotspots import HotspotFlag
from warehouse.lock import writer_lock
from warehouse.publish import publish_snapshot
from warehouse.records import PageRecord

DEFAULT_SOURCES = Path(__file__).resolve().parent.parent / "sources" / "default_sources.toml"
FAILED_RETRY_LIMIT = 3
WRITER_WAIT_SECONDS = 6 * 3600  # a nightly run waits this long for a running backfill (or another run) to finish


class AllSourcesFailed(RuntimeError):
    """Every source failed discovery: nothing could be ingested."""


@task(name="discover", cache_policy=NO_CACHE)
def discover_task(
    sources: list[SourceConfig], states: Mapping[str, SourceState], since: date | None, until: date | None,
    settings: FetchSettings,
) -> tuple[list[Candidate], list[SourceReport]]:
    """Ask every source for candidate URLs (one broken source only marks its own report)."""
    return discover(sources, states, since, until, settings)


@task(name="fetch", cache_policy=NO_CACHE, retries=1, retry_delay_seconds=5)
def fetch_task(
    batch: list[Candidate], sources: Mapping[str, SourceConfig], settings: FetchSettings
) -> list[FetchResult]:
    """Fetch one batch politely; every candidate comes back with an outcome."""
    return fetch_pages(batch, sources, settings)


@task(name="extract-classify", cache_policy=NO_CACHE)
def process_task(
    results: list[FetchResult], candidates: Mapping[str, Candidate], local_pool: bool = True
) -> list[PageRecord]:
    """Turn fetched pages into warehouse records (extraction, language and relevance gates, classification).

    `local_pool` spreads the batch over this machine's cores; it is off when the task itself already runs on a
    distributed worker (Dask), which parallelises across batches instead.
    """
    records = [_base_record(result, candidates.get(result.url_hash)) for result in results]
    fetched = [i for i, result in enumerate(results) if result.outcome == "fetched" and result.body is not None]
    run = process_pages if local_pool else process_pages_here
    outcomes = run([
        (results[i].body or b"", results[i].final_url or results[i].url,
         records[i].feed_published.date() if records[i].feed_published else None)
        for i in fetched
    ])
    for i, outcome in zip(fetched, outcomes):
        records[i] = replace(
            records[i], state=outcome.state, reason=outcome.reason, article=outcome.article,
            classification=outcome.classification, content_hash=outcome.content_hash, fingerprint=outcome.fingerprint,
        )
    return records


@task(name="load", cache_policy=NO_CACHE, retries=3, retry_delay_seconds=exponential_backoff(backoff_factor=2),
      retry_jitter_factor=0.5)
def load_task(db: str | None, run_id: str, records: list[PageRecord]) -> dict[str, int]:
    """Commit one batch in one transaction, in the writer process (safe to retry: a batch is all-or-nothing and
    idempotent)."""
    return writer.load(db, run_id, records)


def _base_record(result: FetchResult, candidate: Candidate | None) -> PageRecord:
    """The record of a URL as the fetcher left it; processing fills in the rest for fetched pages."""
    feed_published = candidate.published if candidate else None
    return PageRecord(
        url_hash=result.url_hash, url=result.url, source=result.source, state=result.outcome,
        reason=result.reason, http_status=result.http_status, attempts=result.attempts,
        fetched_at=store.utc_now(),
        feed_published=feed_published.replace(tzinfo=None) if feed_published else None,
    )


def _batches(items: Sequence[Candidate], size: int) -> list[list[Candidate]]:
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


@flow(name="ingest")
def ingest(
    sources: str | None = None,
    db: str | None = None,
    since: date | None = None,
    until: date | None = None,
    host_interval: float | None = None,
    batch_size: int = BATCH_SIZE,
    conditional: bool = True,
    publish: bool = True,
    notify_hotspots: bool = True,
    webhook_url: str | None = None,
) -> dict[str, Any]:
    """Ingest every source's new items published in [since, until] (open-ended when None) into the warehouse.

    The run holds the warehouse's writer lock throughout (a concurrent run waits for it). `conditional=False` ignores
    the stored ETag/Last-Modified/body hash, so a backfill window re-reads feeds that the nightly run saw unchanged.
    After the last batch the run records its hotspot flags, attaches them as a Prefect artifact, publishes the
    analysts' snapshot (`publish`) and POSTs newly flagged hotspots to the webhook (`notify_hotspots`).
    """
    db_path = store.resolve_db_path(db)
    with writer_lock(db_path, timeout=WRITER_WAIT_SECONDS, holder="ingest"):
        summary, new_flags, markdown = _ingest_locked(
            sources, db, since, until, host_interval, batch_size, conditional)
        if publish:
            publish_snapshot(db_path)
    create_markdown_artifact(markdown, key="hotspots", description="Districts flagged by this run's data")
    if notify_hotspots and new_flags:
        send_notification(new_flags, webhook_url)
    return summary


def _ingest_locked(
    sources: str | None, db: str | None, since: date | None, until: date | None, host_interval: float | None,
    batch_size: int, conditional: bool,
) -> tuple[dict[str, Any], list[HotspotFlag], str]:
    logger = get_run_logger()
    configs = load_sources(Path(sources) if sources else DEFAULT_SOURCES)
    settings = FetchSettings() if host_interval is None else FetchSettings(min_host_interval=host_interval)
    parameters = {"sources": sources, "db": db, "since": since, "until": until, "host_interval": host_interval,
                  "conditional": conditional}
    with store.open_warehouse(db) as con:
        run_id = store.start_run(con, "ingest", parameters)
        states = store.source_states(con)
        flagged_before = {flag_key(flag) for flag in hotspots.current_flags(con)}
    if not conditional:
        states = {name: replace(state, etag=None, last_modified=None, body_hash=None) for name, state in states.items()}
    counts: Counter[str] = Counter(dict.fromkeys(
        ("discovered", "new", "stored", "duplicate", "skipped", "failed", "articles", "mentions"), 0))
    status = "failed"
    try:
        candidates, reports = discover_task(configs, states, since, until, settings)
        with store.open_warehouse(db) as con:
            fresh = store.unseen(con, candidates, FAILED_RETRY_LIMIT)
            store.record_sources(con, reports, Counter(c.source for c in fresh), run_id=run_id)
        counts.update(discovered=len(candidates), new=len(fresh), sources=len(reports),
                      sources_failed=sum(1 for r in reports if r.error))
        logger.info("discovered %d URLs, %d new, from %d sources", len(candidates), len(fresh), len(reports))
        by_name = {config.name: config for config in configs}
        batches = _batches(fresh, batch_size)
        local_pool = isinstance(FlowRunContext.get().task_runner, ThreadPoolTaskRunner)

        def start(batch: list[Candidate]) -> PrefectFuture[list[PageRecord]]:
            """Fetch the batch here, then extract and classify it in a task (other cores or workers)."""
            results = fetch_task(batch, by_name, settings)
            # quote(): Prefect would otherwise walk every page, record and article of a batch looking for futures. The
            # Dask runner passes quotes on unopened, and ships the arguments whole anyway.
            inputs = (results, {candidate.url_hash: candidate for candidate in batch})
            return process_task.submit(*(map(quote, inputs) if local_pool else inputs), local_pool)

        def finish(records: list[PageRecord]) -> None:
            """Load a processed batch (in this one thread, in order: the warehouse has one writer)."""
            nonlocal loaded
            counts.update(load_task(db, run_id, quote(records)))
            loaded += 1
            logger.info("batch %d/%d loaded: %s", loaded, len(batches), dict(counts))

        loaded = 0
        run_overlapped(batches, start, finish)
        if reports and counts["sources_failed"] == len(reports):
            raise AllSourcesFailed(f"all {len(reports)} sources failed discovery: see `hotspots sources list`")
        status = "completed"
    finally:
        writer.release()
        # Committed batches count even when the run failed: record the run, its clusters and its flags either way.
        with store.open_warehouse(db) as con:
            if status == "completed" and since is None and until is None:
                store.save_validators(con, run_id, reports)
            store.finish_run(con, run_id, counts, status)
            flags = hotspots.refresh(con, run_id)
            markdown = hotspots.hotspots_markdown(con)
    new_flags = [flag for flag in flags if flag_key(flag) not in flagged_before]
    counts["new_hotspots"] = len(new_flags)
    return {"run_id": run_id, "status": status, **counts}, new_flags, markdown


def on_dask(address: str | None = None, workers: int | None = None) -> Any:
    """The ingest flow with its extract-classify batches sent to a Dask cluster (an address, or a local one).

    Batches should be large enough to amortise Dask's per-task cost (~110 ms here): the default
    (`flows.pipeline.BATCH_SIZE`, 300 pages) is.
    """
    try:
        from prefect_dask import DaskTaskRunner
    except ImportError as error:  # the optional extra is not installed
        raise RuntimeError("Dask support needs the 'dask' extra: uv sync --extra dask") from error
    if address:
        runner = DaskTaskRunner(address=address)
    else:
        runner = DaskTaskRunner(cluster_kwargs={"n_workers": workers or 2, "threads_per_worker": 1, "processes": True})
    return ingest.with_options(task_runner=runner)
