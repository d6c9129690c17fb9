"""After each run: finish clustering, record the run's hotspot flags, and summarise them for the Prefect artifact."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

import duckdb

from warehouse import incidents
from warehouse.schema import HOTSPOT_RULES
from warehouse.store import transaction, utc_now

RULES = {"ears_c2": ("flag_c2", "c2"), "ears_c3": ("flag_c3", "c3")}


@dataclass(frozen=True)
class HotspotFlag:
    """One district-week a rule flagged."""

    district: str
    week: date
    rule: str
    value: float
    observed: int
    expected: float | None
    ratio: float | None


def current_flags(con: duckdb.DuckDBPyConnection) -> list[HotspotFlag]:
    """Every district-week the `hotspots` view flags now, by rule, oldest week first."""
    flags: list[HotspotFlag] = []
    for rule, (flag_column, value_column) in RULES.items():
        rows = con.execute(
            f"""
            SELECT district, week, {value_column}, observed, expected, ratio
            FROM hotspots WHERE {flag_column} ORDER BY week, district
            """
        ).fetchall()
        flags += [HotspotFlag(d, w, rule, float(v), int(o), e, r) for d, w, v, o, e, r in rows]
    return sorted(flags, key=lambda f: (f.week, f.district, f.rule))


def refresh(con: duckdb.DuckDBPyConnection, run_id: str) -> list[HotspotFlag]:
    """Cluster any mention still without an incident and record this run's hotspot flags (idempotent per run)."""
    with transaction(con):
        incidents.assign_incidents(con, run_id)
        flags = current_flags(con)
        con.execute("DELETE FROM hotspot_flags WHERE run_id = ?", [run_id])
        now = utc_now()
        parameters = json.dumps(HOTSPOT_RULES)
        if flags:
            con.executemany(
                "INSERT INTO hotspot_flags VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [[run_id, f.district, f.week, f.rule, f.value, f.observed, f.expected, f.ratio, parameters, now]
                 for f in flags],
            )
    return flags


def hotspots_markdown(con: duckdb.DuckDBPyConnection, weeks: int = 4) -> str:
    """Markdown table of the district-weeks flagged in the latest `weeks` weeks, for the run's Prefect artifact."""
    latest = con.execute("SELECT max(week) FROM weeks").fetchone()
    if not latest or latest[0] is None:
        return "# Hotspots\n\nNo news loaded yet."
    rows = con.execute(
        """
        SELECT h.district, d.name, h.week, h.observed, round(h.expected, 2), round(h.ratio, 1), round(h.c2, 2),
               round(h.c3, 2), h.flag_c2, h.flag_c3
        FROM hotspots h LEFT JOIN districts d USING (district)
        WHERE (h.flag_c2 OR h.flag_c3) AND h.week > ?::DATE - ?
        ORDER BY h.week DESC, h.c2 DESC, h.district
        """,
        [latest[0], 7 * weeks],
    ).fetchall()
    lines = [f"# Hotspots, {weeks} weeks to {latest[0]}", ""]
    if not rows:
        return "\n".join(lines + ["No district flagged."])
    lines += ["| district | name | week | stories | expected | ratio | C2 | C3 | rules |",
              "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | --- |"]
    for district, name, week, observed, expected, ratio, c2, c3, flag_c2, flag_c3 in rows:
        rules = ", ".join(rule for rule, on in (("C2", flag_c2), ("C3", flag_c3)) if on)
        lines.append(f"| {district} | {name or ''} | {week} | {observed} | {expected} | {ratio} | {c2} | {c3} | {rules} |")
    return "\n".join(lines)
