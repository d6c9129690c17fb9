"""Small summary tables the analyst views read instead of the large `incidents` and `mentions` tables.

`weekly_incidents` (district x week x event type) and `weekly_stories` (district x week) summarise incidents;
`district_mentions` (district) summarises the mentions of original articles. Every writer of incidents or mentions
keeps them exact. The load knows what it changed, so it moves the rows by that: `add_to_weeks` (an incident's change
within its week), `add_new_mentions` (the mentions of new articles) and `recompute_weeks` only for the weeks an
incident left or joined; each costs O(the change), never a read of `incidents` or `mentions` beyond those weeks.
Other writers wrap their change in `maintained(...)`, naming the incidents and articles it may touch: the weeks those
incidents sat in before or after are recomputed and the per-district mention counts move by the difference between
the articles' counts after and before. Either way the views stay exactly what they were over the base tables.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import duckdb
import pyarrow as pa

from warehouse.bulk import DAY, INT, TEXT, column_lists, unnested

TABLES = """
CREATE TABLE weekly_incidents (
    district VARCHAR NOT NULL,
    week DATE NOT NULL,
    event_type VARCHAR NOT NULL,
    state VARCHAR,
    incidents INTEGER NOT NULL,
    mentions INTEGER NOT NULL,
    articles INTEGER NOT NULL
);
CREATE TABLE weekly_stories (
    district VARCHAR NOT NULL,
    week DATE NOT NULL,
    incidents INTEGER NOT NULL,
    stories INTEGER NOT NULL,
    articles INTEGER NOT NULL
);
CREATE TABLE district_mentions (
    district VARCHAR NOT NULL,
    mentions INTEGER NOT NULL,
    articles INTEGER NOT NULL
);
"""

_INCIDENT_WEEK = "date_trunc('week', first_event_date)::DATE"

# Both summaries of a set of district-weeks are counted from `{cells}`: the incidents of those weeks.
_WEEKLY_INCIDENTS = """
    SELECT district, week, event_type, any_value(state) AS state,
           count(*) AS incidents, sum(n_mentions) AS mentions, sum(n_articles) AS articles
    FROM {cells} GROUP BY ALL
"""
_WEEKLY_STORIES = """
    SELECT district, week, count(*) AS incidents, count(DISTINCT lead_article_id) AS stories,
           sum(n_articles) AS articles
    FROM {cells} GROUP BY ALL
"""
_LOCATED_INCIDENTS = f"""
    SELECT district, {_INCIDENT_WEEK} AS week, event_type, state, n_mentions, n_articles, lead_article_id
    FROM incidents WHERE district IS NOT NULL
"""

_SUMMARIES = {"weekly_incidents": _WEEKLY_INCIDENTS, "weekly_stories": _WEEKLY_STORIES}
# Keys and counted columns of the summary rows, and of changes to them (sent as parameter lists, `unnested`).
_TYPE_KEY = {"district": TEXT, "week": DAY, "event_type": TEXT}
_TYPE_DELTA = {"state": TEXT, "incidents": INT, "mentions": INT, "articles": INT}
_WEEK_KEY = {"district": TEXT, "week": DAY}
_WEEK_DELTA = {"incidents": INT, "stories": INT, "articles": INT}
DistrictCounts = dict[str, tuple[int, int]]


def rebuild(con: duckdb.DuckDBPyConnection) -> None:
    """Recompute every summary row from the base tables (the migration that adds them, and a repair)."""
    for table in ("weekly_incidents", "weekly_stories", "district_mentions"):
        con.execute(f"DELETE FROM {table}")
    for table, sql in _SUMMARIES.items():
        con.execute(f"INSERT INTO {table} {sql.format(cells=f'({_LOCATED_INCIDENTS})')}")
    _add_mentions(con, _district_counts(con, None))


@contextmanager
def maintained(
    con: duckdb.DuckDBPyConnection, incident_ids: Sequence[str] = (), article_ids: Sequence[str] = ()
) -> Iterator[None]:
    """Keep the summaries true across a change to these incidents and to the mentions of these articles.

    Run inside the writer's transaction; the change in the block must not touch other incidents or articles.
    """
    weeks_before = _weeks_of(con, incident_ids)
    mentions_before = _district_counts(con, article_ids) if article_ids else {}
    yield
    recompute_weeks(con, weeks_before | _weeks_of(con, incident_ids))
    if article_ids:
        _add_mentions(con, _difference(_district_counts(con, article_ids), mentions_before))


def _difference(after: DistrictCounts, before: DistrictCounts) -> DistrictCounts:
    """Per district, the counts after minus the counts before."""
    zero = (0, 0)
    return {
        district: (after.get(district, zero)[0] - before.get(district, zero)[0],
                   after.get(district, zero)[1] - before.get(district, zero)[1])
        for district in after.keys() | before.keys()
    }


def _weeks_of(con: duckdb.DuckDBPyConnection, incident_ids: Sequence[str]) -> set[tuple[str, date]]:
    """The (district, week) cells these incidents count in."""
    if not incident_ids:
        return set()
    rows = con.execute(
        f"""
        SELECT DISTINCT district, {_INCIDENT_WEEK} FROM incidents
        WHERE incident_id IN (SELECT unnest(?::VARCHAR[])) AND district IS NOT NULL
        """,
        [list(incident_ids)],
    ).fetchall()
    return {(district, week) for district, week in rows}


def week_of(day: date) -> date:
    """The summaries' week of a day: its Monday, as `date_trunc('week', day)`."""
    return day - timedelta(days=day.weekday())


