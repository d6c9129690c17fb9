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
