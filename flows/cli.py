"""`hotspots`: the operator's and analyst's command line (typer)."""

from __future__ import annotations

import json
import sys
import tempfile
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table as RichTable

from flows.runtime import configure

configure()

from extractors.article import extract_article  # noqa: E402 (Prefect settings must come first)
from extractors.classify_jsonl import classify_lines  # noqa: E402
from sources.config import SourcesFileError  # noqa: E402
from warehouse import reports, store  # noqa: E402

app = typer.Typer(help="ice-hotspots: immigration-enforcement news -> U.S. Attorney district hotspots in DuckDB.",
                  no_args_is_help=True, add_completion=False)
sources_app = typer.Typer(help="Inspect the configured sources.", no_args_is_help=True)
app.add_typer(sources_app, name="sources")
# Reports are read in logs and pipes too: do not squeeze them to the 80-column default there.
console = Console(width=None if sys.stdout.isatty() else 120)
err = Console(stderr=True)

DbOption = Annotated[Optional[Path], typer.Option("--db", help="DuckDB file (default $HOTSPOTS_DB or ./hotspots.duckdb).")]
DateOption = typer.Option(formats=["%Y-%m-%d"])


def _fail(message: str, code: int = 2) -> None:
    err.print(f"[red]error:[/red] {message}")
    raise typer.Exit(code)


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


def _print_report(db: Path | None) -> None:
    with store.open_warehouse(db, read_only=True) as con:
        _render(reports.league(con))
        _render(reports.busiest_districts(con))


def _run_ingest(sources: Path | None, db: Path | None, since: date | None, until: date | None,
                host_interval: float | None) -> dict[str, object]:
    from flows.ingest import AllSourcesFailed, ingest

    try:
        summary = ingest(sources=str(sources) if sources else None, db=str(db) if db else None,
                         since=since, until=until, host_interval=host_interval)
    except SourcesFileError as error:
        _fail(str(error))
    except AllSourcesFailed as error:
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

    with serve_site() as base_url, tempfile.TemporaryDirectory() as scratch:
        console.print(f"demo site at {base_url}")
        sources_file = render_sources(base_url, Path(scratch) / "sources.toml")
        _run_ingest(sources_file, db, None, None, host_interval=0.02)
    _print_report(db)


@app.command()
def ingest(
    sources: Annotated[Optional[Path], typer.Option(help="TOML sources file (default: the shipped list).")] = None,
    db: DbOption = None,
    since: Annotated[Optional[datetime], DateOption] = None,
    until: Annotated[Optional[datetime], DateOption] = None,
    host_interval: Annotated[Optional[float], typer.Option(help="Seconds between requests to one host.")] = None,
) -> None:
    """Run the nightly ingest once (the same flow the deployment schedules)."""
    if sources and not sources.is_file():
        _fail(f"sources file {sources} does not exist: pass --sources with a TOML file of [[sources]] tables")
    _run_ingest(sources, db, _day(since), _day(until), host_interval)


@app.command()
def report(db: DbOption = None) -> None:
    """Print the district league table and the latest week's busiest districts."""
    try:
        _print_report(db)
    except FileNotFoundError as error:
        _fail(str(error))


@app.command()
def extract(
    target: Annotated[str, typer.Argument(help="An HTML file.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the whole Article as JSON.")] = False,
) -> None:
    """Print the main text (or the whole Article) extracted from a saved HTML page."""
    path = Path(target)
    if not path.is_file():
        _fail(f"{target} is not a file: pass a saved HTML page")
    article = extract_article(path.read_bytes(), url=path.resolve().as_uri())
    if as_json:
        console.print_json(json.dumps(article.__dict__, default=str))
    else:
        typer.echo(article.text or f"(no text: {article.reason})")


@app.command()
def classify() -> None:
    """Read JSONL {"id", "text", "title"?, "url"?, "published"?} on stdin, write one JSONL verdict per line."""
    for line in classify_lines(sys.stdin):
        sys.stdout.write(line + "\n")


@sources_app.command("list")
def sources_list(db: DbOption = None) -> None:
    """Every source known to the warehouse with its last fetch and health."""
    try:
        with store.open_warehouse(db, read_only=True) as con:
            cursor = con.execute(
                "SELECT name, kind, last_fetch_at, last_http_status, last_items, last_new_items, "
                "consecutive_failures, disabled, last_error FROM sources ORDER BY name"
            )
            table = reports.Table("Sources", tuple(d[0] for d in cursor.description), cursor.fetchall())
    except FileNotFoundError as error:
        _fail(str(error))
    _render(table)


if __name__ == "__main__":
    app()
