"""`hotspots report --html FILE`: one self-contained page (inline SVG and CSS, no scripts, no network).

A tile map of districts coloured by recent incidents, a district x week heatmap with flagged weeks outlined, weekly
series for the hottest districts, the league table, and the evidence sentences every number links to.
"""

from __future__ import annotations

import html
from collections import defaultdict
from datetime import date
from pathlib import Path

import duckdb

RECENT_WEEKS = 4
HEATMAP_DISTRICTS = 20
SERIES_DISTRICTS = 5
TILE = 46
# Tile-grid positions (row, column) of states and territories, roughly geographic.
STATE_TILES: dict[str, tuple[int, int]] = {
    "AK": (0, 0), "ME": (0, 11), "VT": (1, 10), "NH": (1, 11), "WA": (2, 1), "ID": (2, 2), "MT": (2, 3),
    "ND": (2, 4), "MN": (2, 5), "IL": (2, 6), "WI": (2, 7), "MI": (2, 8), "NY": (2, 9), "RI": (2, 10),
    "MA": (2, 11), "OR": (3, 1), "NV": (3, 2), "WY": (3, 3), "SD": (3, 4), "IA": (3, 5), "IN": (3, 6), "OH": (3, 7),
    "PA": (3, 8), "NJ": (3, 9), "CT": (3, 10), "CA": (4, 1), "UT": (4, 2), "CO": (4, 3), "NE": (4, 4), "MO": (4, 5),
    "KY": (4, 6), "WV": (4, 7), "VA": (4, 8), "MD": (4, 9), "DE": (4, 10), "AZ": (5, 2), "NM": (5, 3), "KS": (5, 4),
    "AR": (5, 5), "TN": (5, 6), "NC": (5, 7), "SC": (5, 8), "DC": (5, 9), "OK": (6, 4), "LA": (6, 5), "MS": (6, 6),
    "AL": (6, 7), "GA": (6, 8), "HI": (7, 0), "TX": (7, 4), "FL": (7, 9), "GU": (8, 0), "MP": (8, 1), "VI": (8, 10),
    "PR": (8, 11),
}
_STYLE = """
body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#1b1b1b;max-width:1200px}
h1{font-size:22px}h2{font-size:17px;margin-top:32px}table{border-collapse:collapse}
td,th{padding:3px 8px;border-bottom:1px solid #ddd;text-align:right}td:first-child,th:first-child{text-align:left}
svg text{font:10px system-ui,sans-serif}.flag{stroke:#000;stroke-width:2}.evidence li{margin:4px 0}
"""


def _colour(value: float, top: float) -> str:
    """White to deep red by share of the maximum."""
    share = 0.0 if top <= 0 else min(value / top, 1.0)
    return f"rgb({255 - int(55 * share)},{int(245 - 200 * share)},{int(240 - 210 * share)})"


def _tile_map(con: duckdb.DuckDBPyConnection, since: date) -> str:
    rows = con.execute(
        """
        SELECT d.district, d.state, d.short_name, coalesce(sum(w.incidents), 0)
        FROM districts d LEFT JOIN district_weekly w ON w.district = d.district AND w.week >= ?
        GROUP BY ALL ORDER BY d.district
        """,
        [since],
    ).fetchall()
    by_state: dict[str, list[tuple[str, str, int]]] = defaultdict(list)
    for district, state, short, incidents in rows:
        by_state[state].append((district, short, int(incidents)))
    top = max((n for _, _, n in (x for v in by_state.values() for x in v)), default=0)
    parts = []
    for state, districts in sorted(by_state.items()):
        row, column = STATE_TILES.get(state, (9, len(parts) % 12))
        height = (TILE - 2) / len(districts)
        for i, (district, short, incidents) in enumerate(districts):
            y = row * TILE + i * height
            parts.append(
                f'<a href="#ev-{district}"><rect class="tile" x="{column * TILE}" y="{y:.1f}" width="{TILE - 2}" '
                f'height="{height:.1f}" fill="{_colour(incidents, top)}" stroke="#999">'
                f"<title>{html.escape(short)} ({district}): {incidents} incidents</title></rect></a>"
            )
        parts.append(f'<text x="{column * TILE + 3}" y="{row * TILE + 12}">{state}</text>')
    return (f'<svg id="tile-map" width="{12 * TILE}" height="{10 * TILE}" role="img" '
            f'aria-label="districts by recent incidents">{"".join(parts)}</svg>')