def recompute_weeks(
    con: duckdb.DuckDBPyConnection, weeks: set[tuple[str, date]], elsewhere: Sequence[WeekChange] = ()
) -> None:
    """Replace the summary rows of these district-weeks by a fresh count of their incidents, and add the changes
    `elsewhere` (to other weeks) with them: one `add_to_weeks`, whose two statements cost a load more than its rows.

    One scan reads the cells' incidents (the cells' districts and overall span are constant filters it applies
    before reading other columns) and they are counted here, by `add_to_weeks`: DuckDB plans `count(DISTINCT ...)`
    as several hash tables, whose set-up outweighs the few hundred rows of a load's weeks.
    """
    if not weeks:
        add_to_weeks(con, elsewhere)
        return
    cells = sorted(weeks)
    districts, days = [c[0] for c in cells], [c[1] for c in cells]
    located = con.execute(
        f"""
        SELECT district, week, event_type, state, n_mentions, n_articles, lead_article_id
        FROM ({_LOCATED_INCIDENTS} AND district IN (SELECT unnest(?::VARCHAR[])) AND first_event_date BETWEEN ? AND ?)
        WHERE (district, week) IN (SELECT (unnest(?::VARCHAR[]), unnest(?::DATE[])))
        """,
        [sorted(set(districts)), min(days), max(days) + timedelta(days=6), districts, days],
    ).fetchall()
    for table in _SUMMARIES:
        con.execute(
            f"DELETE FROM {table} t USING {unnested(_WEEK_KEY)} c WHERE t.district = c.district AND t.week = c.week",
            [districts, days],
        )
    # Emptied, each week is the sum of its incidents, each one more incident with its lead.
    add_to_weeks(con, [*elsewhere, *(WeekChange(district, week, kind, state, 1, n_mentions, n_articles, lead)
                                     for district, week, kind, state, n_mentions, n_articles, lead in located)])


@dataclass(frozen=True)
class WeekChange:
    """What one incident adds to its district-week, which it neither left nor joined with other incidents' leads:
    a new incident (one more incident, with a lead article no other incident has) or more mentions and reports."""

    district: str
    week: date
    event_type: str
    state: str | None
    incidents: int
    mentions: int
    articles: int
    new_lead: str | None = None


