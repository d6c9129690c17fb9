"""Read-only queries behind `hotspots report`: the league table and the latest week's busiest districts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb


@dataclass(frozen=True)
class Table:
    """Column names and rows, ready for any renderer."""

    title: str
    columns: tuple[str, ...]
    rows: list[tuple[object, ...]]


def league(con: duckdb.DuckDBPyConnection, limit: int = 20) -> Table:
    """Districts ranked by federal charges plus declinations (the seed question), counted in incidents (one real
    event however many outlets reported it), with mentions and articles beside."""
    cursor = con.execute(
        """
        SELECT district, state, federal_charge AS charged, federal_declination AS declined,
               case_resolution AS resolved, state_action_against_agents AS state_acts,
               incidents - federal_charge - federal_declination - case_resolution - state_action_against_agents
                   AS other, incidents, mentions, articles
        FROM district_league LIMIT ?
        """,
        [limit],
    )
    columns = tuple(d[0] for d in cursor.description)
    return Table("District league in incidents (federal charges and declinations first)", columns, cursor.fetchall())


def latest_week(con: duckdb.DuckDBPyConnection) -> date | None:
    """The most recent week with any located incident (the current week is often still empty at night)."""
    row = con.execute("SELECT max(week) FROM district_weekly WHERE incidents > 0").fetchone()
    return row[0] if row else None


def busiest_districts(con: duckdb.DuckDBPyConnection, week: date | None = None, limit: int = 10) -> Table:
    """Districts with the most incidents in `week` (default: the latest week), with their top event type."""
    week = week or latest_week(con)
    cursor = con.execute(
        """
        SELECT district, sum(incidents) AS incidents, sum(articles) AS articles,
               arg_max(event_type, incidents) AS top_type
        FROM district_weekly WHERE week = ?
        GROUP BY district HAVING sum(incidents) > 0 ORDER BY incidents DESC, district LIMIT ?
        """,
        [week, limit],
    )
    columns = tuple(d[0] for d in cursor.description)
    title = f"Busiest districts, week of {week}" if week else "Busiest districts (no located incident yet)"
    return Table(title, columns, cursor.fetchall())


def flagged_hotspots(con: duckdb.DuckDBPyConnection, weeks: int = 4) -> Table:
    """District-weeks the EARS rules flag in the latest `weeks` weeks with data."""
    cursor = con.execute(
        """
        SELECT district, week, observed AS stories, round(expected, 2) AS expected, round(ratio, 1) AS ratio,
               round(c2, 2) AS c2, round(c3, 2) AS c3
        FROM hotspots
        WHERE (flag_c2 OR flag_c3) AND week > (SELECT max(week) FROM weeks) - 7 * ?::INTEGER
        ORDER BY week DESC, c2 DESC, district
        """,
        [weeks],
    )
    columns = tuple(d[0] for d in cursor.description)
    return Table(f"Hotspots flagged in the last {weeks} weeks (EARS C2/C3)", columns, cursor.fetchall())
