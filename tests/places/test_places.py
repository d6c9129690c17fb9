"""Matcher, disambiguation and attachment rules of extractors.places (original sentences)."""

from __future__ import annotations

import pytest

from extractors import places
from extractors.sentences import split_sentences


def where(text: str, event_type: str, index: int = 0, title: str | None = None) -> tuple:
    ctx = places.build_context(split_sentences(text), title=title)
    got = places.attach(ctx, index, event_type)
    return got.state, got.district


@pytest.mark.parametrize(
    ("text", "state", "district"),
    [
        ("Agents detained two men in Portland, Ore., on Monday.", "OR", "usao-or"),
        ("Agents detained two men in Portland, Maine, on Monday.", "ME", "usao-me"),
        ("Agents detained a cook in Kansas City, Kan., at dawn.", "KS", "usao-ks"),
        ("Agents detained a cook in Kansas City, Mo., at dawn.", "MO", "usao-wdmo"),
        ("Agents detained a cook in Columbia, S.C., at dawn.", "SC", "usao-sc"),
        ("Agents detained a cook in Springfield, Ill., at dawn.", "IL", "usao-cdil"),
        ("Agents detained a cook in Jackson, Tenn., at dawn.", "TN", "usao-wdtn"),
        ("Agents detained a cook in Aurora, Colo., at dawn.", "CO", "usao-co"),
        ("Agents detained a cook in Alexandria, Va., at dawn.", "VA", "usao-edva"),
        ("Agents detained a cook in Washington, D.C., at dawn.", "DC", "usao-dc"),
        ("Agents detained a vendor in the Bronx on Friday.", "NY", "usao-sdny"),
        ("Agents detained a vendor on Staten Island on Friday.", "NY", "usao-edny"),
        ("Agents detained a vendor in Brooklyn on Friday.", "NY", "usao-edny"),
    ],
)
def test_state_qualifiers_and_boroughs_decide_the_district(text: str, state: str, district: str) -> None:
    assert where(text, "enforcement_operation") == (state, district)


def test_dateline_places_an_event_without_a_place_of_its_own() -> None:
    text = "PORTLAND, Maine (AP) — Agents detained a man outside a shelter. Volunteers gathered there that night."
    assert where(text, "protest", 1) == ("ME", "usao-me")


def test_washington_dateline_is_not_a_place_for_national_stories() -> None:
    text = "WASHINGTON (AP) — The Department of Homeland Security said it would arrest anyone who interferes."
    assert where(text, "threat_of_prosecution") == (None, None)


def test_named_court_decides_the_district() -> None:
    text = "The administration argued its case in the U.S. District Court for the Central District of California."
    assert where(text, "civil_lawsuit") == ("CA", "usao-cdca")


def test_statewide_act_carries_state_only_unless_single_district() -> None:
    assert where("Gov. Tina Alvarez signed a law that bars masked agents in Illinois.", "legislation_policy") == ("IL", None)
    assert where("Minnesota's attorney general opened an inquiry into the raid.", "state_action_against_agents") == (
        "MN",
        "usao-mn",
    )


def test_city_act_carries_the_city_district() -> None:
    assert where("San Antonio's city council voted to limit police help to ICE.", "legislation_policy") == (
        "TX",
        "usao-wdtx",
    )


def test_list_of_cities_yields_each_jurisdiction() -> None:
    ctx = places.build_context(split_sentences("The district attorneys of Denver and Seattle vowed to charge agents."))
    got = places.attach_all(ctx, 0, "threat_of_prosecution")
    assert [(j.state, j.district) for j in got] == [("CO", "usao-co"), ("WA", "usao-wdwa")]


def test_passing_mentions_and_outlets_are_not_jurisdictions() -> None:
    text = "The Chicago Tribune said the agent, who grew up in Denver, fired at a car in Tulsa on Sunday."
    ctx = places.build_context(split_sentences(text))
    assert places.attach(ctx, 0, "use_of_force").district == "usao-ndok"
    assert places.article_jurisdictions(ctx) == (("OK",), ("usao-ndok",))


def test_national_actor_without_place_gets_no_jurisdiction() -> None:
    text = "Agents raided a farm near Salinas, Calif.\nThe White House vowed to prosecute anyone who interferes."
    assert where(text, "threat_of_prosecution", 1) == (None, None)


def test_paragraph_fallback_uses_the_nearest_preceding_place() -> None:
    text = "A federal judge in Tucson heard the case on Monday. She ordered the release of six detainees."
    assert where(text, "court_ruling", 1) == ("AZ", "usao-az")


def test_a_law_referred_back_to_is_placed_where_it_was_made() -> None:
    text = (
        "Lawmakers in Austin approved a bill that requires every Texas sheriff to join 287(g). "
        "Officials in Denver and Chicago criticised it.\n\n"
        "The law takes effect in January."
    )
    assert where(text, "legislation_policy", index=2) == ("TX", None)
    # Without a law named earlier the sentence stays unplaced, and other event types do not look back.
    assert where("Several cities objected.\n\nThe law takes effect in January.", "legislation_policy", 1) == (None, None)
    assert where(text, "protest", index=2) == (None, None)


def test_common_words_and_surnames_are_not_places() -> None:
    ctx = places.build_context(split_sentences("The Department of Justice and Judge Maria Jackson said Mobile phones were seized."))
    assert ctx.mentions[0] == []


def test_georgia_the_country_is_not_a_state() -> None:
    ctx = places.build_context(split_sentences("He fled Georgia after the war with Russia and sought asylum."))
    assert all(m.state != "GA" for m in ctx.mentions[0])


def test_facility_beats_city_precision() -> None:
    ctx = places.build_context(split_sentences("Protesters rallied at Delaney Hall in Newark, N.J., on Friday."))
    got = places.attach(ctx, 0, "protest")
    assert (got.district, got.precision) == ("usao-nj", "facility")


def test_title_is_sentence_minus_one() -> None:
    assert where("Agents made arrests.", "enforcement_operation", -1, title="ICE sweep hits Omaha") == ("NE", "usao-ne")


def test_matcher_handles_long_text_in_one_pass() -> None:
    text = " ".join(["Agents detained people in Fresno, Calif., and in Boise, Idaho."] * 200)
    ctx = places.build_context(split_sentences(text))
    assert sum(len(m) for m in ctx.mentions) == 400
