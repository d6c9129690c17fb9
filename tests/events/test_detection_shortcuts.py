"""Shortcuts of the detector and the scan must decide exactly as the long way round they replace."""

from __future__ import annotations

import random

import pytest

from extractors.event_rules import GATE_BITS, RULE_BY_GATE, RULES
from extractors.events import _CAPTION_MARKS, _RELATIVE_MODAL, _SELECTING_BITS, CAPTION_HINTS, _clause_before, rules_for
from extractors.relevance import _ICE_CONTEXT, has_ice_context
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


ICE_TEXTS = [
    "ICE said Tuesday that its Chicago Field Office had detained 12 people; AGENTS wore masks and drove unmarked VEHICLES.",
    "Freezing rain and black ICE closed roads near Duluth, and crews salted the bridges overnight before the morning rush.",
    "An ICE spokeswoman declined to comment.—ICE OFFıCERS arrived later, the Kelvin \u212a note and ſpokesman aside.",
    "ICE ICE",
    "ICE " + "xxraids ZZAgents " * 12 + "ICE",  # every cut of the window lands inside these words once
]


@pytest.mark.parametrize("text", ICE_TEXTS)
def test_ice_context_on_ascii_windows_reads_as_the_case_blind_search(text: str) -> None:
    """The ASCII shortcut must find what the case-insensitive search over the same window finds, at every offset
    (windows cut mid-word, at the text's ends, and with non-ASCII letters that fold to ASCII ones)."""
    for start in range(len(text)):
        expected = _ICE_CONTEXT.search(text, max(0, start - 60), start + 70) is not None
        assert has_ice_context(text, start) == expected, (text, start)


def test_the_ice_texts_hold_both_verdicts() -> None:
    verdicts = {has_ice_context(text, start) for text in ICE_TEXTS for start in range(len(text))}
    assert verdicts == {True, False}


def test_rules_are_selected_by_gate_and_sentence_needs_in_declaration_order() -> None:
    """`rules_for` stands for walking the set gate bits upward and testing each rule's sentence needs."""
    rng = random.Random(5)
    wanted = {rule.gate.bit for rule in RULES} | {rule.sentence_bits for rule in RULES}
    selected_any = 0
    for _ in range(400):
        bits = 0
        for bit in rng.sample(sorted(wanted), rng.randint(0, len(wanted))):
            bits |= bit
        expected = []
        gates = bits & GATE_BITS
        while gates:  # the lowest set gate first
            gate = gates & -gates
            gates ^= gate
            rule = RULE_BY_GATE[gate]
            if bits & rule.sentence_bits == rule.sentence_bits:
                expected.append(rule)
        assert list(rules_for(bits & _SELECTING_BITS)) == expected
        selected_any += bool(expected) and len(expected) < len(RULES)
    assert selected_any > 100


@pytest.mark.parametrize(
    "text",
    ["a raid that will be", "the which  can", "officers, which could", "thatwould", "that\tmay", "no modal here"],
)
def test_the_relative_modal_is_only_looked_for_where_its_pronoun_is(text: str) -> None:
    """`_clause_before` skips the relative-modal substitution without "that", "which" or "who": none can match there
    (the texts hold no clause break, so the clause is the whole text)."""
    assert _clause_before(text, len(text)) == _RELATIVE_MODAL.sub(" ", text)
    if _RELATIVE_MODAL.search(text):
        assert any(pronoun in text for pronoun in ("that", "which", "who"))
