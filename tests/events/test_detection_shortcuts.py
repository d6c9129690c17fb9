"""Shortcuts of the detector and the scan must decide exactly as the long way round they replace."""

from __future__ import annotations

import pytest

from extractors.events import _CAPTION_MARKS, CAPTION_HINTS, _clause_before, _Context
from extractors.sentences import split_sentences
from extractors.vocabulary import cue_bits, lower, scan
from tests.events.helpers import types

ARTICLE = (
    "CHICAGO — Federal agents arrested 14 people in a raid on Monday, the mayor said; officials would not confirm it. "
    "No agents have been charged, and prosecutors may soon decide whether to charge a protester who was detained.\n\n"
    "ICE said the operation, which began at dawn, would continue. The council, who could not agree, met later.\n\n"
    "Protesters gathered outside the Broadview processing center - then the police arrived."
)


@pytest.mark.parametrize("mark", _CAPTION_MARKS)
def test_every_caption_mark_holds_a_hint_so_no_caption_is_missed(mark: str) -> None:
    assert any(hint in mark for hint in CAPTION_HINTS)


@pytest.mark.parametrize("credit", ["Photograph: Ana Ruiz/AP", "AP Photo/Lee Park", "Image: Getty Images", "Credit: M. Diaz"])
def test_a_caption_paragraph_yields_no_event_whatever_its_mark(credit: str) -> None:
    text = f"Federal agents conduct a raid at a flea market in Chicago on Saturday. {credit}"
    assert "enforcement_operation" in types(text.removesuffix(credit))
    assert types(text) == set()


def test_scanning_an_article_gives_each_sentence_the_bits_it_has_alone() -> None:
    """The scan keeps a sentence's bits in a local until the next sentence: none may leak into a neighbour or be lost."""
    lowercase = [lower(sentence.text) for sentence in split_sentences(ARTICLE)]
    title = lower("Agents raid Chicago market")
    found = scan(lowercase, title)
    assert found.bits == [cue_bits(text) for text in [*lowercase, title]]
    assert len({bits for bits in found.bits}) > 3


def test_a_memoised_clause_is_the_clause_of_its_own_trigger() -> None:
    lowercase = [lower(sentence.text) for sentence in split_sentences(ARTICLE)]
    context = _Context(lowercase, scan(lowercase))
    verdicts = set()
    for index, text in enumerate(lowercase):
        for start in range(len(text) + 1):
            expected = _clause_before(text, start)
            assert context.clause_before(index, start) == expected
            assert context.clause_before(index, start) is context.clause_before(index, start)
            verdicts.add(expected[1])
    assert verdicts == {True, False}
