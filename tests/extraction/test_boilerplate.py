"""Each kind of residual boilerplate is removed, and news prose that merely shares its words is kept."""

from __future__ import annotations

import pytest

from extractors.boilerplate import classify_line, strip_boilerplate

BODY = [
    "Federal agents detained six people outside a laundromat in Cicero on Thursday, according to a village trustee "
    "who watched the arrests from across the street.",
    "The trustee said officers did not show a warrant and left within twenty minutes, before a crowd could form.",
    "A spokesperson for the agency said the people arrested had final orders of removal issued by an immigration "
    "judge in Chicago.",
]


def with_furniture(*furniture: str, at: int = 1) -> str:
    lines = BODY[:at] + list(furniture) + BODY[at:]
    return "\n".join(lines)


@pytest.mark.parametrize(
    ("kind", "furniture"),
    [
        ("donation", ["Keep Factually independent",
                      "Whether you agree or disagree with our analysis, these conversations matter for democracy. We "
                      "don't take money from political groups - even a $5 donation helps us keep it that way.",
                      "Loading...Goal: 1,000 supporters", "Loading..."]),
        ("donation", ["Support local journalism",
                      "The Bayou Record is a nonprofit newsroom. Become a member today."]),
        ("newsletter", ["Sign up for the Morning Brief to get the day's top stories delivered to your inbox."]),
        ("newsletter", ["You have 3 free articles remaining this month. Subscribe for unlimited access."]),
        ("comments", ["42 Comments"]),
        ("comments", ["Join the conversation"]),
        ("caption", ["Sheriff Ana Ruiz speaks in Cicero on 3 March 2026. Photograph: Lee Park/AP"]),
        ("caption", ["Agents leave the building on Tuesday. (AP Photo/Kim Soto)"]),
        ("caption", ["a man in a suit looks off to the side",
                     "The trustee at a meeting in Cicero on 2 January 2026. Photo by Mara Quinn for the Record"]),
        ("read_more", ["Read Entire Article"]),
        ("read_more", ["READ MORE: City council demands answers after weekend raids"]),
        ("read_more", ["Schools see attendance drop amid enforcement surge Continue reading"]),
        ("share", ["Share on Facebook Share on X Email"]),
        ("related", ["Related Stories", "Judge weighs request to limit crowd-control weapons",
                     "Sheriff ends jail agreement with federal authorities"]),
        ("section_label", ["CELEBRITY"]),
        ("date_stamp", ["Checked on November 18, 2025"]),
        ("date_stamp", ["Updated 3:15 PM EST, March 4, 2026"]),
        ("disclaimer", ["Disclaimer: Factually can make mistakes. Please verify important info. Learn more."]),
        ("cookie", ["We use cookies to personalise content. By continuing to browse, you accept our use of cookies."]),
        ("placeholder", ["Loading..."]),
        ("placeholder", ["Advertisement"]),
        ("relative_time", ["3 hours ago"]),
        ("copyright", ["Copyright 2026 The Associated Press. All rights reserved."]),
        ("caption", ["Families wait outside the center on Sunday. (Iris Novak/The Open Ledger)"]),
        ("donation", ["We are a reader-supported nonprofit. Donate to keep this reporting free."]),
        ("newsletter", ["Get our investigations delivered to your inbox."]),
        ("placeholder", ["Listen · 3:47"]),
        ("metadata_widget", ["Case: 23-7101"]),
        ("contact_prompt", ["Got a tip? Send it to tips@courtroomdispatch.example."]),
        ("republish", ["Republish This Story",
                       "Our stories may be republished for free under a Creative Commons license."]),
        ("disclaimer", ["This story was produced in partnership with a regional public radio station."]),
    ],
)
def test_furniture_between_paragraphs_is_removed(kind: str, furniture: list[str]) -> None:
    assert strip_boilerplate(with_furniture(*furniture)) == "\n".join(BODY), kind


