"""Every event carries its own date: from the text where it says when, else the publication date."""

from __future__ import annotations

from datetime import date

import pytest

from extractors.event_dates import resolve_date
from tests.events.helpers import hits

PUBLISHED = date(2026, 1, 14)  # a Wednesday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Agents raided the market on Tuesday.", date(2026, 1, 13)),
        ("Agents raided the market on Wednesday.", date(2026, 1, 14)),
        ("Agents raided the market last Wednesday.", date(2026, 1, 7)),
        ("Agents raided the market last week.", date(2026, 1, 5)),
        ("Agents raided the market in October.", date(2025, 10, 1)),
        ("Agents raided the market on Oct. 14.", date(2025, 10, 14)),
        ("Agents raided the market on Jan. 2.", date(2026, 1, 2)),
        ("The mayor signed the order last year.", date(2025, 1, 1)),
        ("Agents raided the market on 21 October 2025.", date(2025, 10, 21)),
        ("The laws took effect on 1 January.", date(2026, 1, 1)),
        ("Agents raided the market two weeks ago.", date(2025, 12, 31)),
        ("Agents raided the market yesterday.", date(2026, 1, 13)),
        ("The June raid was the largest.", date(2025, 6, 1)),
        ("Agents raided the market in 2024.", date(2024, 1, 1)),
    ],
)
def test_resolve_date(text: str, expected: date) -> None:
    assert resolve_date(text, PUBLISHED) == expected


@pytest.mark.parametrize(
    "text",
    ["Agents made 2024 arrests.", "May agents enter a church?", "The protest was the largest since 2020.",
     "Agents raided the market."],
)
def test_no_date_in_text(text: str) -> None:
    assert resolve_date(text, PUBLISHED) is None


def test_the_next_day_counts_from_the_previous_date() -> None:
    assert resolve_date("The next day, she called for arrests.", PUBLISHED, anchor=date(2025, 10, 1)) == date(2025, 10, 2)


def test_background_paragraph_is_dated_when_it_happened() -> None:
    text = ("ICE agents arrested a man in Boston on Monday.\n"
            "In June, Boston's mayor signed an executive order limiting police cooperation with ICE.")
    dated = {hit.type: hit for hit in hits(text, PUBLISHED)}
    assert dated["enforcement_operation"].event_date == date(2026, 1, 12)
    assert dated["legislation_policy"].event_date == date(2025, 6, 1)
    assert dated["legislation_policy"].date_source == "text"


def test_undated_event_takes_the_publication_date() -> None:
    found = hits("Federal agents fired tear gas at protesters in Broadview.", PUBLISHED)
    (hit,) = [hit for hit in found if hit.type == "use_of_force"]
    assert (hit.event_date, hit.date_source) == (PUBLISHED, "published")


def test_later_sentence_of_a_paragraph_inherits_its_date() -> None:
    text = "In October, agents swept through Charlotte. Protesters gathered outside the ICE office in Charlotte."
    dated = {hit.type: hit for hit in hits(text, PUBLISHED)}
    assert dated["protest"].event_date == date(2025, 10, 1)
