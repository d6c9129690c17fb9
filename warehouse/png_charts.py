"""The report's charts as PNG files (matplotlib, headless), for slides and e-mail."""

from __future__ import annotations

from pathlib import Path

import duckdb


def render_png_charts(con: duckdb.DuckDBPyConnection, out_dir: str | Path, districts: int = 15) -> list[Path]:
    """Write `heatmap.png` (busiest districts x week) and `series.png` (their weekly incidents); returns the paths."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows = con.execute(
        """
        WITH top AS (SELECT district FROM hotspots GROUP BY district HAVING sum(incidents) > 0
                     ORDER BY sum(incidents) DESC, district LIMIT ?)
        SELECT district, week, incidents FROM hotspots JOIN top USING (district) ORDER BY district, week
        """,
        [districts],
    ).fetchall()
    names = sorted({r[0] for r in rows})
    weeks = sorted({r[1] for r in rows})
    grid = [[0] * len(weeks) for _ in names]
    for district, week, incidents in rows:
        grid[names.index(district)][weeks.index(week)] = incidents
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    figure, axes = plt.subplots(figsize=(max(6, len(weeks) * 0.5), max(3, len(names) * 0.35)))
    image = axes.imshow(grid, cmap="Reds", aspect="auto")
    axes.set_yticks(range(len(names)), names)
    axes.set_xticks(range(len(weeks)), [f"{w:%m-%d}" for w in weeks], rotation=60)
    figure.colorbar(image, label="incidents")
    figure.tight_layout()
    heatmap = out / "heatmap.png"
    figure.savefig(heatmap, dpi=120)
    plt.close(figure)
    figure, axes = plt.subplots(figsize=(8, 3.5))
    for district, counts in list(zip(names, grid))[:5]:
        axes.plot(weeks, counts, marker="o", label=district)
    axes.set_ylabel("incidents per week")
    axes.legend()
    figure.autofmt_xdate()
    figure.tight_layout()
    series = out / "series.png"
    figure.savefig(series, dpi=120)
    plt.close(figure)
    return [heatmap, series]
