"""Reality, not rhetoric: negation, absence, speculation, explainers, trends, questions and hypotheticals are no events."""

from __future__ import annotations

import pytest

from tests.events.helpers import types

TRAPS = {
    "negation": "No ICE agents have been charged by state authorities in Oregon since the clashes began.",
    "negation_by_state": "There is no widespread evidence of immigration agents being arrested by local police.",
    "absence": "The records do not provide a tally of federal declinations in cases involving ICE in Arizona.",
    "worry": "ICE officials are worried that county prosecutors will begin charging agents under state law.",
    "speculation": "Legal experts say federal prosecutors may soon drop the case against the Durham pastor accused "
                   "of impeding ICE.",
    "considering": "Minnesota officials are considering state charges against the ICE officer.",
    "explainer": "Obstructing an immigration officer can be a felony, and assaulting an ICE agent can be charged "
                 "under federal law.",
    "trend": "Indictments of federal immigration officers are rare.",
    "question": "Did the grand jury refuse to indict the protester accused of assaulting an ICE officer?",
    "hypothetical": "If a county prosecutor charged an ICE agent, the case would be moved to federal court.",
    "rhetoric": "The mayor told ICE to get out of the city and said the agents should be ashamed.",
    "explainer_287g": "A 287(g) agreement lets deputies question people about their immigration status.",
}


@pytest.mark.parametrize("text", TRAPS.values(), ids=TRAPS.keys())
def test_trap_has_no_event(text: str) -> None:
    assert types(text) == set()


def test_quoted_threat_is_a_threat_not_a_charge() -> None:
    text = ('"If an ICE officer assaults a Bostonian, that officer must be arrested and prosecuted," the state '
            "senator said in a statement.")
    assert types(text) == {"threat_of_prosecution"}


def test_quoted_felony_warning_is_a_threat() -> None:
    text = ('"Anybody who lays a hand on an ICE officer is committing a felony," the White House adviser said '
            "on television.")
    assert types(text) == {"threat_of_prosecution"}


def test_policy_to_threaten_is_a_policy_not_a_threat() -> None:
    text = ("District attorneys in places like Oregon and Washington have adopted policies to limit ICE access or "
            "to threaten prosecution when state law is violated.")
    assert types(text) == {"legislation_policy"}


def test_explainer_article_shape_yields_nothing() -> None:
    text = (
        "Interfering with ICE and interfering with local police carry different legal risks.\n"
        "Federal law treats obstruction of federal officers as a serious offense, and ICE can arrest people in public "
        "without a judicial warrant.\n"
        "Advocacy groups warn that expanded 287(g) agreements turn local police into deportation agents.\n"
        "Reporting shows an increase in aggressive ICE tactics under recent policy shifts.\n"
        "Want to know more?\nWhat laws govern interference with ICE operations?"
    )
    assert types(text) == set()


def test_negated_refusal_to_cooperate_is_still_a_policy() -> None:
    text = "Last year, the mayors of Denver and Tucson promised that their police would not cooperate with ICE."
    assert types(text) == {"legislation_policy"}


def test_trend_in_another_clause_does_not_hide_a_threat() -> None:
    text = ("Prosecutors face hurdles when charging obstruction - intent is typically required - and DOJ officials "
            "have publicly threatened prosecution of those who interfere with ICE, even while indictments remain "
            "uncommon.")
    assert types(text) == {"threat_of_prosecution"}


def test_trend_spans_a_dashed_list_of_examples() -> None:
    text = ("The increasingly aggressive tactics of ICE agents – from a helicopter raid in Chicago to tear gas in "
            "Portland – worry state officials.")
    assert types(text) == set()
