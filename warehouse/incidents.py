"""Cluster mentions of the same real event into incidents.

Two mentions are one incident when they have the same event type and jurisdiction, event dates at most
`WINDOW_DAYS` apart, and name the same person (surnames from the evidence sentence and the article's lede); an
incident's event dates span at most `MAX_SPAN_DAYS`, so a name in the news week after week (a governor, a sheriff)
does not chain a season of events into one.
Bodies, buildings, streets and places never count (they are shared by unrelated events: two Portland arrests at the
same ICE building stay apart). Only unclustered mentions are read, so each pass costs O(new mentions).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

import duckdb

from extractors import gazetteer
from warehouse import summaries
from warehouse.bulk import DAY, INT, MOMENT, TEXT, TEXTS, column_lists, insert_rows, unnested, with_rows
from warehouse.schema import ARTICLE_DAY
from extractors.sentences import split_sentences

WINDOW_DAYS = 7
MAX_SPAN_DAYS = 14  # from an incident's first event date to its last: one event's coverage, not a story arc
LEDE_SENTENCES = 2
LEDE_CHARS = 1500  # read of an article for its lede (DuckDB's left() counts code points, as slicing does)
# Capitalised words, accented ones too ("Ana Lucía Ferreira": Latin-1 and Latin Extended-A letters), all-capital
# surnames and initials.
_UPPER = "A-ZÀ-ÖØ-Þ\u0100-\u017f"
_LOWER = "a-zß-öø-ÿ\u0100-\u017f"
_WORD = rf"(?:[{_UPPER}][{_LOWER}]+(?:[-'’][{_UPPER}]?[{_LOWER}]+)?|[{_UPPER}]{{3,}}|[A-Z]\.)"
# Runs of capitalised words ("Rogelio Ibarra", "U.S. District Judge Miriam Oduya") and DOJ-style "OKEKE, 37,".
_RUN_OF_WORDS = re.compile(rf"(?<![\w’'])({_WORD}(?:\s+{_WORD})*)(,\s*\d{{1,3}},)?")
# As `_WORD` cuts them: "Gov." is the word "Gov" (a period ends a run unless it follows an initial).
_TITLES = frozenset(
    """
    judge magistrate district senior chief attorney assistant deputy acting special agent officer sheriff mayor
    governor senator representative rep sen gov mr ms mrs dr defendant prosecutor lawyer
    """.split()
)
_POSSESSIVE = re.compile(r"['’]s$")
# An article before a run ("the Boston Globe", "The Minnesota Wild", "a Home Depot") makes it a thing, not a person.
_ARTICLE_BEFORE = re.compile(r"(?:^|\W)(?:[Tt]he|[Aa]n?)\s+$")
_ARTICLES = frozenset(("the", "a", "an"))
# Words that make a run a body, court, organisation, building, street or date rather than a person.
_NOT_PERSON = frozenset(
    """
    federal court courts justice office department homeland security immigration customs enforcement border patrol
    police county city state states united president protective service services center centre facility building
    street st. avenue ave. road drive boulevard park hall school university college council commission bureau
    division board church bridge square plaza jail prison detention news wire press company corporation inc.
    circuit appeals tribunal project association coalition alliance network committee foundation institute union
    courthouse guidelines amendment clause act operation operations unit task force guard crime removal deportation
    man woman charged indicted sentenced convicted arrested pleads exchange depot foods arena highway freeway
    parkway pike river gorge lake valley meadow concourse rapids times tribune globe chronicle journal gazette herald
    ledger radio images graphics desk american departamento nacional seguridad hospital schools electric
    apprehension
    monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
    september october november december northeast northwest southeast southwest north south east west ice dhs cbp
    fbi hsi ero uscis doj
    """.split()
)


@dataclass
class _Incident:
    incident_id: str
    key: tuple[str, str | None, str | None]
    first: date
    last: date
    names: set[str]
    lead_article_id: str | None = None  # known (and written) for new incidents only
    reasons: list[str] = field(default_factory=list)  # this load's; appended to the stored ones
    is_new: bool = False
    stored_first: date | None = None  # first event date as stored, whose summary week this load may leave
    stored_counts: tuple[int, int] = (0, 0)  # mentions and reporting articles as stored


def names_in(texts: list[str]) -> set[str]:
    """Surnames of the people named: runs of two or more capitalised words (titles dropped; runs after an article,
    bodies, buildings, streets, publications and known places left out), or a DOJ-style "SURNAME, 37," alone."""
    places = gazetteer.load().entries
    found: set[str] = set()
    for text in texts:
        for match in _RUN_OF_WORDS.finditer(text):
            if _ARTICLE_BEFORE.search(text, max(match.start() - 5, 0), match.start()):
                continue
            # A possessive is its word ("Cook County's sheriff", "Renwick's lawyer") and ends the owner's name
            # ("Houston's Gulfton" names nobody called Gulfton); a title at either end is no name: "First Assistant
            # U.S. Attorney" named nobody called Attorney.
            words: list[str] = []
            for word in match.group(1).split():
                words.append(_POSSESSIVE.sub("", word))
                if len(words[-1]) < len(word):
                    break
            if words[0].lower() in _ARTICLES:
                continue
            while words and words[0].lower() in _TITLES:
                words = words[1:]
            while words and words[-1].lower() in _TITLES:
                words = words[:-1]
            lowered = [w.lower() for w in words]
            if not words or any(w in _NOT_PERSON for w in lowered) or " ".join(lowered) in places:
                continue
            if len(words) >= 2 or match.group(2):
                surname = lowered[-1]
                if len(surname) > 2 and surname not in places:
                    found.add(surname)
    return found


def _incident_id(mention_id: str) -> str:
    return hashlib.sha1(f"incident|{mention_id}".encode()).hexdigest()[:16]


# A pending mention as `_nearby` receives it.
_PENDING_COLUMNS = {"event_type": TEXT, "state": TEXT, "district": TEXT, "day": DAY, "names": TEXTS}


def _nearby(
    con: duckdb.DuckDBPyConnection, wanted: list[tuple[str, str | None, str | None, date, list[str]]]
) -> list[_Incident]:
    """Existing incidents that could take a pending mention: same type and jurisdiction, within the window of its
    day, and sharing one of its names.

    Joined on (type, jurisdiction, name) pairs, so each incident meets only the pending mentions naming one of its
    people (an equality join on type and place alone paired it with every pending mention of that place); the batch's
    overall date span is a constant filter the scan prunes row groups with. Only the columns a match needs are read:
    an incident's reasons grow in place (`list_concat` in `_write`), never read back.
    """
    first = min(w[3] for w in wanted) - timedelta(days=WINDOW_DAYS)
    last = max(w[3] for w in wanted) + timedelta(days=WINDOW_DAYS)
    rows = con.execute(
        f"""
        WITH q AS (
            SELECT DISTINCT event_type, state, district, day, unnest(names) AS name FROM {unnested(_PENDING_COLUMNS)}
        ),
        i AS (
            SELECT incident_id, event_type, state, district, first_event_date, last_event_date, names,
                   n_mentions, n_articles, unnest(names) AS name
            FROM incidents WHERE last_event_date >= ? AND first_event_date <= ?
        )
        SELECT i.incident_id, i.event_type, i.state, i.district, i.first_event_date, i.last_event_date, i.names,
               i.n_mentions, i.n_articles
        FROM i JOIN q ON i.event_type = q.event_type AND i.state IS NOT DISTINCT FROM q.state
         AND i.district IS NOT DISTINCT FROM q.district AND i.name = q.name
        WHERE i.last_event_date >= q.day - ? AND i.first_event_date <= q.day + ?
        """,
        [*column_lists(_PENDING_COLUMNS, wanted), first, last, WINDOW_DAYS, WINDOW_DAYS],
    ).fetchall()
    found: dict[str, _Incident] = {}
    for incident_id, kind, state, district, first_day, last_day, names, n_mentions, n_articles in rows:
        if incident_id not in found:
            found[incident_id] = _Incident(incident_id, (kind, state, district), first_day, last_day, set(names),
                                           stored_first=first_day, stored_counts=(n_mentions, n_articles))
    return list(found.values())


def assign_incidents(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    in_hand: Mapping[str, tuple[date, str]] | None = None,
    published_before: date | None = None,
) -> int:
    """Cluster every mention without an incident (in date order); returns how many were assigned.

    `in_hand` holds articles the caller has written (id to day, and text or lede), which are then not read back.
    `published_before` limits the pass to mentions of articles published (or fetched) before that day, so a
    re-clustering of many months can go a month at a time.
    """
    query = "SELECT mention_id, article_id, event_type, state, district, event_date, evidence FROM mentions"
    query += " WHERE incident_id IS NULL"
    if published_before is not None:
        query += f" AND article_id IN (SELECT article_id FROM articles WHERE {ARTICLE_DAY} < ?)"
    mentions = con.execute(query, [] if published_before is None else [published_before]).fetchall()
    if not mentions:
        return 0
    # Their articles are read by key: a join would scan every article's text to find the few it needs. An article's
    # lede is read once, however many mentions it has.
    wanted = {row[1] for row in mentions}
    in_hand = {article_id: article for article_id, article in (in_hand or {}).items() if article_id in wanted}
    ledes = [(article_id, day, text[:LEDE_CHARS]) for article_id, (day, text) in in_hand.items()]
    missing = sorted(wanted - in_hand.keys())
    if missing:
        ledes += con.execute(
            f"""
            SELECT article_id, {ARTICLE_DAY}, left(text, {LEDE_CHARS}) FROM articles
            WHERE article_id IN (SELECT unnest(?::VARCHAR[]))
            """,
            [missing],
        ).fetchall()
    articles = {
        article_id: (day, names_in([" ".join(s.text for s in split_sentences(lede)[:LEDE_SENTENCES])]))
        for article_id, day, lede in ledes
    }
    evidence_names: dict[str, set[str]] = {}
    named: list[tuple[str, str, str, str | None, str | None, date, set[str]]] = []
    for mention_id, article_id, kind, state, district, event_date, evidence in mentions:
        if article_id not in articles:
            continue
        published, lede_names = articles[article_id]
        if evidence not in evidence_names:  # one sentence often evidences several event types
            evidence_names[evidence] = names_in([evidence])
        named.append((mention_id, article_id, kind, state, district, event_date or published,
                      evidence_names[evidence] | lede_names))
    named.sort(key=lambda row: (row[5], row[0]))  # date order, as the clusters grow
    known: dict[str, _Incident] = {}
    # Only an incident sharing a name can take a mention, so candidates are looked up by (type and place, name).
    by_name: dict[tuple[tuple[str, str | None, str | None], str], dict[str, _Incident]] = {}
    wanted = [(kind, state, district, day, sorted(names)) for _, _, kind, state, district, day, names in named if names]
    for incident in _nearby(con, wanted) if wanted else []:
        known[incident.incident_id] = incident
        _index_names(by_name, incident, incident.names)
    assignments: list[tuple[str, str]] = []
    for mention_id, article_id, kind, state, district, day, names in named:
        key = (kind, state, district)
        candidates = {i.incident_id: i for name in names for i in by_name.get((key, name), {}).values()}
        ordered = sorted(candidates.values(), key=lambda i: (i.first, i.incident_id))  # ties go to the oldest
        target, reason = _match(ordered, day, names)
        if target is None:
            target = _Incident(_incident_id(mention_id), key, day, day, set(), article_id, is_new=True)
            known[target.incident_id] = target
            reason = "first report"
        target.first, target.last = min(target.first, day), max(target.last, day)
        _index_names(by_name, target, names - target.names)
        target.names |= names
        target.reasons.append(f"{mention_id}: {reason}")
        assignments.append((mention_id, target.incident_id, article_id))
    touched = {incident_id for _, incident_id, _ in assignments}
    _write(con, run_id, [known[incident_id] for incident_id in sorted(touched)], assignments)
    return len(assignments)


def _index_names(
    by_name: dict[tuple[tuple[str, str | None, str | None], str], dict[str, _Incident]],
    incident: _Incident,
    names: set[str],
) -> None:
    for name in names:
        by_name.setdefault((incident.key, name), {})[incident.incident_id] = incident


def _match(candidates: list[_Incident], day: date, names: set[str]) -> tuple[_Incident | None, str]:
    """The candidate within the date window, and still within `MAX_SPAN_DAYS` with this day, sharing the most
    names."""
    best: tuple[int, _Incident] | None = None
    for incident in candidates:
        gap = max((incident.first - day).days, (day - incident.last).days, 0)
        span = (max(incident.last, day) - min(incident.first, day)).days
        shared = names & incident.names
        if gap <= WINDOW_DAYS and span <= MAX_SPAN_DAYS and shared and (best is None or len(shared) > best[0]):
            best = (len(shared), incident)
    if best is None:
        return None, ""
    incident = best[1]
    gap = max((incident.first - day).days, (day - incident.last).days, 0)
    shared = ", ".join(sorted(names & incident.names))
    return incident, f"same type and place, {gap} days apart, shared names: {shared}"


_INCIDENT_COLUMNS = {
    "incident_id": TEXT, "event_type": TEXT, "state": TEXT, "district": TEXT, "first_event_date": DAY,
    "last_event_date": DAY, "lead_article_id": TEXT, "names": TEXTS, "merge_reasons": TEXTS, "created_run_id": TEXT,
    "updated_run_id": TEXT, "n_mentions": INT, "n_articles": INT, "n_sources": INT, "first_seen": MOMENT,
    "last_seen": MOMENT,
}

# Each mention of an incident (`own`: incident_id, mention_id, article_id) with its article's and that article's
# copies' outlet and first-seen time; counted in Python (`_counts`), since DuckDB's hash aggregates cost a load more
# in fixed set-up than the few hundred rows they would group.
_REPORTS = """
    WITH own AS ({own})
    SELECT o.incident_id, o.mention_id,
           a.article_id, coalesce(a.site_name, a.source),
           coalesce(a.feed_published_at, a.published_at::TIMESTAMP, a.fetched_at),
           c.article_id, coalesce(c.site_name, c.source),
           coalesce(c.feed_published_at, c.published_at::TIMESTAMP, c.fetched_at)
    FROM own o LEFT JOIN articles a ON a.article_id = o.article_id LEFT JOIN articles c ON c.duplicate_of = o.article_id
