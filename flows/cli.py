"""`hotspots`: the operator's and analyst's command line (typer)."""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, NoReturn, Optional

import duckdb
import typer
from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from flows.runtime import configure, release_frames

configure()

from extractors.article import extract_article  # noqa: E402 (Prefect settings must come first)
from extractors.classify_jsonl import classify_lines  # noqa: E402
from sources.config import SourceConfig, SourcesFileError, load_sources  # noqa: E402
from sources.fetcher import FetchSettings  # noqa: E402
from sources.models import SourceState  # noqa: E402
from warehouse import reports, store  # noqa: E402
from warehouse.lock import WriterBusy  # noqa: E402

app = typer.Typer(help="ice-hotspots: immigration-enforcement news -> U.S. Attorney district hotspots in DuckDB.",
                  no_args_is_help=True, add_completion=False)
sources_app = typer.Typer(help="Inspect the configured sources.", no_args_is_help=True)
app.add_typer(sources_app, name="sources")
# Reports are read in logs and pipes too: do not squeeze them to the 80-column default there.
console = Console(width=None if sys.stdout.isatty() else 120)
err = Console(stderr=True, soft_wrap=True)

DbOption = Annotated[Optional[Path], typer.Option("--db", help="DuckDB file (default $HOTSPOTS_DB or ./hotspots.duckdb).")]
_DAY = ["%Y-%m-%d"]
SinceOption = typer.Option(formats=_DAY, help="First publication day, YYYY-MM-DD (UTC, included).")
UntilOption = typer.Option(formats=_DAY, help="Last publication day, YYYY-MM-DD (UTC, included).")


def _fail(message: str, code: int = 2) -> NoReturn:
    release_frames(sys.exception())
    err.print(Text("error: ", style="red") + Text(message))
    raise typer.Exit(code)


def _configured(path: Path) -> list[SourceConfig]:
    """The sources of a file, refusing one that does not exist or is not valid in one line: checked before a flow
    starts, so that line is all the operator sees."""
    if not path.is_file():
        _fail(f"sources file {path} does not exist: pass --sources with a TOML file of [[sources]] tables")
    try:
        return load_sources(path)
    except SourcesFileError as error:
        _fail(str(error))


def _checked_sources(path: Path | None) -> Path | None:
    """The sources file as given, once `_configured` has accepted it (None means the shipped list)."""
    if path is not None:
        _configured(path)
    return path


def _writable_db(db: Path | None) -> Path | None:
    """The warehouse path as given, refusing one this user cannot create or write (the file, and its folder, which
    holds its lock and log), before a flow starts."""
    path = store.resolve_db_path(db).absolute()
    folder = next(parent for parent in path.parents if parent.exists())
    beside = [Path(f"{path}{suffix}") for suffix in (".lock", ".wal")]
    if path.is_dir():
        problem = f"{path} is a folder, not a DuckDB file"
    elif not folder.is_dir():
        problem = f"{folder} is not a folder"
    elif not os.access(folder, os.W_OK | os.X_OK):
        problem = f"the folder {folder} is not writable by this user"
    elif unwritable := [f for f in (path, *beside) if f.exists() and not os.access(f, os.W_OK)]:
        problem = f"{unwritable[0]} is not writable by this user"
    else:
        return db
    _fail(f"cannot write the warehouse: {problem}: pass --db with a path you can write, or run as its owner")


def _existing_db(db: Path | None) -> Path:
    """The warehouse path, which must already exist for commands that read or re-label stored data."""
    try:
        return store.existing_db_path(db)
    except FileNotFoundError as error:
        _fail(str(error))


def _day(value: datetime | None) -> date | None:
    return value.date() if value else None


def _render(table: reports.Table) -> None:
    rich_table = RichTable(title=table.title, title_justify="left")
    for column in table.columns:
        text_column = column in ("district", "state", "top_type", "name", "kind", "last_error")
        rich_table.add_column(column.replace("_", " "), justify="left" if text_column else "right",
                              no_wrap=column != "last_error")
    for row in table.rows:
        rich_table.add_row(*("" if cell is None else str(cell) for cell in row))
    console.print(rich_table)


