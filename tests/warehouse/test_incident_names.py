"""Which words of an evidence sentence or lede count as a person's surname when incidents are clustered."""

from __future__ import annotations

from warehouse.incidents import names_in


def test_people_are_named_by_their_surname_possessive_or_not():
    assert names_in(["Prosecutors say Marisol Quintana-Reyes pushed an officer."]) == {"quintana-reyes"}
    assert names_in(["Tobias Renwick's lawyer said he would appeal."]) == {"renwick"}
    assert names_in(["Tobias Renwick’s hearing was moved to Friday."]) == {"renwick"}
    assert names_in(["ABERNATHY, 41, was charged on Monday."]) == {"abernathy"}


def test_titles_at_either_end_of_a_run_are_not_names():
    assert names_in(["First Assistant U.S. Attorney Dana Whitlow declined the case."]) == {"whitlow"}
    assert names_in(["The case went to a First Assistant U.S. Attorney."]) == set()
    assert names_in(["California Gov. Ines Marlowe signed the bill."]) == {"marlowe"}


def test_courts_bodies_and_groups_are_not_people():
    # Each of these once gave a "surname" (circuit, county's, project) shared by unrelated events in one state and
    # week, which merged them into one incident.
    assert names_in(["The Ninth Circuit sided with the state on Friday."]) == set()
    assert names_in(["Cook County's sheriff said the jail would not hold anyone."]) == set()
    assert names_in(["Lawyers for the Immigrant Rights Project filed the suit."]) == set()


def test_a_run_after_an_article_is_a_thing_not_a_person():
    # Newspapers, teams, laws and stores: each gave a surname (globe, wild, act, depot) that merged unrelated events.
    assert names_in(["The officer told the Boston Globe he was never asked for papers."]) == set()
    assert names_in(["The Minnesota Wild postponed the game."]) == set()
    assert names_in(["Agents detained four men outside a Home Depot in Cicero."]) == set()
    assert names_in(["The arrest was made under the Laken Riley Act, said Nadia Ferro."]) == {"ferro"}


def test_a_possessive_ends_the_owner_s_name():
    assert names_in(["Agents fanned out across Houston's Gulfton neighborhood."]) == set()
    assert names_in(["Governor Maura Healey's Office said it was not told."]) == {"healey"}


def test_headlines_charges_and_statute_words_are_not_surnames():
    assert names_in(["Bronx Man Charged After Scuffle With Agents"]) == set()
    assert names_in(["He faces up to eight years under the U.S. Sentencing Guidelines."]) == set()
    assert names_in(["Enforcement and Removal Operations officers made the arrest."]) == set()


def test_accented_names_are_read_whole():
    assert names_in(["said Ana Lucía Ferreira, who runs the clinic."]) == {"ferreira"}
    assert names_in(["José Ángel Núñez was held overnight."]) == {"núñez"}
