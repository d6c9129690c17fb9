"""The relevance gate: U.S. immigration enforcement in, ICE the drug / exchange / hockey / weather out."""

from __future__ import annotations

import pytest

from extractors.events import RELEVANCE_THRESHOLD, relevance

ON_TOPIC = [
    "ICE agents arrested a father outside a school in Aurora on Tuesday.",
    "Federal prosecutors dropped charges against a protester accused of impeding immigration officers.",
    "Border Patrol agents fanned out across Charlotte in a new deportation push.",
]
OFF_TOPIC = [
    "Police seized a pound of crystal meth, known on the street as ice, during a traffic stop in Billings.",
    "Intercontinental Exchange (ICE) reported record volume in energy futures as investors bought Brent crude.",
    "The Wild's goalie left the ice in the second period of Tuesday's NHL game.",
    "An ice storm left black ice on highways across Dallas, and road crews spread salt overnight.",
    "Fill the glass with ice cubes, add the bourbon and stir.",
    "The county prosecutor charged a man with assaulting a police officer during a traffic stop.",
]


@pytest.mark.parametrize("text", ON_TOPIC)
def test_immigration_enforcement_is_relevant(text: str) -> None:
    assert relevance(text) >= RELEVANCE_THRESHOLD


@pytest.mark.parametrize("text", OFF_TOPIC)
def test_false_friends_are_off_topic(text: str) -> None:
    assert relevance(text) < RELEVANCE_THRESHOLD


def test_title_counts_and_score_stays_in_range() -> None:
    body = "Officials met on Tuesday to discuss the budget."
    assert relevance(body) == 0.0
    titled = relevance(body, title="ICE raids shake Chicago's immigrant neighborhoods")
    assert RELEVANCE_THRESHOLD <= titled <= 1.0