@contextmanager
def _reading(db: Path | None) -> Iterator[duckdb.DuckDBPyConnection]:
    """The warehouse opened read-only; while a run writes it, one line naming the snapshot to read instead."""
    try:
        with store.open_warehouse(db, read_only=True) as con:
            yield con
    except WriterBusy as error:
        _fail(str(error), code=1)


def _print_report(db: Path | None) -> None:
    with _reading(db) as con:
        _render(reports.league(con))
        _render(reports.busiest_districts(con))
        _render(reports.flagged_hotspots(con))


def _run_ingest(sources: Path | None, db: Path | None, since: date | None, until: date | None,
                host_interval: float | None, dask_address: str | None = None,
                dask_workers: int | None = None) -> dict[str, object]:
    from flows.ingest import AllSourcesFailed, ingest, on_dask

    try:
        flow = on_dask(dask_address, dask_workers) if (dask_address or dask_workers) else ingest
    except RuntimeError as error:  # the dask extra is not installed
        _fail(str(error))
    _writable_db(db)
    try:
        summary = flow(sources=str(sources) if sources else None, db=str(db) if db else None,
                       since=since, until=until, host_interval=host_interval)
    except SourcesFileError as error:
        _fail(str(error))
    except (AllSourcesFailed, WriterBusy) as error:
        _fail(str(error), code=1)
    console.print(
        "[bold]run {run_id}[/bold] {status}: discovered {discovered}, new {new}, stored {stored}, "
        "duplicate {duplicate}, skipped {skipped}, failed {failed}; {articles} articles and {mentions} mentions "
        "added".format_map({key: summary.get(key, 0) for key in (
            "run_id", "status", "discovered", "new", "stored", "duplicate", "skipped", "failed", "articles",
            "mentions")})
    )
    return summary


@app.command()
def demo(db: DbOption = None) -> None:
    """Serve the bundled demo news site on 127.0.0.1, ingest it like production, and print the report."""
    from demo.server import render_sources, serve_site

    _writable_db(db)
    with serve_site() as base_url, tempfile.TemporaryDirectory() as scratch:
        console.print(f"demo site at {base_url}")
        sources_file = render_sources(base_url, Path(scratch) / "sources.toml")
        _run_ingest(sources_file, db, None, None, host_interval=0.02)
    _print_report(db)


@app.command()
def ingest(
    sources: Annotated[Optional[Path], typer.Option(help="TOML sources file (default: the shipped list).")] = None,
    db: DbOption = None,
    since: Annotated[Optional[datetime], SinceOption] = None,
    until: Annotated[Optional[datetime], UntilOption] = None,
    host_interval: Annotated[Optional[float], typer.Option(help="Seconds between requests to one host.")] = None,
    dask_address: Annotated[Optional[str], typer.Option(
        "--dask-address", help="Process batches on this Dask scheduler (tcp://host:8786); needs the 'dask' extra.")] = None,
    dask_workers: Annotated[Optional[int], typer.Option(
        "--dask-workers", min=1, help="Process batches on a local Dask cluster of this many worker processes.")] = None,
) -> None:
    """Run the nightly ingest once (the same flow the deployment schedules)."""
    _run_ingest(_checked_sources(sources), db, _day(since), _day(until), host_interval, dask_address, dask_workers)


@app.command()
def backfill(
    since: Annotated[datetime, SinceOption],
    until: Annotated[datetime, UntilOption],
    sources: Annotated[Optional[Path], typer.Option(help="TOML sources file (default: the shipped list).")] = None,
    db: DbOption = None,
    host_interval: Annotated[Optional[float], typer.Option(help="Seconds between requests to one host.")] = None,
) -> None:
    """Ingest a date range one day window at a time; kill it any time and run it again to resume."""
    from flows.backfill import IncompleteBackfill, backfill_command
    from flows.ingest import AllSourcesFailed

    if until < since:
        _fail(f"--until {until:%Y-%m-%d} is before --since {since:%Y-%m-%d}: swap them")
    try:
        summary = backfill_command(since.date(), until.date(), _checked_sources(sources), _writable_db(db),
                                   host_interval, console)
    except SourcesFileError as error:
        _fail(str(error))
    except (AllSourcesFailed, IncompleteBackfill, WriterBusy) as error:
        _fail(str(error), code=1)
    console.print("[bold]backfill {run_id}[/bold] {status}: {windows} windows ({windows_skipped} already done), "
                  "{articles} articles and {mentions} mentions added".format_map(summary))


