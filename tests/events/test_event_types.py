"""Each of the twelve taxonomy types is found from who did what to whom."""

from __future__ import annotations

import pytest

from tests.events.helpers import hits, types

CASES = [
    ("federal_charge", "Federal prosecutors in Tucson charged a man on Monday with assaulting a Border Patrol agent at a "
     "checkpoint south of the city."),
    ("federal_charge", "A grand jury in Atlanta indicted a woman accused of ramming an ICE vehicle in Doraville."),
    ("federal_declination", "Prosecutors in the Eastern District of Michigan dropped the charges against a Dearborn "
     "man accused of impeding ICE officers."),
    ("federal_declination", "A federal grand jury in Raleigh declined to indict a student accused of assaulting an "
     "immigration officer."),
    ("case_resolution", "A Tacoma man pleaded guilty to assaulting a federal officer outside the Northwest ICE "
     "Processing Center."),
    ("state_action_against_agents", "The Washtenaw County prosecutor charged an ICE officer with assault after a "
     "confrontation in Ypsilanti."),
    ("state_action_against_agents", "New Mexico's attorney general launched an investigation into the Border Patrol "
     "agents involved in the Las Cruces shooting."),
    ("court_ruling", "A federal judge in Seattle issued an injunction barring ICE from arresting people at the King "
     "County courthouse."),
    ("legislation_policy", "The Oakland City Council passed an ordinance that bars police from sharing data with ICE."),
    ("use_of_force", "Federal agents fired tear gas at residents in Logan Square during an immigration arrest."),
    ("enforcement_operation", "ICE agents raided a landscaping company in Bethesda on Tuesday, detaining 12 workers."),
    ("protest", "Hundreds of people rallied outside the ICE field office in Detroit on Sunday."),
    ("threat_of_prosecution", "The U.S. Attorney in Portland warned that anyone who damages the ICE building will be "
     "prosecuted."),
    ("resignation", "The top federal prosecutor in Kansas City resigned over orders to charge people who film ICE "
     "arrests."),
    ("civil_lawsuit", "The ACLU of Texas sued ICE in federal court in Houston over conditions at the Montgomery "
     "Processing Center."),
]


@pytest.mark.parametrize(("event_type", "text"), CASES)
def test_each_type_is_found(event_type: str, text: str) -> None:
    assert event_type in types(text)


def test_state_prosecutors_charging_an_agent_is_state_action_not_federal_charge() -> None:
    found = types("Cook County prosecutors charged a Border Patrol agent with battery for striking a protester.")
    assert "state_action_against_agents" in found
    assert "federal_charge" not in found


def test_protester_charged_with_assault_is_a_charge_not_use_of_force() -> None:
    found = types("A protester who punched an ICE officer in Portland was charged with assaulting a federal officer.")
    assert found == {"federal_charge"}


def test_dropped_case_reports_the_declination_not_the_old_charge() -> None:
    found = types("Prosecutors dropped the case against a man charged with impeding ICE agents in Chicago.")
    assert found == {"federal_declination"}


def test_one_sentence_can_carry_several_types() -> None:
    found = types("As ICE agents descended on a market in Queens, New York's attorney general launched a portal to "
                  "gather evidence of misconduct by federal agents.")
    assert {"enforcement_operation", "state_action_against_agents"} <= found


def test_hit_points_at_its_sentence_and_quotes_it_as_evidence() -> None:
    text = ("The weather was mild in Minneapolis. An ICE officer shot a man during a traffic stop in Minneapolis "
            "on Monday.")
    (force,) = [hit for hit in hits(text) if hit.type == "use_of_force"]
    assert force.sentence == 1
    assert force.evidence == "An ICE officer shot a man during a traffic stop in Minneapolis on Monday."
    assert 0 < force.confidence <= 1


def test_photo_captions_yield_nothing() -> None:
    text = ("Officials in Chicago said little on Tuesday.\n"
            "Federal agents conduct a raid on a flea market in Chicago on 4 October 2025. Photograph: Jane Roe/AP")
    assert types(text) == set()
