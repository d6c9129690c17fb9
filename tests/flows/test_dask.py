"""Scale-out: the same ingest flow on a 2-worker Dask LocalCluster stores exactly what the local run stores."""

from __future__ import annotations

import duckdb
import pytest

from demo.server import render_sources, serve_site
from flows.ingest import ingest, on_dask

pytest.importorskip("prefect_dask")


def _contents(db) -> tuple[set[str], set[tuple[str, str, str | None, str | None]]]:
    with duckdb.connect(str(db), read_only=True) as con:
        articles = {row[0] for row in con.execute("SELECT url FROM articles").fetchall()}
        mentions = set(con.execute(
            "SELECT a.url, m.event_type, m.state, m.district FROM mentions m JOIN articles a USING (article_id)"
        ).fetchall())
    return articles, mentions


def test_dask_run_matches_the_local_run(tmp_path):
    with serve_site() as base:
        sources = str(render_sources(base, tmp_path / "sources.toml"))
        local = ingest(sources=sources, db=str(tmp_path / "local.duckdb"), host_interval=0.0, batch_size=10)
        distributed = on_dask(workers=2)(sources=sources, db=str(tmp_path / "dask.duckdb"), host_interval=0.0,
                                         batch_size=10)
    assert distributed["status"] == "completed" and distributed["stored"] == local["stored"] >= 35
    assert _contents(tmp_path / "dask.duckdb") == _contents(tmp_path / "local.duckdb")