@app.command()
def report(
    db: DbOption = None,
    html: Annotated[Optional[Path], typer.Option(
        "--html", help="Also write a self-contained HTML report (and PNG charts beside it) to this file.")] = None,
) -> None:
    """Print the district league table and the latest week's busiest districts; optionally an HTML report."""
    from warehouse.html_report import NoNewsYet, render_html_report

    try:
        _print_report(db)
        if html:
            from warehouse.png_charts import render_png_charts

            html.parent.mkdir(parents=True, exist_ok=True)
            with _reading(db) as con:
                render_html_report(con, html)
                charts = render_png_charts(con, html.parent)
            console.print(f"HTML report written to {html}" + (f" with {len(charts)} PNG charts" if charts else ""))
    except FileNotFoundError as error:
        _fail(str(error))
    except NoNewsYet as error:
        _fail(str(error), code=1)


@app.command()
def reclassify(
    since: Annotated[Optional[datetime], typer.Option(
        formats=_DAY,
        help="Re-label articles dated (published, else fetched) on or after this day, YYYY-MM-DD; all without it.",
    )] = None,
    db: DbOption = None,
    recluster: Annotated[bool, typer.Option(
        "--recluster", help="Also rebuild the incidents first dated on or after --since (all without it) under the "
                            "current clustering rules, in the same transaction.")] = False,
) -> None:
    """Re-run the current classifier over stored text (no refetch) and swap changed labels in one transaction."""
    from flows.reclassify import reclassify as reclassify_flow

    _writable_db(_existing_db(db))
    try:
        summary = reclassify_flow(since=_day(since), db=str(db) if db else None, recluster=recluster)
    except WriterBusy as error:
        _fail(str(error), code=1)
    line = ("[bold]reclassify {run_id}[/bold] {status} ({version}): {articles} articles; labels kept {kept}, "
            "added {added}, removed {removed}")
    if "incidents_formed" in summary:
        line += "; incidents dissolved {incidents_dissolved}, formed {incidents_formed}"
    console.print(line.format_map(summary))


@app.command("upgrade-storage")
def upgrade_storage(db: DbOption = None) -> None:
    """Rewrite a warehouse made in DuckDB 2.0's storage format in the one new warehouses use, so each publish copies
    the file instead of converting it; the original is kept as <db>.<format>.bak."""
    from flows.ingest import WRITER_WAIT_SECONDS
    from warehouse.lock import writer_lock
    from warehouse.storage_format import upgrade

    path = _existing_db(db)
    try:
        with writer_lock(path, timeout=WRITER_WAIT_SECONDS, holder="upgrade-storage"):
            started = time.monotonic()
            upgraded = upgrade(path)
    except (WriterBusy, OSError, RuntimeError, duckdb.Error) as error:  # one line each, saying what went wrong
        _fail(str(error), code=1)
    if upgraded is None:
        console.print(f"{path} is already in the {store.STORAGE_VERSION} storage format: nothing to do", soft_wrap=True)
        return
    console.print(f"{path} converted from the {upgraded.previous_version} to the {store.STORAGE_VERSION} storage "
                  f"format in {time.monotonic() - started:.1f} s ({upgraded.rows:,} rows). The original is kept as "
                  f"{upgraded.backup}: delete it once the next run has succeeded.", soft_wrap=True)


@app.command()
def export(
    parquet: Annotated[Path, typer.Option("--parquet", help="Folder to write partitioned Parquet files into.")],
    db: DbOption = None,
) -> None:
    """Export the warehouse's tables and views as Parquet for analysts' other tools."""
    from warehouse.publish import export_parquet

    try:
        console.print(f"Parquet written to {export_parquet(_existing_db(db), parquet)}")
    except WriterBusy as error:
        _fail(str(error), code=1)