def _heatmap(con: duckdb.DuckDBPyConnection) -> str:
    cells = con.execute(
        """
        WITH top AS (
            SELECT district FROM hotspots GROUP BY district HAVING sum(incidents) > 0
            ORDER BY sum(incidents) DESC, district LIMIT ?
        )
        SELECT h.district, h.week, h.incidents, h.flag_c2 OR h.flag_c3, h.covered
        FROM hotspots h JOIN top USING (district) ORDER BY h.district, h.week
        """,
        [HEATMAP_DISTRICTS],
    ).fetchall()
    districts = sorted({c[0] for c in cells})
    weeks = sorted({c[1] for c in cells})
    top = max((c[2] for c in cells), default=0)
    size, left, head = 16, 90, 60
    parts = []
    for district, week, incidents, flagged, covered in cells:
        x, y = left + weeks.index(week) * size, head + districts.index(district) * size
        fill = _colour(incidents, top) if covered else "#eee"
        parts.append(f'<rect class="cell{" flag" if flagged else ""}" x="{x}" y="{y}" width="{size - 1}" '
                     f'height="{size - 1}" fill="{fill}"><title>{district} {week}: {incidents}</title></rect>')
    parts += [f'<text x="2" y="{head + i * size + 12}">{d}</text>' for i, d in enumerate(districts)]
    parts += [f'<text transform="translate({left + i * size + 11},{head - 4}) rotate(-60)">{w:%m-%d}</text>'
              for i, w in enumerate(weeks)]
    width, height = left + len(weeks) * size + 10, head + len(districts) * size + 10
    return f'<svg id="heatmap" width="{width}" height="{height}">{"".join(parts)}</svg>'


def _series(con: duckdb.DuckDBPyConnection, since: date) -> str:
    hottest = [d for (d,) in con.execute(
        "SELECT district FROM hotspots WHERE week >= ? GROUP BY district HAVING sum(incidents) > 0 "
        "ORDER BY sum(incidents) DESC, district LIMIT ?", [since, SERIES_DISTRICTS]).fetchall()]
    rows = con.execute(
        "SELECT district, week, incidents FROM hotspots WHERE district IN (SELECT unnest(?::VARCHAR[])) "
        "ORDER BY district, week", [hottest]).fetchall()
    weeks = sorted({r[1] for r in rows})
    top = max((r[2] for r in rows), default=1) or 1
    width, height, left = 640, 200, 30
    step = (width - left - 120) / max(len(weeks) - 1, 1)
    palette = ("#c0392b", "#2471a3", "#1e8449", "#7d3c98", "#b9770e")
    parts = [f'<line x1="{left}" y1="{height - 20}" x2="{width - 120}" y2="{height - 20}" stroke="#999"/>']
    for n, district in enumerate(hottest):
        points = " ".join(f"{left + weeks.index(w) * step:.1f},{height - 20 - (c / top) * (height - 40):.1f}"
                          for d, w, c in rows if d == district)
        parts.append(f'<polyline class="series" fill="none" stroke="{palette[n]}" stroke-width="2" points="{points}"/>')
        parts.append(f'<text x="{width - 110}" y="{20 + n * 14}" fill="{palette[n]}">{district}</text>')
    return f'<svg id="series" width="{width}" height="{height}">{"".join(parts)}</svg>'


def _league(con: duckdb.DuckDBPyConnection) -> str:
    cursor = con.execute(
        "SELECT district, state, federal_charge, federal_declination, case_resolution, state_action_against_agents, "
        "incidents, mentions, articles FROM district_league")
    head = "".join(f"<th>{html.escape(d[0].replace('_', ' '))}</th>" for d in cursor.description)
    body = "".join(
        "<tr>" + f'<td><a href="#ev-{row[0]}">{row[0]}</a></td>' + "".join(f"<td>{v}</td>" for v in row[1:]) + "</tr>"
        for row in cursor.fetchall())
    return f'<table id="league"><tr>{head}</tr>{body}</table>'


def _evidence(con: duckdb.DuckDBPyConnection) -> str:
    rows = con.execute(
        "SELECT district, event_type, event_date, url, outlet, evidence FROM evidence WHERE district IS NOT NULL "
        "ORDER BY district, event_date DESC").fetchall()
    grouped: dict[str, list[str]] = defaultdict(list)
    for district, kind, day, url, outlet, sentence in rows:
        grouped[district].append(
            f'<li>{day} <b>{kind}</b> — {html.escape(sentence)} <a href="{html.escape(url)}">{html.escape(outlet)}</a></li>')
    return "".join(f'<h3 id="ev-{d}">{d}</h3><ul class="evidence">{"".join(items)}</ul>' for d, items in grouped.items())


class NoNewsYet(ValueError):
    """The warehouse has no week with news to report on."""


def render_html_report(con: duckdb.DuckDBPyConnection, path: str | Path) -> Path:
    """Write the report page to `path` (works offline: everything is inline); returns the path."""
    latest = con.execute("SELECT max(week) FROM weeks").fetchone()[0]
    if latest is None:
        raise NoNewsYet("the warehouse has no news yet: run `hotspots ingest` first")
    since = con.execute("SELECT ?::DATE - ?", [latest, 7 * (RECENT_WEEKS - 1)]).fetchone()[0]
    heatmap = _heatmap(con)
    page = (
        f"<!doctype html><html lang=en><head><meta charset=utf-8><title>ice-hotspots report</title>"
        f"<style>{_STYLE}</style></head><body><h1>Immigration-enforcement hotspots, through the week of {latest}</h1>"
        f"<h2>Districts, last {RECENT_WEEKS} weeks (incidents)</h2>{_tile_map(con, since)}"
        f"<h2>District x week (outlined: flagged hotspot; grey: no coverage)</h2>{heatmap}"
        f"<h2>Hottest districts, weekly incidents</h2>{_series(con, since)}"
        f"<h2>League (incidents)</h2>{_league(con)}<h2>Evidence</h2>{_evidence(con)}</body></html>"
    )
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    return out
