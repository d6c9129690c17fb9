"""The HTML report is self-contained and its charts are drawn (checked in headless Chromium when installed)."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date, timedelta

import duckdb
import pytest

from tests.warehouse.records import event, page
from warehouse import store
from warehouse.html_report import render_html_report

START = date(2026, 9, 7)  # a Monday
WEEKS = 10
VOCABULARY = [f"{a}{b}" for a in ("ka", "lo", "mi", "nu", "pe", "ra", "so", "ti") for b in ("ba", "de", "fo", "gu", "hi", "jo")]


@pytest.fixture()
def warehouse(tmp_path) -> duckdb.DuckDBPyConnection:
    """Ten weeks of one-off charges in two districts, then a burst of five in Oregon."""
    records = []
    for week in range(WEEKS):
        day = START + timedelta(weeks=week, days=1)
        spots = [("usao-mn", "MN", 1), ("usao-or", "OR", 5 if week == WEEKS - 1 else week % 2)]
        for district, state, count in spots:
            for n in range(count):
                seed = week * 7 + n * 13 + len(records) * 29
                words = " ".join(VOCABULARY[(seed + i * i) % len(VOCABULARY)] for i in range(40))
                text = f"Prosecutors charged a protester in {district} ({week}/{n}): {words}."
                records.append(page(f"{district}-{week}-{n}", text, published=day, events=(
                    event("federal_charge", district, state, text, day),)))
    with store.open_warehouse(tmp_path / "w.duckdb") as con:
        store.load_pages(con, store.start_run(con, "ingest", {}), records)
        yield con


def test_report_is_self_contained_with_map_heatmap_series_league_and_evidence(warehouse, tmp_path):
    path = render_html_report(warehouse, tmp_path / "report.html")
    page_html = path.read_text(encoding="utf-8")
    assert "<script" not in page_html and "<link" not in page_html
    assert not re.search(r'(?:src|href)="(?:https?:)?//', page_html.replace('href="https://news.example.com', ""))
    assert page_html.count('class="tile"') == 94
    assert page_html.count('class="cell') == 2 * WEEKS
    assert page_html.count('class="series"') == 2
    assert 'id="ev-usao-or"' in page_html and 'href="#ev-usao-or"' in page_html
    assert "https://news.example.com/usao-or-9-0" in page_html


def test_png_charts_are_written(warehouse, tmp_path):
    pytest.importorskip("matplotlib", reason="matplotlib is not installed: PNG charts are optional")
    from warehouse.png_charts import render_png_charts

    paths = render_png_charts(warehouse, tmp_path)
    assert [p.name for p in paths] == ["heatmap.png", "series.png"]
    assert all(p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and p.stat().st_size > 5000 for p in paths)


def _browser() -> str | None:
    return next((found for name in ("chromium", "chromium-browser", "google-chrome") if (found := shutil.which(name))),
                None)


@pytest.mark.skipif(_browser() is None, reason="headless Chromium not installed (apt-get install -y chromium)")
def test_charts_render_in_headless_chromium(warehouse, tmp_path):
    image_module = pytest.importorskip("PIL.Image", reason="Pillow (comes with matplotlib) reads the screenshot")
    path = render_html_report(warehouse, tmp_path / "report.html")
    shot = tmp_path / "shot.png"
    result = subprocess.run(
        [_browser(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1200,1400",
         f"--screenshot={shot}", path.as_uri()], capture_output=True, text=True, timeout=120)
    assert shot.exists(), result.stderr[-2000:]
    with image_module.open(shot) as image:
        pixels = image.convert("RGB")
        colours = pixels.getcolors(maxcolors=1_000_000) or []
        reds = sum(n for n, (r, g, b) in colours if r > 180 and g < 120 and b < 100)
    assert len(colours) > 50  # text, tiles, cells and lines, not a blank page
    assert reds > 500  # the hottest tile and heatmap cells are drawn deep red