"""
_STORED_MENTIONS = """
    SELECT incident_id, mention_id, article_id FROM mentions WHERE incident_id IN (SELECT unnest(?::VARCHAR[]))
"""
_COUNT_COLUMNS = ("n_mentions", "n_articles", "n_sources", "first_seen", "last_seen")
_NO_REPORTS = (0, 0, 0, None, None)  # the column defaults: a new incident nothing reports keeps them
_KEPT = (None, None, None, None, None)  # a grown incident nothing reports keeps its stored counts
Counts = tuple[int, int, int, datetime, datetime]


def _counts(rows: list[tuple[Any, ...]]) -> dict[str, Counts]:
    """Per incident: mentions, reporting articles (copies included), outlets, first and last report. An incident
    whose articles are all missing gets no entry (its counts stay as they are)."""
    mentions: dict[str, set[str]] = {}
    reports: dict[str, dict[str, tuple[str, datetime]]] = {}
    for incident_id, mention_id, article_id, outlet, seen, copy_id, copy_outlet, copy_seen in rows:
        mentions.setdefault(incident_id, set()).add(mention_id)
        reported = reports.setdefault(incident_id, {})
        if article_id is not None:
            reported[article_id] = (outlet, seen)
        if copy_id is not None:
            reported[copy_id] = (copy_outlet, copy_seen)
    counts: dict[str, Counts] = {}
    for incident_id, reported in reports.items():
        if reported:
            seen_at = [seen for _, seen in reported.values()]
            counts[incident_id] = (len(mentions[incident_id]), len(reported),
                                   len({outlet for outlet, _ in reported.values()}), min(seen_at), max(seen_at))
    return counts


def _write(
    con: duckdb.DuckDBPyConnection, run_id: str, incidents: list[_Incident],
    assignments: list[tuple[str, str, str]],
) -> None:
    """Insert the new incidents and rewrite the grown ones, counts included, then link the mentions.

    The counts are taken before anything is written, from the stored mentions of the grown incidents plus this
    load's assignments, so each incident row is written once (a row with lists is rewritten whole by an UPDATE).
    """
    counts = _counts(
        con.execute(
            _REPORTS.format(own=f"{_STORED_MENTIONS} UNION ALL SELECT unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), "
                                "unnest(?::VARCHAR[])"),
            [[i.incident_id for i in incidents if not i.is_new], [i for _, i, _ in assignments],
             [m for m, _, _ in assignments], [a for _, _, a in assignments]],
        ).fetchall()
    )
    rows = [
        (i.incident_id, *i.key, i.first, i.last, i.lead_article_id, sorted(i.names), i.reasons, run_id, run_id,
         *counts.get(i.incident_id, _NO_REPORTS if i.is_new else _KEPT))
        for i in incidents
    ]
    insert_rows(con, "incidents", _INCIDENT_COLUMNS, [row for row, i in zip(rows, incidents) if i.is_new])
    with_rows(
        con, _INCIDENT_COLUMNS, [row for row, i in zip(rows, incidents) if not i.is_new],
        f"""
        UPDATE incidents SET first_event_date = b.first_event_date, last_event_date = b.last_event_date,
                             names = b.names, merge_reasons = list_concat(incidents.merge_reasons, b.merge_reasons),
                             updated_run_id = b.updated_run_id,
                             {", ".join(f"{c} = coalesce(b.{c}, incidents.{c})" for c in _COUNT_COLUMNS)}
        FROM {{batch}} b WHERE incidents.incident_id = b.incident_id
        """,
    )
    links = {"mention_id": TEXT, "incident_id": TEXT}
    con.execute(
        f"UPDATE mentions SET incident_id = t.incident_id FROM {unnested(links)} t "
        "WHERE mentions.mention_id = t.mention_id",
        column_lists(links, assignments),
    )
    _summarise(con, incidents, counts)


def _summarise(con: duckdb.DuckDBPyConnection, incidents: list[_Incident], counts: Mapping[str, Counts]) -> None:
    """Move the weekly summaries by what these incidents added, known here without reading incidents back; the weeks
    an incident left or joined by an earlier event date are recounted."""
    changes: list[summaries.WeekChange] = []
    moved: set[tuple[str, date]] = set()
    for incident in incidents:
        kind, state, district = incident.key
        if not district:
            continue
        week = summaries.week_of(incident.first)
        n_mentions, n_articles = counts[incident.incident_id][:2] if incident.incident_id in counts else (
            (0, 0) if incident.is_new else incident.stored_counts)
        if incident.is_new:
            changes.append(summaries.WeekChange(district, week, kind, state, 1, n_mentions, n_articles,
                                                incident.lead_article_id))
        elif incident.stored_first and summaries.week_of(incident.stored_first) != week:
            moved |= {(district, summaries.week_of(incident.stored_first)), (district, week)}
        else:
            stored_mentions, stored_articles = incident.stored_counts
            changes.append(summaries.WeekChange(district, week, kind, state, 0, n_mentions - stored_mentions,
                                                n_articles - stored_articles))
    summaries.recompute_weeks(con, moved, [c for c in changes if (c.district, c.week) not in moved])


def update_counts(con: duckdb.DuckDBPyConnection, incident_ids: list[str]) -> dict[str, Counts]:
    """Recount mentions, reporting articles (copies included), outlets and first/last report of these incidents;
    returns the counts written (an incident nothing reports keeps its row as it is)."""
    if not incident_ids:
        return {}
    counts = _counts(con.execute(_REPORTS.format(own=_STORED_MENTIONS), [incident_ids]).fetchall())
    if counts:
        columns = {"incident_id": TEXT, **{c: _INCIDENT_COLUMNS[c] for c in _COUNT_COLUMNS}}
        con.execute(
            f"""
            UPDATE incidents SET {", ".join(f"{c} = s.{c}" for c in _COUNT_COLUMNS)}
            FROM {unnested(columns)} s WHERE incidents.incident_id = s.incident_id
            """,
            column_lists(columns, [(incident_id, *values) for incident_id, values in counts.items()]),
        )
    return counts


def recount_copied(con: duckdb.DuckDBPyConnection, article_ids: list[str]) -> None:
    """Recount the incidents these originals report, now that they have gained copies, and move the weekly
    summaries by the change (a recount changes no incident's week)."""
    if not article_ids:
        return
    stored = con.execute(
        """
        SELECT incident_id, event_type, state, district, first_event_date, n_mentions, n_articles FROM incidents
        WHERE incident_id IN (SELECT incident_id FROM mentions WHERE article_id IN (SELECT unnest(?::VARCHAR[])))
        """,
        [article_ids],
    ).fetchall()
    counts = update_counts(con, [row[0] for row in stored])
    summaries.add_to_weeks(con, [
        summaries.WeekChange(district, summaries.week_of(first), kind, state, 0,
                             counts[incident_id][0] - n_mentions, counts[incident_id][1] - n_articles)
        for incident_id, kind, state, district, first, n_mentions, n_articles in stored
        if district and incident_id in counts
    ])


def incidents_of_articles(con: duckdb.DuckDBPyConnection, article_ids: list[str]) -> list[str]:
    """Incidents these articles report (a reclassification recounts them)."""
    rows = con.execute(
        """
        SELECT DISTINCT incident_id FROM mentions
        WHERE article_id IN (SELECT unnest(?::VARCHAR[])) AND incident_id IS NOT NULL
        """,
        [article_ids],
    ).fetchall()
    return [incident_id for (incident_id,) in rows]
