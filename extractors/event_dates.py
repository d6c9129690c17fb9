"""When an event happened, resolved from the words of its sentence relative to the publication date.

A background sentence ("In June, the mayor signed ...") must carry June, not this week, so the warehouse merges it
into the incident it recounts. Vague periods resolve to their first day ("in October" -> Oct 1, "last year" -> Jan 1).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from extractors.keywords import find_words, keyword_automaton

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_WEEKDAYS = {name: index for index, name in enumerate("monday tuesday wednesday thursday friday saturday sunday".split())}

_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

# One alternation tried (anchored) where a hint word starts, so the most specific form wins at each position.
_DATE = re.compile(
    rf"(?:{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?\b"
    rf"|{_DAY.replace('day>', 'day2>')}\s+{_MONTH.replace('month>', 'month2>')}(?:,?\s+{_YEAR.replace('year>', 'year2>')})?\b"
    rf"|{_MONTH.replace('month>', 'month3>')}(?:,?\s+{_YEAR.replace('year>', 'year3>')})?\b"
    rf"|{_YEAR.replace('year>', 'year4>')}\b"
    rf"|(?i:(?P<last>last|this past|earlier this|this)\s+(?P<period>week|month|year|spring|summer|fall|autumn|winter))\b"
    rf"|(?i:last)\s+{_WEEKDAY.replace('weekday>', 'weekday2>')}"
    rf"|{_WEEKDAY}"
    rf"|(?i:(?P<relday>yesterday|today|next day|following day|same day|that day|day before))\b)"
)
# A bare month or year is a date only after a preposition or article ("in June", "the June raid", "since 2024"), not as
# a count ("2024 arrests") or a modal ("May agents ...").
_PREPOSITION = re.compile(
    r"\b(?:in|since|during|of|by|until|early|late|mid-?|last|through|from|to|and|or|a|an|the|that)\s*$", re.IGNORECASE
)
_AGO = re.compile(
    r"\b(?P<count>\d+|a|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?P<unit>days?|weeks?|months?|years?)\s+ago\b",
    re.IGNORECASE,
)
# Words that can begin a date expression: the big regex is only tried, anchored, where one of them starts a word.
_STARTS = keyword_automaton(
    {word: "date" for word in [*_MONTHS, *_WEEKDAYS, "last", "this", "earlier", "yesterday", "today", "next",
                               "following", "same", "that", "day"]}
    | {str(digit) + "*": "date" for digit in range(10)}
    | {"ago": "ago"}
)
_SMALL_NUMBERS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}
_SMALL_NUMBERS |= {"nine": 9, "ten": 10}
_SEASONS = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}
_DAYS_PER_UNIT = {"day": 1, "week": 7, "month": 30, "year": 365}


def resolve_date(
    text: str, published: date | None, near: int = 0, anchor: date | None = None
) -> date | None:
    """The date the sentence `text` gives for its event, the expression nearest to offset `near` winning.

    `anchor` is the date of the previous dated sentence, for "the next day" / "the same day".
    """
    return nearest_date(stated_dates(text, published, anchor), near)


def stated_dates(text: str, published: date | None, anchor: date | None = None) -> list[tuple[int, date]]:
    """(offset, date) of every date expression of the sentence `text`, in order: read once for a sentence whose events
    each take the one nearest their own trigger (see `nearest_date`)."""
    found: list[tuple[int, date]] = []
    for start, kind in find_words(_STARTS, text.lower()):
        if kind == "ago":
            match = _AGO.search(text, max(0, start - 20), start + 3)
            resolved = _ago(match, published) if match else None
        else:
            match = _DATE.match(text, start)
            resolved = _resolve(match, text, published, anchor) if match else None
        if resolved is not None and match is not None:
            found.append((match.start(), resolved))
    return found


def nearest_date(found: list[tuple[int, date]], near: int) -> date | None:
    """The date of `stated_dates` nearest offset `near` (the first of equally near ones)."""
    best: tuple[int, date] | None = None
    for start, resolved in found:
        distance = abs(start - near)
        if best is None or distance < best[0]:
            best = (distance, resolved)
    return best[1] if best else None


def _ago(match: re.Match[str], published: date | None) -> date | None:
    if published is None:
        return None
    count = _SMALL_NUMBERS.get(match["count"].lower()) or int(match["count"])
    return published - timedelta(days=_DAYS_PER_UNIT[match["unit"].lower().rstrip("s")] * count)


def _resolve(match: re.Match[str], text: str, published: date | None, anchor: date | None) -> date | None:
    groups = match.groupdict()
    for month_key, day_key, year_key in (("month", "day", "year"), ("month2", "day2", "year2")):
        if groups[month_key]:
            return _calendar(groups[month_key], int(groups[day_key]), groups[year_key], published)
    preposition = _PREPOSITION.search(text, max(0, match.start() - 12), match.start())
    # "the largest since 2020" compares with a year; it does not date the event.
    if (groups["month3"] or groups["year4"]) and (not preposition or groups["year4"] and preposition[0].startswith("since")):
        return None
    if groups["month3"]:
        return _calendar(groups["month3"], 1, groups["year3"], published)
    if groups["year4"]:
        return date(int(groups["year4"]), 1, 1)
    if published is None:
        return anchor if groups["relday"] and groups["relday"].lower() in ("same day", "that day") else None
    if groups["period"]:
        return _period(groups["last"].lower(), groups["period"].lower(), published)
    if groups["weekday2"]:
        return _previous_weekday(groups["weekday2"], published, strictly_before=True)
    if groups["weekday"]:
        return _previous_weekday(groups["weekday"], published, strictly_before=False)
    return _relative_day(groups["relday"].lower(), published, anchor)


def _calendar(month_name: str, day: int, year: str | None, published: date | None) -> date | None:
    month = _MONTHS[month_name.lower().rstrip(".")]
    if year:
        chosen_year = int(year)
    elif published is None:
        return None
    else:
        chosen_year = published.year
    try:
        resolved = date(chosen_year, month, day)
    except ValueError:
        return None
    # News recounts the past: an undated month after the publication date is last year's.
    if not year and published is not None and resolved > published + timedelta(days=7):
        resolved = resolved.replace(year=chosen_year - 1)
    return resolved


def _period(which: str, period: str, published: date) -> date:
    if period == "week":
        monday = published - timedelta(days=published.weekday())
        return monday - timedelta(days=7) if which in ("last", "this past") else monday
    if period == "month":
        first = published.replace(day=1)
        return (first - timedelta(days=1)).replace(day=1) if which in ("last", "this past") else first
    if period == "year":
        return date(published.year - 1 if which in ("last", "this past") else published.year, 1, 1)
    start = date(published.year, _SEASONS[period], 1)
    if which in ("last", "this past") or start > published:
        start = start.replace(year=published.year - 1)
    return start


def _previous_weekday(name: str, published: date, strictly_before: bool) -> date:
    back = (published.weekday() - _WEEKDAYS[name.lower()]) % 7
    if back == 0 and strictly_before:
        back = 7
    return published - timedelta(days=back)


def _relative_day(word: str, published: date, anchor: date | None) -> date | None:
    if word == "yesterday":
        return published - timedelta(days=1)
    if word == "today":
        return published
    if anchor is None:
        return None
    if word in ("next day", "following day"):
        return anchor + timedelta(days=1)
    if word == "day before":
        return anchor - timedelta(days=1)
    return anchor