def add_to_weeks(con: duckdb.DuckDBPyConnection, changes: Sequence[WeekChange]) -> None:
    """Add these changes to the summary rows of their district-weeks (rows created as needed).

    O(changes): no incident is read. Exact while the summaries match `incidents` before the change, which every
    writer keeps; an incident moving to another week must go through `recompute_weeks` instead (its lead may be
    shared in either week).
    """
    by_type: dict[tuple[str, date, str], list[Any]] = {}
    by_week: dict[tuple[str, date], list[Any]] = {}
    for c in changes:
        typed = by_type.setdefault((c.district, c.week, c.event_type), [None, 0, 0, 0])
        typed[0] = typed[0] or c.state  # any_value: the first state met, as in a recount
        weekly = by_week.setdefault((c.district, c.week), [set(), 0, 0])
        typed[1] += c.incidents
        typed[2] += c.mentions
        typed[3] += c.articles
        if c.new_lead:
            weekly[0].add(c.new_lead)
        weekly[1] += c.incidents
        weekly[2] += c.articles
    _add_rows(con, "weekly_incidents", _TYPE_KEY, _TYPE_DELTA,
              [(*key, state, n, m, a) for key, (state, n, m, a) in sorted(by_type.items()) if n or m or a])
    _add_rows(con, "weekly_stories", _WEEK_KEY, _WEEK_DELTA,
              [(*key, n, len(leads), a) for key, (leads, n, a) in sorted(by_week.items()) if n or a or leads])


def _add_rows(
    con: duckdb.DuckDBPyConnection, table: str, key: Mapping[str, pa.DataType], delta: Mapping[str, pa.DataType],
    rows: list[tuple[object, ...]],
) -> None:
    """Add `delta` to the rows of `table` with these keys, in one MERGE; a key without a row gets the change as its
    row (with its state, for `weekly_incidents`)."""
    if not rows:
        return
    columns = {**key, **delta}
    con.execute(
        f"""
        MERGE INTO {table} t USING {unnested(columns)} d ON {" AND ".join(f"t.{k} = d.{k}" for k in key)}
        WHEN MATCHED THEN UPDATE SET {", ".join(f"{c} = t.{c} + d.{c}" for c in delta if c != "state")}
        WHEN NOT MATCHED THEN INSERT ({", ".join(columns)}) VALUES ({", ".join(f"d.{c}" for c in columns)})
        """,
        column_lists(columns, rows),
    )


def _district_counts(con: duckdb.DuckDBPyConnection, article_ids: Sequence[str] | None) -> DistrictCounts:
    """Per district: mentions of these original articles (all when None) and how many of them it appears in."""
    rows = con.execute(
        """
        SELECT m.district, count(*), count(DISTINCT m.article_id)
        FROM mentions m JOIN articles a USING (article_id)
        WHERE a.duplicate_of IS NULL AND m.district IS NOT NULL
          AND (?::VARCHAR[] IS NULL OR m.article_id IN (SELECT unnest(?::VARCHAR[])))
        GROUP BY m.district
        """,
        [None if article_ids is None else list(article_ids)] * 2,
    ).fetchall()
    return {district: (mentions, articles) for district, mentions, articles in rows}


def add_new_mentions(con: duckdb.DuckDBPyConnection, inserted: Iterable[tuple[str | None, str]]) -> None:
    """Count mentions just stored for new original articles, as (district, article_id), into `district_mentions`.

    Such an article had no mention before (articles are never deleted and their mentions are written with them), so
    what was inserted is the whole change: no count of the articles' mentions before and after.
    """
    mentions: Counter[str] = Counter()
    articles: dict[str, set[str]] = {}
    for district, article_id in inserted:
        if district is not None:
            mentions[district] += 1
            articles.setdefault(district, set()).add(article_id)
    _add_mentions(con, {district: (n, len(articles[district])) for district, n in mentions.items()})


def _add_mentions(con: duckdb.DuckDBPyConnection, delta: DistrictCounts) -> None:
    """Add these per-district changes of mentions and articles; a district left with no mention loses its row."""
    rows = [(district, mentions, articles) for district, (mentions, articles) in sorted(delta.items())
            if mentions or articles]
    _add_rows(con, "district_mentions", {"district": TEXT}, {"mentions": INT, "articles": INT}, rows)
    if any(mentions <= 0 for _, mentions, _ in rows):  # only a fall can leave a district at zero
        con.execute("DELETE FROM district_mentions WHERE mentions = 0")