def test_trailing_question_list_is_removed() -> None:
    questions = [
        "Want to dive deeper?",
        "What federal laws govern interference with immigration operations?",
        "How do sanctuary policies differ between counties?",
        "What rights do bystanders have when recording agents?",
    ]
    assert strip_boilerplate("\n".join(BODY + questions)) == "\n".join(BODY)


def test_a_single_closing_question_in_the_story_is_kept() -> None:
    text = "\n".join([*BODY, "Will the county keep its agreement with the agency?"])
    assert strip_boilerplate(text) == text


def test_headline_repeated_in_body_and_breaking_duplicate_are_removed() -> None:
    title = "Agents detain six outside Cicero laundromat"
    breaking = "BREAKING: " + BODY[0]
    text = "\n".join([breaking, breaking, title, *BODY])
    assert strip_boilerplate(text, title=title) == "\n".join(BODY)


def test_breaking_ticker_shown_twice_above_the_headline_is_removed() -> None:
    ticker = "BREAKING: Officials reportedly fear local prosecutors will begin charging federal agents."
    text = "\n".join(["CELEBRITY", ticker, ticker, "Agents Fear Local Charges", *BODY])
    assert strip_boilerplate(text, title="Agents Fear Local Charges") == "\n".join(BODY)


def test_a_breaking_lede_that_starts_the_story_is_kept() -> None:
    lede = "BREAKING: The county board voted 5-2 on Tuesday night to end its agreement with the agency."
    assert strip_boilerplate("\n".join([lede, *BODY])) == "\n".join([lede, *BODY])


def test_pull_quote_repeating_a_sentence_is_removed_once() -> None:
    pull = "The trustee said officers did not show a warrant and left within twenty minutes."
    text = "\n".join([BODY[0], pull, *BODY[1:]])
    assert strip_boilerplate(text) == "\n".join(BODY)


def test_press_release_ends_at_the_end_mark() -> None:
    text = "\n".join([*BODY, "###", "Topic", "Immigration", "Press Release Number: 26-101"])
    assert strip_boilerplate(text) == "\n".join(BODY)


def test_byline_and_author_note_are_removed() -> None:
    text = "\n".join(["By Dana Kowalski", *BODY, "Dana Kowalski is a staff writer covering immigration courts."])
    assert strip_boilerplate(text) == "\n".join(BODY)


def test_label_glued_to_a_paragraph_is_cut_off_and_the_paragraph_kept() -> None:
    glued = "News Networks" + BODY[2] + " The agency gave no further details about the people it arrested."
    out = strip_boilerplate("\n".join([*BODY[:2], glued]))
    assert out.splitlines()[-1].startswith("A spokesperson for the agency")


@pytest.mark.parametrize(
    "prose",
    [
        "The mayor's supporters rallied outside City Hall on Friday.",
        "A video by a bystander shows the agent firing twice through the windshield.",
        "Federal funding contributed to the program, officials said.",
        "More than 200 people gathered outside the courthouse.",
        "Subscribers to the county's emergency alert system received a warning at 6 a.m.",
        "Read the full complaint, the lawyer told reporters, and you will see what happened.",
        "The photo, taken by a neighbor, shows three agents in tactical vests.",
        "She said the newsletter of the sheriff's union had urged deputies to ignore the order, which union leaders deny.",
        "Anyone with information can email tips@fbi.example, the bureau said in a statement.",
        "The weekly newspaper republished the sheriff's letter in full on its front page.",
        "Count 2 of the indictment charges conspiracy to impede officers.",
    ],
)
def test_news_prose_with_furniture_words_is_kept(prose: str) -> None:
    assert classify_line(prose) is None
    assert prose in strip_boilerplate("\n".join([BODY[0], prose, *BODY[1:]]))


def test_paragraphs_stay_one_per_line() -> None:
    text = "  " + BODY[0] + "\n\n\n" + BODY[1].replace(" ", "  ") + "\r\n" + BODY[2]
    assert strip_boilerplate(text).split("\n") == BODY
