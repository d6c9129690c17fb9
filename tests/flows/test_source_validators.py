"""A feed is "unchanged" to a run only once a run over all dates has handled everything it listed: a run killed
halfway, or one limited to a few days, must leave the next run the rest of the feed to find."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from demo.server import render_sources, serve_site
from flows import ingest as ingest_module
from flows.ingest import ingest
from flows.runtime import release_frames


def _articles(db: Path) -> set[str]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {url.split("/", 3)[3] for (url,) in con.execute("SELECT url FROM articles").fetchall()}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The demo site served for the module, with its sources file and what one full run stores from it."""
    folder = tmp_path_factory.mktemp("site")
    with serve_site() as base_url:
        sources = str(render_sources(base_url, folder / "sources.toml"))
        full = folder / "full.duckdb"
        ingest(sources=sources, db=str(full), host_interval=0.0, publish=False, notify_hotspots=False)
        yield sources, _articles(full)


def _run(sources: str, db: Path, **window: date) -> dict:
    return ingest(sources=sources, db=str(db), host_interval=0.0, publish=False, notify_hotspots=False, **window)


def test_a_run_over_a_few_days_leaves_the_rest_of_the_feeds_to_the_next_run(site, tmp_path):
    sources, everything = site
    db = tmp_path / "w.duckdb"
    window = _run(sources, db, since=date(2026, 11, 2), until=date(2026, 11, 3))
    assert 0 < window["articles"] and len(_articles(db)) < len(everything)
    nightly = _run(sources, db)
    assert nightly["status"] == "completed" and nightly["articles"] > 0
    assert _articles(db) == everything


def test_a_run_killed_after_discovery_leaves_the_next_run_everything(site, tmp_path, monkeypatch):
    sources, everything = site
    db = tmp_path / "w.duckdb"

    def killed(*args: object) -> dict:
        raise RuntimeError("killed while loading")

    with monkeypatch.context() as patch:
        patch.setattr(ingest_module, "load_task", killed)
        with pytest.raises(RuntimeError, match="killed while loading") as caught:
            _run(sources, db)
        release_frames(caught.value)  # Prefect keeps the exception, and its frames' connections, to the end
    assert _articles(db) == set()
    again = _run(sources, db)
    assert again["status"] == "completed" and _articles(db) == everything


def test_a_completed_run_lets_the_next_one_skip_unchanged_feeds(site, tmp_path):
    sources, everything = site
    db = tmp_path / "w.duckdb"
    first = _run(sources, db)
    second = _run(sources, db)
    with duckdb.connect(str(db), read_only=True) as con:
        hashed = con.execute("SELECT name FROM sources WHERE body_hash IS NOT NULL ORDER BY name").fetchall()
        failed = con.execute("SELECT DISTINCT source FROM fetch_log WHERE state = 'failed'").fetchall()
    # A source whose page failed reads its feed again next time (to retry the page); the others were skipped.
    assert hashed and not set(hashed) & set(failed)
    assert first["articles"] == len(everything) and second["articles"] == 0
    assert second["discovered"] < first["discovered"]