@app.command()
def extract(
    target: Annotated[str, typer.Argument(help="A saved HTML file, or an http(s) URL to fetch (politely, robots.txt honoured).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the whole Article as JSON.")] = False,
    allow_private: Annotated[bool, typer.Option(help="Allow a URL on a loopback or private address.")] = False,
) -> None:
    """Print the main text (or the whole Article) extracted from a saved page or a URL."""
    if target.startswith(("http://", "https://")):
        body, url = _fetch_one(target, allow_private), target
    else:
        path = Path(target)
        if not path.is_file():
            _fail(f"{target} is neither a file nor an http(s) URL: pass a saved HTML page or a URL")
        body, url = path.read_bytes(), path.resolve().as_uri()
    article = extract_article(body, url=url)
    if as_json:
        console.print_json(json.dumps(article.__dict__, default=str))
    else:
        typer.echo(article.text or f"(no text: {article.reason})")


def _fetch_one(url: str, allow_private: bool) -> bytes:
    """One page through the production fetcher (same limits, robots and address checks as the pipeline)."""
    from sources.fetcher import fetch_pages
    from sources.models import new_candidate

    config = SourceConfig(name="cli", kind="feed", url=url, allow_private=allow_private)
    [result] = fetch_pages([new_candidate(url, "cli")], {"cli": config}, FetchSettings(min_host_interval=0.0))
    if result.outcome != "fetched" or result.body is None:
        hint = ": pass --allow-private to fetch it" if result.reason == "private address" and not allow_private else ""
        _fail(f"could not fetch {url}: {result.outcome} ({result.reason}){hint}", code=1)
    return result.body or b""


@app.command()
def classify() -> None:
    """Read JSONL {"id", "text", "title"?, "url"?, "published"?} on stdin, write one JSONL verdict per line."""
    for line in classify_lines(sys.stdin):
        sys.stdout.write(line + "\n")


SourcesOption = Annotated[Optional[Path], typer.Option("--sources", help="TOML sources file (default: the shipped list).")]


def _configured_or_shipped(sources: Path | None) -> list[SourceConfig]:
    from flows.ingest import DEFAULT_SOURCES

    return _configured(sources or DEFAULT_SOURCES)


def _known_states(db: Path | None) -> dict[str, SourceState]:
    if not store.resolve_db_path(db).exists():
        return {}
    with _reading(db) as con:
        return store.source_states(con)


@sources_app.command("list")
def sources_list(sources: SourcesOption = None, db: DbOption = None) -> None:
    """Every configured source with its last fetch and health as recorded in the warehouse."""
    configs = _configured_or_shipped(sources)
    health: dict[str, tuple[object, ...]] = {}
    if store.resolve_db_path(db).exists():
        with _reading(db) as con:
            for row in con.execute(
                "SELECT name, last_fetch_at, last_http_status, last_items, last_new_items, consecutive_failures, "
                "disabled, last_error FROM sources"
            ).fetchall():
                health[row[0]] = row[1:]
    columns = ("name", "kind", "last_fetch", "http", "items", "new_items", "failures", "disabled", "last_error")
    rows = [(c.name, c.kind, *health.get(c.name, (None, None, None, None, 0, False, None))) for c in configs]
    _render(reports.Table("Sources", columns, rows))


@sources_app.command("check")
def sources_check(
    sources: SourcesOption = None,
    db: DbOption = None,
    demo_site: Annotated[bool, typer.Option("--demo", help="Check the bundled demo site's sources.")] = False,
) -> None:
    """Probe every source now (discovery only, no pages fetched) and print its health."""
    from demo.server import render_sources, serve_site
    from sources.health import check_sources

    states = _known_states(db)
    if not demo_site:
        rows = check_sources(_configured_or_shipped(sources), states, FetchSettings())
    else:
        with serve_site() as base_url, tempfile.TemporaryDirectory() as scratch:
            configs = _configured(render_sources(base_url, Path(scratch) / "sources.toml"))
            rows = check_sources(configs, states, FetchSettings(min_host_interval=0.02))
    columns = ("name", "kind", "http", "items", "failures", "disabled", "last_error")
    table_rows = [(r.name, r.kind, r.http_status, r.items, r.consecutive_failures, r.disabled, r.error) for r in rows]
    _render(reports.Table("Source health (probed now)", columns, table_rows))
    if rows and all(r.error for r in rows):
        raise typer.Exit(1)


if __name__ == "__main__":
    app()
